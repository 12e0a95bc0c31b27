import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { createUsers, errorsOf, logIn, newPage, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (issue 12, the link page): on a Russian node not yet connected, the administrator opens
 * «Связь с узлом другой Стороны» from the menu and finds this node's trust bundle hash — the
 * SHA-256 of the bundle the page downloads — and the empty state that says what to do; the page
 * passes axe-core. ГУМПС's coordinator sees the same page without the administrator's controls; an
 * officer has no such menu entry.
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MENU = 'Связь с узлом другой Стороны';

// What the in-page check uses: this project compiles without the DOM library.
interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}
declare const document: {
  querySelector(selector: string): unknown;
  getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[];
};
declare const window: { axe: { run(context: unknown, options: object): Promise<AxeResult> } };

describe.skipIf(!chromiumAvailable())('the link with the other Party’s node: the exchange page [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const coordinator: TestUser = {
    login: 'gumps.coord.link',
    password: 'Gumps-Link-Temp-2026',
    fullName: 'Связистов Олег Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };
  const officer: TestUser = {
    login: 'ore.officer.link',
    password: 'Orenburg-Link-Temp-2026',
    fullName: 'Оренбургова Вера Ильинична',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };

  beforeAll(async () => {
    server = await startServer({ env: { NODE_PARTY: 'RU' } });
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [coordinator, officer]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function axePage(login: string, password: string): Promise<Page> {
    const page = await newPage(browser);
    await page.context().addInitScript({ content: AXE_SOURCE });
    await logIn(page, server.url, login, password);
    return page;
  }

  /** Serious and critical axe violations, once the data is loaded and antd's fades are done. */
  async function axeViolations(page: Page): Promise<string[]> {
    await page.waitForFunction(
      () =>
        !document.querySelector('.ant-spin-spinning, .ant-skeleton-active') &&
        document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 20_000 },
    );
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}`));
  }

  it('the administrator sees this node’s trust bundle hash and the empty state; the coordinator the page without the controls; no axe violations', async () => {
    const page = await axePage(ADMIN.login, ADMIN.password);
    await page.getByRole('link', { name: MENU, exact: true }).click();
    await page.waitForURL('**/exchange');
    await page.getByRole('heading', { name: MENU }).waitFor();
    await page.getByText('Этот узел: ru-node (Российская Федерация)').waitFor();
    await page.getByText('Узел другой Стороны не подключён').waitFor();
    await page.getByText(/^Скачайте пакет доверия этого узла/).waitFor();

    // The hash shown is the one the other administrator will compute: the SHA-256 of the bundle's payload.
    const hash = (await page.getByTestId('trust-hash').textContent())?.trim() ?? '';
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать пакет доверия' }).click()]);
    expect(download.suggestedFilename()).toBe('trust-bundle-ru-node.json');
    const bundle = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { payload: string };
    const payload = Buffer.from(bundle.payload, 'base64url');
    expect(createHash('sha256').update(payload).digest('hex')).toBe(hash);
    expect(JSON.parse(payload.toString('utf8'))).toMatchObject({ type: 'trust', nodeId: 'ru-node', party: 'RU' });
    await page.getByRole('button', { name: 'Подключить', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Сменить ключи' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'e2e-x1-exchange-admin-empty');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    const coord = await axePage(coordinator.login, workingPassword(coordinator));
    await coord.getByRole('link', { name: MENU, exact: true }).click();
    await coord.getByRole('heading', { name: MENU }).waitFor();
    await coord.getByText(/^Связь настраивает администратор/).waitFor();
    await coord.getByText('Ключи этого узла').waitFor();
    for (const control of ['Скачать пакет доверия', 'Подключить', 'Сменить ключи', 'Отозвать'])
      expect(await coord.getByRole('button', { name: control, exact: true }).count(), control).toBe(0);
    expect(await coord.getByTestId('trust-hash').count()).toBe(0);
    expect(await axeViolations(coord)).toEqual([]);
    expect(errorsOf(coord)).toEqual([]);
    await coord.context().close();
  });

  it('an officer has no menu entry for the link', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    // The menu is drawn: the journals are in it, the link page is not.
    await page.getByRole('link', { name: 'Прокуратуры', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: MENU }).count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('once a Kazakh node is connected, its card lists its keys as this node holds them; no axe violations', async () => {
    const kz = await startServer({ env: { NODE_PARTY: 'KZ', NODE_ID: 'kz-node' } });
    try {
      const kzAdmin = await apiSession(kz.url, ADMIN.login, ADMIN.password);
      const trust = await kzAdmin.get('/api/v1/exchange/trust');
      expect(trust.status).toBe(200);
      const { keys } = JSON.parse(Buffer.from(JSON.parse(trust.body.bundle).payload, 'base64url').toString('utf8')) as { keys: { kid: string }[] };
      const ruAdmin = await apiSession(server.url, ADMIN.login, ADMIN.password);
      const imported = await ruAdmin.post('/api/v1/exchange/peers', { bundle: trust.body.bundle, hash: trust.body.hash, name: 'kz-node' });
      expect(imported.status).toBe(200);

      const page = await axePage(ADMIN.login, ADMIN.password);
      await page.goto(`${server.url}/exchange`);
      const card = page.getByTestId('peer');
      await card.getByText('Ключи узла (как получены)').waitFor();
      await card.getByText(keys[0]!.kid, { exact: true }).waitFor();
      await card.getByText('Действует', { exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(errorsOf(page)).toEqual([]);
      await page.context().close();
    } finally {
      await kz.stop();
    }
  });
});
