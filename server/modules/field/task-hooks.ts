/**
 * Where the field records tell the visit tasks (helper T's module, server/modules/field-tasks) what happened, inside
 * the record's own transaction: a visit completes the subject's open task and opens the next one; a new risk level
 * changes which visits are due. The bodies are T's; this module only calls them.
 */
import type { RiskLevel } from '../../../core/field/risk-score.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';

/** A visit just stored (device time `visitedAt`). */
export interface RecordedVisit {
  countyCode: string;
  id: string;
  subjectType: 'household' | 'person';
  subjectId: string;
  gridCode: string;
  villageCode: string;
  /** The task the app said it fulfils, if any. */
  taskId: string | null;
  templateCode: string;
  visitedAt: Date;
  /** The earlier visit it corrects (a correction completes nothing new). */
  supersedesId: string | null;
}

/** The household whose risk level changed. */
export interface AssessedHousehold {
  countyCode: string;
  id: string;
  gridCode: string;
}

/** A visit was recorded (same transaction). */
export async function onVisitRecorded(_tx: Executor, _ctx: AppContext, _actor: Actor, _visit: RecordedVisit): Promise<void> {
  // Helper T replaces this body: complete the subject's open visit task and open the next.
}

/** A household's current risk level is now `level` (assessed at `at`, device time; same transaction). */
export async function onRiskLevel(_tx: Executor, _ctx: AppContext, _household: AssessedHousehold, _level: RiskLevel, _at: Date): Promise<void> {
  // Helper T replaces this body: open, move or cancel the household's risk visit tasks.
}
