/**
 * The prebuilt multi-row INSERT of the hot write paths stores exactly what Drizzle's own INSERT stores: JSON,
 * times, nulls, Chinese text, identity columns and defaults (PGlite here; PostgreSQL and Citus in CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { outbox } from './schema.ts';
import { insertRows } from './fast-insert.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

const at = new Date('2026-12-01T08:30:00.123Z');
const rowsFor = (kind: string) => [
  { countyCode: '632221', kind, payload: { text: '新上报 632221-7KQ2M9XF：垃圾没人清运', userIds: ['a', 'b'], nested: { n: 1, quote: 'say "hi"' } }, createdAt: at, availableAt: at, deliveredAt: null, lastError: null },
  { countyCode: '632221', kind, payload: { text: "it's 100%", empty: [] }, createdAt: at, availableAt: new Date(at.getTime() + 1000), deliveredAt: at, lastError: '超时 (timeout)' },
];
const read = async (kind: string) => (await env.ctx.db.select().from(outbox).where(eq(outbox.kind, kind)).orderBy(asc(outbox.id))).map(({ id: _id, ...r }) => r);

describe('insertRows', () => {
  it('stores the same rows as Drizzle, with identity and defaults filled by the database', async () => {
    await env.ctx.db.insert(outbox).values(rowsFor('by-drizzle'));
    await insertRows(env.ctx.db, outbox, rowsFor('by-text'));
    const [a, b] = [await read('by-drizzle'), await read('by-text')];
    expect(b).toHaveLength(2);
    expect(b.map((r) => ({ ...r, kind: 'x' }))).toEqual(a.map((r) => ({ ...r, kind: 'x' })));
    expect(b[0]).toMatchObject({ attempts: 0, createdAt: at, payload: rowsFor('x')[0]!.payload });
  });

  it('works inside a transaction and rolls back with it', async () => {
    await expect(
      env.ctx.db.transaction(async (tx) => {
        await insertRows(tx, outbox, rowsFor('rolled-back'));
        expect(await tx.select().from(outbox).where(eq(outbox.kind, 'rolled-back'))).toHaveLength(2);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await read('rolled-back')).toHaveLength(0);
  });

  it('writes a default where one row leaves a column out and another fills it', async () => {
    const [first, second] = rowsFor('mixed');
    await insertRows(env.ctx.db, outbox, [{ ...first!, attempts: 3 }, second!]);
    expect((await read('mixed')).map((r) => r.attempts)).toEqual([3, 0]);
  });
});
