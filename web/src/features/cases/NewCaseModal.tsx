/** Operator entry for walk-in, letter, phone, video and hotline reports, and the grid worker's patrol finds. */
import { useState } from 'react';
import { App, Cascader, Col, Form, Input, Modal, Row, Select, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseCreateSchema } from '../../../../core/schemas/cases.schema';
import { rulesFor } from '../../data/zod-rules';
import { PlaceFields, usePlace } from '../regions/PlaceFields';
import { useCreateCase } from './cases.api';

// The server names the point's problems on `lat` (outside the grids, outside my area): shown on the place field.
const fieldOf = (f: string) => (f === 'categoryId' ? 'category' : f === 'phone' ? 'reporterPhone' : f === 'lat' || f === 'lng' ? 'villageCode' : f);

export function NewCaseModal({ open, onClose, onCreated, tree }: { open: boolean; onClose: () => void; onCreated: (code: string) => void; tree: { value: string; label: string; children: { value: string; label: string }[] }[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const place = usePlace(form);
  const create = useCreateCase({ form, rename: fieldOf });
  const submit = async () => {
    const r = await create.run(async () => {
      const v = await form.validateFields();
      return {
        channel: v.channel, categoryId: v.category[1], description: v.description, tier: v.tier || undefined,
        ...place.body(v.villageCode),
        address: v.address || undefined, reporterName: v.reporterName || undefined, reporterPhone: v.reporterPhone || undefined,
        uploadIds: files.map((f) => (f.response as { id: string } | undefined)?.id).filter(Boolean),
      };
    });
    if (!r.ok) return;
    message.success(t('cases.created', { code: r.result.code }));
    form.resetFields();
    setFiles([]);
    place.clear();
    onCreated(r.result.code);
  };
  return (
    <Modal open={open} title={t('cases.new')} onOk={submit} confirmLoading={create.pending} onCancel={onClose} width={720} destroyOnHidden afterOpenChange={(o) => o && create.begin()}>
      <Form form={form} layout="vertical" initialValues={{ channel: 'visit' }}>
        <Row gutter={12}>
          <Col xs={24} sm={12}><Form.Item name="channel" label={t('cases.channel')} rules={[{ required: true }]}><Select data-testid="case-channel" options={['visit', 'letter', 'phone', 'video', 'hotline', 'patrol', 'alarm'].map((x) => ({ value: x, label: t(`channel.${x}`) }))} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="category" label={t('cases.category')} rules={[{ required: true }]}><Cascader data-testid="case-category" options={tree} /></Form.Item></Col>
        </Row>
        <Form.Item name="description" label={t('cases.description')} rules={rulesFor(CaseCreateSchema, 'description')}><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item>
        <PlaceFields place={place} label={t('regions.village')} testId="case-village" />
        <Form.Item name="address" label={t('cases.address')}><Input maxLength={200} /></Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}><Form.Item name="reporterName" label={t('cases.reporterName')}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="reporterPhone" label={t('cases.reporterPhone')}><Input maxLength={30} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="tier" label={t('cases.tierOverride')}><Select allowClear options={['minor', 'tricky', 'complex', 'hard'].map((x) => ({ value: x, label: t(`tier.${x}`) }))} /></Form.Item></Col>
        </Row>
        <Upload action="/api/uploads" listType="picture" accept="image/*,audio/*" maxCount={10} fileList={files} onChange={({ fileList }) => setFiles(fileList)}><a>{t('action.addPhoto')}</a></Upload>
      </Form>
    </Modal>
  );
}
