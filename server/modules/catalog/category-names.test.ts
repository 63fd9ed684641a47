/**
 * Category names for zh-TW readers (issue 12, bug 12): every shipped category has a Traditional name, the public
 * list sends it, and the tracking page names the category in it for a zh-TW reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, seedFixture, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

// Simplified forms whose Traditional form differs, among those the shipped category names use.
const simplifiedOnly = '纠纷邻劳资乡隐赌线诈骗产气筑卫运设环损灯问题盖务养残贴发询态护虫输规监场价诉项际级';

describe('category names in Traditional characters', () => {
  it('are shipped for every default category, written without Simplified-only characters', async () => {
    const res = await call(env.app, 'GET', '/api/public/categories');
    expect(res.status).toBe(200);
    const cats = res.body as { id: string; name: string; nameZhTw: string | null }[];
    expect(cats.length).toBeGreaterThan(30);
    expect(cats.filter((c) => !c.nameZhTw).map((c) => c.id)).toEqual([]);
    expect(cats.filter((c) => [...c.nameZhTw!].some((ch) => simplifiedOnly.includes(ch))).map((c) => `${c.id} ${c.nameZhTw}`)).toEqual([]);
    expect(cats.find((c) => c.id === 'dispute.neighbour')).toMatchObject({ name: '邻里纠纷', nameZhTw: '鄰里糾紛' });
  });

  it('name the category of a tracked case in the reader\'s script', async () => {
    const made = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'municipal.streetlight', description: '村口路灯一直不亮', lat: 37.05, lng: 101.05 }, { 'idempotency-key': `tw-${crypto.randomUUID()}` });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const tw = await call(env.app, 'GET', `/api/public/cases/${made.body.code}`, undefined, undefined, { 'accept-language': 'zh-TW' });
    const cn = await call(env.app, 'GET', `/api/public/cases/${made.body.code}`, undefined, undefined, { 'accept-language': 'zh-CN' });
    expect(tw.body.category).toBe('路燈不亮');
    expect(cn.body.category).toBe('路灯不亮');
  });
});
