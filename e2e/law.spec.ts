import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, ROOT, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, screenshot, SHOTS, workingPassword, type TestUser } from './ui.ts';

/** The law page is long: its pictures show the window, where the reader is. */
const windowShot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/**
 * Journey: an official opens the law page (Правовая основа и её исполнение) from the menu, in
 * Russian and Kazakh, filters it; then a refusal on another page links to the article it carries
 * out, and the link opens the law page at that article.
 */
describe.skipIf(!chromiumAvailable())('the law page and the links from errors to their articles [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const coordinator: TestUser = {
    login: 'gumps.coord.law',
    password: 'Gumps-Coordinator-Temp-7',
    fullName: 'Сидоров Сидор Сидорович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };

  beforeAll(async () => {
    // A CI report in which every test of passed, and nothing else ran.
    const trace = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/law/trace.generated.json'), 'utf8')) as {
      tests: Record<string, { file: string; name: string }[]>;
    };
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bc-e2e-report-')), 'vitest.json');
    const testResults = trace.tests['A-6.3']!.map((t) => ({ name: `/ci/${t.file}`, assertionResults: [{ title: t.name, status: 'passed' }] }));
    fs.writeFileSync(report, JSON.stringify({ startTime: Date.parse('2026-06-01T09:00:00Z'), testResults }));
    server = await startServer({ env: { TEST_REPORT_FILE: report }, timeoutMs: 150_000 });
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [coordinator]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the page lists every article with its text, what the system does and its tests, in Russian and in Kazakh; the filters narrow it', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.getByRole('link', { name: 'Правовая основа и её исполнение', exact: true }).click();
    await page.getByRole('heading', { name: 'Правовая основа и её исполнение', level: 1 }).waitFor();
    const a63 = page.locator('[id="A-6.3"]');
    await a63.getByText('Запрос об оказании содействия должен содержать', { exact: false }).waitFor();
    await a63.getByText('Эти поля обязательны', { exact: false }).waitFor();
    // The report has A-6.3's tests passed and nothing else: A-6.3 is confirmed, A-6.4 is not.
    await page.getByText('Результаты тестов — из последнего прогона CI (01.06.2026', { exact: false }).waitFor();
    await a63.getByText('подтверждено тестами', { exact: true }).waitFor();
    await page.locator('[id="A-6.4"]').getByText('не подтверждено тестами', { exact: true }).waitFor();
    await a63.getByText(/^\d+ тест/).click();
    await a63.getByText('пройден', { exact: true }).first().waitFor();
    await windowShot(page, 'e2e-law1-page-ru');

    await choose(page, 'Документ', 'Приказ № 136');
    await page.locator('[id="O-3.1"]').waitFor();
    await expect.poll(() => a63.count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Поиск по тексту, статье или номеру' }).fill('30 января');
    await page.getByRole('searchbox', { name: 'Поиск по тексту, статье или номеру' }).press('Enter');
    await page.getByText('Найдено 1 требование', { exact: true }).waitFor();
    await page.locator('[id="O-3.6"]').waitFor();

    await choose(page, 'Язык интерфейса', 'Қазақша');
    await page.getByRole('heading', { name: 'Құқықтық негіз және оның орындалуы', level: 1 }).waitFor();
    const o36 = page.locator('[id="O-3.6"]');
    await o36.getByText('Қазақ тіліндегі мәтіні жүйеде жоқ', { exact: false }).waitFor();
    await o36.getByText('Прокуратураның жылдық блогы', { exact: false }).waitFor();
    await windowShot(page, 'e2e-law2-page-kk');
    await choose(page, 'Интерфейс тілі', 'Русский');
    await page.getByRole('heading', { name: 'Правовая основа и её исполнение', level: 1 }).waitFor();
    expect(errorsOf(page)).toEqual([]);
  });

  it('A-15 a refusal links to its article: a notice of termination recorded meanwhile by another session, the dialog’s error opens the law page at A-15', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.getByRole('link', { name: 'Правовая основа', exact: true }).click();
    await page
      .getByRole('row', { name: /^AGREEMENT-2009/ })
      .getByRole('button', { name: 'Уведомление о прекращении' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Уведомление о прекращении: AGREEMENT-2009' });
    await dialog.waitFor();

    // Another coordinator records the notice first.
    const received = DateTime.now().setZone('Europe/Moscow').minus({ days: 5 }).startOf('day');
    const api = await apiSession(server.url, coordinator.login, workingPassword(coordinator));
    const docs = (await api.get('/api/v1/legal-basis')).body as { items: { id: string; code: string; version: number }[] };
    const agreement = docs.items.find((d) => d.code === 'AGREEMENT-2009')!;
    const recorded = await api.post(`/api/v1/legal-basis/${agreement.id}/termination-notice`, {
      receivedOn: received.toISODate(),
      fromParty: 'KZ',
      reference: 'Нота № 1',
      version: agreement.version,
    });
    expect(recorded.status).toBe(200);

    const date = dialog.getByLabel('Дата получения уведомления', { exact: true });
    await date.click();
    await date.fill(received.toFormat('dd.LL.yyyy'));
    await date.press('Enter');
    const calendar = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    if (await calendar.isVisible()) await date.press('Escape');
    await choose(page, 'Сторона, направившая уведомление', 'Республика Казахстан');
    await dialog.getByLabel('Реквизиты уведомления', { exact: true }).fill('Нота № 2');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    const link = dialog.getByRole('alert').getByRole('link', { name: 'статья A-15' });
    await link.waitFor();
    await screenshot(page, 'e2e-law3-error-with-article');
    await link.click();
    await page.waitForURL('**/law#A-15');
    const a15 = page.locator('[id="A-15"]');
    await a15.getByText('Настоящее Соглашение заключается на неопределенный срок', { exact: false }).waitFor();
    await expect.poll(() => a15.isVisible()).toBe(true);
    const box = await a15.boundingBox();
    expect(box && box.y < 400).toBe(true);
    await windowShot(page, 'e2e-law4-article-a15');
  });
});
