/**
 * The `anwang` command as an operator runs it: a real process on a real data directory (PGlite), or on
 * a fresh database of the PostgreSQL server when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { keyId, softwareCrypto } from '../server/lib/crypto.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { splitStatements } from '../server/db/split-statements.ts';
import { gridsGeoJson, regionsCsv } from '../server/test/harness.ts';
import { createScratchDatabase } from '../server/test/scratch-db.ts';

let dir: string;
let env: NodeJS.ProcessEnv;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anwang-cli-'));
  env = { ...process.env, ANWANG_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, 'anwang_cli');
    env.DATABASE_URL = scratch.url;
    dropDb = scratch.drop;
  }
  writeFileSync(join(dir, 'regions.csv'), regionsCsv);
  writeFileSync(join(dir, 'grids.geojson'), JSON.stringify(gridsGeoJson));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropDb?.();
});

// The demo seed draws ~150 PDFs and hashes 40 passwords: minutes on a busy two-core machine.
const anwang = (...args: string[]) => spawnSync(process.execPath, ['bin/anwang.js', ...args], { env, encoding: 'utf8', timeout: 360_000 });

/** Runs SQL on the CLI's database behind its back (while no anwang process holds it). */
async function rows<T>(text: string): Promise<T[]> {
  if (env.DATABASE_URL) {
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    try {
      return (await c.query(text)).rows as T[];
    } finally {
      await c.end();
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(join(env.ANWANG_DATA_DIR!, 'pgdata'));
  try {
    return (await db.query<T>(text)).rows;
  } finally {
    await db.close();
  }
}

/** Runs statements (several allowed) on the CLI's database. */
async function sql(text: string): Promise<void> {
  if (env.DATABASE_URL) {
    // One statement at a time on one connection: a Citus coordinator takes DDL no other way, and switching a
    // distributed table's triggers needs its session setting.
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    try {
      if ((await c.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount) await c.query('SET citus.enable_unsafe_triggers TO on');
      for (const statement of splitStatements(text)) await c.query(statement);
    } finally {
      await c.end();
    }
    return;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(join(env.ANWANG_DATA_DIR!, 'pgdata'));
  try {
    await db.exec(text);
  } finally {
    await db.close();
  }
}

// Each command is a process that opens the database and migrates: seconds each, more on a loaded machine.
describe('anwang CLI', { timeout: 240_000 }, () => {
  it('imports regions and grids, creates a user and a token', () => {
    expect(anwang('migrate').status).toBe(0);
    const r = anwang('import', 'regions', join(dir, 'regions.csv'));
    expect(r.stdout).toContain('imported 8 regions');
    expect(anwang('import', 'grids', join(dir, 'grids.geojson')).stdout).toContain('imported 5 grids');
    const u = anwang('user', 'create', '--username', 'first.admin', '--password', 'First#admin1', '--role', 'sysadmin', '--scope', '632200000000');
    expect(u.status).toBe(0);
    expect(u.stdout).toContain('first.admin (sysadmin, 海北藏族自治州)');
    writeFileSync(join(dir, 'holidays.csv'), 'date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-10,workday,调休上班\n');
    expect(anwang('import', 'calendar', join(dir, 'holidays.csv')).stdout).toContain('imported 2 calendar');
    const t = anwang('token', 'create', '--name', '12345', '--scope', '632221000000');
    expect(t.status).toBe(0);
    expect(t.stdout.trim()).toMatch(/^anw_[A-Za-z0-9_-]{40,}$/);
  });

  it('writes the persons template, imports a file with progress and writes the refused rows beside it', async () => {
    const template = join(dir, 'persons-template.xlsx');
    expect(anwang('import', 'persons', '--template', template).stdout).toContain('template written');
    expect(existsSync(template)).toBe(true);
    const file = join(dir, 'persons.csv');
    writeFileSync(file, '姓名,公民身份号码,所属网格,人员类型\n扎西,11010519491231002X,632221100201001,户籍人口\n卓玛,110105194912310021,632221100201001,户籍人口\n');
    const r = anwang('import', 'persons', file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('imported: 1 new, 0 updated, 1 refused, of 2 rows');
    // The first refused rows are printed with their row, column and reason, not only the report's path.
    expect(r.stdout).toMatch(/第 3 行.*公民身份号码.*校验码错误/);
    expect(r.stderr).toContain('已处理 2 行');
    expect(existsSync(join(dir, 'persons.errors.xlsx'))).toBe(true);
    const all = anwang('import', 'persons', file, '--mode', 'all');
    expect(all.status).toBe(1);
    expect(all.stderr).toContain('nothing imported');
  });

  it('fails with a clear message and non-zero status on bad input, writing nothing', () => {
    writeFileSync(join(dir, 'bad.csv'), 'code,name,parent_code\n632221100209,好村,632221100000\n12345,坏,632221100000\n');
    const r = anwang('import', 'regions', join(dir, 'bad.csv'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('IMPORT_INVALID');
    expect(r.stderr).toContain('row 3');
    const weak = anwang('user', 'create', '--username', 'weak.user', '--password', 'password', '--role', 'operator', '--scope', '632221000000');
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain('PASSWORD_TOO_WEAK');
    expect(anwang('user', 'create', '--username', 'x.y', '--password', 'Abc#12345', '--role', 'king', '--scope', '632221000000').stderr).toContain('unknown role');
    expect(anwang('frobnicate').status).not.toBe(0);
  });

  it('verifies the audit chains, and names the chain and the first row changed behind its back', async () => {
    const ok = anwang('audit', 'verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/audit chain OK: \d+ chains, \d+ rows/);
    expect(ok.stdout).toMatch(/chain 000000 \(system-wide\): OK, \d+ rows/);
    // The append-only trigger refuses ordinary updates…
    await expect(sql("UPDATE audit_log SET outcome = 'failure' WHERE county_code = '000000' AND id = 2")).rejects.toThrow(/append-only/);
    // …so a tamperer disables it first; the chain still gives them away.
    await sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'someone-else' WHERE county_code = '000000' AND id = 3; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;");
    const broken = anwang('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('audit chain 000000 (system-wide) BROKEN at row 3 (hash_mismatch)');
    expect(broken.stderr).toMatch(/chain 632221: OK/); // the other chains still verify
    const one = anwang('audit', 'verify', '--chain', '632221');
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/1 chains, \d+ rows/);
  });
});

describe('demo data', { timeout: 600_000 }, () => {
  it('rotates the encryption key: a new key in keys.json, every ciphertext re-encrypted, nothing lost', async () => {
    const ringFile = join(env.ANWANG_DATA_DIR!, 'keys.json');
    const first = JSON.parse(readFileSync(ringFile, 'utf8')).keys[0].key as string;
    await sql(`UPDATE users SET totp_secret_enc = '${softwareCrypto(first).encrypt('JBSWY3DPEHPK3PXP')}' WHERE username = 'first.admin'`);
    expect(anwang('keys', 'status').stdout).toMatch(new RegExp(`${keyId(first)}: \\d+ ciphertexts \\(current\\)`));
    const rotated = anwang('keys', 'rotate');
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain('users: 1 of 1 re-encrypted');
    expect(rotated.stdout).toMatch(/persons: (\d+) of \1 re-encrypted/); // the imported person's name and ID number too
    const keys = JSON.parse(readFileSync(ringFile, 'utf8')).keys as { key: string }[];
    expect(keys).toHaveLength(2);
    const status = anwang('keys', 'status').stdout;
    expect(status).toMatch(new RegExp(`${keyId(keys[1]!.key)}: \\d+ ciphertexts \\(current\\)`));
    expect(status).not.toContain(keyId(first) + ':');
    const stored = (await rows<{ v: string }>(`SELECT totp_secret_enc AS v FROM users WHERE username = 'first.admin'`))[0]!.v;
    expect(softwareCrypto({ keys: [keys[1]!.key], lookupKey: first }).decrypt(stored)).toBe('JBSWY3DPEHPK3PXP');
    expect(await rows(`SELECT 1 FROM audit_log WHERE action = 'keys.rotate'`)).toHaveLength(1);
  });

  it('is never seeded into a database that holds data by serve, only by seed --demo, and twice is harmless', async () => {
    const child = spawn(process.execPath, ['bin/anwang.js', 'serve'], { env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await expect.poll(() => out, { timeout: 60_000, interval: 200 }).toContain('is running');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(out).not.toContain('building the Haibei demo');
    expect(out).not.toContain('Demo logins'); // no demo accounts: none printed

    const first = anwang('seed', '--demo');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('907 grids, 46 accounts'); // 10 roles × 4 levels, and 6 department handlers
    // The long steps say how far they are, with counts.
    expect(first.stdout).toMatch(/\[1\/8\] .*\n(.|\n)*\[8\/8\] /);
    expect(first.stdout).toMatch(/demo accounts 30\/40/);
    expect(first.stdout).toMatch(/demo cases 100\/120/);
    // The petition officer has real work: petitions of every channel and at every stage, one 集体访.
    const petitions = await rows<{ channel: string; status: string; collective: boolean; repeat_final: boolean }>(`SELECT channel, status, collective, repeat_final FROM petitions`);
    expect(new Set(petitions.map((p) => p.channel))).toEqual(new Set(['visit', 'letter', 'online', 'phone', 'video']));
    expect(new Set(petitions.map((p) => p.status))).toEqual(new Set(['registered', 'transferred', 'accepted', 'replied', 'review', 'closed', 'handed_over']));
    expect(petitions.filter((p) => p.collective)).toHaveLength(1);
    expect(petitions.filter((p) => p.repeat_final)).toHaveLength(1);
    // The mediator has real work too: disputes in every stage, one urgent (民转刑); a 365 room and a room named
    // after a local mediator; mediators who speak Tibetan.
    const disputes = await rows<{ status: string; urgent: boolean; source: string }>(`SELECT status, urgent, source FROM disputes`);
    expect(new Set(disputes.map((d) => d.status))).toEqual(new Set(['registered', 'assigned', 'mediating', 'agreed', 'failed', 'referred', 'refused', 'closed']));
    expect(disputes.filter((d) => d.urgent)).toHaveLength(1);
    expect(disputes.some((d) => d.source === 'online')).toBe(true);
    const rooms = await rows<{ name: string; named_after: string | null }>(`SELECT name, named_after FROM mediation_rooms`);
    expect(rooms.some((r) => r.name.includes('365'))).toBe(true);
    expect(rooms.some((r) => r.named_after)).toBe(true);
    expect((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM mediators WHERE 'bo' = ANY(languages)`))[0]!.n).toBeGreaterThan(0);
    const again = anwang('seed', '--demo');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('household groups'); // nothing added the second time
  });

  it('starts quietly: SMS to a file, no request logs by default, the demo logins last with the count in the database', async () => {
    // The database holds the demo from the test before (its reporters' SMS are waiting in the outbox).
    const { LOG_LEVEL: _unset, ...quiet } = env;
    const child = spawn(process.execPath, ['bin/anwang.js', 'serve'], { env: { ...quiet, PORT: '0', HOST: '127.0.0.1', ANWANG_SCHEDULER_MS: '200' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await expect.poll(() => out, { timeout: 60_000, interval: 200 }).toContain('is running');
    const sms = join(env.ANWANG_DATA_DIR!, 'sms.log');
    await expect.poll(() => existsSync(sms) && readFileSync(sms, 'utf8').includes('sms to'), { timeout: 30_000, interval: 200 }).toBe(true);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(out).not.toContain('sms to');
    expect(out).not.toContain('"reqId"');
    expect(out).toContain('Demo logins: 46 个账号 accounts');
    // Nothing after the banner but its closing rule (and the stop message).
    const afterBanner = out.slice(out.indexOf('Demo logins'));
    expect(afterBanner.split('═'.repeat(72))[1]!.trim()).toMatch(/^(SIGTERM: 正在停止 stopping…)?$/);
  });
});

describe('PGlite data directory lock', () => {
  it('refuses a second process on the same directory while the first lives', async () => {
    if (env.DATABASE_URL) return; // the lock guards the embedded database only
    const { openDatabase } = await import('../server/db/client.ts');
    const held = await openDatabase({ dataDir: env.ANWANG_DATA_DIR });
    try {
      const r = anwang('audit', 'verify');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`in use by process ${process.pid}`);
    } finally {
      await held.close();
    }
    expect(anwang('audit', 'verify').status).not.toBe(0); // still broken from the test above, but it opens
    expect(anwang('audit', 'verify').stderr).toContain('BROKEN');
  });
});
