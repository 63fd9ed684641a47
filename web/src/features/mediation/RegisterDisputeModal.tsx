/**
 * 纠纷登记: the walk-in or screening form. Parties (persons or organisations: name, ID type and number, phone, an
 * agent), checked as the petition form checks them; the category, scale, people involved, the 民转刑 risk (which
 * makes it urgent and tells the leaders), the place (village tree or a point on the map) and the committee.
 */
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { disputeScales } from '../../../../core/workflow/dispute-workflow';
import { disputeCategories } from '../../../../core/mediation/categories';
import { cstDate } from '../../../../core/calendar';
import { PlaceFields, usePlace } from '../regions/PlaceFields';
import { phoneProblem } from '../petitions/petitioner-checks';
import { partyIdProblem } from './party-checks';
import { useCommittees, useRegisterDispute } from './mediation.api';
import { chinaInstant, chinaPickerValue } from '../../data/china-clock';

const idTypes = ['resident_id', 'passport', 'hk_macao_pass', 'taiwan_pass', 'credit_code', 'other'] as const;
// The server names problems by path (parties.0.idNumber, lat): shown on the form's own fields.
const fieldOf = (f: string) => (f === 'lat' || f === 'lng' ? 'villageCode' : f);
const blank = (side: string) => ({ side, kind: 'person', idType: 'resident_id' });

type PartyValues = { side: string; kind: string; name: string; idType?: string; idNumber?: string; phone?: string; address?: string; hasAgent?: boolean; agentName?: string; agentPhone?: string; agentRelation?: string };

/** The body of one party as the schema takes it (empty fields left out). */
function partyBody(p: PartyValues) {
  const s = (x: string | undefined) => x?.trim() || undefined;
  return {
    kind: p.kind, side: p.side, name: p.name.trim(), idType: s(p.idNumber) ? p.idType : undefined, idNumber: s(p.idNumber)?.toUpperCase(), phone: s(p.phone), address: s(p.address),
    agent: p.hasAgent && s(p.agentName) ? { name: s(p.agentName)!, phone: s(p.agentPhone), relation: s(p.agentRelation) } : undefined,
  };
}

export function RegisterDisputeModal({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: (code: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const committees = useCommittees(open).data ?? [];
  const place = usePlace(form);
  const register = useRegisterDispute({ form, rename: fieldOf });
  const risk = Form.useWatch('escalationRisk', form) as boolean | undefined;
  const parties = (Form.useWatch('parties', form) as PartyValues[] | undefined) ?? [];
  const today = cstDate(new Date());

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

  const sideRule = { validator: async () => { const ps = (form.getFieldValue('parties') as PartyValues[]) ?? []; if (!ps.some((p) => p.side === 'applicant') || !ps.some((p) => p.side === 'respondent')) throw new Error(t('mediation.needBothSides')); } };
  return (
    <Modal open={open} title={t('mediation.register')} onOk={submit} confirmLoading={register.pending} onCancel={onClose} width={880} destroyOnHidden afterOpenChange={(o) => o && register.begin()} okText={t('common.ok')} cancelText={t('common.cancel')} data-testid="dispute-register-form">
      {register.error && !form.getFieldsError().some((f) => f.errors.length) ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('mediation.checkForm')} /> : null}
      <Form form={form} layout="vertical" initialValues={{ source: 'walk_in', scale: 'ordinary', peopleCount: 2, escalationRisk: false, parties: [blank('applicant'), blank('respondent')], receivedAt: chinaPickerValue() }}>
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
        <Form.List name="parties" rules={[sideRule]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => {
                const p = parties[i] ?? ({} as PartyValues);
                const org = p.kind === 'organisation';
                return (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid={`dispute-party-${i}`}
                    title={<Space wrap size={8}>
                      <Form.Item name={[f.name, 'side']} noStyle><Radio.Group size="small" optionType="button" options={['applicant', 'respondent'].map((s) => ({ value: s, label: t(`mediation.side.${s}`) }))} /></Form.Item>
                      <Form.Item name={[f.name, 'kind']} noStyle><Radio.Group size="small" options={['person', 'organisation'].map((k) => ({ value: k, label: t(`mediation.kind.${k}`) }))} onChange={(e) => form.setFieldValue(['parties', f.name, 'idType'], e.target.value === 'organisation' ? 'credit_code' : 'resident_id')} /></Form.Item>
                    </Space>}
                    extra={fields.length > 2 ? <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('mediation.removeParty')} /> : null}>
                    <Row gutter={8}>
                      <Col xs={24} md={6}><Form.Item name={[f.name, 'name']} label={org ? t('mediation.orgName') : t('mediation.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}><Input maxLength={100} data-testid="dispute-party-name" /></Form.Item></Col>
                      <Col xs={10} md={5}><Form.Item name={[f.name, 'idType']} label={t('mediation.idType')}><Select options={idTypes.map((x) => ({ value: x, label: t(`mediation.idt.${x}`) }))} /></Form.Item></Col>
                      <Col xs={14} md={7}><Form.Item name={[f.name, 'idNumber']} label={t('mediation.idNumber')} dependencies={[['parties', f.name, 'idType']]} rules={[{ validator: async (_, v) => { const e = partyIdProblem(form.getFieldValue(['parties', f.name, 'idType']), v, today); if (e) throw new Error(t(e)); } }]}><Input maxLength={30} data-testid="dispute-party-id" /></Form.Item></Col>
                      <Col xs={24} md={6}><Form.Item name={[f.name, 'phone']} label={t('mediation.phone')} rules={[{ validator: async (_, v) => { const e = phoneProblem(v); if (e) throw new Error(t(e)); } }]}><Input maxLength={30} data-testid="dispute-party-phone" /></Form.Item></Col>
                    </Row>
                    <Row gutter={8} align="bottom">
                      <Col xs={24} md={10}><Form.Item name={[f.name, 'address']} label={t('mediation.address')}><Input maxLength={200} /></Form.Item></Col>
                      <Col xs={24} md={4}><Form.Item name={[f.name, 'hasAgent']} valuePropName="checked"><Checkbox>{t('mediation.hasAgent')}</Checkbox></Form.Item></Col>
                      {p.hasAgent && <>
                        <Col xs={8} md={4}><Form.Item name={[f.name, 'agentName']} label={t('mediation.agentName')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 50 }]}><Input maxLength={50} /></Form.Item></Col>
                        <Col xs={8} md={3}><Form.Item name={[f.name, 'agentRelation']} label={t('mediation.agentRelation')}><Input maxLength={30} placeholder={t('mediation.agentRelationHint')} /></Form.Item></Col>
                        <Col xs={8} md={3}><Form.Item name={[f.name, 'agentPhone']} label={t('mediation.phone')} rules={[{ validator: async (_, v) => { const e = phoneProblem(v); if (e) throw new Error(t(e)); } }]}><Input maxLength={30} /></Form.Item></Col>
                      </>}
                    </Row>
                  </Card>
                );
              })}
              <Form.ErrorList errors={errors} />
              {fields.length < 30 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blank('respondent'))} style={{ marginBottom: 12 }} data-testid="dispute-add-party">{t('mediation.addParty')}</Button>}
            </>
          )}
        </Form.List>
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
