/**
 * The sync engine against a real HTTP server (sync/test-server.ts) and the in-memory store: nothing lost, nothing
 * doubled. Every attempt of a record carries its id as the Idempotency-Key; an answer lost after the commit, a page
 * closed mid-upload and a whole queue sent twice leave exactly one row per record on the server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../store/memory-store';
import type { OutboxRow } from '../store/types';
import { syncEngine, type EngineDeps } from './engine';
import { records } from './records';
import { keepMineInput } from './resolve';
import { httpSend } from './send';
import { startTestServer, type Behaviour, type TestServer } from '../../../field-test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** A device: store, outbox and engine on a fake clock (ids r1, r2… in the order saved). */
function device(over: Partial<EngineDeps> = {}) {
  const store = memoryStore();
  let clock = Date.parse('2026-12-02T01:00:00.000Z');
  let n = 0;
  const signIns: number[] = [];
  const engine = syncEngine({ store, send: httpSend(server.url, 'zh-CN'), userId: () => 'u1', changed: () => undefined, onSignInNeeded: () => signIns.push(1), now: () => clock, random: () => 0.5, ...over });
  const outbox = records({ store, userId: () => 'u1', sync: async () => undefined, changed: () => undefined, onChange: () => () => undefined, uuid: () => `r${++n}`, clock: () => new Date((clock += 1000)) });
  return { store, engine, outbox, signIns, tick: (ms: number) => (clock += ms), state: async (id: string) => (await store.getRow(id))!.state };
}
/** Answers `behaviour` for the first `times` requests matching `path`, then 'ok'. */
function answer(path: RegExp, behaviour: Behaviour, times = 1) {
  let left = times;
  server.behave = (_m, p) => (path.test(p) && left-- > 0 ? behaviour : 'ok');
}
const keysOf = (id: string) => server.seen.filter((s) => s.key === id);

describe('exactly once', () => {
  it('retries an answer lost after the commit with the same key: one row on the server, the record synced', async () => {
    const d = device();
    const ids = [await d.outbox.save('visit', { templateId: 't', subjectType: 'household', subjectId: 'h1', answers: {}, visitedAt: 'x' }, { label: 'A' }),
      await d.outbox.save('visit', { templateId: 't', subjectType: 'household', subjectId: 'h2', answers: {}, visitedAt: 'x' }, { label: 'B' }),
      await d.outbox.save('assessment', { householdId: 'h3', templateId: 'risk', answers: {}, assessedAt: 'x' }, { label: 'C' })];
    answer(/visits$/, 'ok', 1);
    let dropped = false;
    server.behave = (_m, p) => (p.endsWith('/visits') && server.seen.filter((s) => s.path === p).length === 2 && !dropped ? ((dropped = true), 'drop') : 'ok');
    const first = await d.engine.run();
    expect(first).toMatchObject({ synced: 1, offline: true });
    expect(await Promise.all(ids.map(d.state))).toEqual(['synced', 'pending', 'pending']);
    expect(server.stored.get('r2')?.count).toBe(1); // committed although the phone never heard
    const second = await d.engine.run({ now: true });
    expect(second).toMatchObject({ synced: 2, offline: false });
    expect(await Promise.all(ids.map(d.state))).toEqual(['synced', 'synced', 'synced']);
    expect(keysOf('r2').map((s) => s.replay)).toEqual([false, true]);
    expect([...server.stored.values()].map((s) => s.count)).toEqual([1, 1, 1]);
    expect((await d.store.getRow('r2'))!.attempts).toBe(2);
    expect(await d.outbox.unsyncedCount()).toBe(0);
  });

  it('sends a record cut off mid-upload (page closed) again at the next start, and the server replays it', async () => {
    const d = device();
    const id = await d.outbox.save('patrol.start', { gridCode: '632221001001', startedAt: 'x' }, { label: '巡查' });
    // The earlier page sent it (the server committed) and closed before the answer: the row still says uploading.
    await fetch(`${server.url}/api/field/patrols`, { method: 'POST', headers: { 'idempotency-key': id, 'content-type': 'application/json' }, body: JSON.stringify((await d.store.getRow(id))!.body) });
    await d.store.putRows([{ ...(await d.store.getRow(id))!, state: 'uploading', attempts: 1 }]);
    await d.engine.run();
    expect(await d.state(id)).toBe('synced');
    expect(keysOf(id).map((s) => s.replay)).toEqual([false, true]);
    expect(server.stored.get(id)?.count).toBe(1);
  });

  it('creates nothing new when the whole queue is sent twice', async () => {
    const d = device();
    for (let i = 0; i < 6; i++) await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: `p${i}`, answers: { a: i }, visitedAt: 'x' }, { label: `走访 ${i}` });
    await d.engine.run();
    const before = structuredClone([...server.stored.entries()]);
    // The same queue once more, as a phone restored from a backup would send it.
    await d.store.putRows((await d.store.allRows()).map((r): OutboxRow => ({ ...r, state: 'pending' })));
    await d.engine.run();
    expect([...server.stored.entries()]).toEqual(before);
    expect(server.seen.filter((s) => s.replay)).toHaveLength(6);
    expect(new Set(server.seen.map((s) => s.key)).size).toBe(6);
  });

  it('runs one pass at a time across tabs: two engines on one outbox send each record once', async () => {
    const d = device();
    let held = false;
    const lock = async (fn: () => Promise<void>) => {
      if (held) return false;
      held = true;
      try {
        await fn();
      } finally {
        held = false;
      }
      return true;
    };
    const a = syncEngine({ store: d.store, send: httpSend(server.url, 'zh-CN'), userId: () => 'u1', changed: () => undefined, onSignInNeeded: () => undefined, lock });
    const b = syncEngine({ store: d.store, send: httpSend(server.url, 'zh-CN'), userId: () => 'u1', changed: () => undefined, onSignInNeeded: () => undefined, lock });
    for (let i = 0; i < 5; i++) await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: `p${i}`, answers: {}, visitedAt: 'x' }, { label: 'v' });
    const [ra, rb] = await Promise.all([a.run(), b.run()]);
    expect([ra.skipped, rb.skipped]).toContain('locked');
    expect(server.seen).toHaveLength(5);
  });
});

describe('a new version taking over', () => {
  it('pauses: waits for the pass under way, drops the call folded into it, starts none until resumed', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let refreshes = 0;
    const d = device({ refreshCopy: async () => {
      refreshes++;
      await gate;
    } });
    const first = await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: 'p', answers: {}, visitedAt: 'x' }, { label: 'v' });
    const running = d.engine.run();
    void d.engine.run({ now: true }); // folded into the running pass
    let paused = false;
    const pausing = d.engine.pause().then(() => (paused = true));
    await expect.poll(() => refreshes).toBe(1);
    expect(paused).toBe(false); // the pass is still refreshing the copy
    open();
    await pausing;
    expect(await running).toMatchObject({ synced: 1 });
    expect(refreshes).toBe(1);
    const second = await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: 'q', answers: {}, visitedAt: 'x' }, { label: 'w' });
    expect(await d.engine.run({ now: true })).toMatchObject({ skipped: 'paused', sent: 0 });
    expect(d.engine.running()).toBe(false);
    expect(server.seen).toHaveLength(1);
    d.engine.resume();
    await d.engine.run({ now: true });
    expect([await d.state(first), await d.state(second)]).toEqual(['synced', 'synced']);
  });
});

describe('what needs the worker', () => {
  it('pauses on 401 with the record kept pending, sends nothing until signed in again, then goes on', async () => {
    const d = device();
    const id = await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: 'p', answers: {}, visitedAt: 'x' }, { label: 'v' });
    const other = await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: 'q', answers: {}, visitedAt: 'x' }, { label: 'w' });
    answer(/visits$/, 'unauthorized');
    const r = await d.engine.run();
    expect(r.signInNeeded).toBe(true);
    expect(d.signIns).toHaveLength(1);
    expect([await d.state(id), await d.state(other)]).toEqual(['pending', 'pending']);
    expect(await d.engine.run({ now: true })).toMatchObject({ skipped: 'signed-out', sent: 0 });
    expect(server.seen).toHaveLength(1);
    await d.engine.signedIn();
    await d.engine.run({ now: true });
    expect([await d.state(id), await d.state(other)]).toEqual(['synced', 'synced']);
    expect(keysOf(id)).toHaveLength(2);
  });

  it('marks a stale household change as a conflict carrying the server’s row, and a refused record rejected with the server’s message', async () => {
    const d = device();
    const upd = await d.outbox.save('household.update', { householdId: 'h1', version: 3, address: '城关镇 1 号' }, { label: '修改户' });
    const visit = await d.outbox.save('visit', { templateId: 't', subjectType: 'household', subjectId: 'gone', answers: {}, visitedAt: 'x' }, { label: '走访' });
    server.behave = (m, p) => (m === 'PATCH' ? 'stale' : p.endsWith('/visits') ? 'invalid' : 'ok');
    await d.engine.run();
    const u = (await d.store.getRow(upd))!;
    expect(u.state).toBe('conflict');
    expect(u.lastError).toMatchObject({ status: 409, current: { id: 'h1', version: 5 } });
    expect(server.seen[0]).toMatchObject({ method: 'PATCH', path: '/api/households/h1' });
    const v = (await d.store.getRow(visit))!;
    expect(v.state).toBe('rejected');
    expect(v.lastError).toMatchObject({ status: 422, message: '走访对象不存在' });
    expect(await d.outbox.unsyncedCount()).toBe(2);
    await d.outbox.discard(visit);
    expect(await d.outbox.unsyncedCount()).toBe(1);
    expect((await d.outbox.list()).map((r) => r.id)).toEqual([upd]);
  });

  it('backs off after server trouble until the time comes, unless the worker syncs now', async () => {
    const d = device();
    const id = await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: 'p', answers: {}, visitedAt: 'x' }, { label: 'v' });
    answer(/visits$/, 'error', 2);
    await d.engine.run();
    expect(await d.state(id)).toBe('pending');
    await d.engine.run();
    expect(server.seen).toHaveLength(1); // 5 s have not passed
    d.tick(6_000);
    await d.engine.run();
    expect(server.seen).toHaveLength(2);
    await d.engine.run({ now: true });
    expect(await d.state(id)).toBe('synced');
  });
});

describe('order and files', () => {
  it('sends dependencies first, files after their record as their own PUTs, and rejects dependants of a refused record', async () => {
    const d = device();
    const patrol = await d.outbox.save('patrol.start', { gridCode: 'g', startedAt: 'x' }, { label: '巡查' });
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: 'image/jpeg' });
    const finding = await d.outbox.save('patrol.finding', { patrolId: patrol, recordedAt: 'x', categoryId: 'c', description: '路灯坏了', lat: 35.9, lng: 102.3 }, { label: '发现', dependsOn: [patrol], attachments: [{ kind: 'photo', blob: photo, name: 'a.jpg' }] });
    // A person saved before the household it joins still waits for it.
    const person = await d.outbox.save('person.create', { householdId: 'r99', name: '马国强' }, { label: '人', dependsOn: ['r5'] });
    const household = await d.outbox.save('household.create', { address: '城关镇 9 号' }, { label: '户' });
    expect(household).toBe('r5');
    await d.engine.run();
    expect(server.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /api/field/patrols', `POST /api/field/patrols/${patrol}/findings`, 'PUT /api/field/attachments/r3', 'POST /api/households', 'POST /api/people']);
    expect(server.stored.get('r3')).toMatchObject({ bytes: 6, body: { owner: `finding:${finding}` } });
    expect(server.stored.get(finding)!.body).not.toHaveProperty('patrolId');
    expect(await d.store.getBlob('r3')).toBeUndefined();
    expect((await d.store.getRow(finding))!.answer).toMatchObject({ caseCode: expect.stringMatching(/^632221-/) });
    const list = await d.outbox.list();
    expect(list.find((r) => r.id === finding)!.attachments).toEqual([{ id: 'r3', kind: 'photo', state: 'synced' }]);
    expect(await d.state(person)).toBe('synced');

    server.reset(); // the second phone's ids (r1, r2) are new to the server
    const d2 = device();
    const p2 = await d2.outbox.save('patrol.start', { gridCode: 'elsewhere', startedAt: 'x' }, { label: '巡查' });
    const chunk = await d2.outbox.save('patrol.track', { patrolId: p2, seq: 1, points: [] }, { label: '轨迹', dependsOn: [p2] });
    server.behave = (_m, p) => (p === '/api/field/patrols' ? 'invalid' : 'ok');
    await d2.engine.run();
    expect(await d2.state(chunk)).toBe('rejected');
    expect((await d2.store.getRow(chunk))!.lastError?.message).toBe('走访对象不存在');
    expect(server.seen).toHaveLength(1);
  });

  it('keeps a record and its files together: the unsynced count holds a record until its photo is up', async () => {
    const d = device();
    await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: 'p', answers: {}, visitedAt: 'x' }, { label: 'v', attachments: [{ kind: 'voice', blob: new Blob(['RIFF']), name: 'v.wav' }] });
    answer(/attachments/, 'error');
    await d.engine.run();
    expect(await d.outbox.unsyncedCount()).toBe(1);
    await d.engine.run({ now: true });
    expect(await d.outbox.unsyncedCount()).toBe(0);
  });

  it('retires a synced record once its correction reached the server', async () => {
    const d = device();
    const first = await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: 'p', answers: { a: 1 }, visitedAt: 'x' }, { label: 'v' });
    await d.engine.run();
    const fix = await d.outbox.save('visit', { templateId: 't', subjectType: 'person', subjectId: 'p', answers: { a: 2 }, visitedAt: 'x' }, { label: 'v', supersedes: first });
    await d.engine.run();
    expect(server.stored.get(fix)!.body).toMatchObject({ id: fix, supersedes: first });
    expect([await d.state(first), await d.state(fix)]).toEqual(['superseded', 'synced']);
  });
});

describe('a conflict resolved', () => {
  it('by keeping mine: a new record with the server’s version supersedes the old one, which leaves the count', async () => {
    const d = device();
    const upd = await d.outbox.save('household.update', { householdId: 'h1', version: 3, address: '城关镇 1 号' }, { label: '修改户' });
    answer(/households/, 'stale');
    await d.engine.run();
    const row = (await d.store.getRow(upd))!;
    const fix = await d.outbox.save('household.update', keepMineInput(row, row.lastError!.current as { version: number }), { label: '修改户', supersedes: upd });
    expect(await d.state(upd)).toBe('superseded');
    await d.engine.run();
    expect(await d.state(fix)).toBe('synced');
    expect(server.seen.at(-1)).toMatchObject({ method: 'PATCH', path: '/api/households/h1', key: fix });
    expect(server.stored.get(fix)!.body).toMatchObject({ version: 5, address: '城关镇 1 号' });
    expect(await d.outbox.unsyncedCount()).toBe(0);
  });
});
