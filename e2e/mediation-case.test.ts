/**
 * A neighbours' boundary quarrel from a case to an agreement in effect, in the browser (issue 15, first acceptance
 * item): the village operator's case of the 邻里纠纷 category in 城关社区 becomes a dispute with one click on the case
 * card (转人民调解); the committee (the county leader) assigns the community's mediator; she accepts, records one
 * session with its record and a written agreement with its terms; both parties sign (one on the screen, one by a
 * signed scan), the mediator signs and the committee seals; the card shows it in effect with the 30-day window for
 * judicial confirmation. The agreement PDF is downloaded and read back (pdftotext, pdffonts, page 1 as a PNG).
 * A second test refers a failed mediation to the court and records the court's answer. E2E_SERVER_URL reuses a
 * running server. Screenshots and the PDF go to MEDIATION_CASE_SHOTS (default e2e/artifacts/mediation-case).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { gridCentre } from './demo-api.ts';
import { choose, demoWorld, disputeAction, ok, screenshots, staffApi as apiOf } from './harness.ts';
import { clickUntilVisible } from './staff-session.ts';
import { tinyPng } from '../server/test/media-fixtures.ts';

/** A day in China time, YYYY-MM-DD. */
const cstDay = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const shot = screenshots('MEDIATION_CASE_SHOTS', 'mediation-case');
const shots = shot.dir;
const COMMUNITY = '632221100001'; // 城关社区, whose committee and mediator (韩秀英, village.mediator) the demo holds
const facts = '马国强与李秀英两家宅基地相邻，李家新砌院墙越过老界石约30厘米，压占马家宅基地，双方多次争吵';
const term = '李秀英按老界石位置拆除越界院墙并重新砌筑，费用自理';

const world = demoWorld();
const signIn = world.signIn;
let caseCode = '';
let code = '';

/** A demo account's JSON API: (method, path, body) → status and JSON. */
const staffApi = async (username: string) => (await apiOf(world.server.url, username)).call;

const act = disputeAction;

async function sign(page: Page, signer: string | RegExp, method: string, scan?: string): Promise<void> {
  await act(page, 'sign', '签名', async (d) => {
    await d.getByTestId('dispute-signer').click();
    await choose(page, signer);
    await d.getByText(method, { exact: true }).click();
    if (method === '屏幕签名') {
      // A signature drawn with the mouse: two strokes on the pad, saved as the signature page.
      const pad = d.getByTestId('dispute-signature-pad');
      const box = (await pad.boundingBox())!;
      for (const [y0, y1] of [[0.3, 0.7], [0.7, 0.4]] as const) {
        await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * y0);
        await page.mouse.down();
        for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.2 + i * 0.07), box.y + box.height * (y0 + ((y1 - y0) * i) / 8));
        await page.mouse.up();
      }
      await expect.poll(() => d.getByTestId('dispute-signature-state').textContent()).toBe('签名已保存');
    }
    if (scan) {
      await d.locator('input[type=file]').setInputFiles(scan);
      await expect.poll(() => d.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').count()).toBeGreaterThan(0);
    }
  });
}

describe('a boundary quarrel: case → dispute → agreement in effect', () => {
  it('the village operator turns the case into a dispute on its card (转人民调解); the card links it and its timeline says so', async () => {
    const { lat, lng } = await gridCentre(world.server.url, COMMUNITY);
    const made = await (await staffApi('village.operator'))('POST', '/api/cases', { channel: 'visit', categoryId: 'dispute.neighbour', description: facts, lat, lng, uploadIds: [] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    caseCode = made.body.code;
    const { page, errors } = await signIn('village.operator');
    await page.goto(`${world.server.url}/cases/${caseCode}`);
    await page.getByTestId('case-to-dispute').waitFor();
    await shot(page, 'desktop-zh-CN-1-case-card');
    const dialog = page.getByRole('dialog', { name: '转人民调解' });
    await clickUntilVisible(page.getByTestId('case-to-dispute'), dialog);
    // The category comes from the case's; the committee is picked by name.
    await expect.poll(() => dialog.getByTestId('to-dispute-category').textContent()).toContain('邻里纠纷');
    await dialog.getByTestId('to-dispute-committee').click();
    await choose(page, '城关社区人民调解委员会');
    const a = dialog.getByTestId('dispute-party-0');
    await a.getByTestId('dispute-party-name').fill('马国强');
    await a.getByTestId('dispute-party-phone').fill('13909701234');
    const b = dialog.getByTestId('dispute-party-1');
    await b.getByTestId('dispute-party-name').fill('李秀英');
    await b.getByTestId('dispute-party-phone').fill('13897001111');
    await dialog.getByTestId('to-dispute-note').fill('马家要求拆除越界院墙；李家称院墙按旧墙基修建');
    await shot(page, 'desktop-zh-CN-2-to-dispute');
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('case-dispute-codes').textContent()).toMatch(/\d{6}-M[0-9A-Z]{7}/);
    code = (await page.getByTestId('case-dispute-codes').textContent())!.trim();
    // Once a dispute, the button is gone: a second click cannot make a second dispute.
    expect(await page.getByTestId('case-to-dispute').count()).toBe(0);
    await expect.poll(() => page.getByTestId('case-drawer').textContent()).toContain(`转人民调解`);
    expect(await page.getByTestId('case-drawer').textContent()).toContain(code);
    await shot(page, 'desktop-zh-CN-3-case-linked');
    // The link opens the dispute, which names the case it came from.
    await page.getByTestId('case-dispute-codes').getByText(code).click();
    await expect.poll(() => page.url()).toContain(`/mediation/${code}`);
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('已登记');
    await expect.poll(() => page.getByTestId('dispute-drawer').textContent()).toContain(caseCode);
    expect(await page.getByTestId('dispute-drawer').textContent()).toContain('城关社区人民调解委员会');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the committee (the county leader) assigns the community mediator', async () => {
    const { page, errors } = await signIn('county.leader');
    await page.goto(`${world.server.url}/mediation/${code}`);
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('已登记');
    await act(page, 'assign', '指派调解员', async (d) => {
      await d.getByTestId('dispute-mediator-picker').click();
      await choose(page, '韩秀英');
      await d.getByText('调解员', { exact: true }).first().click(); // closes the list
    });
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('已指派');
    await expect.poll(() => page.getByTestId('dispute-mediators').textContent()).toContain('韩秀英');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the mediator accepts, holds one session with its record and records a written agreement with its terms', async () => {
    const { page, errors } = await signIn('village.mediator');
    await page.goto(`${world.server.url}/mediation/${code}`);
    await act(page, 'accept', '受理');
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('调解中');
    await act(page, 'recordSession', '记录调解', async (d) => {
      await d.getByTestId('dispute-field-record').fill('申请人马国强称李家院墙越过老界石约30厘米；被申请人李秀英承认未按老界石砌墙，同意拆除重砌。调解员现场丈量确认。');
      await d.getByTestId('dispute-signed-parties').getByText('马**').click();
      await d.getByTestId('dispute-signed-parties').getByText('李**').click();
      await d.getByTestId('dispute-signed-mediators').getByText('韩秀英').click();
    });
    await expect.poll(() => page.getByTestId('dispute-session-signed').textContent()).toContain('韩秀英');
    await act(page, 'recordAgreement', '达成协议', async (d) => {
      await d.getByTestId('dispute-field-terms').fill(`${term}；马国强不再追究其他损失。`);
      await d.getByTestId('dispute-field-points').fill('李家院墙是否越过两家宅基地界线及如何处理');
      await d.getByTestId('dispute-field-responsibility').fill('李秀英未按老界石砌墙，负主要责任；马国强无责任。');
      const t0 = d.getByTestId('dispute-term-0');
      await t0.getByPlaceholder('协议事项').fill(term);
      await t0.getByPlaceholder('履行方式').fill('拆除重砌');
      await t0.getByPlaceholder('履行地点').fill('城关社区马李两家院墙处');
      await t0.getByPlaceholder('履行期限').click();
      await t0.getByPlaceholder('履行期限').fill('2026-12-20');
      await page.keyboard.press('Enter');
    });
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('调解成功');
    await expect.poll(() => page.getByTestId('dispute-agreement').textContent()).toContain('拆除重砌');
    await expect.poll(() => page.getByTestId('dispute-documents').textContent()).toContain('调解协议书');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('both parties sign (on the screen, by a signed scan), the mediator signs, the committee seals: in effect with its confirmation window', async () => {
    const scan = join(shots, 'signed-page.png');
    writeFileSync(scan, tinyPng());
    let { page, errors } = await signIn('village.mediator');
    await page.goto(`${world.server.url}/mediation/${code}`);
    await expect.poll(() => page.getByTestId('dispute-signatures').textContent()).toContain('待');
    await sign(page, /马\*\*/, '屏幕签名');
    await sign(page, /李\*\*/, '签名扫描件', scan);
    await sign(page, '调解员', '屏幕签名');
    await expect.poll(() => page.getByTestId('dispute-signatures').textContent()).toContain('签名扫描件');
    expect(await page.getByTestId('dispute-effective').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
    ({ page, errors } = await signIn('county.leader'));
    await page.goto(`${world.server.url}/mediation/${code}`);
    await sign(page, /调委会/, '盖章');
    await expect.poll(() => page.getByTestId('dispute-effective').textContent()).toMatch(/已生效/);
    const effective = (await page.getByTestId('dispute-effective').textContent())!;
    const window = (await page.getByTestId('dispute-confirm-by').textContent())!;
    // The window's last day is the engine's clock (30 days after the day it took effect, in China time; a last day
    // falling on a public holiday moves to the next working day, so up to a week later).
    const day = effective.match(/\d{4}-\d{2}-\d{2}/)![0];
    const clock = ((await (await staffApi('county.leader'))('GET', `/api/disputes/${code}`)).body.clocks as { kind: string; dueAt: string }[]).find((k) => k.kind === 'confirmation_window')!;
    const last = cstDay(new Date(new Date(clock.dueAt).getTime() - 1));
    expect(window).toContain(last);
    const days = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(30);
    expect(days).toBeLessThanOrEqual(37);
    // All have signed: no 签名 button any more, and judicial confirmation is offered.
    expect(await page.getByTestId('dispute-action-sign').count()).toBe(0);
    expect(await page.getByTestId('dispute-action-applyConfirmation').count()).toBe(1);
    await page.getByTestId('dispute-agreement').scrollIntoViewIfNeeded();
    await shot(page, 'desktop-zh-CN-4-effective');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the agreement PDF holds both names and the terms, its fonts embedded; page 1 as a PNG', async () => {
    const { page, errors } = await signIn('village.mediator');
    await page.goto(`${world.server.url}/mediation/${code}`);
    const link = page.getByTestId('dispute-agreement-pdf');
    await link.waitFor();
    const res = await page.request.get(new URL((await link.getAttribute('href'))!, world.server.url).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const pdf = join(shots, 'agreement.pdf');
    writeFileSync(pdf, await res.body());
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const x of ['马国强', '李秀英', '人民调解协议书', term.replace(/\s+/g, ''), '拆除重砌']) expect(text).toContain(x);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f, f).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    for (const f of fonts) expect(f.split(/\s+/).slice(-5, -4)[0], f).toBe('yes');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(shots, 'agreement-page')]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the signed card on a phone and in English', async () => {
    for (const [size, lang, effect] of [['phone', 'zh-CN', '已生效'], ['desktop', 'en', 'In effect'], ['phone', 'en', 'In effect']] as const) {
      const { page, errors } = await signIn('village.mediator', size, lang);
      await page.goto(`${world.server.url}/mediation/${code}`);
      await expect.poll(() => page.getByTestId('dispute-effective').textContent()).toContain(effect);
      await page.getByTestId('dispute-agreement').scrollIntoViewIfNeeded();
      await shot(page, `${size}-${lang}-5-effective`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
    const { page, errors } = await signIn('village.operator', 'phone', 'en');
    await page.goto(`${world.server.url}/cases/${caseCode}`);
    await expect.poll(() => page.getByTestId('case-dispute-codes').textContent()).toContain(code);
    await shot(page, 'phone-en-6-case-linked');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a failed mediation referred to the court (诉调对接)', () => {
  it('the mediator records the failure, refers it to the court and records the court\'s answer; both are in the timeline', async () => {
    // The way in and the assignment over the API (the first test clicked them); the outcome steps in the browser.
    const { lat, lng } = await gridCentre(world.server.url, COMMUNITY);
    const operator = await staffApi('village.operator');
    const made = await operator('POST', '/api/cases', { channel: 'visit', categoryId: 'dispute.neighbour', description: '赵家与钱家因共用巷道堆放杂物发生争执，多次协商无果', lat, lng, uploadIds: [] });
    const parties = [{ kind: 'person', side: 'applicant', name: '赵长林' }, { kind: 'person', side: 'respondent', name: '钱桂花' }];
    const d = await operator('POST', `/api/cases/${made.body.code}/dispute`, { parties });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const leader = await staffApi('county.leader');
    const han = ((await leader('GET', '/api/mediators')).body.items as { id: string; name: string }[]).find((m) => m.name === '韩秀英')!;
    expect((await leader('POST', `/api/disputes/${d.body.code}/actions/assign`, { mediatorIds: [han.id] })).status).toBe(200);
    expect((await (await staffApi('village.mediator'))('POST', `/api/disputes/${d.body.code}/actions/accept`, {})).status).toBe(200);

    const { page, errors } = await signIn('village.mediator');
    await page.goto(`${world.server.url}/mediation/${d.body.code}`);
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('调解中');
    await act(page, 'recordFailure', '调解不成', async (x) => {
      await x.getByTestId('dispute-field-reason').fill('钱家拒绝清理杂物，双方分歧过大');
      await x.getByTestId('dispute-field-routesTold').fill('已告知双方可向门源县人民法院起诉');
    });
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('调解不成');
    await act(page, 'refer', '移交', async (x) => {
      await x.getByText('法院（诉调对接）', { exact: true }).click();
      await x.getByTestId('dispute-field-receiver').fill('门源县人民法院诉讼服务中心');
      await x.getByTestId('dispute-field-reason').fill('调解不成，申请人要求诉讼，移交法院诉调对接');
    });
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('已移交');
    await act(page, 'recordReferralAnswer', '记录接收方答复', async (x) => {
      await x.getByText('已接收', { exact: true }).click();
      await x.getByTestId('dispute-field-text').fill('法院已登记立案，转诉前调解');
    });
    await expect.poll(() => page.getByTestId('dispute-referral-answer').textContent()).toBe('已接收');
    const outcome = (await page.getByTestId('dispute-outcome').textContent())!;
    expect(outcome).toContain('门源县人民法院诉讼服务中心');
    expect(outcome).toContain('法院已登记立案，转诉前调解');
    expect(outcome).not.toContain('mediation.');
    const timeline = (await page.getByTestId('dispute-timeline').textContent())!;
    for (const x of ['调解不成', '移交', '记录接收方答复', '法院已登记立案']) expect(timeline).toContain(x);
    await page.getByTestId('dispute-outcome').scrollIntoViewIfNeeded();
    await shot(page, 'desktop-zh-CN-7-referred');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
