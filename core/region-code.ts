/**
 * 12-digit 统计用区划代码 (GB/T 2260 + NBS): digits 1–2 province, 3–4 prefecture, 5–6 county,
 * 7–9 township, 10–12 village. Levels are inferred from which trailing groups are zero.
 * We validate the format and the parent, never the NBS number ranges (see STANDARDS.md §2.1).
 */
export const regionLevels = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof regionLevels)[number];

const significantLength: Record<RegionLevel, number> = { province: 2, prefecture: 4, county: 6, township: 9, village: 12 };

/** True for exactly twelve ASCII digits with a non-zero province part. */
export function isRegionCode(code: string): boolean {
  return /^\d{12}$/.test(code) && code.slice(0, 2) !== '00';
}

/** The level a 12-digit code names. @throws Error on a malformed code */
export function levelOfCode(code: string): RegionLevel {
  if (!isRegionCode(code)) throw new Error(`not a 12-digit region code: ${code}`);
  if (code.slice(9) !== '000') return 'village';
  if (code.slice(6, 9) !== '000') return 'township';
  if (code.slice(4, 6) !== '00') return 'county';
  if (code.slice(2, 4) !== '00') return 'prefecture';
  return 'province';
}

/** The scope of the whole tree (system actors: CLI, start-up jobs); not a region of its own. */
export const ROOT_SCOPE = '000000000000';

/** The prefix every code in this node's subtree shares (e.g. `632221` for a county; '' for ROOT_SCOPE). */
export function subtreePrefix(code: string): string {
  if (code === ROOT_SCOPE) return '';
  return code.slice(0, significantLength[levelOfCode(code)]);
}

/** The code of the level just above, implied by the digits (may skip a missing level, e.g. 省直辖县). */
export function impliedParentCode(code: string): string | null {
  const level = levelOfCode(code);
  const idx = regionLevels.indexOf(level);
  if (idx === 0) return null;
  const parentLen = significantLength[regionLevels[idx - 1]!];
  return code.slice(0, parentLen).padEnd(12, '0');
}

/** The length of the prefix that names one child of this node (2 under the root; a village has none: 12). */
export function childPrefixLength(code: string): number {
  if (code === ROOT_SCOPE) return significantLength.province;
  const idx = regionLevels.indexOf(levelOfCode(code));
  return significantLength[regionLevels[Math.min(idx + 1, regionLevels.length - 1)]!];
}

/** The 12-digit code a subtree prefix names (its digits padded with zeros, e.g. `632221` → `632221000000`). */
export function codeFromPrefix(prefix: string): string {
  return prefix.padEnd(12, '0');
}

/** The code of the node at `level` above (or at) this code, e.g. the township of a village or grid. */
export function ancestorAt(code: string, level: RegionLevel): string {
  return codeFromPrefix(code.slice(0, significantLength[level]));
}

/** True when `code` (region, grid or any code starting with a region code) lies in the subtree of `scopeCode`. */
export function inScope(scopeCode: string, code: string): boolean {
  return code.startsWith(subtreePrefix(scopeCode));
}

/** The 6-digit county part, which keys large tables (`county_code`). */
export function countyOf(code: string): string {
  return code.slice(0, 6);
}

/** True for a 15-digit grid code: a 12-digit village code plus a 3-digit sequence (not 000). */
export function isGridCode(code: string): boolean {
  return /^\d{15}$/.test(code) && isRegionCode(code.slice(0, 12)) && levelOfCode(code.slice(0, 12)) === 'village' && code.slice(12) !== '000';
}
