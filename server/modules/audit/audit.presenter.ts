/** The audit log as the auditor reads it: who acted and on what, in facts the page puts into words. */
import type { AuditEntry } from '../../../core/schemas/audit.response.ts';
import type { NamedAuditRow } from './audit.repository.ts';

/** Who acted: an account by today's name and role, else what the recorded name stands for. */
function actorOf(r: NamedAuditRow): AuditEntry['actor'] {
  if (r.actorDisplayName !== null) return { kind: 'user', name: r.actorDisplayName, role: r.actorRole };
  if (r.actorId === 'system') {
    // systemActor's name says which part of the system: the demo seed, a CLI command, the engine's own steps.
    const kind = r.actorName === 'demo-seed' ? 'demo' : r.actorName === 'cli' ? 'cli' : 'system';
    return { kind, name: null, role: null };
  }
  // Residents act without an account (recorded with no actor); so does a sign-in with an unknown username.
  if (r.actorId === null || r.actorId === 'public') return { kind: r.action === 'auth.login' ? 'unknown' : 'resident', name: null, role: null };
  return { kind: 'token', name: r.actorName, role: null };
}

/** One row for the page. */
export function presentAuditRow(r: NamedAuditRow): AuditEntry {
  const objectName = r.objectType === 'user' ? r.objectUserName : r.objectType === 'case' ? r.objectId : null;
  return { id: r.id, at: r.at.toISOString(), action: r.action, actor: actorOf(r), objectType: r.objectType, objectId: r.objectId, objectName, outcome: r.outcome, ip: r.ip };
}
