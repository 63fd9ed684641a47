/**
 * Patrols in the demo (一日一巡): the village grid worker walked 城关社区's grids on most of the last seven days (one
 * day missed, so the compliance page has something to show), each walk with a short track and the first one with a
 * finding that became a case (channel 巡查). Written through the field services as the phone would send them, on a
 * seed clock, so the rollup, the audit log and the cases are what real patrols leave. Idempotent: only when the
 * community has no patrol yet.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../lib/context.ts';
import { addTrackChunk, endPatrol, startPatrol } from '../modules/field/patrols.service.ts';
import { recordFinding } from '../modules/field/findings.service.ts';
import { demoActor, SeedClock } from './demo-kit.ts';
import { demoCommunity } from './demo-field.ts';

const COUNTY = demoCommunity.slice(0, 6);
const DAY = 86_400_000;

/** A walk around the grid's box: `n` points a minute apart from `at`, 5–10 m accuracy. */
function walk(box: { minLat: number; minLng: number; maxLat: number; maxLng: number }, at: number, n: number): [number, number, number, number][] {
  const lat = (f: number) => box.minLat + (box.maxLat - box.minLat) * f;
  const lng = (f: number) => box.minLng + (box.maxLng - box.minLng) * f;
  return Array.from({ length: n }, (_, i) => {
    const f = i / (n - 1);
    // Along the box's diagonal and back a little: a walk, not a straight line.
    return [at + i * 60_000, lat(0.35 + 0.3 * f), lng(0.4 + 0.2 * Math.sin(f * Math.PI)), 5 + (i % 6)];
  });
}

/** Seeds the demo's patrols once; returns how many were made. */
export async function seedDemoPatrols(ctx: AppContext): Promise<number> {
  const [done] = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM patrols WHERE county_code = $1 AND grid_code LIKE $2`, [COUNTY, `${demoCommunity}%`]);
  if (done!.n) return 0;
  const grids = await ctx.database.query<{ code: string; minLat: number; minLng: number; maxLat: number; maxLng: number }>(
    `SELECT code, min_lat AS "minLat", min_lng AS "minLng", max_lat AS "maxLat", max_lng AS "maxLng" FROM grids WHERE county_code = $1 AND code LIKE $2 ORDER BY code LIMIT 3`, [COUNTY, `${demoCommunity}%`]);
  if (!grids.length) return 0;
  const actor = await demoActor(ctx, 'village.gridWorker');
  const clock = new SeedClock(ctx.clock.now().getTime());
  const c2: AppContext = { ...ctx, clock };
  // 09:30 China time (01:30 UTC) on each day, 1–6 days ago; 4 days ago nobody walked.
  const today = Math.floor((ctx.clock.now().getTime() + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
  let made = 0;
  for (const daysAgo of [6, 5, 3, 2, 1]) {
    const g = grids[made % grids.length]!;
    const start = today - daysAgo * DAY + 9.5 * 3600_000;
    const points = walk(g, start + 60_000, 40);
    clock.t = start;
    const id = randomUUID();
    await startPatrol(c2, actor, { id, gridCode: g.code, startedAt: new Date(start).toISOString() });
    clock.t = start + 41 * 60_000;
    await addTrackChunk(c2, actor, id, { id: randomUUID(), seq: 0, points: points.slice(0, 20) });
    await addTrackChunk(c2, actor, id, { id: randomUUID(), seq: 1, points: points.slice(20) });
    if (made === 0) {
      const [, lat, lng] = points[15]!;
      await recordFinding(c2, actor, id, { id: randomUUID(), recordedAt: new Date(points[15]![0]).toISOString(), categoryId: 'municipal.streetlight', description: '巡查发现：巷口路灯不亮，夜间行人看不清路。', lat, lng, templateItem: 'liubicha.safety_facilities' });
    }
    await endPatrol(c2, actor, id, { id: randomUUID(), endedAt: new Date(start + 45 * 60_000).toISOString() });
    made++;
  }
  return made;
}
