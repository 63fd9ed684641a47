/** The form for one workflow action: the fields each action needs, drawn from a table, never from status rules. */
import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Radio, Select, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd';
import { api } from '../../api';
import type { Department } from './useCatalog';

type Field = 'note' | 'reason' | 'unit' | 'tier' | 'department' | 'handler' | 'result' | 'satisfaction' | 'approve' | 'days' | 'text' | 'photos' | 'duplicateOf' | 'method';
/** Fields per action; `!` marks the required ones. */
export const actionFields: Record<string, string[]> = {
  accept: ['tier', 'note'], reject: ['reason!'], redirect: ['unit!', 'reason'], merge: ['duplicateOf!'], dispatch: ['department', 'handler', 'note'],
  return: ['reason!'], transfer: ['department!', 'reason!'], escalate: ['reason'], assist: ['department!', 'note'], start: ['note'], reportBack: ['text!', 'photos'],
  verify: ['result!', 'note'], followUp: ['satisfaction!', 'method', 'note'], close: ['note'], closeUnresolved: ['reason!'], extendRequest: ['days!', 'reason!'],
  extendDecide: ['approve!', 'note'], urge: ['note'], pause: ['reason!'], resume: ['note'],
};

/** Turns form values into the action's body. */
export function toBody(action: string, v: Record<string, unknown>, files: UploadFile[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const spec of actionFields[action] ?? []) {
    const f = spec.replace('!', '') as Field;
    const val = v[f];
    if (val === undefined || val === '' || val === null) continue;
    if (f === 'department') body.departmentId = val;
    else if (f === 'handler') body.userId = val;
    else if (f === 'days') body.minutes = Number(val) * 1440;
    else if (f === 'photos') continue;
    else body[f] = val;
  }
  if (action === 'reportBack') body.uploadIds = files.map((f) => (f.response as { id: string } | undefined)?.id).filter(Boolean);
  return body;
}

export function ActionForm({ action, form, departments, duplicates }: { action: string; form: FormInstance; departments: Department[]; duplicates: { code: string; similarity: number; distance: number }[] }) {
  const { t } = useTranslation();
  const [handlers, setHandlers] = useState<{ id: string; displayName: string; role: string }[]>([]);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const fields = actionFields[action] ?? [];
  useEffect(() => {
    if (fields.includes('handler')) api<typeof handlers>('/api/handlers').then(setHandlers).catch(() => setHandlers([]));
  }, [action]);
  useEffect(() => form.setFieldValue('__files', files), [files, form]);
  const item = (spec: string) => {
    const required = spec.endsWith('!');
    const f = spec.replace('!', '') as Field;
    const rules = [{ required, message: t('common.required') }];
    const input = {
      note: <Input.TextArea rows={2} maxLength={500} />,
      reason: <Input.TextArea rows={2} maxLength={500} />,
      text: <Input.TextArea rows={3} maxLength={2000} />,
      unit: <Input maxLength={100} />,
      tier: <Select allowClear options={['minor', 'tricky', 'complex', 'hard'].map((x) => ({ value: x, label: t(`tier.${x}`) }))} />,
      department: <Select allowClear showSearch optionFilterProp="label" options={departments.map((d) => ({ value: d.id, label: d.name }))} />,
      handler: <Select allowClear showSearch optionFilterProp="label" options={handlers.map((h) => ({ value: h.id, label: `${h.displayName} · ${t(`role.${h.role}`)}` }))} />,
      result: <Radio.Group options={[{ value: 'pass', label: t('action.pass') }, { value: 'fail', label: t('action.fail') }]} />,
      satisfaction: <Radio.Group options={['satisfied', 'basically', 'unsatisfied'].map((x) => ({ value: x, label: t(`satisfaction.${x}`) }))} />,
      method: <Radio.Group options={['phone', 'visit'].map((x) => ({ value: x, label: t(`method.${x}`) }))} />,
      approve: <Radio.Group options={[{ value: true, label: t('action.approve') }, { value: false, label: t('action.deny') }]} />,
      days: <InputNumber min={1} max={60} addonAfter={t('action.days')} />,
      duplicateOf: <Select showSearch options={duplicates.map((d) => ({ value: d.code, label: `${d.code} · ${d.distance}m · ${Math.round(d.similarity * 100)}%` }))} />,
      photos: (
        <Upload action="/api/uploads" listType="picture" accept="image/*" maxCount={9} fileList={files} onChange={({ fileList }) => setFiles(fileList)}>
          <a>{t('action.addPhoto')}</a>
        </Upload>
      ),
    }[f];
    return <Form.Item key={f} name={f} label={t(`field.${f}`)} rules={f === 'photos' ? [] : rules}>{input}</Form.Item>;
  };
  return <>{fields.map(item)}<Form.Item name="__files" hidden><Input /></Form.Item></>;
}
