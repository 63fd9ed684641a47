/**
 * The form of one petition action. Its fields, which are required and their limits come from the action's zod
 * schema (`petitionActionSchemas`, the one the server validates with); this file only says how each is drawn:
 * a body as a department or a township (never a typed code), days and dates with pickers, uploads as lists.
 */
import type { ReactNode } from 'react';
import { DatePicker, Form, Input, InputNumber, Radio, Select, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { petitionActionSchemas } from '../../../../core/schemas/petitions.schema';
import type { PetitionCard } from '../../../../core/schemas/petitions.response';
import { notAcceptGrounds } from '../../../../core/workflow/petition-workflow';
import { isRequired, rulesFor, unwrapField } from '../../data/zod-rules';
import { useCatalog } from '../catalog/catalog.api';
import { RegionTreeSelect } from '../regions/RegionTreeSelect';
import { chinaInstant, chinaPickerValue } from '../../data/china-clock';

type ActionName = keyof typeof petitionActionSchemas;

/** The schema of an action's body. */
export function schemaOf(action: string): z.ZodObject {
  return petitionActionSchemas[action as ActionName] as unknown as z.ZodObject;
}

/** The fields of an action, in the schema's order. */
export function fieldsOf(action: string): string[] {
  return Object.keys(schemaOf(action).shape);
}

const uploadFields = ['uploadIds', 'proofUploadIds'];
const instantFields = ['servedAt', 'requestedAt'];

/** Turns form values into the action's body: empty fields left out, dates as the schema takes them, uploads as ids. */
export function toBody(action: string, v: Record<string, unknown>, files: UploadFile[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fieldsOf(action)) {
    const x = v[f];
    if (uploadFields.includes(f)) body[f] = files.map((u) => (u.response as { id: string } | undefined)?.id).filter(Boolean);
    else if (x === undefined || x === null || x === '') continue;
    else if (f === 'reportBy') body[f] = (x as dayjs.Dayjs).format('YYYY-MM-DD');
    else if (instantFields.includes(f)) body[f] = chinaInstant(x as dayjs.Dayjs);
    else if (f === 'to' && typeof x === 'object') body[f] = Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([, y]) => y));
    else body[f] = x;
  }
  return body;
}

/** Checks the body with the schema; returns the field errors (a problem without a path lands on the first field). */
export function bodyProblems(action: string, body: Record<string, unknown>): { name: string; errors: string[] }[] {
  const r = schemaOf(action).safeParse(body);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ name: String(i.path[0] ?? fieldsOf(action)[0]), errors: [i.message] }));
}

/** A receiving or reviewing body: a department of the county, or a township (picked from the tree). */
function BodyPicker({ value, onChange }: { value?: { departmentId?: string; regionCode?: string }; onChange?: (v: { departmentId?: string; regionCode?: string }) => void }) {
  const { t } = useTranslation();
  const { departments } = useCatalog();
  const mode = value?.regionCode ? 'township' : 'department';
  return (
    <>
      <Radio.Group value={mode} onChange={(e) => onChange?.(e.target.value === 'township' ? { regionCode: undefined } : { departmentId: undefined })} style={{ marginBottom: 8 }} options={[{ value: 'department', label: t('petitions.bodyDepartment') }, { value: 'township', label: t('petitions.bodyTownship') }]} />
      {mode === 'department' ? (
        <Select allowClear showSearch optionFilterProp="label" value={value?.departmentId} onChange={(d) => onChange?.({ departmentId: d })} options={departments.map((d) => ({ value: d.id, label: d.name }))} data-testid="petition-body-department" />
      ) : (
        <RegionTreeSelect level="township" value={value?.regionCode} onChange={(r) => onChange?.({ regionCode: r })} data-testid="petition-body-township" />
      )}
    </>
  );
}

export function PetitionActionForm({ action, c, files, onFiles }: { action: string; c: PetitionCard; files: UploadFile[]; onFiles: (f: UploadFile[]) => void }) {
  const { t } = useTranslation();
  const schema = schemaOf(action);
  const fields = fieldsOf(action);
  const method = Form.useWatch('method') as string | undefined;
  const maxOf = (f: string) => (schema.shape[f] ? (unwrapField(schema.shape[f] as z.ZodType).inner.maxLength ?? undefined) : undefined);
  const area = (rows: number) => (f: string) => <Input.TextArea rows={rows} maxLength={maxOf(f)} showCount={(maxOf(f) ?? 0) > 500} />;
  const { i18n } = useTranslation();
  const unserved = c.documents.filter((d) => !d.services.length);
  const input: Record<string, (f: string) => ReactNode> = {
    note: area(2), reason: area(3), procedure: area(3), facts: area(4), basis: area(3), decision: area(3),
    steerTo: () => <Input maxLength={100} />,
    trackingNo: () => <Input maxLength={40} data-testid="petition-tracking-no" />,
    to: () => (action === 'handOver' ? <Input maxLength={100} placeholder={t('petitions.handOverTo')} /> : <BodyPicker />),
    ground: () => <Select options={notAcceptGrounds.map((g) => ({ value: g, label: t(`petitions.ground.${g}`) }))} />,
    days: () => <InputNumber min={1} max={30} addonAfter={t('petitions.days')} />,
    reportBy: () => <DatePicker disabledDate={(d) => d.isBefore(chinaPickerValue().startOf('day'))} />,
    servedAt: () => <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(chinaPickerValue().endOf('day'))} data-testid="petition-served-at" />,
    requestedAt: () => <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(chinaPickerValue().endOf('day'))} />,
    method: () => <Radio.Group options={['in_person', 'post', 'sms_link'].map((m) => ({ value: m, label: t(`petitions.method.${m}`) }))} data-testid="petition-service-method" />,
    documentId: () => <Select options={(unserved.length ? unserved : c.documents).map((d) => ({ value: d.id, label: i18n.exists(`petitions.template.${d.template}`) ? t(`petitions.template.${d.template}`) : d.title }))} />,
  };
  const item = (f: string) => {
    if (f === 'trackingNo' && method !== 'post') return null;
    if (uploadFields.includes(f))
      return (
        <Form.Item key={f} label={t(`petitions.field.${f}`)}>
          <Upload action="/api/uploads" listType="picture" accept="image/*" maxCount={f === 'proofUploadIds' ? 5 : 10} multiple fileList={files} onChange={({ fileList }) => onFiles(fileList)} data-testid={`petition-${f}`}>
            <a>{t('petitions.addAttachment')}</a>
          </Upload>
        </Form.Item>
      );
    // 邮寄送达 needs its tracking number (the schema's refine says so too; here the field shows it as required).
    if (f === 'trackingNo') return <Form.Item key={f} name={f} label={t('petitions.field.trackingNo')} rules={[{ required: true, whitespace: true, message: t('common.required') }, ...rulesFor(schema, f)]}>{input[f]!(f)}</Form.Item>;
    // A body and the dates are objects (a choice, dayjs values): only "required" here, as an object rule (a text rule
    // would call them not a string); the schema checks them after toBody turned them into what it takes.
    const rules = f === 'to' || f === 'reportBy' || instantFields.includes(f) ? (isRequired(schema, f) ? [{ required: true, type: 'object' as const, message: t('common.required') }] : []) : rulesFor(schema, f);
    return (
      <Form.Item key={f} name={f} label={t(`petitions.field.${f}`)} rules={rules}>
        {input[f]?.(f) ?? <Input />}
      </Form.Item>
    );
  };
  return <>{fields.map(item)}</>;
}
