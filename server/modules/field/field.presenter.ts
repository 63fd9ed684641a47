/** How field records are answered (device-facing: ids, ISO times, counters; nothing personal). */
import type { PatrolAnswer } from '../../../core/schemas/field.response.ts';
import type { PatrolRow } from './patrols.repository.ts';

/** A patrol as the app and the contract see it (core/schemas/field.response.ts). */
export type PatrolView = PatrolAnswer;

/** The answer of start and end. */
export function patrolAnswer(p: PatrolRow): PatrolView {
  return { id: p.id, gridCode: p.gridCode, startedAt: p.startedAt.toISOString(), endedAt: p.endedAt?.toISOString() ?? null, status: p.status as PatrolView['status'], pointCount: p.pointCount, distanceM: p.distanceM };
}
