/**
 * How Anwang's case statuses read in Open311 GeoReport v2 (open/closed) and in mySociety's
 * servicerequestupdates extension. Documented in docs/OPEN311.md.
 */
import type { CaseStatus } from '../../../core/workflow/case-workflow.ts';

/** GeoReport v2 status: a case is open until it reaches an ending. */
export function geoReportStatus(status: string): 'open' | 'closed' {
  return ['closed', 'rejected', 'redirected', 'merged'].includes(status) ? 'closed' : 'open';
}

/** mySociety extension status for a case's state (and outcome). */
export function updateStatus(status: CaseStatus | string, outcome: string | null): string {
  switch (status) {
    case 'submitted':
    case 'accepted':
      return 'OPEN';
    case 'dispatched':
      return 'ACTION_SCHEDULED';
    case 'in_progress':
    case 'reported_back':
      return 'IN_PROGRESS';
    case 'verified':
    case 'followed_up':
      return 'FIXED';
    case 'closed':
      return outcome === 'unresolved' ? 'NO_FURTHER_ACTION' : 'FIXED';
    case 'redirected':
      return 'NOT_COUNCILS_RESPONSIBILITY';
    case 'merged':
      return 'DUPLICATE';
    case 'rejected':
      return 'CLOSED';
    default:
      return 'OPEN';
  }
}

/** Minimal XML for GeoReport's shapes: a root, repeated items, scalar children. */
export function toXml(root: string, item: string | null, value: unknown): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const node = (name: string, v: unknown): string => {
    if (v === null || v === undefined) return `<${name}/>`;
    if (Array.isArray(v)) return `<${name}>${v.map((x) => node(singular(name), x)).join('')}</${name}>`;
    if (typeof v === 'object') return `<${name}>${Object.entries(v as Record<string, unknown>).map(([k, x]) => node(k, x)).join('')}</${name}>`;
    return `<${name}>${esc(String(v))}</${name}>`;
  };
  const body = item && Array.isArray(value) ? `<${root}>${value.map((v) => node(item, v)).join('')}</${root}>` : node(root, value);
  return `<?xml version="1.0" encoding="utf-8"?>${body}`;
}

function singular(name: string): string {
  if (name === 'endpoints') return 'endpoint';
  if (name === 'formats') return 'format';
  if (name === 'attributes') return 'attribute';
  if (name === 'values') return 'value';
  return name.replace(/s$/, '');
}
