/** Where a new report lands (its first owning centre), before anyone accepts and routes it. */
import { inScope, levelOfCode } from '../region-code.ts';
import { centreCode } from './triage.ts';

/** Who entered the report: a staff member's role and scope, or nobody (a resident, an integration). */
export interface EnteredBy {
  role: string;
  scopeCode: string;
}

/**
 * The centre a new report lands at: an alarm at the county centre; a report a township or county operator
 * entered at that centre (where it was taken in: they accept it and routing sends it on); anything else at
 * the village centre of its place.
 */
export function intakeUnit(villageCode: string, channel: string, by: EnteredBy | null): { level: 'village' | 'township' | 'county'; regionCode: string } {
  if (channel === 'alarm') return { level: 'county', regionCode: centreCode(villageCode, 'county') };
  if (by?.role === 'operator' && inScope(by.scopeCode, villageCode)) {
    const level = levelOfCode(by.scopeCode);
    if (level === 'township' || level === 'county') return { level, regionCode: centreCode(villageCode, level) };
  }
  return { level: 'village', regionCode: villageCode };
}
