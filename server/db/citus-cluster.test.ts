/**
 * The demo prefecture on a Citus cluster (DATABASE_URL = a coordinator with workers; skipped elsewhere): each
 * county's cases, persons and audit rows sit in that county's shards only, on one worker; a county's case list is a
 * single-shard (router) query; the prefecture dashboard gives the figures the same seed gives on plain PostgreSQL
 * (PGlite in-process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, call, login, type TestEnv } from '../test/harness.ts';
import { seedDemo, DEMO_PASSWORD } from '../demo/seed-demo.ts';
import { hasCitus } from './distribute.ts';

const onServer = !!process.env.DATABASE_URL;
let cluster: TestEnv | undefined;
let plain: TestEnv | undefined;
let plainDir: string | undefined;
let citus = false;

beforeAll(async () => {
  if (!onServer) return;
  cluster = await createTestEnv();
  citus = await hasCitus(cluster.ctx.database);
  if (!citus) return;
  await seedDemo(cluster.ctx);
  // The same seed, under the same fixed clock, on PGlite in this process.
  plainDir = mkdtempSync(join(tmpdir(), 'anwang-citus-compare-'));
  plain = await createTestEnv({ dataDir: plainDir });
  await seedDemo(plain.ctx);
}, 1_800_000);
afterAll(async () => {
  await cluster?.close();
  await plain?.close();
  if (plainDir) rmSync(plainDir, { recursive: true, force: true });
});

const q = <T,>(env: TestEnv, text: string, params: unknown[] = []) => env.ctx.database.query<T>(text, params);

describe.skipIf(!onServer)('the demo prefecture on a Citus cluster (skipped: needs DATABASE_URL of a Citus coordinator)', () => {
  it('keeps each county\'s cases, persons and audit rows in that county\'s shards, all on one worker', async (t) => {
    if (!citus) return t.skip('DATABASE_URL is plain PostgreSQL, not a Citus coordinator');
    const env = cluster!;
    const counties = new Set<string>();
    const nodeOf = new Map<string, string>();
    for (const table of ['cases', 'persons', 'audit_log']) {
      // What each shard holds, read on the workers shard by shard.
      const held = await q<{ shardid: string; result: string }>(env, `SELECT shardid, result FROM run_command_on_shards($1, $$SELECT coalesce(string_agg(DISTINCT county_code, ','), '') || '|' || count(*) FROM %s$$)`, [table]);
      const shards = new Map((await q<{ shardid: string; node: string }>(env, `SELECT shardid::text, nodename || ':' || nodeport AS node FROM citus_shards WHERE table_name = $1::regclass`, [table])).map((r) => [String(r.shardid), r.node]));
      let rows = 0;
      for (const s of held) {
        const [list, n] = s.result.split('|') as [string, string];
        rows += Number(n);
        for (const county of list.split(',').filter(Boolean)) {
          counties.add(county);
          const [{ shard }] = (await q<{ shard: string }>(env, `SELECT get_shard_id_for_distribution_column($1, $2::char(6))::text AS shard`, [table, county])) as [{ shard: string }];
          expect(String(s.shardid), `${table} rows of ${county}`).toBe(shard);
          const node = shards.get(String(s.shardid))!;
          // Co-location: a county's shards of every table are on the same worker.
          expect(nodeOf.get(county) ?? node, `${county}'s ${table} shard`).toBe(node);
          nodeOf.set(county, node);
        }
      }
      const [{ n }] = (await q<{ n: string }>(env, `SELECT count(*)::text AS n FROM ${table}`)) as [{ n: string }];
      expect(rows, `${table}: rows in shards = rows seen by the coordinator`).toBe(Number(n));
      expect(rows, table).toBeGreaterThan(0);
    }
    expect([...counties].filter((c) => c.startsWith('6322')).length).toBeGreaterThanOrEqual(4);
  });

  it('answers a county\'s case list with a single-shard (router) query', async (t) => {
    if (!citus) return t.skip('DATABASE_URL is plain PostgreSQL, not a Citus coordinator');
    const env = cluster!;
    const cookie = await login(env.app, 'county.operator', DEMO_PASSWORD);
    // Every query the list sends to the database, recorded as sent, then explained with its parameters.
    const sent: { text: string; values: unknown[] }[] = [];
    const original = pg.Pool.prototype.query;
    pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      const text = typeof config === 'string' ? config : config.text;
      if (/from "cases"/i.test(text)) sent.push({ text, values: values ?? (typeof config === 'string' ? undefined : config.values) ?? [] });
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    let res;
    try {
      res = await call(env.app, 'GET', '/api/cases?pageSize=20', cookie);
    } finally {
      pg.Pool.prototype.query = original;
    }
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThan(0);
    // EXPLAIN takes no parameters: each query is prepared and explained with its values written in.
    const c = new pg.Client({ connectionString: env.ctx.config.databaseUrl });
    await c.connect();
    try {
      for (const [i, s] of sent.entries()) {
        await c.query(`PREPARE listed${i} AS ${s.text}`);
        const args = s.values.map((v) => c.escapeLiteral(v instanceof Date ? v.toISOString() : String(v)));
        const plan = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE listed${i}${args.length ? `(${args.join(', ')})` : ''}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan, plan).toMatch(/Task Count: 1\b/);
      }
    } finally {
      await c.end();
    }
  });

  it('gives the prefecture leader the same dashboard as the same seed on plain PostgreSQL', async (t) => {
    if (!citus) return t.skip('DATABASE_URL is plain PostgreSQL, not a Citus coordinator');
    const figures = async (env: TestEnv) => {
      const cookie = await login(env.app, 'prefecture.leader', DEMO_PASSWORD);
      const res = await call(env.app, 'GET', '/api/kpis', cookie);
      expect(res.status).toBe(200);
      return res.body;
    };
    const onCluster = await figures(cluster!);
    expect(JSON.stringify(onCluster)).toMatch(/\d/);
    expect(onCluster).toEqual(await figures(plain!));
  });
});
