/** 登记场所 / 修改场所: a place or organisation of the grid; the contact is stored encrypted and shown masked. */
import { Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { options, useCreateOrCorrect } from './PersonForms';

import type { PlaceRow } from '../../../../core/schemas/people.response';

/** Creates a place in `grid`, or corrects `place` (masked contact fields are typed anew or left empty). */
export function PlaceModal({ open, grid, place, kinds, onClose, onSaved }: { open: boolean; grid?: string; place?: PlaceRow; kinds: Record<string, string>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useCreateOrCorrect(form, '/api/places', place, { gridCode: grid }, onSaved);
  return (
    <Modal open={open} title={place ? t('people.editPlace') : t('people.addPlace')} onOk={save} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="place-form"
        initialValues={place ? { kind: place.kind, name: place.name, creditCode: place.creditCode ?? undefined, address: place.address ?? undefined, staffCount: place.staffCount ?? undefined, lat: place.lat ?? undefined, lng: place.lng ?? undefined } : { kind: '01' }}>
        <Form.Item name="kind" label={t('people.placeKind')} rules={[{ required: true }]}><Select options={options(kinds)} /></Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="creditCode" label={t('people.creditCode')}><Input maxLength={18} /></Form.Item>
        <Form.Item name="address" label={t('people.address')}><Input maxLength={200} /></Form.Item>
        {place && <Typography.Paragraph type="secondary">{t('people.contact')}：{[place.contactName, place.contactPhone].filter(Boolean).join(' ') || '—'} · {t('people.editMaskedHint')}</Typography.Paragraph>}
        <Space>
          <Form.Item name="contactName" label={t('people.contactName')}><Input maxLength={50} /></Form.Item>
          <Form.Item name="contactPhone" label={t('people.contactPhone')}><Input maxLength={20} /></Form.Item>
        </Space>
        <Form.Item name="staffCount" label={t('people.staffCount')}><InputNumber min={0} max={1_000_000} /></Form.Item>
        <PointFields />
      </Form>
    </Modal>
  );
}

/** Latitude and longitude inputs (WGS-84); the server checks the point lies in the record's grid. */
export function PointFields() {
  const { t } = useTranslation();
  return (
    <Space>
      <Form.Item name="lat" label={t('people.lat')}><InputNumber min={-90} max={90} step={0.0001} /></Form.Item>
      <Form.Item name="lng" label={t('people.lng')}><InputNumber min={-180} max={180} step={0.0001} /></Form.Item>
    </Space>
  );
}
