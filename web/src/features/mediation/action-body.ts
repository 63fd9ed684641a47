/**
 * The body of a dispute action from its form's values, and what the action's zod schema (`disputeActionSchemas`, the
 * one the server validates with) says of its fields. No DOM and no strings here, so tests read it.
 */
import dayjs from 'dayjs';
import { chinaInstant, chinaPickerValue } from '../../data/china-clock';
import type { z } from 'zod';
import { disputeActionSchemas } from '../../../../core/schemas/disputes.schema';
import type { DisputeCard } from '../../../../core/schemas/disputes.response';

/** A field's schema as zod 4 describes it, with the wrappers (optional, default, nullable) taken off by `inner`. */
export type Field = z.ZodType & { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; entries?: Record<string, string> }; maxLength?: number | null };

/** The field schema without optional/default/nullable wrappers (as web/src/data/zod-rules does, without its strings). */
export function inner(schema: z.ZodType): Field {
  let s = schema as Field;
  while (['optional', 'default', 'nullable', 'prefault'].includes(s.def.type) && s.def.innerType) s = s.def.innerType as Field;
  return s;
}

/** The schema of an action's body (an action the web does not know yet: no fields). */
export function schemaOf(action: string): z.ZodObject {
  return ((disputeActionSchemas as Record<string, unknown>)[action] ?? ({ shape: {}, safeParse: () => ({ success: true }) } as unknown)) as z.ZodObject;
}

/** The fields of an action, in the schema's order. */
export function fieldsOf(action: string): string[] {
  return Object.keys(schemaOf(action).shape);
}

/** A field's type with its wrappers taken off (string, number, boolean, enum, date, array, object). */
export function kindOf(action: string, f: string): { type: string; options: string[]; element?: string } {
  const i = inner(schemaOf(action).shape[f] as z.ZodType);
  const options = i.def.type === 'enum' ? Object.values(i.def.entries ?? {}) : [];
  const element = i.def.type === 'array' && i.def.element ? inner(i.def.element).def.type : undefined;
  return { type: i.def.type, options, element };
}

/** Turns form values into the action's body: empty fields left out, dates as ISO instants, consents from their rows. */
export function toBody(action: string, v: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fieldsOf(action)) {
    const x = v[f];
    if (x === undefined || x === null || x === '') continue;
    if (f === 'items') body[f] = (x as Record<string, unknown>[]).map((it) => Object.fromEntries(Object.entries(it).filter(([, y]) => y !== undefined && y !== '').map(([k, y]) => [k, dayjs.isDayjs(y) ? y.format('YYYY-MM-DD') : y])));
    else if (f === 'consents') body[f] = (x as { partyId: string; given?: boolean; how?: string; at?: dayjs.Dayjs }[]).filter((c) => c.given).map((c) => ({ partyId: c.partyId, how: c.how, at: chinaInstant(c.at ?? chinaPickerValue()) }));
    else if (dayjs.isDayjs(x)) body[f] = chinaInstant(x); // the picker shows China's clock
    else if (typeof x === 'string') body[f] = x.trim() === '' ? undefined : x;
    else body[f] = x;
  }
  // The terms one by one are the written agreement's; an oral one records its content in `terms` alone.
  if (action === 'recordAgreement' && body.form === 'oral') delete body.items;
  return Object.fromEntries(Object.entries(body).filter(([, y]) => y !== undefined));
}

/** Checks the body with the schema; returns the field errors (a problem without a path lands on the first field). */
export function bodyProblems(action: string, body: Record<string, unknown>): { name: string; errors: string[] }[] {
  const r = schemaOf(action).safeParse(body);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ name: String(i.path[0] ?? fieldsOf(action)[0]), errors: [i.message] }));
}

/** The values a form of this action starts with (now for dates the step happened; every party's consent row). */
export function initialValues(action: string, c: DisputeCard): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  for (const f of fieldsOf(action)) if (/At$/.test(f) && f !== 'at') v[f] = chinaPickerValue();
  if (action === 'extend') v.consents = c.parties.map((p) => ({ partyId: p.id, given: false, how: 'signed', at: chinaPickerValue() }));
  if (action === 'recordSession') {
    const next = c.sessions.find((s) => !s.heldAt);
    Object.assign(v, { sessionId: next?.id, partyIds: c.parties.map((p) => p.id), mediatorIds: c.mediators.map((m) => m.id), othersCount: 0 });
  }
  if (action === 'sign') v.method = 'screen';
  if (action === 'recordAgreement') Object.assign(v, { form: 'written', ...(fieldsOf(action).includes('items') ? { items: [{}] } : {}) });
  return v;
}
