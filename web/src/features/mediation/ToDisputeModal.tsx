/**
 * 转人民调解 from a case or a petition card (for accounts with dispute:register): the committee picked by name (the
 * place's own when left empty), the dispute category (prefilled from a case of a dispute category), the parties
 * and a note on the points in dispute. The place and the facts carry over on the server; the record stays open.
 */
import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { disputeCategories, type DisputeCategory } from '../../../../core/mediation/categories';
import { errorText } from '../../data/errors';
import { useCommittees, useRecordToDispute } from './mediation.api';
import { PartyFields, blankParties, partyBody, type PartyValues } from './PartyFields';

/** The dialog; `category` is the dispute category the record already has (null asks for one). */
export function ToDisputeModal({ kind, code, category, open, onClose, onMade }: { kind: 'cases' | 'petitions'; code: string; category: DisputeCategory | null; open: boolean; onClose: () => void; onMade: (disputeCode: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const committees = useCommittees(open).data ?? [];
  const send = useRecordToDispute(kind, code, { form });
  const submit = async () => {
    const r = await send.run(async () => {
      const v = await form.validateFields();
      return { category: v.category, committeeId: v.committeeId || undefined, claims: v.claims?.trim() || undefined, parties: (v.parties as PartyValues[]).map(partyBody) };
    });
    if (r.ok) onMade(r.result.code);
  };
  return (
    <Modal open={open} title={t('mediation.toDispute')} onOk={submit} confirmLoading={send.pending} onCancel={onClose} width={880} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden
      afterOpenChange={(o) => { if (o) { send.reset(); send.begin(); } }} data-testid="to-dispute-form">
      {send.error && <Alert type="error" showIcon message={errorText(send.error)} style={{ marginBottom: 12 }} data-testid="to-dispute-error" />}
      <Alert type="info" showIcon message={t(kind === 'cases' ? 'mediation.toDisputeHintCase' : 'mediation.toDisputeHintPetition')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ category: category ?? undefined, parties: blankParties() }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="committeeId" label={t('mediation.committee')} extra={t('mediation.committeeHint')}>
              <Select allowClear showSearch optionFilterProp="label" options={committees.filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.name} · ${t(`mediation.level.${c.level}`)}` }))} data-testid="to-dispute-committee" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('mediation.category')} rules={[{ required: true, message: t('mediation.toDisputeCategory') }]}>
              <Select options={disputeCategories.map((c) => ({ value: c, label: t(`mediation.cat.${c}`) }))} data-testid="to-dispute-category" />
            </Form.Item>
          </Col>
        </Row>
        <PartyFields form={form} />
        <Form.Item name="claims" label={t('mediation.toDisputeNote')}><Input.TextArea rows={2} maxLength={2000} data-testid="to-dispute-note" /></Form.Item>
      </Form>
    </Modal>
  );
}
