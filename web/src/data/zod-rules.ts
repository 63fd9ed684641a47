/**
 * Ant Design Form rules from a zod object schema, so a form asks exactly what the server's schema checks:
 * required (not optional, no default), string length, number bounds, and a last check by the schema itself.
 */
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import i18n from '../i18n';

type Field = z.ZodType & { def: { type: string; innerType?: z.ZodType }; minLength?: number | null; maxLength?: number | null; minValue?: number | null; maxValue?: number | null };

/** The field schema without optional/default/nullable wrappers, and whether a value must be given. */
export function unwrapField(schema: z.ZodType): { inner: Field; required: boolean } {
  let s = schema as Field;
  let required = true;
  while (['optional', 'default', 'nullable', 'prefault'].includes(s.def.type) && s.def.innerType) {
    required = false;
    s = s.def.innerType as Field;
  }
  return { inner: s, required };
}

/** The rules of one field of an object schema. */
export function rulesFor(schema: z.ZodObject, name: string): Rule[] {
  const field = schema.shape[name] as z.ZodType | undefined;
  if (!field) return [];
  const { inner, required } = unwrapField(field);
  const t = i18n.t.bind(i18n);
  const rules: Rule[] = [];
  // A trimmed text with min(1) is required in substance: blanks do not count.
  if (required) rules.push({ required: true, whitespace: inner.def.type === 'string', message: t('common.required') });
  if (inner.def.type === 'string') {
    if (inner.maxLength != null) rules.push({ max: inner.maxLength, message: t('common.maxLength', { n: inner.maxLength }) });
    if (inner.minLength != null && inner.minLength > 1) rules.push({ min: inner.minLength, message: t('common.minLength', { n: inner.minLength }) });
  }
  if (inner.def.type === 'number') {
    if (inner.minValue != null) rules.push({ type: 'number', min: inner.minValue, message: t('common.minValue', { n: inner.minValue }) });
    if (inner.maxValue != null) rules.push({ type: 'number', max: inner.maxValue, message: t('common.maxValue', { n: inner.maxValue }) });
  }
  // Whatever else the schema checks (patterns, enums, UUIDs) is checked by the schema itself.
  rules.push({ validator: (_, v) => (v === undefined || v === null || v === '' || field.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(t('common.invalid')))) });
  return rules;
}

/** Whether a field must be given. */
export function isRequired(schema: z.ZodObject, name: string): boolean {
  const field = schema.shape[name] as z.ZodType | undefined;
  return !!field && unwrapField(field).required;
}
