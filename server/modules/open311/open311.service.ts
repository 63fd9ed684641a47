/**
 * Open311 GeoReport v2 over the case services: public categories as services, cases of public categories
 * as requests, integration tokens as api_key. Private categories never appear; no reporter data leaves;
 * positions are rounded to about 100 m so a request does not point at one home.
 */
import { AppError } from '../../../core/errors.ts';
import { ancestorAt } from '../../../core/region-code.ts';
import type { AppContext } from '../../lib/context.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as regions from '../regions/regions.service.ts';
import * as repo from './open311.repository.ts';
import { geoReportStatus, updateStatus } from './open311.mapping.ts';

/** Channels where the description is the resident's own words; every other channel's text was typed by staff. */
const residentChannels = ['web', 'app', 'open311'];

const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

/** Services: the active public leaf categories. */
export async function services(ctx: AppContext) {
  const all = await catalog.listCategories(ctx, true);
  const parents = new Map(all.map((c) => [c.id, c.name]));
  return all
    .filter((c) => c.parentId)
    .map((c) => {
      // GeoReport wants keywords as a comma-separated string: a category without any leaves the field out.
      const keywords = Object.values(c.keywords ?? {}).flat().join(',');
      return { service_code: c.id, service_name: c.name, description: c.nameEn, metadata: false, type: 'realtime' as const, ...(keywords ? { keywords } : {}), group: parents.get(c.parentId!) ?? null };
    });
}

/** A service definition (no extra attributes today). @throws NOT_FOUND for unknown and private services */
export async function serviceDefinition(ctx: AppContext, code: string) {
  if (!(await services(ctx)).some((s) => s.service_code === code)) throw new AppError('NOT_FOUND');
  return { service_code: code, attributes: [] as unknown[] };
}

export interface RequestQuery {
  ids?: string[];
  serviceCode?: string;
  start?: Date;
  end?: Date;
  status?: 'open' | 'closed';
  page: number;
  pageSize: number;
}

/** Public requests, newest first. */
export async function requests(ctx: AppContext, q: RequestQuery) {
  const now = ctx.clock.now();
  // The spec's default window is the last 90 days.
  const start = q.start ?? (q.ids ? undefined : new Date((q.end ?? now).getTime() - 90 * 86_400_000));
  const rows = await repo.publicCases(ctx.db, { ...q, start, statuses: q.status === 'closed' ? ['closed', 'rejected', 'redirected', 'merged'] : undefined, openOnly: q.status === 'open' });
  const cats = new Map((await catalog.listCategories(ctx, true)).map((c) => [c.id, c.name]));
  const names = await regions.namesOf(ctx.db, [...new Set(rows.flatMap((r) => [r.villageCode, ancestorAt(r.villageCode, 'township'), r.unitCode]))]);
  return rows
    .filter((r) => cats.has(r.categoryId))
    .map((r) => ({
      service_request_id: r.code,
      status: geoReportStatus(r.status),
      // Fixed phrases only: staff free text (the unit a case was sent to, notes, reasons) is never published.
      status_notes: r.status === 'redirected' ? '已转其他单位办理' : r.status === 'merged' ? '重复事项，已合并' : null,
      service_name: cats.get(r.categoryId) ?? null,
      service_code: r.categoryId,
      // Only what the resident wrote themselves (H5 page, app, Open311 client); text staff typed in is not theirs to publish.
      description: residentChannels.includes(r.channel) ? r.description : null,
      agency_responsible: names.get(r.unitCode) ?? null,
      service_notice: null,
      requested_datetime: r.createdAt.toISOString(),
      updated_datetime: r.updatedAt.toISOString(),
      expected_datetime: r.dueAt?.toISOString() ?? null,
      address: `${names.get(ancestorAt(r.villageCode, 'township')) ?? ''}${names.get(r.villageCode) ?? ''}` || null,
      address_id: null,
      zipcode: null,
      lat: round3(r.lat),
      long: round3(r.lng),
      media_url: null,
    }));
}

/** mySociety servicerequestupdates: public steps of public cases in a time window. */
export async function updates(ctx: AppContext, start: Date | undefined, end: Date | undefined) {
  const now = ctx.clock.now();
  const rows = await repo.publicUpdates(ctx.db, start ?? new Date(now.getTime() - 7 * 86_400_000), end ?? now);
  return rows.map((e) => ({
    update_id: `${e.countyCode}-${e.id}`,
    service_request_id: e.code,
    status: updateStatus(e.toStatus ?? 'submitted', e.outcome),
    updated_datetime: e.at.toISOString(),
    description: e.type,
    media_url: null,
  }));
}
