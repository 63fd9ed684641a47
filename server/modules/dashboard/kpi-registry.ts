/**
 * The KPI registry: each domain (cases today; petitions, mediation and field work next) registers its named
 * queries here once, and the dashboard service runs them for a region and a window it has already checked
 * (permission, scope). Queries read rollups kept by the domain's own transitions, never scans (DESIGN §3 rule 9);
 * each domain's queries live in its own module's service, so no module reads another's repository.
 */
import type { AppContext } from '../../lib/context.ts';
import { caseKpis } from '../cases/case-kpis.service.ts';
import { petitionKpis } from '../petitions/petition-kpis.service.ts';
import { mediationKpis } from '../mediation/mediation-kpis.service.ts';
import { fieldKpis } from '../field/field-kpis.service.ts';
import type { KpiDomainDefinition, KpiQuery, KpiWindow } from './kpi-types.ts';

/** Every domain's KPIs. A new domain adds one line: its module's `…Kpis` definition. */
export const kpiDomains = {
  cases: caseKpis,
  petitions: petitionKpis,
  mediation: mediationKpis,
  field: fieldKpis, // Session 11, helper S: patrols, 一日一巡, risk levels
};

export type KpiDomain = keyof typeof kpiDomains;

/** The answer a domain's presenter makes. */
export type KpiAnswer<D extends KpiDomain> = ReturnType<(typeof kpiDomains)[D]['present']>;

/** Runs every named query of a domain for one window, side by side, and presents their results. */
export async function runKpis<D extends KpiDomain>(ctx: AppContext, domain: D, w: KpiWindow): Promise<KpiAnswer<D>> {
  const def = kpiDomains[domain] as unknown as KpiDomainDefinition<Record<string, KpiQuery>, KpiAnswer<D>>;
  const names = Object.keys(def.queries);
  const values = await Promise.all(names.map((n) => def.queries[n]!(ctx, w)));
  return def.present(Object.fromEntries(names.map((n, i) => [n, values[i]])));
}
