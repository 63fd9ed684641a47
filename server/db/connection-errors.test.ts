import { describe, expect, it } from 'vitest';
import { isConnectionLost } from './connection-errors.ts';

const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: update "cases" …'), { cause });

describe('isConnectionLost', () => {
  it('recognise a lost or refused connection, also when Drizzle wraps it', () => {
    expect(isConnectionLost(wrapped(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })))).toBe(true);
    expect(isConnectionLost(wrapped(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
  });
  it('leave query errors and programming errors alone (they stay 500, not "retry")', () => {
    expect(isConnectionLost(wrapped(Object.assign(new Error('duplicate key'), { code: '23505' })))).toBe(false);
    expect(isConnectionLost(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isConnectionLost(undefined)).toBe(false);
  });
});
