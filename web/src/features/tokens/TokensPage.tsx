/** Integration tokens: issue (shown once), list, revoke. */
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { formatTime } from '../../format';
import type { TokenRow } from '../../../../core/schemas/users.response';
import { TokenCreateSchema } from '../../../../core/schemas/tokens.schema';
import { rulesFor } from '../../data/zod-rules';
import { RegionTreeSelect } from '../regions/RegionTreeSelect';
import { useIssueToken, useRevokeToken, useTokens } from './tokens.api';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

export function TokensPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const rows = useTokens().data ?? [];
  const [issued, setIssued] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const issue = useIssueToken({ form });
  const revoke = useRevokeToken();
  const create = async () => {
    const r = await issue.run(() => form.validateFields());
    if (!r.ok) return;
    setIssued(r.result.token);
    setOpen(false);
  };

  return (
    <>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button type="primary" onClick={() => setOpen(true)}>{t('tokens.create')}</Button>
        {issued && <Alert type="warning" showIcon closable onClose={() => setIssued(null)} message={t('tokens.once')} description={<Typography.Text code copyable>{issued}</Typography.Text>} />}
        <ResponsiveTable rowKey="id" dataSource={rows} pagination={false} scroll={{ x: 720 }} columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('users.scope'), dataIndex: 'scopeName', render: (n: string | null) => n ?? '—' },
          { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatTime(v) },
          { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatTime(v) },
          { title: t('users.status'), render: (_: unknown, r: TokenRow) => (r.revoked ? <Tag>{t('tokens.revoked')}</Tag> : Date.parse(r.expiresAt) <= Date.now() ? <Tag>{t('tokens.expired')}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
          { title: t('common.actions'), render: (_: unknown, r: TokenRow) => !r.revoked && (
            <Popconfirm title={t('tokens.revoke')} onConfirm={() => void revoke.run(r.id)}>
              <Button size="small" danger>{t('tokens.revoke')}</Button>
            </Popconfirm>
          ) },
        ]} />
      </Space>
      <Modal open={open} title={t('tokens.create')} onOk={create} confirmLoading={issue.pending} afterOpenChange={(o) => o && issue.begin()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ scopeCode: me.scopeCode }}>
          <Form.Item name="name" label={t('tokens.name')} rules={rulesFor(TokenCreateSchema, 'name')}><Input /></Form.Item>
          <Form.Item name="scopeCode" label={t('regions.scope')} extra={t('tokens.scopeHint')} rules={[{ required: true, message: t('users.scopeRequired') }]}><RegionTreeSelect data-testid="token-scope" /></Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')}><InputNumber min={1} max={3650} placeholder="365" style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
