/**
 * 纠纷登记: the walk-in or screening form. Parties (persons or organisations: name, ID type and number, phone, an
 * agent), checked as the petition form checks them; the category, scale, people involved, the 民转刑 risk (which
 * makes it urgent and tells the leaders), the place (village tree or a point on the map) and the committee.
 */
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { disputeScales } from '../../../../core/workflow/dispute-workflow';
import { disputeCategories } from '../../../../core/mediation/categories';
import { PlaceFields, usePlace } from '../regions/PlaceFields';
import { PartyFields, blankParties, partyBody, type PartyValues } from './PartyFields';
import { useCommittees, useRegisterDispute } from './mediation.api';
import { chinaInstant, chinaPickerValue } from '../../data/china-clock';

// The server names problems by path (parties.0.idNumber, lat): shown on the form's own fields.
const fieldOf = (f: string) => (f === 'lat' || f === 'lng' ? 'villageCode' : f);

export function RegisterDisputeModal({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: (code: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const committees = useCommittees(open).data ?? [];
  const place = usePlace(form);
  const register = useRegisterDispute({ form, rename: fieldOf });
  const risk = Form.useWatch('escalationRisk', form) as boolean | undefined;

  const submit = async () => {
    const r = await register.run(async () => {
      const v = await form.validateFields();
      return {
        source: v.source, category: v.category, scale: v.scale, peopleCount: v.peopleCount, escalationRisk: !!v.escalationRisk,
        facts: v.facts, claims: v.claims?.trim() || undefined,
        ...place.body(v.villageCode),
        address: v.address?.trim() || undefined, committeeId: v.committeeId || undefined,
        receivedAt: v.receivedAt ? chinaInstant(v.receivedAt as dayjs.Dayjs) : undefined,
        parties: (v.parties as PartyValues[]).map(partyBody),
      };
    });
    if (!r.ok) return;
    message.success(t('mediation.registered', { code: r.result.code, committee: r.result.committee }));
    form.resetFields();
    place.clear();
    onRegistered(r.result.code);
  };

  return (
    <Modal open={open} title={t('mediation.register')} onOk={submit} confirmLoading={register.pending} onCancel={onClose} width={880} destroyOnHidden afterOpenChange={(o) => o && register.begin()} okText={t('common.ok')} cancelText={t('common.cancel')} data-testid="dispute-register-form">
      {register.error && !form.getFieldsError().some((f) => f.errors.length) ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('mediation.checkForm')} /> : null}
      <Form form={form} layout="vertical" initialValues={{ source: 'walk_in', scale: 'ordinary', peopleCount: 2, escalationRisk: false, parties: blankParties(), receivedAt: chinaPickerValue() }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="source" label={t('mediation.source')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={['walk_in', 'screening'].map((s) => ({ value: s, label: t(`mediation.src.${s}`) }))} data-testid="dispute-source" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="receivedAt" label={t('mediation.receivedAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(chinaPickerValue().endOf('day'))} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('mediation.parties')}</Typography.Title>
        <PartyFields form={form} />
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="category" label={t('mediation.category')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={disputeCategories.map((c) => ({ value: c, label: t(`mediation.cat.${c}`) }))} data-testid="dispute-category" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="scale" label={t('mediation.scaleLabel')}><Select options={disputeScales.map((s) => ({ value: s, label: t(`mediation.scale.${s}`) }))} /></Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="peopleCount" label={t('mediation.peopleCount')}><InputNumber min={1} max={100000} style={{ width: '100%' }} /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="escalationRisk" valuePropName="checked" extra={risk ? <Typography.Text type="danger">{t('mediation.riskHint')}</Typography.Text> : t('mediation.riskExplain')}>
          <Checkbox data-testid="dispute-risk">{t('mediation.risk')}</Checkbox>
        </Form.Item>
        <Form.Item name="facts" label={t('mediation.factsFull')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 4000 }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="dispute-facts" />
        </Form.Item>
        <Form.Item name="claims" label={t('mediation.claims')} extra={t('mediation.claimsHint')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <PlaceFields place={place} label={t('mediation.place')} testId="dispute-village" />
        <Form.Item name="address" label={t('mediation.placeAddress')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="committeeId" label={t('mediation.committee')} extra={t('mediation.committeeHint')}>
          <Select allowClear showSearch optionFilterProp="label" options={committees.filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.name} · ${t(`mediation.level.${c.level}`)}` }))} data-testid="dispute-committee" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
