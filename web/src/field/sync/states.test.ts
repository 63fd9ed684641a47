/** The record state machine: "synced" only on 2xx, what is retried and how long it waits, what needs the worker. */
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../store/types';
import { afterAnswer, backoff, readiness } from './states';

const row = (over: Partial<OutboxRow> = {}): OutboxRow => ({
  id: 'r1', userId: 'u1', kind: 'visit', method: 'POST', path: '/api/field/visits', body: { id: 'r1' }, state: 'uploading', attempts: 1, nextAttemptAt: 0,
  dependsOn: [], createdAt: '2026-12-02T01:00:00.000Z', order: 1, label: '走访', ...over,
});
const now = Date.parse('2026-12-02T02:00:00.000Z');
const error = (status: number, code: string, details: unknown[] = []) => ({ status, body: { error: { code, message: `说明 ${code}`, details } } });

describe('after an answer', () => {
  it('is synced only on 2xx, keeping what the server answered', () => {
    for (const status of [200, 201]) {
      const o = afterAnswer(row({ lastError: { status: 0, code: 'NETWORK', message: 'network' } }), { status, body: { id: 'r1', caseCode: 'C1' } }, now, 0.5);
      expect(o.row.state).toBe('synced');
      expect(o.row.answer).toEqual({ id: 'r1', caseCode: 'C1' });
      expect(o.row.syncedAt).toBe('2026-12-02T02:00:00.000Z');
      expect(o.row.lastError).toBeUndefined();
      expect(o.stop).toBe(false);
    }
  });

  it('goes back to pending with back-off when no answer came, and ends the pass (offline)', () => {
    const o = afterAnswer(row({ attempts: 1 }), null, now, 0.5);
    expect(o.row.state).toBe('pending');
    expect(o.row.nextAttemptAt).toBe(now + 5_000);
    expect(o.row.lastError?.code).toBe('NETWORK');
    expect(o.stop).toBe(true);
  });

  it('retries server trouble, rate limits and a key still in flight without ending the pass', () => {
    for (const a of [error(500, 'INTERNAL'), error(503, 'UNAVAILABLE'), error(429, 'RATE_LIMITED'), error(408, 'TIMEOUT'), error(409, 'IDEMPOTENCY_IN_FLIGHT')]) {
      const o = afterAnswer(row({ attempts: 3 }), a, now, 0.5);
      expect(o.row.state, a.body.error.code).toBe('pending');
      expect(o.row.nextAttemptAt).toBe(now + 20_000);
      expect(o.stop).toBe(false);
      expect(o.row.lastError).toMatchObject({ status: a.status, code: a.body.error.code });
    }
  });

  it('keeps a record pending and asks for a new sign-in on 401', () => {
    const o = afterAnswer(row(), error(401, 'SESSION_EXPIRED'), now, 0.5);
    expect(o.row.state).toBe('pending');
    expect(o.row.nextAttemptAt).toBe(0);
    expect(o).toMatchObject({ stop: true, signIn: true });
  });

  it('turns a stale version into a conflict carrying the server’s current row', () => {
    const current = { id: 'h1', version: 4, address: '城关镇 1 号' };
    const o = afterAnswer(row({ kind: 'household.update' }), error(409, 'CONFLICT', [{ path: 'body.version', code: 'stale', message: '记录已被他人修改', current }]), now, 0.5);
    expect(o.row.state).toBe('conflict');
    expect(o.row.lastError).toMatchObject({ status: 409, code: 'CONFLICT', current });
  });

  it('rejects any other 4xx with the server’s message (a 409 that is not stale too)', () => {
    for (const a of [error(422, 'VALIDATION'), error(404, 'NOT_FOUND'), error(403, 'FORBIDDEN'), error(409, 'CONFLICT'), error(422, 'IDEMPOTENCY_MISMATCH')]) {
      const o = afterAnswer(row(), a, now, 0.5);
      expect(o.row.state, a.body.error.code).toBe('rejected');
      expect(o.row.lastError?.message).toBe(`说明 ${a.body.error.code}`);
    }
  });
});

describe('back-off', () => {
  it('doubles from 5 s to at most 15 minutes, spread by ±20 %', () => {
    expect([1, 2, 3, 4].map((n) => backoff(n, 0.5))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoff(20, 0.5)).toBe(900_000);
    expect(backoff(1, 0)).toBe(4_000);
    expect(backoff(1, 1)).toBe(6_000);
  });
});

describe('readiness', () => {
  const byId = (...rows: OutboxRow[]) => new Map(rows.map((r) => [r.id, r]));
  it('waits for dependencies and back-off unless told to go now', () => {
    const start = row({ id: 's', state: 'pending' });
    const chunk = row({ id: 'c', state: 'pending', dependsOn: ['s'] });
    expect(readiness(chunk, byId(start, chunk), now, false)).toBe('wait');
    expect(readiness(chunk, byId({ ...start, state: 'synced' }, chunk), now, false)).toBe('send');
    expect(readiness(chunk, byId(chunk), now, false)).toBe('send'); // a dependency long gone reached the server
    const later = row({ id: 'l', state: 'pending', nextAttemptAt: now + 1 });
    expect(readiness(later, byId(later), now, false)).toBe('wait');
    expect(readiness(later, byId(later), now, true)).toBe('send');
  });
  it('rejects a record whose dependency the server rejected', () => {
    const start = row({ id: 's', state: 'rejected' });
    const chunk = row({ id: 'c', state: 'pending', dependsOn: ['s'] });
    expect(readiness(chunk, byId(start, chunk), now, false)).toEqual({ rejectedBy: start });
  });
});
