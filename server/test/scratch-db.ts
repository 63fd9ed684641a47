/** A throw-away database on the PostgreSQL server (or Citus coordinator) named by a URL (tests on the server passes). */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { grantAppRole } from '../db/roles.ts';

/** Shards per distributed table in a test database: few, so ~60 test files stay fast on a small cluster. */
const TEST_SHARDS = 4;

export interface ScratchDatabase {
  /** The URL the application connects with (the app role's when `appRole` was asked for). */
  url: string;
  /** The owner's URL when the application connects as its own role (for ANWANG_MIGRATE_URL). */
  ownerUrl?: string;
  drop: () => Promise<void>;
}

/**
 * Creates a fresh database; returns its URL and a function that drops it. With `appRole` (ANWANG_TEST_APP_ROLE=1
 * in the harness) the schema is migrated as the owner and the URL is that of a role of its own made by
 * `grantAppRole`, as a production server runs: it may not alter, update, delete or truncate the audit log.
 */
export async function createScratchDatabase(baseUrl: string, prefix = 'anwang_test', opts: { appRole?: boolean; template?: string } = {}): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const role = `${name}_app`;
  const workers = await citusWorkers(baseUrl);
  const nodes = [baseUrl, ...(workers ?? []).map((w) => w.url)];
  const dropAll = async () => {
    // Workers first: the coordinator's database holds connections to theirs.
    for (const node of [...nodes].reverse()) await run(node, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  // A template (createTemplateDatabase) is copied on every node: schema, shards and the cluster's metadata alike.
  for (const node of nodes) await run(node, `CREATE DATABASE ${name}${opts.template ? ` TEMPLATE ${opts.template}` : ''}`);
  const ownerUrl = withDatabase(baseUrl, name);
  if (workers && !opts.template) await joinCluster(ownerUrl, workers, nodes.slice(1).map((n) => withDatabase(n, name)));
  // On Citus the owner migrates and distributes (with few shards) before the application opens the database.
  if (!opts.appRole && (!workers || opts.template)) return { url: ownerUrl, drop: dropAll };
  const owner = await openDatabase({ databaseUrl: ownerUrl, poolSize: 1 });
  const password = randomBytes(12).toString('hex');
  try {
    await migrate(owner, { shardCount: TEST_SHARDS });
    if (opts.appRole) await grantAppRole(owner, role, password);
  } finally {
    await owner.close();
  }
  if (!opts.appRole) return { url: ownerUrl, drop: dropAll };
  const app = new URL(ownerUrl);
  app.username = role;
  app.password = password;
  return {
    url: app.toString(),
    ownerUrl,
    drop: async () => {
      await dropAll();
      for (const node of [...nodes].reverse()) await run(node, `DROP ROLE IF EXISTS ${role}`);
    },
  };
}

/**
 * A migrated database (distributed on Citus) to copy for each test, closed to connections so that
 * `CREATE DATABASE … TEMPLATE` may read it; returns its name and a function that drops it everywhere.
 */
export async function createTemplateDatabase(baseUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const scratch = await createScratchDatabase(baseUrl, 'anwang_template');
  const name = new URL(scratch.url).pathname.slice(1);
  const owner = await openDatabase({ databaseUrl: scratch.url, poolSize: 1 });
  try {
    await migrate(owner, { shardCount: TEST_SHARDS });
  } finally {
    await owner.close();
  }
  const workers = await citusWorkers(baseUrl);
  // Citus's maintenance daemon and the coordinator's pooled connections to the workers hold sessions open.
  for (const node of [baseUrl, ...(workers ?? []).map((w) => w.url)]) {
    await run(node, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
  }
  return { name, drop: scratch.drop };
}

async function run(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

interface Worker {
  host: string;
  port: number;
  url: string;
}

/** The workers of the Citus coordinator at `url` (node metadata of its database), or undefined on plain PostgreSQL. */
async function citusWorkers(url: string): Promise<Worker[] | undefined> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const ext = await c.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
    if (!ext.rowCount) return undefined;
    const rows = (await c.query<{ nodename: string; nodeport: number }>(`SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeid`)).rows;
    const base = new URL(url);
    return rows.map((r) => {
      const u = new URL(base);
      u.hostname = r.nodename;
      u.port = String(r.nodeport);
      return { host: r.nodename, port: r.nodeport, url: u.toString() };
    });
  } finally {
    await c.end();
  }
}

/** Node metadata is per database: the new database gets the extension on every node and the same nodes registered. */
async function joinCluster(coordinatorDbUrl: string, workers: Worker[], workerDbUrls: string[]): Promise<void> {
  for (const w of workerDbUrls) await run(w, 'CREATE EXTENSION IF NOT EXISTS citus');
  const u = new URL(coordinatorDbUrl);
  await run(coordinatorDbUrl, `CREATE EXTENSION IF NOT EXISTS citus; SELECT citus_set_coordinator_host('${u.hostname}', ${Number(u.port || 5432)});
    ${workers.map((w) => `SELECT citus_add_node('${w.host.replace(/'/g, "''")}', ${w.port});`).join('\n')}`);
}
