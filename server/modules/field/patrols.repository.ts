/** Patrols, their track chunks and findings, and the 一日一巡 rollup (migration 0033). */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { grids, patrolFindings, patrolStatsDaily, patrolTrackChunks, patrols } from '../../db/schema.ts';

export type PatrolRow = typeof patrols.$inferSelect;
export type ChunkRow = typeof patrolTrackChunks.$inferSelect;
export type FindingRow = typeof patrolFindings.$inferSelect;

/** True when the grid exists. */
export async function gridExists(ex: Executor, code: string): Promise<boolean> {
  const [row] = await ex.select({ code: grids.code }).from(grids).where(and(eq(grids.countyCode, code.slice(0, 6)), eq(grids.code, code)));
  return !!row;
}

/** Inserts a patrol unless its (county, id) exists; true when this call made it. */
export async function insertPatrol(tx: Executor, row: PatrolRow): Promise<boolean> {
  return (await tx.insert(patrols).values(row).onConflictDoNothing().returning({ id: patrols.id })).length > 0;
}

/** A patrol by county and id (any owner), locked when asked. */
export async function patrolById(ex: Executor, countyCode: string, id: string, lock = false): Promise<PatrolRow | undefined> {
  const q = ex.select().from(patrols).where(and(eq(patrols.countyCode, countyCode), eq(patrols.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** Ends a patrol with the end record's checklist, if any (the caller holds the row). */
export async function endPatrol(tx: Executor, p: PatrolRow, endedAt: Date, endRecordId: string, checklist: Pick<PatrolRow, 'checklistTemplateId' | 'checklistEnc'>): Promise<void> {
  await tx.update(patrols).set({ endedAt, endRecordId, status: 'ended', ...checklist }).where(and(eq(patrols.countyCode, p.countyCode), eq(patrols.id, p.id)));
}

/** Adds a chunk's or a finding's figures to its patrol. */
export async function addToPatrol(tx: Executor, p: { countyCode: string; id: string }, d: { chunks?: number; points?: number; distanceM?: number; findings?: number }): Promise<void> {
  await tx.update(patrols).set({
    chunkCount: sql`${patrols.chunkCount} + ${d.chunks ?? 0}`,
    pointCount: sql`${patrols.pointCount} + ${d.points ?? 0}`,
    distanceM: sql`${patrols.distanceM} + ${d.distanceM ?? 0}`,
    findingCount: sql`${patrols.findingCount} + ${d.findings ?? 0}`,
  }).where(and(eq(patrols.countyCode, p.countyCode), eq(patrols.id, p.id)));
}

/** Inserts a chunk unless its id or its (patrol, seq) is taken; true when this call made it. */
export async function insertChunk(tx: Executor, row: ChunkRow): Promise<boolean> {
  return (await tx.insert(patrolTrackChunks).values(row).onConflictDoNothing().returning({ id: patrolTrackChunks.id })).length > 0;
}

/** A chunk by county and id. */
export async function chunkById(ex: Executor, countyCode: string, id: string): Promise<ChunkRow | undefined> {
  const [row] = await ex.select().from(patrolTrackChunks).where(and(eq(patrolTrackChunks.countyCode, countyCode), eq(patrolTrackChunks.id, id)));
  return row;
}

/** A patrol's chunks in sequence order. */
export function chunksOf(ex: Executor, p: { countyCode: string; id: string }): Promise<ChunkRow[]> {
  return ex.select().from(patrolTrackChunks).where(and(eq(patrolTrackChunks.countyCode, p.countyCode), eq(patrolTrackChunks.patrolId, p.id))).orderBy(asc(patrolTrackChunks.seq));
}

/** The chunks of a patrol with these sequence numbers (a new chunk's neighbours). */
export function chunksWithSeq(ex: Executor, p: { countyCode: string; id: string }, seqs: number[]): Promise<ChunkRow[]> {
  return ex.select().from(patrolTrackChunks).where(and(eq(patrolTrackChunks.countyCode, p.countyCode), eq(patrolTrackChunks.patrolId, p.id), inArray(patrolTrackChunks.seq, seqs)));
}

/** A finding by county and id. */
export async function findingById(ex: Executor, countyCode: string, id: string): Promise<FindingRow | undefined> {
  const [row] = await ex.select().from(patrolFindings).where(and(eq(patrolFindings.countyCode, countyCode), eq(patrolFindings.id, id)));
  return row;
}

/** Inserts a finding unless its id is taken; true when this call made it. */
export async function insertFinding(tx: Executor, row: FindingRow): Promise<boolean> {
  return (await tx.insert(patrolFindings).values(row).onConflictDoNothing().returning({ id: patrolFindings.id })).length > 0;
}

/** The key of one row of the 一日一巡 rollup. */
export interface PatrolStatKey { countyCode: string; gridCode: string; userId: string; day: string }

/** Adds to one row of patrol_stats_daily (an upsert). */
export async function bumpStats(tx: Executor, k: PatrolStatKey, d: { patrols?: number; ended?: number; minutes?: number; distanceM?: number; findings?: number }): Promise<void> {
  const v = { patrols: d.patrols ?? 0, ended: d.ended ?? 0, minutes: d.minutes ?? 0, distanceM: d.distanceM ?? 0, findings: d.findings ?? 0 };
  await tx.insert(patrolStatsDaily).values({ ...k, ...v }).onConflictDoUpdate({
    target: [patrolStatsDaily.countyCode, patrolStatsDaily.gridCode, patrolStatsDaily.userId, patrolStatsDaily.day],
    set: {
      patrols: sql`${patrolStatsDaily.patrols} + excluded.patrols`,
      ended: sql`${patrolStatsDaily.ended} + excluded.ended`,
      minutes: sql`${patrolStatsDaily.minutes} + excluded.minutes`,
      distanceM: sql`${patrolStatsDaily.distanceM} + excluded.distance_m`,
      findings: sql`${patrolStatsDaily.findings} + excluded.findings`,
    },
  });
}
