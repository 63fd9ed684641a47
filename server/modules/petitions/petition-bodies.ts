/** The names of the bodies a petition meets: the 信访部门 of a region, a department, a township's government. */
import { AppError } from '../../../core/errors.ts';
import { isRegionCode, levelOfCode } from '../../../core/region-code.ts';
import type { Executor } from '../../db/client.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as regions from '../regions/regions.service.ts';
import * as users from '../users/users.service.ts';

/** A body as the petition row keeps it. */
export interface Body {
  bodyDepartmentId: string | null;
  bodyRegionCode: string | null;
  bodyName: string;
}

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

/** The 信访部门 of a region, as it signs (门源回族自治县信访局, 浩门镇信访办公室). */
export async function officeName(ex: Executor, regionCode: string): Promise<string> {
  const name = (await regions.namesOf(ex, [regionCode])).get(regionCode) ?? regionCode;
  return levelOfCode(regionCode) === 'county' ? `${name}信访局` : `${name}信访办公室`;
}

/**
 * Resolves the body a petition is sent to, inside the petition's county: a department of the county, or a
 * township (or the county) by its region code. @throws VALIDATION_FAILED naming the field
 */
export async function resolveBody(ex: Executor, countyCode: string, to: { departmentId?: string; regionCode?: string }, path = 'body.to'): Promise<Body> {
  if (to.departmentId) {
    const [name, county] = await Promise.all([catalog.departmentName(ex, to.departmentId), catalog.departmentCountyOf(ex, to.departmentId)]);
    if (!name || county !== countyCode) throw bad(`${path}.departmentId`, 'unknown_department', to.departmentId);
    return { bodyDepartmentId: to.departmentId, bodyRegionCode: null, bodyName: name };
  }
  const code = to.regionCode ?? '';
  const level = isRegionCode(code) ? levelOfCode(code) : null;
  const name = level === 'township' || level === 'county' ? (await regions.namesOf(ex, [code])).get(code) : undefined;
  if (!name || !code.startsWith(countyCode)) throw bad(`${path}.regionCode`, 'unknown_body', code);
  return { bodyDepartmentId: null, bodyRegionCode: code, bodyName: `${name}人民政府` };
}

/** Accounts acting for a body (notices): the department's staff, or the region's petition officers and operators. */
export function bodyStaff(ex: Executor, b: { bodyDepartmentId: string | null; bodyRegionCode: string | null }): Promise<string[]> {
  if (b.bodyDepartmentId) return users.staffIdsOfDepartment(ex, b.bodyDepartmentId);
  if (b.bodyRegionCode) return users.staffIdsAt(ex, b.bodyRegionCode, ['petitionOfficer', 'operator']);
  return Promise.resolve([]);
}

/** The petition officers of the office that registered a petition. */
export function officeStaff(ex: Executor, officeRegion: string): Promise<string[]> {
  return users.staffIdsAt(ex, officeRegion, ['petitionOfficer']);
}
