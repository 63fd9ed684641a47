/**
 * Mediation in the browser (issue 15 item 10): the county leader sets up a village committee and its 365 room on the
 * committee page; a village mediator (linked over the API: the page has no account picker for a leader) registers a
 * neighbours' boundary dispute at the desk, the committee (the leader) assigns it from the mediator list that shows
 * load and Tibetan, the mediator accepts it, records a session with who signed, reveals the parties with a reason and
 * records an agreement; a resident applies online from the phone and follows both disputes by code without any
 * personal data. E2E_SERVER_URL reuses a running server. Screenshots at desktop and phone size in zh-CN and en go to
 * MEDIATION_SHOTS (default e2e/artifacts/mediation).
 */
import { describe, expect, it } from 'vitest';
import { gridCentre } from './demo-api.ts';
import { choose, demoWorld, disputeAction, ok, screenshots } from './harness.ts';
import { clickUntilVisible, watchErrors } from './staff-session.ts';

const shot = screenshots('MEDIATION_SHOTS', 'mediation');
// Names made unique per run, so a reused server's earlier committees do not get in the way.
const run = Date.now().toString(36).slice(-4).toUpperCase();
const committeeName = `城关社区人民调解委员会${run}`;
const facts = '马家与李家因院墙越界约30厘米发生争执，李家新砌围墙压占马家宅基地，双方多次口角';
const terms = '李秀英于2026年12月20日前将越界院墙按老界石拆除重砌，费用自理；马国强不再追究其他损失。';

const world = demoWorld();
let code = '';
let online = '';

const signIn = world.signIn;

const act = disputeAction;

describe('a neighbours’ boundary dispute from the desk to an agreement', () => {
  it('the county leader adds a village committee and its 365 room on the committee page', async () => {
    const { page, errors } = await signIn('county.leader');
    await page.getByRole('menuitem', { name: '调解组织' }).click();
    await page.getByTestId('org-add').click();
    let dialog = page.getByRole('dialog', { name: '新建调委会' });
    await dialog.getByTestId('org-region').click();
    await page.keyboard.type('城关');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '城关社区' }).first().click();
    await dialog.getByTestId('org-name').fill(committeeName);
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => page.getByTestId('org-committees').textContent()).toContain(committeeName);
    await page.getByRole('tab', { name: '调解室' }).click();
    await page.getByTestId('org-add').click();
    dialog = page.getByRole('dialog', { name: '新建调解室' });
    await dialog.getByTestId('org-committee').click();
    await choose(page, committeeName);
    await dialog.getByTestId('org-name').fill('365调解室');
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => page.getByTestId('org-rooms').textContent()).toContain('365调解室');
    // The village mediator's record, linked to the account they sign in with, found by username.
    await page.getByRole('tab', { name: '调解员' }).click();
    await page.getByTestId('org-add').click();
    dialog = page.getByRole('dialog', { name: '新增调解员' });
    await dialog.getByTestId('org-committee').click();
    await choose(page, committeeName);
    await dialog.getByTestId('org-name').fill('卓玛');
    await dialog.getByTestId('org-account').click();
    await page.keyboard.type('village.mediator');
    const account = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'village.mediator' }).first();
    await expect.poll(() => account.textContent()).toContain('已关联：韩秀英'); // the demo's record of the same person
    await account.click();
    await dialog.getByTestId('org-languages').click();
    await choose(page, '藏语');
    await dialog.getByText('姓名', { exact: true }).click(); // closes the list
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('org-mediators').textContent()).toMatch(/卓玛.*已关联账号.*藏语/);
    await shot(page, 'desktop-zh-CN-1-org');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the mediator registers it at the desk; a wrong ID number is caught first; the card opens masked', async () => {
    const { page, errors } = await signIn('village.mediator');
    await page.getByRole('menuitem', { name: '矛盾纠纷调解' }).click();
    await page.getByTestId('dispute-boxes').waitFor();
    await page.getByTestId('dispute-register').click();
    const dialog = page.getByRole('dialog', { name: '登记纠纷' });
    const a = dialog.getByTestId('dispute-party-0');
    await a.getByTestId('dispute-party-name').fill('马国强');
    await a.getByTestId('dispute-party-id').fill('632221198001011230');
    await a.getByTestId('dispute-party-phone').fill('13909701234');
    const b = dialog.getByTestId('dispute-party-1');
    await b.getByTestId('dispute-party-name').fill('李秀英');
    await b.getByTestId('dispute-party-phone').fill('13897001111');
    await dialog.getByTestId('dispute-category').click();
    await choose(page, '邻里纠纷');
    await dialog.getByTestId('dispute-facts').fill(facts);
    await dialog.getByTestId('dispute-village').click();
    await page.keyboard.type('城关');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '城关社区' }).first().click();
    await dialog.getByTestId('dispute-committee').click();
    await choose(page, committeeName);
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => a.locator('.ant-form-item-explain-error').textContent()).toContain('校验位');
    await a.getByTestId('dispute-party-id').fill('11010519491231002X');
    await shot(page, 'desktop-zh-CN-2-register');
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => page.url()).toMatch(/\/mediation\/\d{6}-M[0-9A-Z]{7}/);
    code = decodeURIComponent(page.url().split('/mediation/')[1]!.split('?')[0]!);
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('已登记');
    const drawer = (await page.getByTestId('dispute-drawer').textContent())!;
    expect(drawer).toContain('马**');
    expect(drawer).not.toContain('马国强');
    expect(drawer).not.toContain('13909701234');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the committee assigns it from the mediator list showing load and Tibetan', async () => {
    const { page, errors } = await signIn('county.leader');
    await page.goto(`${world.server.url}/mediation/${code}`);
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('已登记');
    const dialog = page.getByRole('dialog', { name: '指派调解员', exact: true });
    await clickUntilVisible(page.getByTestId('dispute-action-assign'), dialog);
    await dialog.getByTestId('dispute-mediator-picker').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '卓玛' }).first();
    await expect.poll(() => option.textContent()).toMatch(/在办\d+件.*藏语/);
    await shot(page, 'desktop-zh-CN-3-assign');
    await option.click();
    await dialog.getByText('调解员', { exact: true }).first().click(); // closes the list
    await dialog.getByTestId('dispute-room').click();
    await choose(page, '365调解室');
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('已指派');
    await expect.poll(() => page.getByTestId('dispute-mediators').textContent()).toContain('卓玛');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the mediator accepts, records a session with who signed, reveals the parties and records the agreement', async () => {
    const { page, errors } = await signIn('village.mediator');
    await page.getByRole('menuitem', { name: '矛盾纠纷调解' }).click();
    await expect.poll(() => page.getByTestId('dispute-list').textContent()).toContain(code);
    await page.getByTestId('dispute-list').getByText(code).click();
    await act(page, 'accept', '受理');
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('调解中');
    await expect.poll(() => page.getByTestId('dispute-clocks').textContent()).toMatch(/调解期限：剩 \d+ 天/);
    await act(page, 'recordSession', '记录调解', async (d) => {
      await d.getByTestId('dispute-field-record').fill('申请人称院墙越界约30厘米；被申请人承认按老界石重砌。双方同意调解。');
      await d.getByTestId('dispute-signed-parties').getByText('马**').click();
      await d.getByTestId('dispute-signed-parties').getByText('李**').click();
      await d.getByTestId('dispute-signed-mediators').getByText('卓玛').click();
    });
    await expect.poll(() => page.getByTestId('dispute-session-signed').textContent()).toContain('卓玛');
    await page.getByTestId('dispute-reveal').click();
    await page.getByTestId('dispute-reveal-reason').fill('制作调解协议书需核对当事人身份');
    await page.getByRole('dialog', { name: '查看当事人完整信息' }).getByRole('button', { name: ok }).click();
    await expect.poll(() => page.getByTestId('dispute-drawer').textContent()).toContain('马国强');
    await act(page, 'recordAgreement', '达成协议', async (d) => {
      // Agreed on the spot: an oral agreement, its content recorded (a written one also needs its terms one by one).
      await d.getByText('口头协议（记录内容）').click();
      await d.getByTestId('dispute-field-terms').fill(terms);
    });
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('调解成功');
    await expect.poll(() => page.getByTestId('dispute-outcome').textContent()).toContain('按老界石拆除重砌');
    await expect.poll(() => page.getByTestId('dispute-timeline').textContent()).toContain('达成协议');
    await shot(page, 'desktop-zh-CN-4-agreed');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a resident applies online and follows disputes by code', () => {
  it('applies from the phone and follows it; the follow-up shows no personal data', async () => {
    const { lat, lng } = await gridCentre(world.server.url, '632221100001');
    const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', geolocation: { latitude: lat, longitude: lng }, permissions: ['geolocation'] });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${world.server.url}/report`);
    await page.getByTestId('to-mediation').click();
    await page.getByTestId('dispute-category').selectOption('neighbour');
    await page.getByTestId('dispute-facts').fill('邻居家的排水管把污水排到我家院子，协商无果');
    await page.getByRole('button', { name: '使用当前位置' }).click();
    await expect.poll(() => page.getByTestId('place-state').textContent()).toContain('已定位');
    await page.getByTestId('dispute-name').fill('韩德明');
    await page.getByTestId('dispute-phone').fill('13897011234');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.getByTestId('dispute-error').textContent()).toContain('对方姓名');
    await page.getByTestId('dispute-other-name').fill('祁永福');
    await shot(page, 'phone-zh-CN-5-apply');
    await page.getByRole('button', { name: '提交申请' }).click();
    online = (await page.getByTestId('dispute-code').textContent({ timeout: 20_000 }))!.trim();
    expect(online).toMatch(/^\d{6}-M[0-9A-Z]{7}$/);
    await shot(page, 'phone-zh-CN-6-applied');
    await page.getByTestId('dispute-view').click();
    await expect.poll(() => page.getByTestId('dispute-stage').textContent()).toBe('已登记，待指派调解员');
    const text = (await page.locator('main').textContent())!;
    for (const secret of ['韩', '13897011234', '祁永福', '排水管']) expect(text).not.toContain(secret);
    await shot(page, 'phone-zh-CN-7-track');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows the desk dispute in English: agreed, with its steps, and no names', async () => {
    const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en' });
    await context.addCookies([{ name: 'lang', value: 'en', url: world.server.url }]);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${world.server.url}/track/${code}`);
    await expect.poll(() => page.getByTestId('dispute-stage').textContent()).toBe('Agreement reached');
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain('Session held');
    for (const secret of ['马', '李', '13909701234', '越界', '老界石']) expect(text).not.toContain(secret);
    await shot(page, 'phone-en-8-track');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the pages at other sizes and in English', () => {
  it('the workbench and the card in English on a desktop, and the workbench on a phone', async () => {
    let { page, errors } = await signIn('village.mediator', 'desktop', 'en');
    await page.goto(`${world.server.url}/mediation?box=all`);
    await expect.poll(() => page.getByTestId('dispute-list').textContent()).toContain(code);
    await shot(page, 'desktop-en-9-workbench');
    await page.goto(`${world.server.url}/mediation/${code}`);
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('Agreed');
    await shot(page, 'desktop-en-10-card');
    expect(errors).toEqual([]);
    await page.context().close();
    ({ page, errors } = await signIn('village.mediator', 'phone', 'zh-CN'));
    await page.goto(`${world.server.url}/mediation?box=all`);
    await expect.poll(() => page.getByTestId('dispute-list').textContent()).toContain(code);
    await shot(page, 'phone-zh-CN-11-workbench');
    await page.goto(`${world.server.url}/mediation/${code}`);
    await expect.poll(() => page.getByTestId('dispute-status').textContent()).toBe('调解成功');
    await shot(page, 'phone-zh-CN-12-card');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
