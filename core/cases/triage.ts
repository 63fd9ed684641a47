/**
 * Triage and routing as data: a suggested tier from the category and keywords (the operator may
 * override it), and the handling unit for a tier from the county's rules. 事件先属地后属主: when the
 * owner is unclear (no department mapped to the category), the place comes first.
 */

/** 烦心事 / 棘手事 / 复杂事 / 难办事 */
export const tiers = ['minor', 'tricky', 'complex', 'hard'] as const;
export type Tier = (typeof tiers)[number];

/** Where a case is handled. */
export const handlingLevels = ['village', 'township', 'department', 'county'] as const;
export type HandlingLevel = (typeof handlingLevels)[number];

export interface CategoryRule {
  id: string;
  defaultTier: Tier;
  /** Words that raise the tier when they appear in the report (e.g. 群体, 坠落, 多次反映). */
  keywords: Partial<Record<Tier, string[]>>;
}

/** The suggested tier: the category's default raised to the highest tier whose keyword appears. */
export function suggestTier(category: CategoryRule, text: string): { tier: Tier; matched: string[] } {
  let tier = category.defaultTier;
  const matched: string[] = [];
  for (const t of tiers) {
    for (const k of category.keywords[t] ?? []) {
      if (k && text.includes(k)) {
        matched.push(k);
        if (tiers.indexOf(t) > tiers.indexOf(tier)) tier = t;
      }
    }
  }
  return { tier, matched };
}

/** The default routing: minor → village, tricky → township, complex → department, hard → county. */
export const defaultRouting: Record<Tier, HandlingLevel> = { minor: 'village', tricky: 'township', complex: 'department', hard: 'county' };

/** A handling unit: a centre at a region node, or a department. */
export type Unit = { level: 'village' | 'township' | 'county'; regionCode: string } | { level: 'department'; departmentId: string; regionCode: string };

/** The region code of the centre at `level` above (or at) a village. */
export function centreCode(villageCode: string, level: 'village' | 'township' | 'county'): string {
  if (level === 'village') return villageCode;
  if (level === 'township') return villageCode.slice(0, 9) + '000';
  return villageCode.slice(0, 6) + '000000';
}

/** The unit a case goes to for its tier. A department level with no mapped department falls back to the township (place first). */
export function routeFor(tier: Tier, villageCode: string, rules: Record<Tier, HandlingLevel>, departmentId: string | null): Unit {
  const level = rules[tier];
  if (level === 'department') {
    if (departmentId) return { level: 'department', departmentId, regionCode: centreCode(villageCode, 'county') };
    return { level: 'township', regionCode: centreCode(villageCode, 'township') };
  }
  return { level, regionCode: centreCode(villageCode, level) };
}

/** One level up: village → township → county; a department hands up to the county centre; the county stays. */
export function escalateFrom(unit: Unit, villageCode: string): Unit {
  if (unit.level === 'village') return { level: 'township', regionCode: centreCode(villageCode, 'township') };
  return { level: 'county', regionCode: centreCode(villageCode, 'county') };
}

/** The tier one step more urgent (reopened cases), capped at hard. */
export function raiseTier(t: Tier): Tier {
  return tiers[Math.min(tiers.length - 1, tiers.indexOf(t) + 1)]!;
}
