/** Who is acting: a signed-in user or an integration token. Every service takes one. */
import type { Role } from '../../core/roles.ts';

export interface Actor {
  kind: 'user' | 'token' | 'system';
  id: string;
  name: string;
  role: Role;
  /** 12-digit code of the region node whose subtree this actor may see. */
  scopeCode: string;
  ip?: string;
}

/** The actor used by CLI commands and start-up jobs (full scope, recorded as `system`). */
export function systemActor(scopeCode: string, name = 'cli'): Actor {
  return { kind: 'system', id: 'system', name, role: 'sysadmin', scopeCode };
}
