/**
 * The parties of a dispute on a form (persons or organisations: side, name, ID type and number checked as the
 * server checks them, phone, address, an agent), shared by the register form and 转人民调解 from a case or petition.
 */
import { Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { cstDate } from '../../../../core/calendar';
import { phoneProblem } from '../petitions/petitioner-checks';
import { partyIdProblem } from './party-checks';

const idTypes = ['resident_id', 'passport', 'hk_macao_pass', 'taiwan_pass', 'credit_code', 'other'] as const;
const blank = (side: string) => ({ side, kind: 'person', idType: 'resident_id' });

/** The two blank parties a form starts with: an applicant and a respondent. */
export const blankParties = () => [blank('applicant'), blank('respondent')];

export type PartyValues = { side: string; kind: string; name: string; idType?: string; idNumber?: string; phone?: string; address?: string; hasAgent?: boolean; agentName?: string; agentPhone?: string; agentRelation?: string };

/** The body of one party as the schema takes it (empty fields left out). */
export function partyBody(p: PartyValues) {
  const s = (x: string | undefined) => x?.trim() || undefined;
  return {
    kind: p.kind, side: p.side, name: p.name.trim(), idType: s(p.idNumber) ? p.idType : undefined, idNumber: s(p.idNumber)?.toUpperCase(), phone: s(p.phone), address: s(p.address),
    agent: p.hasAgent && s(p.agentName) ? { name: s(p.agentName)!, phone: s(p.agentPhone), relation: s(p.agentRelation) } : undefined,
  };
}

/** The `parties` list of a form: a card per party, at least one applicant and one respondent. */
export function PartyFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const parties = (Form.useWatch('parties', form) as PartyValues[] | undefined) ?? [];
  const today = cstDate(new Date());
  const sideRule = { validator: async () => { const ps = (form.getFieldValue('parties') as PartyValues[]) ?? []; if (!ps.some((p) => p.side === 'applicant') || !ps.some((p) => p.side === 'respondent')) throw new Error(t('mediation.needBothSides')); } };
  return (
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
  );
}
