/**
 * Where the field records tell the visit tasks (helper T's module, server/modules/field-tasks) what happened, inside
 * the record's own transaction: a visit completes the subject's open task and opens the next one; a new risk level
 * changes which visits are due. The bodies are T's; this module only calls them.
 */
import type { RiskLevel } from '../../../core/field/risk-score.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as visitTasks from '../field-tasks/visit-task-generator.service.ts';

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
export async function onVisitRecorded(tx: Executor, ctx: AppContext, actor: Actor, visit: RecordedVisit): Promise<void> {
  await visitTasks.onVisitRecorded(tx, ctx, actor, visit);
}

/** A household's current risk level is now `level` (assessed at `at`, device time; same transaction). */
export async function onRiskLevel(tx: Executor, ctx: AppContext, household: AssessedHousehold, _level: RiskLevel, _at: Date): Promise<void> {
  // The level is read back from household_risk_current, already written in this transaction.
  await visitTasks.onRiskLevel(tx, ctx, household);
}
