/**
 * The work calendar the demo ships for every county: 2026 as the State Council published it (国务院办公厅关于2026年
 * 部分节假日安排的通知, 2025-11-04), and 2027 as an estimate: only the statutory holidays themselves (全国年节及纪念日
 * 放假办法, 2024 revision, on 2027's lunar dates), marked 预估, with no 调休 days — the 2027 notice decides those and
 * the bridging days, and an administrator must enter them (节假日 tab) when it is published.
 */
import { EVERY_COUNTY } from '../../core/reference-owner.ts';
import type { Actor } from '../lib/actor.ts';
import type { AppContext } from '../lib/context.ts';
import { importCalendar, workCalendar } from '../modules/catalog/catalog.service.ts';

/** Inclusive day ranges of one kind and name. */
type Span = [from: string, to: string, kind: 'holiday' | 'workday', name: string];

const official2026: Span[] = [
  ['2026-01-01', '2026-01-03', 'holiday', '元旦'],
  ['2026-01-04', '2026-01-04', 'workday', '元旦调休上班'],
  ['2026-02-14', '2026-02-14', 'workday', '春节调休上班'],
  ['2026-02-15', '2026-02-23', 'holiday', '春节'],
  ['2026-02-28', '2026-02-28', 'workday', '春节调休上班'],
  ['2026-04-04', '2026-04-06', 'holiday', '清明节'],
  ['2026-05-01', '2026-05-05', 'holiday', '劳动节'],
  ['2026-05-09', '2026-05-09', 'workday', '劳动节调休上班'],
  ['2026-06-19', '2026-06-21', 'holiday', '端午节'],
  ['2026-09-20', '2026-09-20', 'workday', '国庆节调休上班'],
  ['2026-09-25', '2026-09-27', 'holiday', '中秋节'],
  ['2026-10-01', '2026-10-07', 'holiday', '国庆节'],
  ['2026-10-10', '2026-10-10', 'workday', '国庆节调休上班'],
];

/** The mark on every 2027 day until the notice is out (the calendar tab explains it). */
export const ESTIMATE_MARK = '（预估）';

const statutory2027: Span[] = [
  ['2027-01-01', '2027-01-01', 'holiday', '元旦'],
  ['2027-02-05', '2027-02-08', 'holiday', '春节'], // 除夕 to 初三 (正月初一 = 2 月 6 日)
  ['2027-04-05', '2027-04-05', 'holiday', '清明节'],
  ['2027-05-01', '2027-05-02', 'holiday', '劳动节'],
  ['2027-06-09', '2027-06-09', 'holiday', '端午节'],
  ['2027-09-15', '2027-09-15', 'holiday', '中秋节'],
  ['2027-10-01', '2027-10-03', 'holiday', '国庆节'],
];

/** Every day of the spans as `date,kind,name` rows. */
function rows(spans: Span[], mark = ''): string[] {
  const out: string[] = [];
  for (const [from, to, kind, name] of spans) {
    for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
      out.push(`${d.toISOString().slice(0, 10)},${kind},${name}${mark}`);
    }
  }
  return out;
}

/** The demo calendar as the CSV the import takes. */
export function demoCalendarCsv(): string {
  return ['date,kind,name', ...rows(official2026), ...rows(statutory2027, ESTIMATE_MARK)].join('\n');
}

/**
 * Imports the demo calendar for every county (shared days, as a prefecture administrator would), unless shared
 * days are already there: a second seed, or an installation's own calendar, is left as it is. Returns the days added.
 */
export async function seedDemoCalendar(ctx: AppContext, actor: Actor): Promise<number> {
  const shared = await workCalendar(ctx, ctx.db, EVERY_COUNTY);
  if (shared.holidays.size + shared.workdays.size > 0) return 0;
  return (await importCalendar(ctx, actor, demoCalendarCsv(), EVERY_COUNTY)).imported;
}
