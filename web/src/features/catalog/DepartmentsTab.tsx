/** 职能部门: add a department to a county, and edit one (name, the categories it owns, active), counties by name. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category, Department } from '../../../../core/schemas/catalog.response';
import { CountyField } from '../regions/CountyField';
import { useCreateDepartment, useUpdateDepartment } from './catalog.api';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

export function DepartmentsTab({ departments, categories, county }: { departments: Department[]; categories: Category[]; county: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [createForm] = Form.useForm();
  const [editForm] = Form.useForm();
  const [editing, setEditing] = useState<Department | null>(null);
  const create = useCreateDepartment();
  const update = useUpdateDepartment({ form: editForm });
  const saved = (r: { ok: boolean }) => r.ok && void message.success(t('grids.saved'));
  const leaves = categories.filter((c) => c.parentId).map((c) => ({ value: c.id, label: c.name }));
  const nameOf = (id: string) => categories.find((c) => c.id === id)?.name;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('catalog.newDepartment')}>
        <Form form={createForm} layout="vertical" initialValues={{ countyCode: county }} onFinish={(v) => void create.run({ countyCode: v.countyCode, name: v.name, categoryIds: v.categoryIds ?? [] }).then((r) => { saved(r); if (r.ok) createForm.resetFields(); })}>
          <Space wrap align="end">
            <Form.Item name="countyCode" label={t('catalog.county')} rules={[{ required: true, message: t('catalog.countyRequired') }]} style={{ minWidth: 220 }}><CountyField /></Form.Item>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="categoryIds" label={t('catalog.owns')} style={{ minWidth: 280 }}><Select mode="multiple" options={leaves} optionFilterProp="label" /></Form.Item>
            <Form.Item><Button htmlType="submit" type="primary" loading={create.pending}>{t('common.ok')}</Button></Form.Item>
          </Space>
        </Form>
      </Card>
      <ResponsiveTable size="small" rowKey="id" dataSource={departments} pagination={false} scroll={{ x: 720 }} columns={[
        { title: t('common.name'), dataIndex: 'name' },
        { title: t('catalog.county'), dataIndex: 'countyName', render: (n: string | null) => n ?? '—' },
        { title: t('catalog.owns'), dataIndex: 'categoryIds', render: (ids: string[]) => ids.map((i) => <Tag key={i}>{nameOf(i) ?? t('catalog.unknownCategory')}</Tag>) },
        { title: t('users.status'), dataIndex: 'active', render: (a: boolean | undefined) => (a === false ? <Tag>{t('catalog.inactive')}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
        { title: t('common.actions'), render: (_: unknown, d: Department) => (
          <Button size="small" onClick={() => { setEditing(d); editForm.setFieldsValue({ name: d.name, categoryIds: d.categoryIds, active: d.active !== false }); }}>{t('users.edit')}</Button>
        ) },
      ]} />
      <Modal
        open={!!editing}
        title={`${t('users.edit')} ${editing?.name ?? ''}`}
        onCancel={() => setEditing(null)}
        confirmLoading={update.pending}
        afterOpenChange={(o) => o && update.begin()}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onOk={async () => {
          const r = await update.run(async () => ({ id: editing!.id, body: await editForm.validateFields() }));
          if (r.ok) {
            saved(r);
            setEditing(null);
          }
        }}
      >
        <Form form={editForm} layout="vertical">
          <Form.Item label={t('catalog.county')}>{editing?.countyName ?? '—'}</Form.Item>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="categoryIds" label={t('catalog.owns')} extra={t('catalog.ownsHint')}><Select mode="multiple" options={leaves} optionFilterProp="label" /></Form.Item>
          <Form.Item name="active" label={t('users.status')} valuePropName="checked"><Switch checkedChildren={t('users.active')} unCheckedChildren={t('catalog.inactive')} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
