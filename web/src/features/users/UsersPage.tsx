/** User administration: list under my scope, create, and the security administrator's actions. */
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { personRoles, totpRequiredRoles } from '../../../../core/roles';
import { formatTime } from '../../format';
import { api, ApiError } from '../../api';

interface UserRow {
  id: string; username: string; displayName: string; role: string; scopeCode: string; scopeName: string | null;
  totpEnrolled: boolean; locked: boolean; disabled: boolean; lastLoginAt: string | null;
}

export function UsersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [data, setData] = useState<{ items: UserRow[]; total: number }>({ items: [], total: 0 });
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [form] = Form.useForm();
  const [editForm] = Form.useForm();
  const [resetForm] = Form.useForm();
  const canCreate = me.permissions.includes('user:create') || me.permissions.includes('user:security');
  const security = me.permissions.includes('user:security');
  // 三权分立: the system administrator makes business accounts, the security administrator administrators.
  const grants = (role: string) => (totpRequiredRoles.includes(role as never) ? security : me.permissions.includes('user:create'));
  const creatableRoles = personRoles.filter(grants);
  // A role changes only within its own kind (administrator or business), by the one who grants that kind.
  const rolesLike = (role: string) => personRoles.filter((r) => grants(r) && totpRequiredRoles.includes(r) === totpRequiredRoles.includes(role as never));

  const load = useCallback(() => {
    const qs = new URLSearchParams({ page: String(page), pageSize: '20', ...(q ? { q } : {}) });
    api<{ items: UserRow[]; total: number }>(`/api/users?${qs}`).then(setData);
  }, [page, q]);
  useEffect(load, [load]);

  const act = async (path: string, method: string, body?: unknown) => {
    try {
      await api(path, { method, body });
      message.success(t('users.actionsDone'));
      load();
    } catch (e) {
      message.error(e instanceof ApiError ? e.body.message : String(e));
    }
  };

  const create = async () => {
    const v = await form.validateFields();
    try {
      await api('/api/users', { method: 'POST', body: v });
      message.success(t('users.created'));
      setCreating(false);
      form.resetFields();
      load();
    } catch (e) {
      if (e instanceof ApiError) {
        message.error(e.body.message);
        form.setFields((e.body.details ?? []).map((d) => ({ name: d.path.replace(/^body\./, ''), errors: [d.message] })));
      }
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search placeholder={t('users.username')} allowClear onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} />
        {canCreate && creatableRoles.length > 0 && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('users.create')}</Button>}
      </Space>
      <Table
        rowKey="id"
        size="middle"
        dataSource={data.items}
        scroll={{ x: 900 }}
        pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage, showTotal: (n) => t('common.total', { n }), showSizeChanger: false }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (r: string) => t(`role.${r}`) },
          { title: t('users.scope'), dataIndex: 'scopeName' },
          { title: t('users.totp'), dataIndex: 'totpEnrolled', render: (v: boolean) => (v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
          {
            title: t('users.status'),
            render: (_: unknown, u: UserRow) => (u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : u.locked ? <Tag color="red">{t('users.locked')}</Tag> : <Tag color="blue">{t('users.active')}</Tag>),
          },
          { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatTime(v) },
          ...(canCreate
            ? [{
                title: t('common.actions'),
                render: (_: unknown, u: UserRow) => (
                  <Space size="small">
                    {u.id !== me.id && grants(u.role) && (
                      <Button size="small" onClick={() => { setEditing(u); editForm.setFieldsValue({ role: u.role, scopeCode: u.scopeCode }); }}>
                        {t('users.edit')}
                      </Button>
                    )}
                    {u.id !== me.id && grants(u.role) && (
                      <Button size="small" onClick={() => { setResetting(u); resetForm.resetFields(); }}>{t('users.resetPassword')}</Button>
                    )}
                    {security && u.locked && <Button size="small" onClick={() => act(`/api/users/${u.id}/unlock`, 'POST', {})}>{t('users.unlock')}</Button>}
                    {security && u.totpEnrolled && u.id !== me.id && (
                      <Popconfirm title={t('users.resetTotp')} onConfirm={() => act(`/api/users/${u.id}/reset-totp`, 'POST', {})}>
                        <Button size="small">{t('users.resetTotp')}</Button>
                      </Popconfirm>
                    )}
                    {security && u.id !== me.id && (
                      <Button size="small" danger={!u.disabled} onClick={() => act(`/api/users/${u.id}`, 'PATCH', { disabled: !u.disabled })}>
                        {u.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                    )}
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <Modal open={creating} title={t('users.create')} onOk={create} onCancel={() => setCreating(false)} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ scopeCode: me.scopeCode }}>
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,64}$/ }]}><Input /></Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
            <Select options={creatableRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="scopeCode" label={t('users.scopeCode')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
          <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 8 }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!editing}
        title={`${t('users.edit')} ${editing?.username ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = await editForm.validateFields();
          await act(`/api/users/${editing!.id}`, 'PATCH', v);
          setEditing(null);
        }}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
      >
        <Form form={editForm} layout="vertical">
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
            <Select options={rolesLike(editing?.role ?? '').map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="scopeCode" label={t('users.scopeCode')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!resetting}
        title={`${t('users.resetPassword')} ${resetting?.username ?? ''}`}
        onCancel={() => setResetting(null)}
        onOk={async () => {
          const v = await resetForm.validateFields();
          try {
            await api(`/api/users/${resetting!.id}/password`, { method: 'POST', body: v });
            message.success(t('users.passwordReset'));
            setResetting(null);
          } catch (e) {
            if (e instanceof ApiError) resetForm.setFields([{ name: 'password', errors: [e.body.details?.[0]?.message ?? e.body.message] }]);
          }
        }}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={resetForm} layout="vertical">
          <Form.Item name="password" label={t('users.password')} extra={t('users.resetPasswordHint')} rules={[{ required: true, min: 8 }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
