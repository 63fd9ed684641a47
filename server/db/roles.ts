/**
 * The application's own PostgreSQL role. Migrations run as the schema's owner (ANWANG_MIGRATE_URL); the server
 * connects as a role that reads and writes the business tables but may only SELECT and INSERT the audit log: no
 * UPDATE, DELETE or TRUNCATE, and, owning nothing, no ALTER TABLE … DISABLE TRIGGER. A stolen application password
 * or an SQL injection then cannot rewrite the audit trail. (PGlite has one superuser: nothing to set up there.)
 */
import type { Database } from './client.ts';

/** Tables the application may read and append to, never change (the audit rows and the register of their chains). */
const appendOnly = ['audit_log', 'audit_chains'];
/** Tables the application may only read (where the legacy audit chain ends is fixed by migration 0023). */
const readOnly = ['schema_migrations', 'audit_legacy_chain'];

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`role name "${name}" must be lower-case letters, digits and _`);
  return `"${name}"`;
};
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Creates (or brings up to date) the application's role with its grants, run as the schema's owner after the
 * migrations; idempotent, so it is run again after an upgrade. A password, when given, is set (or changed).
 * Default privileges give the role the same rights on tables later migrations create.
 */
export async function grantAppRole(owner: Database, role: string, password?: string): Promise<void> {
  const r = ident(role);
  const [{ db }] = (await owner.query<{ db: string }>('SELECT current_database() AS db')) as [{ db: string }];
  const exists = (await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length > 0;
  const pw = password ? ` PASSWORD ${literal(password)}` : '';
  await owner.execScript(`BEGIN;
${exists ? `ALTER ROLE ${r}` : `CREATE ROLE ${r}`} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${pw};
GRANT CONNECT ON DATABASE "${db.replace(/"/g, '""')}" TO ${r};
GRANT USAGE ON SCHEMA public TO ${r};
-- Only the owner creates objects in the schema (PostgreSQL 15's default; older servers let everyone).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r};
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${appendOnly.join(', ')} FROM ${r};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${readOnly.join(', ')} FROM ${r};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${r};
COMMIT;`);
}

/** Whether the connected role could rewrite the audit log (superuser, owner or member of the owner's role), and why. */
export async function auditTableExposure(database: Database): Promise<{ role: string; exposed: boolean; reason?: string }> {
  if (database.kind === 'pglite') return { role: 'postgres', exposed: true, reason: 'PGlite has a single superuser' };
  const [s] = await database.query<{ role: string; sup: boolean; owns: boolean; upd: boolean; trunc: boolean }>(`
    SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS sup,
           pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass), 'MEMBER') AS owns,
           has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE') AS upd,
           has_table_privilege('audit_log', 'TRUNCATE') AS trunc`);
  const reason = s!.sup ? 'a superuser' : s!.owns ? 'the owner of audit_log' : s!.upd ? 'allowed to UPDATE or DELETE audit_log' : s!.trunc ? 'allowed to TRUNCATE audit_log' : undefined;
  return { role: s!.role, exposed: reason !== undefined, reason };
}
