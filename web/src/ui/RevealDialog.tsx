/**
 * The dialog that reveals personal data in full (a case's reporter, a petition's petitioners): the reason the user
 * types (2–200 characters, the server's schema) goes into the audit row; a refusal shows in the dialog. A new reveal
 * starts a new intent (its own Idempotency-Key) and an empty reason each time the dialog opens.
 */
import { useState } from 'react';
import { Alert, Form, Input, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { errorText } from '../data/errors';
import { rulesFor } from '../data/zod-rules';

/** What a reveal hook gives the dialog (useRevealReporter, useRevealPetitioners). */
export interface RevealAction {
  run: (reason: string) => Promise<{ ok: boolean }>;
  reset: () => void;
  begin: () => void;
  pending: boolean;
  error: unknown;
}

/** Opening, closing and sending the dialog for one reveal action and its form. */
export function useRevealDialog(reveal: RevealAction, form: FormInstance<{ reason: string }>) {
  const [open, setOpen] = useState(false);
  return {
    open,
    start: () => {
      form.resetFields();
      reveal.reset();
      reveal.begin();
      setOpen(true);
    },
    close: () => setOpen(false),
    submit: async () => {
      // A reason that fails its checks shows on the field; the rejection is expected, so it is handled here.
      const v = await form.validateFields().catch(() => null);
      if (v && (await reveal.run(v.reason.trim())).ok) setOpen(false);
    },
  };
}

/** The dialog: a title, the reason field under the schema's rules, and the refusal when there is one. */
export function RevealDialog({ dialog, reveal, form, schema, title, label, extra, testId }: {
  dialog: ReturnType<typeof useRevealDialog>;
  reveal: RevealAction;
  form: FormInstance<{ reason: string }>;
  schema: z.ZodObject;
  title: string;
  label: string;
  extra?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal open={dialog.open} title={title} confirmLoading={reveal.pending} onCancel={dialog.close} okText={t('common.ok')} cancelText={t('common.cancel')} onOk={dialog.submit} destroyOnHidden>
      {!!reveal.error && <Alert type="error" showIcon message={errorText(reveal.error)} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={label} rules={rulesFor(schema, 'reason')} extra={extra}>
          <Input.TextArea rows={2} maxLength={200} autoFocus data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
