/** The bell's list: newest first, paged beyond the first 50 with "more", and reading it marks nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
let cookie: string;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  const id = await makeUser(env.ctx, 'bell.user', 'operator', fixture.townshipA);
  cookie = await login(env.app, 'bell.user');
  const other = await makeUser(env.ctx, 'bell.other', 'operator', fixture.townshipA);
  for (let i = 1; i <= 60; i++) {
    await env.ctx.database.query(`INSERT INTO notifications (user_id, county_code, kind, text, created_at) VALUES ($1, '632221', 'security', $2, now())`, [id, `通知 ${i}`]);
  }
  await env.ctx.database.query(`INSERT INTO notifications (user_id, county_code, kind, text, created_at) VALUES ($1, '632221', 'security', '别人的通知', now())`, [other]);
});
afterAll(() => env?.close());

type Page = { items: { id: number; text: string; read: boolean }[]; unread: number; more: boolean };
const page = async (qs = '') => (await call(env.app, 'GET', `/api/notifications${qs}`, cookie)).body as unknown as Page;

describe('notifications', () => {
  it('pages beyond the first 50 without repeating or skipping one, and only the user\'s own', async () => {
    const first = await page();
    expect(first.items).toHaveLength(50);
    expect(first.more).toBe(true);
    expect(first.items[0]!.text).toBe('通知 60');
    const second = await page(`?before=${first.items.at(-1)!.id}`);
    expect(second.items.map((n) => n.text)).toEqual(Array.from({ length: 10 }, (_, i) => `通知 ${10 - i}`));
    expect(second.more).toBe(false);
    expect(first.unread).toBe(60);
  });
  it('marks nothing read by being listed; one click marks one', async () => {
    await page();
    await page('?before=100000');
    const before = await page();
    expect(before.unread).toBe(60);
    expect((await call(env.app, 'POST', `/api/notifications/${before.items[3]!.id}/read`, cookie)).status).toBe(200);
    const after = await page();
    expect(after.unread).toBe(59);
    expect(after.items.filter((n) => n.read).map((n) => n.id)).toEqual([before.items[3]!.id]);
  });
});
