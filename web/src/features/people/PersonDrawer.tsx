/** A person's card: masked values, extension records, history; edit, add a record, move, and the audited reveal. */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Descriptions, Drawer, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Revealed } from '../../../../core/schemas/people.response';
import { HistoryTimeline } from './HistoryTimeline';
import { recordText } from './person-record-text';
import { useCodes, usePerson, useRevealPerson } from './people.api';
import { PersonEditModal, PersonMoveModal, RecordModal } from './RegistryEditForms';
import { GridName } from './GridName';

export function PersonDrawer({ id, canWrite, canReveal, onClose }: { id: string | undefined; canWrite: boolean; canReveal: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const person = usePerson(id).data;
  const types = useCodes('person_type');
  const sexes = useCodes('sex');
  const ethnicities = useCodes('ethnicity');
  const names: Record<string, Record<string, string>> = { special_group: useCodes('special_group'), youth: useCodes('youth_type'), care: useCodes('care_group') };
  const [editing, setEditing] = useState<'edit' | 'move' | 'record' | null>(null);
  const [revealing, setRevealing] = useState(false);
  const reveal = useRevealPerson(id);
  const [form] = Form.useForm();
  // What was revealed belongs to the person it was revealed for; a second reveal adds to the first.
  const [revealed, setRevealed] = useState<Revealed | undefined>();
  const { reset } = reveal;
  useEffect(() => {
    reset();
    setRevealed(undefined);
  }, [id, reset]);

  // The buttons go above the card: beside the title (up to four of them) they squeeze the name into a column.
  const actions = person && (
    <Space wrap>
      {canWrite && <Button data-testid="edit-person" onClick={() => setEditing('edit')}>{t('people.edit')}</Button>}
      {canWrite && <Button data-testid="add-record" onClick={() => setEditing('record')}>{t('people.addRecord')}</Button>}
      {canWrite && !person.householdId && <Button data-testid="move-person" onClick={() => setEditing('move')}>{t('people.movePerson')}</Button>}
      {canReveal && <Button data-testid="reveal" onClick={() => { reveal.begin(); setRevealing(true); }}>{t('people.reveal')}</Button>}
    </Space>
  );

  const submitReveal = async () => {
    const r = await reveal.run(() => form.validateFields());
    if (!r.ok) return;
    setRevealed((before) => ({ ...before, ...r.result }));
    setRevealing(false);
    form.resetFields();
  };

  return (
    <>
      {/* Opens once the card is read, as before: what it shows is never a half-loaded card. */}
      {/* The title follows a name reveal like the row below it does. */}
      <Drawer open={!!id && !!person} onClose={onClose} title={revealed?.name ?? person?.name} width={Math.min(480, window.innerWidth)} data-testid="person-drawer">
        {actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
        {person && (
          <>
            <Descriptions size="small" column={1} items={[
              { label: t('people.name'), children: revealed?.name ?? person.name },
              { label: t('people.idNumber'), children: revealed?.idNumber ?? person.idNumber ?? '—' },
              { label: t('people.phone'), children: revealed?.phone ?? person.phone ?? '—' },
              { label: t('people.sex'), children: person.sex ? sexes[person.sex] ?? person.sex : '—' },
              { label: t('people.age'), children: person.age ?? '—' },
              // The birth date is shown only once revealed (the age is enough for everyday work).
              { label: t('people.field.birthDate'), children: <span data-testid="person-birth-date">{revealed?.birthDate ?? (revealed && 'birthDate' in revealed ? '—' : t('people.hiddenUntilReveal'))}</span> },
              { label: t('people.grid'), children: <GridName code={person.gridCode} /> },
              { label: t('people.type'), children: types[person.personType] ?? person.personType },
              { label: t('people.address'), children: person.address ?? '—' },
            ]} />
            {revealed && <Typography.Text type="warning">{t('people.revealedNote')}</Typography.Text>}
            {person.records.length > 0 && (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>{t('people.records')}</Typography.Title>
                <Space wrap data-testid="person-records">
                  {person.records.map((rec) => (
                    // A hidden category (special group, youth at risk, disability) shows only after an audited reveal.
                    <Tag key={rec.id} color={rec.kind === 'special_group' ? 'red' : rec.kind === 'youth' ? 'purple' : 'blue'}>
                      {recordText(rec, revealed?.records?.find((x) => x.id === rec.id), names, t)}
                    </Tag>
                  ))}
                </Space>
              </>
            )}
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('people.history')}</Typography.Title>
            <HistoryTimeline items={person.history} />
          </>
        )}
      </Drawer>
      <PersonEditModal open={editing === 'edit'} person={person} types={types} ethnicities={ethnicities} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
      <PersonMoveModal open={editing === 'move'} personId={person?.id} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
      <RecordModal open={editing === 'record'} personId={person?.id} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
      <Modal open={revealing} title={t('people.reveal')} onOk={submitReveal} confirmLoading={reveal.pending} onCancel={() => { setRevealing(false); form.resetFields(); }} okText={t('common.ok')} cancelText={t('common.cancel')}>
        <Typography.Paragraph type="secondary">{t('people.revealHint')}</Typography.Paragraph>
        {/* Nothing ticked and no reason filled in: the reader chooses what to see and types why (both audited). */}
        <Form form={form} layout="vertical">
          <Form.Item name="fields" label={t('people.revealFields')} rules={[{ required: true, message: t('common.required') }]}>
            <Checkbox.Group options={['name', 'idNumber', 'phone', 'birthDate', 'records'].map((f) => ({ value: f, label: t(`people.field.${f}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('people.revealReason')} rules={[{ required: true, min: 2, message: t('people.revealReasonRequired') }]}>
            <Input data-testid="reveal-reason" maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
