/**
 * 四访 from the household card: after a major change (重大变故: a death, an accident, a job lost…) the centre or the
 * grid worker raises a one-off visit for the household; the server answers the open one when it already exists.
 * The note is kept encrypted in the task's timeline.
 */
import { useState } from 'react';
import { App, Button, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMajorChangeVisit } from './coverage.api';

export function MajorChangeVisit({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const raise = useMajorChangeVisit(householdId, (r) => {
    setOpen(false);
    setNote('');
    void message.success(t(r.created ? 'household.majorChange.created' : 'household.majorChange.open', { due: r.task.dueOn }));
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
