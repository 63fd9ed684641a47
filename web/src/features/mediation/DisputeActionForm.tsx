/**
 * The form of one dispute action, drawn from the action's zod schema (`disputeActionSchemas`, the one the server
 * validates with): its fields, which are required and their limits. Fields this file knows get a picker (the
 * mediators with their load and languages, the committee's rooms, the parties, dates); a field it does not know yet
 * (an action added on the server later) is drawn by its type: text, number, yes/no, a choice, a date, parties.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { chinaPickerValue } from '../../data/china-clock';
import type { z } from 'zod';
import type { DisputeCard } from '../../../../core/schemas/disputes.response';
import { formatTime } from '../../format';
import { rulesFor, unwrapField } from '../../data/zod-rules';
import { fieldsOf, kindOf, schemaOf, type Field } from './action-body';
import { useCommittees, useMediators, useRooms } from './mediation.api';
import { SignaturePad } from './SignaturePad';

/** The mediators of the dispute's committee, each with the load and languages, for assigning or choosing. */
function MediatorPicker({ c, value, onChange, single }: { c: DisputeCard; value?: string[] | string; onChange?: (v: string[] | string) => void; single?: boolean }) {
  const { t } = useTranslation();
  const list = useMediators(c.committee?.id).data ?? [];
  return (
    <Select
      mode={single ? undefined : 'multiple'}
      allowClear
      showSearch
      optionFilterProp="search"
      value={value}
      onChange={onChange}
      data-testid="dispute-mediator-picker"
      options={list.filter((m) => m.active).map((m) => ({
        value: m.id,
        search: m.name,
        label: (
          <Space size={4} wrap>
            <b>{m.name}</b>
            <Tag color={m.openDisputes >= 10 ? 'red' : m.openDisputes >= 5 ? 'orange' : 'green'}>{t('mediation.load', { n: m.openDisputes })}</Tag>
            {m.languages.map((l) => <Tag key={l} color={l === 'bo' ? 'purple' : undefined}>{t(`mediation.lang.${l}`, { defaultValue: l })}</Tag>)}
            {m.skills.slice(0, 3).map((s) => <Typography.Text key={s} type="secondary">{s}</Typography.Text>)}
          </Space>
        ),
      }))}
    />
  );
}

/** Files uploaded as they are picked; the field's value is their ids (one id when `single`). */
function UploadIds({ onChange, single }: { value?: string[] | string; onChange?: (v: string[] | string | undefined) => void; single?: boolean }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  return (
    <Upload action="/api/uploads" listType="picture" accept="image/*" maxCount={single ? 1 : 10} multiple={!single} fileList={files} data-testid="dispute-upload"
      onChange={({ fileList }) => {
        setFiles(fileList);
        const ids = fileList.map((f) => (f.response as { id: string } | undefined)?.id).filter((x): x is string => !!x);
        onChange?.(single ? ids[0] : ids);
      }}>
      <a>{t('mediation.addFile')}</a>
    </Upload>
  );
}

/** The agreed terms (协议条款): each with what, the manner, the place and the day of performance. */
function Terms() {
  const { t } = useTranslation();
  // An oral agreement has its content recorded in one text; terms one by one belong to the written 协议书.
  const form = Form.useWatch('form');
  if (form === 'oral') return null;
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }} data-testid={`dispute-term-${i}`}>
              <Form.Item name={[f.name, 'content']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 4 }}><Input.TextArea rows={2} style={{ width: 260 }} placeholder={t('mediation.term.content')} maxLength={2000} /></Form.Item>
              <Form.Item name={[f.name, 'manner']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 4 }}><Input style={{ width: 120 }} placeholder={t('mediation.term.manner')} maxLength={200} /></Form.Item>
              <Form.Item name={[f.name, 'place']} style={{ marginBottom: 4 }}><Input style={{ width: 110 }} placeholder={t('mediation.term.place')} maxLength={200} /></Form.Item>
              <Form.Item name={[f.name, 'deadline']} rules={[{ required: true, type: 'object', message: t('common.required') }]} style={{ marginBottom: 4 }}><DatePicker placeholder={t('mediation.term.deadline')} /></Form.Item>
              {fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('mediation.term.remove')} />}
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{t('mediation.term.add')}</Button>
        </>
      )}
    </Form.List>
  );
}

/** One row per party: consented or not, how, when (an extension needs every party's consent). */
function Consents({ c }: { c: DisputeCard }) {
  const { t } = useTranslation();
  return (
    <Form.List name="consents">
      {(fields) => fields.map((f, i) => (
        <Space key={f.key} wrap style={{ display: 'flex', marginBottom: 4 }} data-testid={`dispute-consent-${i}`}>
          <Form.Item name={[f.name, 'given']} valuePropName="checked" noStyle><Checkbox>{c.parties[i]?.name} · {t(`mediation.side.${c.parties[i]?.side}`)}</Checkbox></Form.Item>
          <Form.Item name={[f.name, 'how']} noStyle><Select style={{ width: 130 }} options={['signed', 'fingerprint', 'oral_recorded'].map((h) => ({ value: h, label: t(`mediation.how.${h}`) }))} /></Form.Item>
          <Form.Item name={[f.name, 'at']} noStyle><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        </Space>
      ))}
    </Form.List>
  );
}

/** The agreed terms on the card, when it carries the agreement. */
export function agreementTerms(c: DisputeCard): { content: string }[] {
  return ((c as { agreement?: { terms?: { content: string }[] } | null }).agreement?.terms) ?? [];
}

export function DisputeActionForm({ action, c }: { action: string; c: DisputeCard }) {
  const { t, i18n } = useTranslation();
  const schema = schemaOf(action);
  const fields = fieldsOf(action);
  const committees = useCommittees().data ?? [];
  const rooms = (useRooms().data ?? []).filter((r) => r.active && (!c.committee || r.committeeId === c.committee.id));
  const chosen = (Form.useWatch('mediatorIds') as string[] | undefined) ?? [];
  const online = Form.useWatch('online') as boolean | undefined;
  // A signature on the screen is drawn on a pad; a signed scan (or a photo of a seal or fingerprint) is uploaded.
  const method = Form.useWatch('method') as string | undefined;
  const form = Form.useFormInstance();
  // A drawing is no scan: another method starts its page afresh.
  useEffect(() => { if (action === 'sign') form.setFieldValue('uploadId', undefined); }, [action, method, form]);
  const assigning = action === 'assign' || action === 'choose';
  const pool = useMediators(c.committee?.id, assigning).data ?? [];
  const label = (f: string) => (i18n.exists(`mediation.field.${action}.${f}`) ? t(`mediation.field.${action}.${f}`) : i18n.exists(`mediation.field.${f}`) ? t(`mediation.field.${f}`) : f);
  const choice = (f: string, v: string) => (i18n.exists(`mediation.enum.${f}.${v}`) ? t(`mediation.enum.${f}.${v}`) : v);
  const parties = c.parties.map((p) => ({ value: p.id, label: `${p.name}（${t(`mediation.side.${p.side}`)}）` }));
  const ours = c.mediators.map((m) => ({ value: m.id, label: m.name }));
  const when = (past: boolean) => <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => (past ? d.isAfter(chinaPickerValue().endOf('day')) : d.isBefore(chinaPickerValue().startOf('day')))} data-testid={`dispute-field-date`} />;
  const known: Record<string, () => ReactNode> = {
    mediatorIds: () => (assigning ? <MediatorPicker c={c} /> : <Checkbox.Group options={ours} />),
    leadId: () => <Select allowClear options={chosen.map((id) => ({ value: id, label: pool.find((m) => m.id === id)?.name ?? '' }))} />,
    roomId: () => <Select allowClear options={rooms.map((r) => ({ value: r.id, label: `${r.name} · ${t(`mediation.mode.${r.mode}`)}` }))} data-testid="dispute-room" />,
    committeeId: () => <Select showSearch optionFilterProp="label" options={committees.filter((x) => x.active && x.id !== c.committee?.id).map((x) => ({ value: x.id, label: `${x.name} · ${t(`mediation.level.${x.level}`)}` }))} />,
    sessionId: () => <Select allowClear options={c.sessions.filter((s) => !s.heldAt).map((s) => ({ value: s.id, label: `${formatTime(s.scheduledAt)} · ${s.online ? t('mediation.online') : (s.room ?? s.place ?? '')}` }))} placeholder={t('mediation.sessionNow')} />,
    partyIds: () => <Checkbox.Group options={parties} data-testid="dispute-attendees" />,
    signedPartyIds: () => <Checkbox.Group options={parties} data-testid="dispute-signed-parties" />,
    signedMediatorIds: () => <Checkbox.Group options={ours} data-testid="dispute-signed-mediators" />,
    partyId: () => <Select options={parties} />,
    consents: () => <Consents c={c} />,
    online: () => <Switch />,
    at: () => when(action === 'scheduleSession' ? false : true),
    signer: () => <Select options={[...parties, { value: 'mediator', label: t('mediation.signer.mediator') }, { value: 'committee', label: t('mediation.signer.committee') }]} data-testid="dispute-signer" />,
    term: () => <Select options={agreementTerms(c).map((x, i) => ({ value: i, label: `${i + 1}. ${x.content}` }))} />,
    items: () => <Terms />,
    uploadIds: () => <UploadIds />,
    proofUploadIds: () => <UploadIds />,
    uploadId: () => (action === 'sign' && method === 'screen' ? <SignaturePad /> : <UploadIds single />),
  };
  const drawn = (f: string): ReactNode => {
    if (known[f]) return known[f]();
    const k = kindOf(action, f);
    const max = (unwrapField(schema.shape[f] as z.ZodType).inner as Field).maxLength ?? undefined;
    if (k.type === 'date') return when(true);
    if (k.type === 'boolean') return <Switch />;
    if (k.type === 'number') return <InputNumber style={{ width: 160 }} />;
    if (k.type === 'enum') return k.options.length <= 4 ? <Radio.Group options={k.options.map((o) => ({ value: o, label: choice(f, o) }))} /> : <Select options={k.options.map((o) => ({ value: o, label: choice(f, o) }))} />;
    if (k.type === 'array' && /party/i.test(f)) return <Checkbox.Group options={parties} />;
    if (k.type === 'array' && /mediator/i.test(f)) return <Checkbox.Group options={ours} />;
    if (k.type === 'array' && k.element === 'string') return <Select mode="tags" />;
    if (k.type === 'string' && /[Pp]artyId$/.test(f)) return <Select options={parties} />;
    if (k.type === 'string') return (max ?? 0) > 200 ? <Input.TextArea rows={(max ?? 0) > 2000 ? 8 : 3} maxLength={max} showCount={(max ?? 0) > 500} data-testid={`dispute-field-${f}`} /> : <Input maxLength={max} data-testid={`dispute-field-${f}`} />;
    return null;
  };
  const item = (f: string) => {
    if ((f === 'roomId' || f === 'place') && action === 'scheduleSession' && online) return null;
    const node = drawn(f);
    if (!node) return null;
    const k = kindOf(action, f);
    const valueProp = k.type === 'boolean' ? 'checked' : 'value';
    // Dates, arrays and the consents are objects: only "required" here; the schema checks them once toBody made the body.
    const rules = k.type === 'date' || k.type === 'array' || f === 'consents' ? (unwrapField(schema.shape[f] as z.ZodType).required && f !== 'consents' ? [{ required: true, message: t('common.required') }] : []) : rulesFor(schema, f);
    if (f === 'consents') return <Form.Item key={f} label={label(f)} extra={t('mediation.consentsHint')}>{node}</Form.Item>;
    if (f === 'items') return <Form.Item key={f} label={label(f)} required>{node}</Form.Item>;
    if (f === 'uploadId' && action === 'sign') {
      const needed = method === 'screen' || method === 'scan';
      return <Form.Item key={`${f}-${method}`} name={f} label={label(f)} rules={needed ? [{ required: true, message: t(method === 'screen' ? 'mediation.signPadRequired' : 'common.required') }] : []}>{node}</Form.Item>;
    }
    return <Form.Item key={f} name={f} label={label(f)} rules={rules} valuePropName={valueProp}>{node}</Form.Item>;
  };
  return <>{fields.map(item)}</>;
}
