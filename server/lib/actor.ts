/** Who is acting: a signed-in user or an integration token. Every service takes one. */
import type { Role } from '../../core/roles.ts';

export interface Actor {
  /** 'public': a resident on the H5 or tracking page, without an account. */
  kind: 'user' | 'token' | 'system' | 'public';
  id: string;
  name: string;
  role: Role;
  /** 12-digit code of the region node whose subtree this actor may see. */
  scopeCode: string;
  /** For department handlers: the department whose cases they handle. */
  departmentId?: string | null;
  ip?: string;
}

/** The actor used by CLI commands and start-up jobs (full scope, recorded as `system`). */
export function systemActor(scopeCode: string, name = 'cli'): Actor {
  return { kind: 'system', id: 'system', name, role: 'sysadmin', scopeCode };
}

/** A resident on the public pages (acts as the workflow's 'resident'; sees nothing beyond public data). */
export function publicActor(ip?: string): Actor {
  return { kind: 'public', id: 'public', name: 'resident', role: 'integration', scopeCode: '000000000000', ip };
}
