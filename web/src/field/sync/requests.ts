/** Which request each record kind is (contract in web/src/field/contracts.ts); the body is fixed once saved. */
import type { RecordKind } from '../contracts';

/** The owner part of an attachment's `?owner=` for kinds that carry photos or voice. */
export const attachmentOwner: Partial<Record<RecordKind, 'visit' | 'finding' | 'assessment'>> = { visit: 'visit', 'patrol.finding': 'finding', assessment: 'assessment' };

/** Kinds whose record id is also the new object's id on the server (sent in the body as `id`). */
const carriesId = (kind: RecordKind) => !kind.endsWith('.update');

function take(body: Record<string, unknown>, key: string, kind: RecordKind): [string, Record<string, unknown>] {
  const { [key]: value, ...rest } = body;
  if (typeof value !== 'string' || !value) throw new Error(`${kind} needs ${key}`);
  return [encodeURIComponent(value), rest];
}

/** Method, path and body of a record (path parameters such as `patrolId` leave the body). */
export function requestOf(kind: RecordKind, id: string, input: Record<string, unknown>, supersedes?: string): { method: 'POST' | 'PATCH'; path: string; body: Record<string, unknown> } {
  const body: Record<string, unknown> = { ...input, ...(carriesId(kind) ? { id } : {}), ...(supersedes ? { supersedes } : {}) };
  switch (kind) {
    case 'patrol.start':
      return { method: 'POST', path: '/api/field/patrols', body };
    case 'patrol.end':
    case 'patrol.track':
    case 'patrol.finding': {
      const [patrolId, rest] = take(body, 'patrolId', kind);
      return { method: 'POST', path: `/api/field/patrols/${patrolId}/${kind === 'patrol.end' ? 'end' : kind === 'patrol.track' ? 'track' : 'findings'}`, body: rest };
    }
    case 'visit':
      return { method: 'POST', path: '/api/field/visits', body };
    case 'assessment':
      return { method: 'POST', path: '/api/field/assessments', body };
    case 'household.create':
      return { method: 'POST', path: '/api/households', body };
    case 'person.create':
      return { method: 'POST', path: '/api/people', body };
    case 'household.update': {
      const [householdId, rest] = take(body, 'householdId', kind);
      return { method: 'PATCH', path: `/api/households/${householdId}`, body: rest };
    }
    case 'person.update': {
      const [personId, rest] = take(body, 'personId', kind);
      return { method: 'PATCH', path: `/api/people/${personId}`, body: rest };
    }
  }
}

/** The PUT of one photo or voice note after its record. */
export function attachmentPath(attachmentId: string, owner: 'visit' | 'finding' | 'assessment', recordId: string): string {
  return `/api/field/attachments/${encodeURIComponent(attachmentId)}?owner=${owner}:${encodeURIComponent(recordId)}`;
}
