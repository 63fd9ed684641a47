/**
 * 走访覆盖 acts (issue 16 item 5, "a list to act on"): a person under care in a grid nobody is linked to shows on the
 * county leader's /coverage as 无责任人 with the action 指派; the picker asks the server who may take the person and
 * shows names only (never an account id); picking one names them, the list is read again and the row leaves 无责任人.
 * A household's card arranges a major-change visit (重大变故, 四访): the worker's task list then holds it, and a second
 * request answers the open one. E2E_SERVER_URL reuses a running demo server.
 */
import { describe, expect, it } from 'vitest';
import { demoWorld, staffApi } from './harness.ts';

const world = demoWorld();
const DEMO_COMMUNITY = '632221100001';

describe('指派 on the coverage list', () => {
  it('offers 指派 on a person without a worker; the picker shows names, and the pick takes the row off the list', async () => {
    const op = await staffApi(world.server.url, 'county.operator');
    const grids = (await op.get('/api/grids?region=632221100000&pageSize=100')) as { items: { code: string }[] };
    const grid = grids.items.find((g) => !g.code.startsWith(DEMO_COMMUNITY))!;
    const person = await op.call('POST', '/api/people', { gridCode: grid.code, personType: '01', name: '覆盖测试独居' });
    expect(person.status).toBe(201);
    expect((await op.call('POST', `/api/people/${person.body.id}/records`, { kind: 'care', category: '01' })).status).toBe(201);

    const { page, errors } = await world.signIn('county.leader');
    await page.goto(`${world.server.url}/coverage?reason=no_worker&region=632221100000`);
    const assign = page.getByTestId(`cov-assign-${person.body.id}`);
    await assign.waitFor({ timeout: 30_000 });
    expect(await assign.textContent()).toBe('指派');
    const asked = page.waitForResponse((r) => r.url().includes(`/api/field/care-assignments/${person.body.id}/workers`));
    await assign.click();
    const workers = (await (await asked).json()) as { id: string; name: string; place: string }[];
    // Names, places and roles, never an id: the options the user sees (rc-select keeps the values in a hidden list
    // for screen readers). The township's accounts come before the county's: the closest first.
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.count()).toBe(workers.length);
    const shown = await options.allTextContents();
    shown.forEach((s, i) => expect(s.startsWith(workers[i]!.name) && s.includes(workers[i]!.place), s).toBe(true));
    const places = workers.map((w) => w.place);
    expect(places.indexOf('浩门镇')).toBeGreaterThanOrEqual(0);
    expect(places.lastIndexOf('浩门镇')).toBeLessThan(places.indexOf('门源回族自治县'));
    expect(shown.join(' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(workers.length, 'the demo has field accounts above the village (浩门镇 网格员 …)').toBeGreaterThan(0);

    // Picking one names them; the list is read again and the row leaves 无责任人.
    const leader = await staffApi(world.server.url, 'county.leader');
    const before = (await leader.get('/api/field/coverage?region=632221100000&reason=no_worker')) as { total: number };
    expect(before.total).toBeGreaterThan(0);
    const put = page.waitForResponse((r) => r.url().endsWith(`/api/field/care-assignments/${person.body.id}`) && r.request().method() === 'PUT');
    await options.first().click();
    expect((await put).status()).toBe(200);
    await page.getByText(`已指派 ${workers[0]!.name} 为责任人`).waitFor();
    await expect.poll(() => assign.count()).toBe(0);
    await page.getByText(`清单（${before.total - 1}）`).waitFor();
    expect(((await leader.get('/api/field/coverage?region=632221100000&reason=no_worker')) as { total: number }).total).toBe(before.total - 1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('arranges a major-change visit from the household card once; the grid worker\'s tasks hold it', async () => {
    const worker = await staffApi(world.server.url, 'village.gridWorker');
    const homes = (await worker.get(`/api/households?region=${DEMO_COMMUNITY}&pageSize=50`)) as { items: { id: string; address: string }[] };
    const tasks = async () => ((await worker.get('/api/field/tasks')) as { items: { subjectId: string; rule: string }[] }).items;
    // A household of the worker's grids with no open major-change visit yet.
    const open = new Set((await tasks()).filter((t) => t.rule === 'major_change').map((t) => t.subjectId));
    const home = homes.items.find((h) => !open.has(h.id))!;
    const { page, errors } = await world.signIn('village.operator');
    await page.goto(`${world.server.url}/people/households?household=${home.id}`);
    const button = page.getByTestId('major-change-visit');
    await button.waitFor({ timeout: 30_000 });
    for (const expected of ['已安排走访，请在', '该户已有待办的重大变故走访']) {
      await button.click();
      await page.getByTestId('major-change-note').fill('家中老人去世，子女在外地');
      const sent = page.waitForResponse((r) => r.url().endsWith('/api/field/triggers') && r.request().method() === 'POST');
      await page.getByRole('button', { name: '安排走访', exact: true }).click();
      expect((await sent).status()).toBe(201);
      await page.getByText(expected).waitFor();
    }
    expect((await tasks()).filter((t) => t.rule === 'major_change' && t.subjectId === home.id)).toHaveLength(1);
    // The note is kept encrypted: the task list and the household card never echo it.
    expect(JSON.stringify(await worker.get('/api/field/tasks'))).not.toContain('老人去世');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

