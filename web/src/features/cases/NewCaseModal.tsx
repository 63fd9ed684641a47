/** Operator entry for walk-in, letter, phone, video and hotline reports, and the grid worker's patrol finds. */
import { useEffect, useState } from 'react';
import { App, Cascader, Col, Form, Input, Modal, Row, Select, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseCreateSchema } from '../../../../core/schemas/cases.schema';
import { rulesFor } from '../../data/zod-rules';
import { PointPicker, type PickedPoint } from '../regions/PointPicker';
import { RegionTreeSelect } from '../regions/RegionTreeSelect';
import { useRootRegion } from '../regions/regions.api';
import { useCreateCase } from './cases.api';

// The server names the point's problems on `lat` (outside the grids, outside my area): shown on the place field.
const fieldOf = (f: string) => (f === 'categoryId' ? 'category' : f === 'phone' ? 'reporterPhone' : f === 'lat' || f === 'lng' ? 'villageCode' : f);

export function NewCaseModal({ open, onClose, onCreated, tree }: { open: boolean; onClose: () => void; onCreated: (code: string) => void; tree: { value: string; label: string; children: { value: string; label: string }[] }[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [point, setPoint] = useState<PickedPoint | null>(null);
  const village = Form.useWatch('villageCode', form) as string | undefined;
  const root = useRootRegion().data;
  const create = useCreateCase({ form, rename: fieldOf });
  // Another village picked from the tree: the point (in the old one) no longer says where the case is.
  useEffect(() => {
    if (point?.village && village && village !== point.village.code) setPoint(null);
  }, [village, point]);
  // A point inside a grid names its village: the tree follows the map.
  const picked = (p: PickedPoint) => {
    setPoint(p);
    if (p.village) form.setFieldValue('villageCode', p.village.code);
    void form.validateFields(['villageCode']).catch(() => undefined);
  };
  const submit = async () => {
    const r = await create.run(async () => {
      const v = await form.validateFields();
      return {
        channel: v.channel, categoryId: v.category[1], description: v.description, tier: v.tier || undefined,
        // A point inside a grid is the most exact place; otherwise the village picked from the tree.
        ...(point?.grid ? { lat: point.lat, lng: point.lng } : { villageCode: v.villageCode }),
        address: v.address || undefined, reporterName: v.reporterName || undefined, reporterPhone: v.reporterPhone || undefined,
        uploadIds: files.map((f) => (f.response as { id: string } | undefined)?.id).filter(Boolean),
      };
    });
    if (!r.ok) return;
    message.success(t('cases.created', { code: r.result.code }));
    form.resetFields();
    setFiles([]);
    setPoint(null);
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
        <Form.Item name="villageCode" label={t('regions.village')} extra={t('regions.villageHint')} rules={[{ validator: async (_, v) => { if (!v && !point?.grid) throw new Error(t('regions.placeRequired')); } }]}>
          <RegionTreeSelect level="village" data-testid="case-village" />
        </Form.Item>
        <Form.Item label={t('regions.point')}>
          <PointPicker region={village ?? root?.code} value={point} onPick={picked} />
        </Form.Item>
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
