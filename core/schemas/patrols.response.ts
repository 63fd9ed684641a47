/** What the staff patrol page reads: GET /api/field/patrol-compliance (一日一巡) and GET /api/field/patrols (types only). */

/** Figures of one worker, grid or township over the range (core/field/compliance.ts). */
export interface ComplianceFigures { days: number; patrolledDays: number; rate: number; patrols: number; minutes: number; distanceM: number; findings: number }

/** GET /api/field/patrol-compliance: per worker, grid and township, names included. */
export interface PatrolCompliance {
  region: string;
  from: string;
  to: string;
  days: number;
  workers: (ComplianceFigures & { userId: string; name: string; gridCodes: string[] })[];
  grids: (ComplianceFigures & { gridCode: string; name: string })[];
  townships: (ComplianceFigures & { townshipCode: string; name: string; grids: number })[];
}

/** A finding of a patrol, with the code of the case it became. */
export interface PatrolFinding { id: string; caseCode: string; templateItem: string | null; recordedAt: string }

/** One row of GET /api/field/patrols. */
export interface PatrolRow {
  id: string;
  gridCode: string;
  gridName: string;
  userId: string;
  userName: string;
  startedAt: string;
  endedAt: string | null;
  status: 'open' | 'ended';
  pointCount: number;
  distanceM: number;
  findingCount: number;
  findings: PatrolFinding[];
}

/** GET /api/field/patrols/:id/track: [epoch ms, lat, lng, accuracy m] in time order. */
export interface PatrolTrack { patrol: { id: string; gridCode: string; startedAt: string; endedAt: string | null; pointCount: number; distanceM: number }; points: [number, number, number, number][] }
