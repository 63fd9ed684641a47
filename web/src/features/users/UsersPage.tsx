/** User administration: list under my scope, create, and the security administrator's actions. */
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../core/schemas/auth.schema';
import { personRoles, totpRequiredRoles } from '../../../../core/roles';
import { formatTime } from '../../format';
import type { UserRow } from '../../../../core/schemas/users.response';
import { UserCreateSchema, UserPasswordResetSchema } from '../../../../core/schemas/users.schema';
import { usePagedList } from '../../data/use-paged-list';
import { useUrlState } from '../../data/url-state';
import { rulesFor } from '../../data/zod-rules';
import { RegionTreeSelect } from '../regions/RegionTreeSelect';
import { useDepartments } from '../catalog/catalog.api';
import { useCreateUser, useResetPassword, useUpdateUser, useUserCommand } from './users.api';
import { ResponsiveTable } from '../../ui/ResponsiveTable';

/** Only what the dialog changed: a name change alone needs no grant check and ends no session. */
function changedFields(u: UserRow, v: { displayName: string; role: string; scopeCode: string }) {
  return Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== u[k as keyof UserRow]));
}

export function UsersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [{ q }, setUrl] = useUrlState({ q: '' });
  const list = usePagedList<UserRow>({ path: '/api/users', params: { q } });
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

  const createUser = useCreateUser({ form });
  const updateUser = useUpdateUser({ form: editForm });
  const setDisabled = useUpdateUser();
  const departments = useDepartments().data ?? [];
  const newRole = Form.useWatch('role', form) as string | undefined;
  const command = useUserCommand();
  const resetPassword = useResetPassword({ form: resetForm });
  const actionsDone = (r: { ok: boolean }) => {
    if (r.ok) void message.success(t('users.actionsDone'));
    return r.ok;
  };

  const create = async () => {
    const r = await createUser.run(() => form.validateFields());
    if (!r.ok) return;
    message.success(t('users.created'));
    setCreating(false);
    form.resetFields();
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search placeholder={t('users.username')} allowClear defaultValue={q} onSearch={(v) => setUrl({ q: v, page: undefined })} style={{ width: 240 }} />
        {canCreate && creatableRoles.length > 0 && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('users.create')}</Button>}
      </Space>
      <ResponsiveTable
        rowKey="id"
        size="middle"
        {...list.tableProps}
        scroll={{ x: 900 }}
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
                      <Button size="small" onClick={() => { setEditing(u); editForm.setFieldsValue({ displayName: u.displayName, role: u.role, scopeCode: u.scopeCode }); }}>
                        {t('users.edit')}
                      </Button>
                    )}
                    {u.id !== me.id && grants(u.role) && (
                      <Button size="small" onClick={() => { setResetting(u); resetForm.resetFields(); }}>{t('users.resetPassword')}</Button>
                    )}
                    {security && u.locked && <Button size="small" onClick={() => void command.run({ id: u.id, command: 'unlock' }).then(actionsDone)}>{t('users.unlock')}</Button>}
                    {security && u.totpEnrolled && u.id !== me.id && (
                      <Popconfirm title={t('users.resetTotp')} onConfirm={() => void command.run({ id: u.id, command: 'reset-totp' }).then(actionsDone)}>
                        <Button size="small">{t('users.resetTotp')}</Button>
                      </Popconfirm>
                    )}
                    {security && u.id !== me.id && (
                      <Popconfirm title={u.disabled ? t('users.enableConfirm') : t('users.disableConfirm')} onConfirm={() => void setDisabled.run({ id: u.id, body: { disabled: !u.disabled } }).then(actionsDone)}>
                        <Button size="small" danger={!u.disabled}>{u.disabled ? t('users.enable') : t('users.disable')}</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <Modal open={creating} title={t('users.create')} onOk={create} confirmLoading={createUser.pending} afterOpenChange={(o) => o && createUser.begin()} onCancel={() => setCreating(false)} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ scopeCode: me.scopeCode }}>
          <Form.Item name="username" label={t('users.username')} rules={rulesFor(UserCreateSchema, 'username')}><Input /></Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={rulesFor(UserCreateSchema, 'displayName')}><Input /></Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
            <Select options={creatableRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="scopeCode" label={t('regions.scope')} extra={t('regions.scopeHint')} rules={[{ required: true, message: t('users.scopeRequired') }]}><RegionTreeSelect data-testid="user-scope" /></Form.Item>
          {newRole === 'handler' && (
            <Form.Item name="departmentId" label={t('users.department')} rules={[{ required: true, message: t('users.departmentRequired') }]}>
              <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          )}
          <Form.Item name="password" label={t('users.password')} extra={t('users.initialPasswordHint')} rules={[...rulesFor(UserCreateSchema, 'password'), { min: 8, message: t('common.minLength', { n: 8 }) }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!editing}
        title={`${t('users.edit')} ${editing?.username ?? ''}`}
        onCancel={() => setEditing(null)}
        confirmLoading={updateUser.pending}
        onOk={async () => {
          const r = await updateUser.run(async () => ({ id: editing!.id, body: changedFields(editing!, await editForm.validateFields()) }));
          if (actionsDone(r)) setEditing(null);
        }}
        afterOpenChange={(o) => o && updateUser.begin()}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
      >
        <Form form={editForm} layout="vertical">
          <Form.Item name="displayName" label={t('users.displayName')} rules={rulesFor(UserCreateSchema, 'displayName')}><Input maxLength={50} /></Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
            <Select options={rolesLike(editing?.role ?? '').map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="scopeCode" label={t('regions.scope')} extra={t('users.editScopeHint')} rules={[{ required: true, message: t('users.scopeRequired') }]}><RegionTreeSelect data-testid="edit-scope" /></Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!resetting}
        title={`${t('users.resetPassword')} ${resetting?.username ?? ''}`}
        onCancel={() => setResetting(null)}
        confirmLoading={resetPassword.pending}
        onOk={async () => {
          const r = await resetPassword.run(async () => ({ id: resetting!.id, password: (await resetForm.validateFields()).password }));
          if (!r.ok) return;
          message.success(t('users.passwordReset'));
          setResetting(null);
        }}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={resetForm} layout="vertical">
          <Form.Item name="password" label={t('users.password')} extra={t('users.resetPasswordHint')} rules={[...rulesFor(UserPasswordResetSchema, 'password'), { min: 8, message: t('common.minLength', { n: 8 }) }]}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
