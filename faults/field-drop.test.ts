/**
 * Answers lost after the server committed: a spawned server behind the drop proxy (e2e/drop-proxy.ts), a field
 * app's outbox of 200 records (patrol starts, track chunks, findings that become cases, visits, assessments) sent
 * in order, a random fifth of the answers thrown away after the server answered, and every record without an
 * answer sent again with its key until it has one — then the whole queue once more. Every table must hold exactly
 * one row per record id: rows = distinct ids = the records of that kind.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, gridsGeoJson, regionsCsv } from '../server/test/harness.ts';
import { createScratchDatabase } from '../server/test/scratch-db.ts';
import { openDatabase } from '../server/db/client.ts';
import { startDropProxy, type DropProxy } from '../e2e/drop-proxy.ts';
import { startServer, stopServer } from './serve-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'anwang-field-drop-'));
const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
  rmSync(dir, { recursive: true, force: true });
});

/** A small seeded generator: the same run drops the same answers. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Rec { kind: 'patrol' | 'chunk' | 'end' | 'finding' | 'visit' | 'assessment'; path: string; body: Record<string, unknown> }

// A spawned server and ~450 requests: minutes on a loaded machine (npm test's default timeout is one minute).
describe('answers dropped after commit', { timeout: 600_000 }, () => {
  it('stores 200 field records exactly once when a fifth of the answers are lost and retried', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ANWANG_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'fatal', ANWANG_SCHEDULER_MS: '600000', ANWANG_RATE_LOGIN: '1000/60' };
    if (process.env.DATABASE_URL) {
      const s = await createScratchDatabase(process.env.DATABASE_URL, 'anwang_field_drop');
      env.DATABASE_URL = s.url;
      cleanup.push(s.drop);
    } else env.DATABASE_URL = '';
    writeFileSync(join(dir, 'regions.csv'), regionsCsv);
    writeFileSync(join(dir, 'grids.geojson'), JSON.stringify(gridsGeoJson));
    const cli = (...a: string[]) => spawnSync(process.execPath, ['bin/anwang.js', ...a], { env, encoding: 'utf8', timeout: 120_000 });
    cli('import', 'regions', join(dir, 'regions.csv'));
    cli('import', 'grids', join(dir, 'grids.geojson'));
    expect(cli('user', 'create', '--username', 'field.worker', '--password', 'Field#walk2026', '--role', 'gridWorker', '--scope', fixture.villageA).status).toBe(0);
    const server = await startServer(env);
    cleanup.push(() => stopServer(server));
    const proxy: DropProxy = await startDropProxy(server.url);
    cleanup.push(() => proxy.stop());

    const login = await fetch(`${proxy.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'field.worker', password: 'Field#walk2026' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const api = (method: string, path: string, body?: unknown, key?: string) =>
      fetch(`${proxy.url}${path}`, { method, headers: { cookie, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    const templates = Object.fromEntries(((await (await api('GET', '/api/field/templates')).json()) as { code: string; id: string }[]).map((t) => [t.code, t.id]));
    const homes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const h = await api('POST', '/api/households', { gridCode: fixture.gridA1, address: `A村${i + 1}号`, riskLevel: 'normal' });
      expect(h.status).toBe(201);
      homes.push(((await h.json()) as { id: string }).id);
    }

    // The outbox: 25 patrols of 3 chunks, a finding and an end each; 50 visits; 25 assessments (200 rows, 25 ends).
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const queue: Rec[] = [];
    const none = { severe_mental_illness: 'none', drugs_or_correction: false, domestic_violence: false, unresolved_dispute: false, repeated_petitions: false, severe_hardship: false, uncared_dependant: false, major_change: false, housing_safety: false, gambling_drinking: false };
    for (let p = 0; p < 25; p++) {
      const id = randomUUID();
      const start = now - 6 * 3600_000 + p * 60_000;
      queue.push({ kind: 'patrol', path: '/api/field/patrols', body: { id, gridCode: fixture.gridA1, startedAt: iso(start) } });
      for (let seq = 0; seq < 3; seq++) queue.push({ kind: 'chunk', path: `/api/field/patrols/${id}/track`, body: { id: randomUUID(), seq, points: Array.from({ length: 20 }, (_, i) => [start + (seq * 20 + i) * 15_000, 37.05 + (seq * 20 + i) * 0.00009, 101.05, 8]) } });
      queue.push({ kind: 'finding', path: `/api/field/patrols/${id}/findings`, body: { id: randomUUID(), recordedAt: iso(start + 600_000), categoryId: 'municipal.road', description: `巡查发现第${p + 1}处路面破损`, lat: 37.0525, lng: 101.0512 } });
      queue.push({ kind: 'end', path: `/api/field/patrols/${id}/end`, body: { id: randomUUID(), endedAt: iso(start + 1800_000) } });
    }
    for (let v = 0; v < 50; v++) queue.push({ kind: 'visit', path: '/api/field/visits', body: { id: randomUUID(), templateId: templates.sibiqing, subjectType: 'household', subjectId: homes[v % 10], answers: { household_members: true, person_categories: v % 2 === 0, area_facilities: true, hazards_conflicts: true }, visitedAt: iso(now - 3600_000 + v * 1000) } });
    for (let a = 0; a < 25; a++) queue.push({ kind: 'assessment', path: '/api/field/assessments', body: { id: randomUUID(), householdId: homes[a % 10], templateId: templates.household_risk, answers: { ...none, housing_safety: a % 3 === 0 }, assessedAt: iso(now - 3000_000 + a * 1000) } });

    const random = seeded(16);
    const answers = new Map<string, { status: number; body: unknown }>();
    let lost = 0;
    // One record at a time, as the outbox sends them; a lost answer is a network error and is sent again.
    for (const r of queue) {
      const id = r.body.id as string;
      if (random() < 0.2) proxy.dropNext(() => true, 1);
      for (let attempt = 0; ; attempt++) {
        expect(attempt).toBeLessThan(5);
        try {
          const res = await api('POST', r.path, r.body, id);
          answers.set(id, { status: res.status, body: await res.json() });
          break;
        } catch {
          lost++;
        }
      }
    }
    expect(lost).toBe(proxy.dropped());
    console.log(`field drop: ${queue.length} requests, ${lost} answers lost after commit and retried`);
    expect(lost).toBeGreaterThan(25);
    expect(lost).toBeLessThan(60);
    expect([...answers.values()].filter((a) => a.status >= 300)).toEqual([]);
    // The whole queue once more (a device that lost its record of what was sent): every answer as the first.
    for (const r of queue) {
      const res = await api('POST', r.path, r.body, r.body.id as string);
      expect({ status: res.status, body: await res.json() }).toEqual(answers.get(r.body.id as string));
    }

    // PGlite's data directory is one process's at a time: the server stops before the tables are counted.
    await stopServer(server);
    const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 1 } : { dataDir: env.ANWANG_DATA_DIR });
    try {
      const tally = async (table: string) => (await db.query<{ rows: number; ids: number }>(`SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids FROM ${table}`))[0];
      const want = (k: Rec['kind']) => queue.filter((r) => r.kind === k).length;
      expect(await tally('patrols')).toEqual({ rows: want('patrol'), ids: want('patrol') });
      expect(await tally('patrol_track_chunks')).toEqual({ rows: want('chunk'), ids: want('chunk') });
      expect(await tally('patrol_findings')).toEqual({ rows: want('finding'), ids: want('finding') });
      expect(await tally('visit_records')).toEqual({ rows: want('visit'), ids: want('visit') });
      expect(await tally('household_assessments')).toEqual({ rows: want('assessment'), ids: want('assessment') });
      expect(want('patrol') + want('chunk') + want('finding') + want('visit') + want('assessment')).toBe(200);
      // Each finding made one case; each patrol ended once and counted its chunks once.
      expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE channel = 'patrol'`))[0]!.n).toBe(want('finding'));
      expect(await db.query(`SELECT status, count(*)::int AS n, sum(chunk_count)::int AS chunks, sum(point_count)::int AS points, sum(finding_count)::int AS findings FROM patrols GROUP BY status`)).toEqual([{ status: 'ended', n: 25, chunks: 75, points: 1500, findings: 25 }]);
      expect(await db.query(`SELECT sum(patrols)::int AS patrols, sum(ended)::int AS ended, sum(findings)::int AS findings FROM patrol_stats_daily`)).toEqual([{ patrols: 25, ended: 25, findings: 25 }]);
    } finally {
      await db.close();
    }
  });
});
