/**
 * `anwang distribute`: places every table on a Citus cluster as server/db/placement.ts says (reference tables,
 * coordinator-local tables, tables distributed by county and co-located), in one transaction. Idempotent: tables
 * already placed are left alone, so `migrate` runs it after every migration on a cluster.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { colocationAnchor, placement } from './placement.ts';

/** Thrown when the cluster is not ready; the message says what to do. */
export class ClusterNotReady extends Error {}

export interface DistributeOptions {
  /** Shards per distributed table (ANWANG_CITUS_SHARDS, default 32); fixed once a table is distributed. */
  shardCount?: number;
}

/** Whether the database has the citus extension (then it must be a coordinator and `distribute` applies). */
export async function hasCitus(database: Database): Promise<boolean> {
  if (database.kind !== 'postgres') return false;
  return (await database.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).length > 0;
}

/** Checks the cluster: the extension here, the coordinator registered, at least one active worker, the extension on each. @throws ClusterNotReady */
export async function checkCluster(database: Database): Promise<void> {
  if (!(await hasCitus(database))) throw new ClusterNotReady('the citus extension is not installed in this database: run CREATE EXTENSION citus on the coordinator and on every worker (and shared_preload_libraries = \'citus\' on each)');
  const coordinator = await database.query(`SELECT 1 FROM pg_dist_node WHERE groupid = 0`);
  if (!coordinator.length) throw new ClusterNotReady('the coordinator is not registered: run SELECT citus_set_coordinator_host(\'<this host>\', <port>) on it');
  const workers = await database.query<{ nodename: string; nodeport: number }>(`SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 AND isactive AND noderole = 'primary' AND shouldhaveshards ORDER BY nodeid`);
  if (!workers.length) throw new ClusterNotReady('the cluster has no active worker: add one with SELECT citus_add_node(\'<worker host>\', <port>) on the coordinator');
  const answers = await database.query<{ nodename: string; nodeport: number; success: boolean; result: string }>(`SELECT nodename, nodeport, success, result FROM run_command_on_workers($$SELECT coalesce((SELECT extversion FROM pg_extension WHERE extname = 'citus'), 'missing')$$)`);
  for (const w of answers) {
    if (!w.success) throw new ClusterNotReady(`worker ${w.nodename}:${w.nodeport} cannot be reached from the coordinator: ${w.result}`);
    if (w.result === 'missing') throw new ClusterNotReady(`worker ${w.nodename}:${w.nodeport} lacks the citus extension in this database: run CREATE EXTENSION citus there`);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Places the tables not placed yet; returns their names (empty when all are). Foreign keys touching them are
 * dropped and made again around the placement (Citus cannot distribute a table a local table references).
 * @throws ClusterNotReady, Error when a table of the database is missing from placement.ts
 */
export async function distribute(database: Database, opts: DistributeOptions = {}): Promise<string[]> {
  await checkCluster(database);
  const shardCount = opts.shardCount ?? Number(process.env.ANWANG_CITUS_SHARDS || 32);
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error(`ANWANG_CITUS_SHARDS must be a positive whole number, not ${shardCount}`);
  const tables = (await database.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`)).map((r) => r.name);
  const unknown = tables.filter((t) => !placement[t]);
  if (unknown.length) throw new Error(`no placement for ${unknown.join(', ')}: add each to server/db/placement.ts (reference, local or distributed by county_code) with the reason`);
  const placed = await placedKinds(database);
  const present = new Set(tables);
  // In placement order (referenced tables first). A table Citus already made coordinator-local by itself (created
  // with a foreign key to a reference table) is placed again when it belongs elsewhere.
  const todo = Object.keys(placement).filter((t) => present.has(t) && placed.get(t) !== placement[t]!.kind);
  if (!todo.length) return [];
  const pending = new Set(todo);
  const fks = await database.query<{ tbl: string; ref: string; name: string; def: string }>(`
    SELECT conrelid::regclass::text AS tbl, confrelid::regclass::text AS ref, conname AS name, pg_get_constraintdef(oid) AS def
    FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY conrelid::regclass::text, conname`);
  const moved = fks.filter((f) => pending.has(f.tbl) || pending.has(f.ref));
  // The local copy left behind by distribution is emptied, except where a trigger refuses TRUNCATE (the audit log).
  const guarded = new Set((await database.query<{ name: string }>(`SELECT DISTINCT tgrelid::regclass::text AS name FROM pg_trigger WHERE NOT tgisinternal AND (tgtype & 32) <> 0`)).map((r) => r.name));
  const hasAnchor = placed.get(colocationAnchor) === 'distributed';
  const steps: string[] = [
    // The statements of one transaction use one connection per worker, so foreign keys can be made after the tables.
    `SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`,
    // audit_log's trigger only refuses UPDATE and TRUNCATE; it reads no other table, so it is safe on every shard.
    'SET LOCAL citus.enable_unsafe_triggers TO on',
    ...moved.map((f) => `ALTER TABLE ${quoteIdent(f.tbl)} DROP CONSTRAINT ${quoteIdent(f.name)}`),
  ];
  for (const t of todo) {
    const p = placement[t]!;
    if (p.kind === 'reference') steps.push(`SELECT create_reference_table(${literal(t)})`);
    else if (p.kind === 'local') steps.push(`SELECT citus_add_local_table_to_metadata(${literal(t)})`);
    else {
      const colocate = p.column !== 'county_code' ? p.colocateWith ?? 'default' : t === colocationAnchor || (!hasAnchor && !pending.has(colocationAnchor)) ? 'none' : colocationAnchor;
      steps.push(`SELECT create_distributed_table(${literal(t)}, ${literal(p.column)}, colocate_with => ${literal(colocate)}${colocate === colocationAnchor ? '' : `, shard_count => ${shardCount}`})`);
    }
    if (p.kind !== 'local' && !guarded.has(t)) steps.push(`SELECT truncate_local_data_after_distributing_table(${literal(t)})`);
  }
  steps.push(...moved.map((f) => `ALTER TABLE ${quoteIdent(f.tbl)} ADD CONSTRAINT ${quoteIdent(f.name)} ${f.def}`));
  // One statement at a time on one connection: Citus forwards a DDL statement's text to the workers, which would
  // refuse a script of several.
  await database.db.transaction(async (tx) => {
    for (const step of steps) await tx.execute(sql.raw(step));
  });
  return todo;

}

/** How each table in Citus's metadata is placed now: distributed (hash), reference, or local (coordinator only). */
export async function placedKinds(database: Database): Promise<Map<string, 'distributed' | 'reference' | 'local'>> {
  const rows = await database.query<{ name: string; partmethod: string; repmodel: string }>(`SELECT logicalrelid::regclass::text AS name, partmethod, repmodel FROM pg_dist_partition`);
  return new Map(rows.map((r) => [r.name, r.partmethod === 'h' ? 'distributed' : r.repmodel === 't' ? 'reference' : 'local']));
}
