/**
 * The fields an extension record of each kind carries in its open part (GB/T 31000 modules 2–4): a migrant's
 * reason for moving in, where from, when, and the residence permit with its expiry; a foreigner's nationality and
 * visa expiry; a left-behind person's parents' whereabouts. Known fields are checked by type; a county may add
 * fields of its own (the "X"), kept as text. Dates that expire feed the reminders of permits and visas.
 */
import { isCalendarDay } from '../calendar.ts';

export type FieldType = 'date' | 'code' | 'region' | 'text' | 'alpha3';

export interface RecordField {
  type: FieldType;
  /** The code table of a `code` field. */
  table?: string;
  /** The permit or visa expires on this date: the grid worker is reminded before. */
  expiry?: boolean;
}

export const recordFields: Record<string, Record<string, RecordField>> = {
  migrant: {
    reason: { type: 'code', table: 'move_reason' },
    origin: { type: 'region' },
    arrivedOn: { type: 'date' },
    permitNumber: { type: 'text' },
    permitExpiry: { type: 'date', expiry: true },
  },
  foreign: {
    nationality: { type: 'alpha3' },
    visaType: { type: 'text' },
    visaExpiry: { type: 'date', expiry: true },
  },
  left_behind: {
    parentsWhere: { type: 'text' },
  },
};

/** The fields that expire, as [kind, field] pairs. */
export const expiryFields: [kind: string, field: string][] = Object.entries(recordFields).flatMap(([kind, fields]) => Object.entries(fields).filter(([, f]) => f.expiry).map(([name]) => [kind, name] as [string, string]));

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

const isDay = isCalendarDay;

/**
 * Problems with the known fields of a record's open data; `codes` answers whether a code is in a table.
 * Dates must be real days; a permit must not expire before the day the person arrived.
 */
export function recordFieldProblems(kind: string, data: Record<string, unknown>, codes: (table: string, code: string) => boolean): FieldProblem[] {
  const known = recordFields[kind] ?? {};
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(data)) {
    const f = known[name];
    if (!f) continue;
    const v = String(value);
    if (f.type === 'date' && !isDay(v)) problems.push({ field: name, code: 'bad_date', message: `${name} 应为 YYYY-MM-DD 的有效日期` });
    if (f.type === 'code' && !codes(f.table!, v)) problems.push({ field: name, code: 'unknown_code', message: `${v} 不在代码表 ${f.table} 中` });
    if (f.type === 'region' && !/^\d{6}(\d{6})?$/.test(v)) problems.push({ field: name, code: 'bad_region', message: `${name} 应为6位或12位行政区划代码` });
    if (f.type === 'alpha3' && !/^[A-Z]{3}$/.test(v)) problems.push({ field: name, code: 'bad_country', message: `${name} 应为 GB/T 2659 三字母代码，如 MNG` });
  }
  if (kind === 'migrant' && typeof data.arrivedOn === 'string' && typeof data.permitExpiry === 'string' && isDay(data.arrivedOn) && isDay(data.permitExpiry) && data.permitExpiry < data.arrivedOn) {
    problems.push({ field: 'permitExpiry', code: 'expires_before_arrival', message: '居住证有效期早于来此日期' });
  }
  return problems;
}
