/**
 * Changing the registry: a person's fields (name and phone are masked on screen, so they are typed anew or left
 * empty), a person's move to another grid, a household's head and risk level, and an extension record with the
 * fields of its kind (a migrant's reason, origin and residence permit; a foreigner's visa).
 */
import { DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { HouseholdCard, PersonCard } from '../../../../core/schemas/people.response';
import { options, useSave } from './PersonForms';
import { GridField } from './RegistryScope';
import { registryWrites, useCodes } from './people.api';

type Editable = Pick<PersonCard, 'id' | 'version' | 'personType' | 'ethnicity' | 'address' | 'name'>;
type HouseholdEditable = Pick<HouseholdCard, 'id' | 'version' | 'number' | 'address' | 'riskLevel' | 'note' | 'headPersonId' | 'members'>;

const filled = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
const day = (d: unknown) => (dayjs.isDayjs(d) ? d.format('YYYY-MM-DD') : undefined);

/** 修改人员信息: only what is filled in (or changed) is sent, with the version read. */
export function PersonEditModal({ open, person, types, ethnicities, onClose, onSaved }: { open: boolean; person?: Editable; types: Record<string, string>; ethnicities: Record<string, string>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, (v, i) => {
    const body: Record<string, unknown> = { ...filled({ name: v.name, phone: v.phone }), version: person!.version };
    if (v.personType !== person!.personType) body.personType = v.personType;
    if ((v.ethnicity ?? null) !== person!.ethnicity) body.ethnicity = v.ethnicity ?? null;
    if ((v.address ?? '') !== (person!.address ?? '')) body.address = v.address || null;
    return registryWrites.updatePerson(person!.id, body, i);
  }, onSaved);
  return (
    <Modal open={open} title={`${t('people.edit')} · ${person?.name ?? ''}`} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ personType: person?.personType, ethnicity: person?.ethnicity ?? undefined, address: person?.address ?? '' }} data-testid="person-edit-form">
        <Typography.Paragraph type="secondary">{t('people.editMaskedHint')}</Typography.Paragraph>
        <Form.Item name="name" label={t('people.name')}><Input maxLength={50} placeholder={person?.name} /></Form.Item>
        <Form.Item name="phone" label={t('people.phone')}><Input maxLength={20} /></Form.Item>
        <Form.Item name="personType" label={t('people.type')}><Select options={options(types)} /></Form.Item>
        <Form.Item name="ethnicity" label={t('people.ethnicity')}><Select allowClear showSearch optionFilterProp="label" options={options(ethnicities)} /></Form.Item>
        <Form.Item name="address" label={t('people.address')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 人员迁移: a person without a household to another grid of the worker's scope, chosen by name (no cap on grids). */
export function PersonMoveModal({ open, personId, onClose, onSaved }: { open: boolean; personId?: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, (v, i) => registryWrites.movePerson(personId!, filled(v), i), onSaved);
  return (
    <Modal open={open} title={t('people.movePerson')} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="person-move-form">
        <Form.Item name="gridCode" label={t('people.toGrid')} rules={[{ required: true, message: t('common.required') }]}><GridField /></Form.Item>
        <Form.Item name="address" label={t('people.newAddress')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="reason" label={t('people.moveReason')} rules={[{ required: true, min: 2, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 修改户信息: head (a member), risk level, number, address, note. */
export function HouseholdEditModal({ open, household, onClose, onSaved }: { open: boolean; household?: HouseholdEditable; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSave(form, (v, i) => registryWrites.updateHousehold(household!.id, { ...filled(v), version: household!.version }, i), onSaved);
  return (
    <Modal open={open} title={t('people.editHousehold')} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="household-edit-form"
        initialValues={{ riskLevel: household?.riskLevel, number: household?.number ?? '', address: household?.address, note: household?.note ?? '', headPersonId: household?.headPersonId ?? undefined }}>
        <Form.Item name="headPersonId" label={t('people.head')}><Select options={(household?.members ?? []).map((m) => ({ value: m.id, label: m.name }))} /></Form.Item>
        <Form.Item name="riskLevel" label={t('people.risk')}><Select options={['normal', 'attention', 'key'].map((r) => ({ value: r, label: t(`people.riskLevel.${r}`) }))} /></Form.Item>
        <Form.Item name="number" label={t('people.householdNumber')}><Input maxLength={40} /></Form.Item>
        <Form.Item name="address" label={t('people.address')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="note" label={t('people.note')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

const categoryTable: Record<string, string> = { special_group: 'special_group', youth: 'youth_type', care: 'care_group' };

/** 登记类别: an extension record; the sensitive note is stored encrypted and shown only through a reveal. */
export function RecordModal({ open, personId, onClose, onSaved }: { open: boolean; personId?: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const category = Form.useWatch('category', form) as string | undefined;
  const categories = useCodes(categoryTable[kind ?? ''] ?? 'special_group');
  const reasons = useCodes('move_reason');
  const save = useSave(form, (v, i) => {
    // Field names match the server's (body.data.permitExpiry…), so its problems land on the right field.
    const d = (v.data ?? {}) as Record<string, unknown>;
    const data = filled({ ...d, arrivedOn: day(d.arrivedOn), permitExpiry: day(d.permitExpiry), visaExpiry: day(d.visaExpiry), nationality: typeof d.nationality === 'string' ? d.nationality.toUpperCase() : undefined });
    const body = filled({ kind: v.kind, category: v.category, riskLevel: v.riskLevel === undefined || v.riskLevel === null ? undefined : String(v.riskLevel), since: day(v.since) });
    return registryWrites.addRecord(personId!, { ...body, ...(Object.keys(data).length ? { data } : {}), ...(v.sensitiveNote ? { sensitive: { note: v.sensitiveNote } } : {}) }, i);
  }, onSaved);
  return (
    <Modal open={open} title={t('people.addRecord')} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'migrant' }} data-testid="record-form">
        <Form.Item name="kind" label={t('people.recordKind')}><Select options={['migrant', 'left_behind', 'foreign', 'special_group', 'youth', 'care'].map((k) => ({ value: k, label: t(`people.kind.${k}`) }))} /></Form.Item>
        {kind && categoryTable[kind] && <Form.Item name="category" label={t('people.category')} rules={[{ required: true, message: t('common.required') }]}><Select options={options(categories)} /></Form.Item>}
        {kind === 'special_group' && category === '03' && <Form.Item name="riskLevel" label={t('people.mentalGrade')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0} max={5} /></Form.Item>}
        {kind === 'migrant' && (
          <>
            <Form.Item name={['data', 'reason']} label={t('people.moveInReason')}><Select allowClear options={options(reasons)} /></Form.Item>
            <Form.Item name={['data', 'origin']} label={t('people.origin')}><Input maxLength={12} placeholder="510102" /></Form.Item>
            <Form.Item name={['data', 'arrivedOn']} label={t('people.arrivedOn')}><DatePicker /></Form.Item>
            <Form.Item name={['data', 'permitNumber']} label={t('people.permitNumber')}><Input maxLength={40} /></Form.Item>
            <Form.Item name={['data', 'permitExpiry']} label={t('people.permitExpiry')}><DatePicker /></Form.Item>
          </>
        )}
        {kind === 'foreign' && (
          <>
            <Form.Item name={['data', 'nationality']} label={t('people.nationality')}><Input maxLength={3} placeholder="MNG" /></Form.Item>
            <Form.Item name={['data', 'visaExpiry']} label={t('people.visaExpiry')}><DatePicker /></Form.Item>
          </>
        )}
        {kind === 'left_behind' && <Form.Item name={['data', 'parentsWhere']} label={t('people.parentsWhere')}><Input maxLength={200} /></Form.Item>}
        <Form.Item name="since" label={t('people.recordSince')}><DatePicker /></Form.Item>
        <Form.Item name="sensitiveNote" label={t('people.sensitiveNote')} extra={t('people.sensitiveNoteHint')}><Input.TextArea maxLength={2000} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
