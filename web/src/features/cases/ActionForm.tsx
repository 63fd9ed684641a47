/**
 * The form of one workflow action. Its fields, which are required and their limits come from the action's zod
 * schema (`caseActionSchemas`, the one the server validates with); this file only says how each field is drawn.
 */
import type { ReactNode } from 'react';
import { Form, Input, InputNumber, Radio, Select, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { caseActionSchemas } from '../../../../core/schemas/cases.schema';
import { impliedParentCode } from '../../../../core/region-code';
import type { CaseDetail, CaseDuplicate } from '../../../../core/schemas/cases.response';
import type { Department } from '../../../../core/schemas/catalog.response';
import { rulesFor, unwrapField } from '../../data/zod-rules';
import { useRegionChildren } from '../regions/regions.api';
import { useHandlers } from './cases.api';

export type ActionName = keyof typeof caseActionSchemas;

/** The schema of an action's body. */
export function schemaOf(action: string): z.ZodObject {
  return caseActionSchemas[action as ActionName] as unknown as z.ZodObject;
}

/** The fields of an action, in the schema's order (photos are the upload list, not a form field). */
export function fieldsOf(action: string): string[] {
  return Object.keys(schemaOf(action).shape);
}

/** Label keys of fields whose name is the API's (departmentId) rather than the word on screen. */
const labelKey: Record<string, string> = { departmentId: 'field.department', userId: 'field.handler', regionCode: 'field.region', minutes: 'field.days', uploadIds: 'field.photos' };
/** Fields of which one is enough (the schemas' refine: dispatch to a department or a person, transfer to a region or a department). */
const eitherOr = ['departmentId', 'userId', 'regionCode'];

/** Turns form values into the action's body: empty fields left out, photos as upload ids. */
export function toBody(action: string, v: Record<string, unknown>, files: UploadFile[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fieldsOf(action)) {
    if (f === 'uploadIds') body.uploadIds = files.map((x) => (x.response as { id: string } | undefined)?.id).filter(Boolean);
    else if (v[f] !== undefined && v[f] !== '' && v[f] !== null) body[f] = v[f];
  }
  return body;
}

/** Checks the body with the schema; a failure of "one of these" marks the alternatives left empty. Returns the field errors. */
export function bodyProblems(action: string, body: Record<string, unknown>, oneOf: string): { name: string; errors: string[] }[] {
  const r = schemaOf(action).safeParse(body);
  if (r.success) return [];
  return r.error.issues.flatMap((i) => (i.path.length ? [{ name: String(i.path[0]), errors: [i.message] }] : fieldsOf(action).filter((f) => eitherOr.includes(f) && body[f] === undefined).map((name) => ({ name, errors: [oneOf] }))));
}

export function ActionForm({ action, c, departments, duplicates, files, onFiles }: { action: string; c: CaseDetail; departments: Department[]; duplicates: CaseDuplicate[]; files: UploadFile[]; onFiles: (f: UploadFile[]) => void }) {
  const { t } = useTranslation();
  const schema = schemaOf(action);
  const fields = fieldsOf(action);
  const handlers = useHandlers(fields.includes('userId')).data ?? [];
  // Transfer within the level: the other centres under the same parent (a department-level case moves by department only).
  const byRegion = fields.includes('regionCode') && c.unitLevel !== 'department';
  const parent = byRegion ? (impliedParentCode(c.unitCode) ?? undefined) : undefined;
  const siblings = (useRegionChildren(parent, byRegion, true).data ?? []).filter((r) => r.code !== c.unitCode);
  const maxOf = (f: string) => (schema.shape[f] ? (unwrapField(schema.shape[f] as z.ZodType).inner.maxLength ?? undefined) : undefined);
  const input: Record<string, ReactNode> = {
    note: <Input.TextArea rows={2} maxLength={maxOf('note')} />,
    reason: <Input.TextArea rows={2} maxLength={maxOf('reason')} />,
    text: <Input.TextArea rows={3} maxLength={maxOf('text')} />,
    unit: <Input maxLength={maxOf('unit')} />,
    tier: <Select allowClear options={['minor', 'tricky', 'complex', 'hard'].map((x) => ({ value: x, label: t(`tier.${x}`) }))} />,
    departmentId: <Select allowClear showSearch optionFilterProp="label" options={departments.map((d) => ({ value: d.id, label: d.name }))} />,
    userId: <Select allowClear showSearch optionFilterProp="label" options={handlers.map((h) => ({ value: h.id, label: `${h.displayName} · ${t(`role.${h.role}`)}` }))} />,
    regionCode: <Select allowClear showSearch optionFilterProp="label" options={siblings.map((r) => ({ value: r.code, label: r.name }))} />,
    result: <Radio.Group options={[{ value: 'pass', label: t('action.pass') }, { value: 'fail', label: t('action.fail') }]} />,
    satisfaction: <Radio.Group options={['satisfied', 'basically', 'unsatisfied'].map((x) => ({ value: x, label: t(`satisfaction.${x}`) }))} />,
    method: <Radio.Group options={['phone', 'visit'].map((x) => ({ value: x, label: t(`method.${x}`) }))} />,
    approve: <Radio.Group options={[{ value: true, label: t('action.approve') }, { value: false, label: t('action.deny') }]} />,
    minutes: <InputNumber min={1} max={60} addonAfter={t('action.days')} />,
    duplicateOf: <Select showSearch options={duplicates.map((d) => ({ value: d.code, label: `${d.code} · ${d.distance}m · ${Math.round(d.similarity * 100)}%` }))} />,
  };
  const item = (f: string) => {
    if (f === 'regionCode' && !byRegion) return null;
    if (f === 'uploadIds')
      return (
        <Form.Item key={f} label={t(labelKey[f]!)}>
          <Upload action="/api/uploads" listType="picture" accept="image/*" maxCount={9} fileList={files} onChange={({ fileList }) => onFiles(fileList)}>
            <a>{t('action.addPhoto')}</a>
          </Upload>
        </Form.Item>
      );
    // The extension is asked in days and sent in minutes, as the schema counts it.
    const days = f === 'minutes' ? { getValueProps: (m: number | undefined) => ({ value: m === undefined ? undefined : m / 1440 }), normalize: (d: number | null) => (d === null ? undefined : d * 1440) } : {};
    return (
      <Form.Item key={f} name={f} label={t(labelKey[f] ?? `field.${f}`)} rules={rulesFor(schema, f)} {...days}>
        {input[f]}
      </Form.Item>
    );
  };
  return <>{fields.map(item)}</>;
}
