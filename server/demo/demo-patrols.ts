/**
 * A week of patrols (一日一巡) in the demo: `village.gridWorker` walked one of their 城关社区 grids on six of the last
 * seven days (the fourth day back is missed, so compliance is not a flat 100 %), each walk a 40-minute loop of about 2.4 km inside the
 * grid sent as track chunks of 20 points, and two walks found something (a 六必查 item) that became a case of channel
 * 巡查 (its 六必查 item marked 有问题 in the checklist kept with the patrol's end). Written through the same services the field app calls, so rollups, audit and encryption are the real ones.
 * Idempotent: nothing is added when the worker already has a patrol.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../lib/context.ts';
import { addTrackChunk, endPatrol, startPatrol } from '../modules/field/patrols.service.ts';
import { recordFinding } from '../modules/field/findings.service.ts';
import { listTemplates } from '../modules/field/templates.service.ts';
import { demoActor } from './demo-kit.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Days back with no patrol (a missed day shows in 一日一巡). */
const MISSED = 3;
const findings: Record<number, { item: string; categoryId: string; description: string }> = {
  5: { item: 'liubicha.safety_facilities', categoryId: 'safety.fire', description: '巡查发现：3号楼楼道堆放纸箱和电动车，堵塞消防通道' },
  1: { item: 'liubicha.sanitation', categoryId: 'sanitation.garbage', description: '巡查发现：社区西侧垃圾点满溢，未及时清运' },
};

/** Side of the walked square: 4 × 600 m in 40 minutes is a walking pace (3.6 km/h). */
const SIDE_M = 600;
const M_PER_DEG_LAT = 111_320;

/** Points of a square walk around the middle of a grid's bounding box, one a minute: [epoch ms, lat, lng, accuracy m]. */
function loop(box: { minLat: number; minLng: number; maxLat: number; maxLng: number }, start: number, minutes: number): [number, number, number, number][] {
  const midLat = (box.minLat + box.maxLat) / 2, midLng = (box.minLng + box.maxLng) / 2;
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((midLat * Math.PI) / 180);
  // Half the square in degrees, never wider than half the grid's box (a small grid gets a smaller walk).
  const half = { lat: Math.min(SIDE_M / 2 / M_PER_DEG_LAT, (box.maxLat - box.minLat) / 4), lng: Math.min(SIDE_M / 2 / mPerDegLng, (box.maxLng - box.minLng) / 4) };
  const corners = [[-1, -1], [-1, 1], [1, 1], [1, -1]] as const;
  const out: [number, number, number, number][] = [];
  for (let i = 0; i < minutes; i++) {
    const leg = Math.floor((i / minutes) * 4), f = ((i / minutes) * 4) % 1;
    const [a, b] = [corners[leg]!, corners[(leg + 1) % 4]!];
    const lat = midLat + half.lat * (a[0] + (b[0] - a[0]) * f), lng = midLng + half.lng * (a[1] + (b[1] - a[1]) * f);
    out.push([start + i * MINUTE, +lat.toFixed(6), +lng.toFixed(6), 8 + (i % 5)]);
  }
  return out;
}

/** Records the demo grid worker's week of patrols once. Returns how many patrols were made. */
export async function seedDemoPatrols(ctx: AppContext): Promise<number> {
  const actor = await demoActor(ctx, 'village.gridWorker');
  const [had] = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM patrols WHERE user_id = $1`, [actor.id]);
  if (had!.n) return 0;
  const grids = await ctx.database.query<{ code: string; min_lat: number; min_lng: number; max_lat: number; max_lng: number }>(
    `SELECT g.code, g.min_lat, g.min_lng, g.max_lat, g.max_lng FROM grids g WHERE g.county_code = $2 AND g.code IN (SELECT grid_code FROM grid_staff WHERE county_code = $2 AND user_id = $1) ORDER BY g.code`, [actor.id, actor.scopeCode.slice(0, 6)]);
  if (!grids.length) return 0;
  const now = ctx.clock.now().getTime();
  // 六必查 as the worker left it at each end: every item 正常, the one a finding was made under 有问题.
  const liubicha = (await listTemplates(ctx)).find((t) => t.code === 'liubicha');
  const checklist = (problem?: string) => (liubicha ? { templateId: liubicha.id, answers: Object.fromEntries(liubicha.items.map((i) => [i.code, `liubicha.${i.code}` === problem ? 'problem' : 'normal'])) } : {});
  let made = 0;
  for (let back = 6; back >= 0; back--) {
    if (back === MISSED) continue;
    const g = grids[back % grids.length]!;
    const start = now - back * DAY - 3 * 60 * MINUTE;
    const patrol = await startPatrol(ctx, actor, { id: randomUUID(), gridCode: g.code, startedAt: new Date(start).toISOString() });
    const points = loop({ minLat: g.min_lat, minLng: g.min_lng, maxLat: g.max_lat, maxLng: g.max_lng }, start, 40);
    for (let seq = 0; seq * 20 < points.length; seq++) await addTrackChunk(ctx, actor, patrol.id, { id: randomUUID(), seq, points: points.slice(seq * 20, seq * 20 + 20) });
    const f = findings[back];
    if (f) {
      const at = points[17]!;
      await recordFinding(ctx, actor, patrol.id, { id: randomUUID(), recordedAt: new Date(at[0]).toISOString(), categoryId: f.categoryId, description: f.description, lat: at[1], lng: at[2], templateItem: f.item });
    }
    await endPatrol(ctx, actor, patrol.id, { id: randomUUID(), endedAt: new Date(start + 40 * MINUTE).toISOString(), ...checklist(f?.item) });
    made++;
  }
  return made;
}
