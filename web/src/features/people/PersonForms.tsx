/** Forms of the registry: register a person, add a household, put a person into a household (by ID number). */
import { App, Form, Input, Modal, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Intent } from '../../data/use-action';
import { registryWrites, useRegistryWrite } from './people.api';

/**
 * Validates, sends (with the intent's Idempotency-Key), and on success says so, clears the form and tells the page;
 * the server's problems land on the fields. `send` answers false when it refused by itself (said on the form).
 */
export function useSave(form: FormInstance, send: (values: Record<string, unknown>, intent: Intent) => Promise<unknown>, onSaved: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const write = useRegistryWrite(({ v }: { v: Record<string, unknown> }, intent: Intent) => send(v, intent), { form });
  return async () => {
    const r = await write.run(async () => ({ v: await form.validateFields() }));
    if (!r.ok || r.result === false) return;
    message.success(t('people.saved'));
    form.resetFields();
    onSaved();
  };
}

/**
 * Saves a form as a new record (POST to `collection`, with `extra`) or as a correction of `existing` (PATCH to
 * `collection/id` with the version read); empty fields are not sent.
 */
export function useCreateOrCorrect(form: FormInstance, collection: string, existing: { id: string; version: number } | undefined, extra: Record<string, unknown>, onSaved: () => void) {
  return useSave(form, (v, i) => registryWrites.createOrCorrect(collection, existing, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '')), extra, i), onSaved);
}

/** Select options `code name` from a code table. */
export const options = (codes: Record<string, string>) => Object.entries(codes).map(([value, label]) => ({ value, label: `${value} ${label}` }));

/** 登记人员: the ID number decides sex and birth date; the server checks everything again. */
export function PersonModal({ open, grid, types, ethnicities, onClose, onSaved }: { open: boolean; grid?: string; types: Record<string, string>; ethnicities: Record<string, string>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, (v, i) => registryWrites.createPerson({ ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')), gridCode: grid }, i), onSaved);
  return (
    <Modal open={open} title={t('people.addPerson')} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ personType: '01' }} data-testid="person-form">
        <Form.Item name="name" label={t('people.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="idNumber" label={t('people.idNumber')}><Input maxLength={18} /></Form.Item>
        <Form.Item name="phone" label={t('people.phone')}><Input maxLength={20} /></Form.Item>
        <Form.Item name="personType" label={t('people.type')} rules={[{ required: true }]}><Select options={options(types)} /></Form.Item>
        <Form.Item name="ethnicity" label={t('people.ethnicity')}><Select allowClear showSearch optionFilterProp="label" options={options(ethnicities)} /></Form.Item>
        <Form.Item name="address" label={t('people.address')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 新建户 in the current grid. */
export function HouseholdModal({ open, grid, onClose, onSaved }: { open: boolean; grid?: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, (v, i) => registryWrites.createHousehold({ ...v, gridCode: grid }, i), onSaved);
  return (
    <Modal open={open} title={t('people.addHousehold')} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ riskLevel: 'normal' }}>
        <Form.Item name="address" label={t('people.address')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="number" label={t('people.householdNumber')}><Input maxLength={40} /></Form.Item>
        <Form.Item name="riskLevel" label={t('people.risk')}><Select options={['normal', 'attention', 'key'].map((r) => ({ value: r, label: t(`people.riskLevel.${r}`) }))} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 加入成员: the person is found by exact ID number (names are not searchable by part). */
export function MemberModal({ open, householdId, relations, onClose, onSaved }: { open: boolean; householdId?: string; relations: Record<string, string>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, async (v, i) => {
    const found = await registryWrites.findByIdNumber(String(v.idNumber));
    if (!found.items[0]) {
      form.setFields([{ name: 'idNumber', errors: [t('people.notRegistered')] }]);
      return false;
    }
    return registryWrites.addMember(householdId!, { personId: found.items[0].id, relation: v.relation, head: v.relation === '02' }, i);
  }, onSaved);
  return (
    <Modal open={open} title={t('people.addMember')} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="idNumber" label={t('people.idNumber')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={18} /></Form.Item>
        <Form.Item name="relation" label={t('people.relation')} rules={[{ required: true, message: t('common.required') }]}><Select showSearch optionFilterProp="label" options={options(relations)} /></Form.Item>
      </Form>
    </Modal>
  );
}
