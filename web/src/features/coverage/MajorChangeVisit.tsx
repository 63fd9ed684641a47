/**
 * 四访 from the household card: after a major change (重大变故: a death, an accident, a job lost…) the centre or the
 * grid worker raises a one-off visit for the household; the server answers the open one when it already exists.
 * The note is kept encrypted in the task's timeline.
 */
import { useState } from 'react';
import { App, Button, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAction } from '../../data/use-action';

interface Answer { task: { dueOn: string }; created: boolean }

export function MajorChangeVisit({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const raise = useAction((v: { note: string }, { key }) => api<Answer>('/api/field/triggers', { method: 'POST', body: { subjectType: 'household', subjectId: householdId, rule: 'major_change', ...(v.note.trim() ? { note: v.note.trim() } : {}) }, key }), {
    invalidates: () => [['coverage']],
    onSuccess: (r) => {
      setOpen(false);
      setNote('');
      void message.success(t(r.created ? 'household.majorChange.created' : 'household.majorChange.open', { due: r.task.dueOn }));
    },
  });
  return (
    <>
      <Button size="small" data-testid="major-change-visit" onClick={() => { raise.begin(); setOpen(true); }}>{t('household.majorChange.button')}</Button>
      <Modal open={open} title={t('household.majorChange.title')} okText={t('household.majorChange.ok')} cancelText={t('common.cancel')} confirmLoading={raise.pending} onCancel={() => setOpen(false)} onOk={() => void raise.run({ note })} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('household.majorChange.help')}</Typography.Paragraph>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} showCount rows={3} style={{ marginBottom: 20 }} placeholder={t('household.majorChange.notePlaceholder')} data-testid="major-change-note" />
      </Modal>
    </>
  );
}
