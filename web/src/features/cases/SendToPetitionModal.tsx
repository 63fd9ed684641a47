/**
 * 转信访: registers a petition of the case (for accounts with petition:register). The matter, place and category
 * carry over and the case's reporter becomes the petitioner on the server; here the kind, the body concerned and
 * a note. The case stays open.
 */
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { petitionKinds } from '../../../../core/workflow/petition-workflow';
import { errorText } from '../../data/errors';
import { useCaseToPetition } from './cases.api';

export function SendToPetitionModal({ code, open, onClose, onSent }: { code: string; open: boolean; onClose: () => void; onSent: (petitionCode: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const send = useCaseToPetition(code, { form });
  const submit = async () => {
    const r = await send.run(async () => {
      const v = await form.validateFields();
      return { kind: v.kind, concerns: v.concerns || undefined, note: v.note || undefined };
    });
    if (r.ok) onSent(r.result.code);
  };
  return (
    <Modal open={open} title={t('cases.toPetition')} onOk={submit} confirmLoading={send.pending} onCancel={onClose} okText={t('common.ok')} cancelText={t('common.cancel')} destroyOnHidden afterOpenChange={(o) => { if (o) { send.reset(); send.begin(); } }}>
      {send.error && <Alert type="error" showIcon message={errorText(send.error)} style={{ marginBottom: 12 }} data-testid="to-petition-error" />}
      <Alert type="info" showIcon message={t('cases.toPetitionHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ kind: 'complaint' }}>
        <Form.Item name="kind" label={t('cases.petitionKind')}>
          <Radio.Group options={petitionKinds.map((k) => ({ value: k, label: t(`petitions.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="concerns" label={t('cases.petitionConcerns')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="note" label={t('cases.petitionNote')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
