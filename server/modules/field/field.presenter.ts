/** How field records are answered (device-facing: ids, ISO times, counters; nothing personal). */
import type { PatrolRow } from './patrols.repository.ts';

/** A patrol as the app and the contract see it. */
export interface PatrolView {
  id: string;
  gridCode: string;
  startedAt: string;
  endedAt: string | null;
  status: 'open' | 'ended';
  pointCount: number;
  distanceM: number;
}

/** The answer of start and end. */
export function patrolAnswer(p: PatrolRow): PatrolView {
  return { id: p.id, gridCode: p.gridCode, startedAt: p.startedAt.toISOString(), endedAt: p.endedAt?.toISOString() ?? null, status: p.status as PatrolView['status'], pointCount: p.pointCount, distanceM: p.distanceM };
}
