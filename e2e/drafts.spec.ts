import { formatNumber } from '../domain/numbering.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { createUsers, errorsOf, logIn, newPage, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (the shared list, draft form and uploader, in Kazakh): an Aktobe officer finds a draft
 * in the outgoing journal and sorts it by number (the address keeps it); edits the draft while a
 * colleague saves it too, is told so and chooses between their text and the current version; is
 * asked before leaving unsaved changes; and a file over the administrator's size limit is refused
 * before it is sent.
 */
describe.skipIf(!chromiumAvailable())('the shared journal, draft form and uploader [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'akt.drafter',
    password: 'Aktobe-Drafter-Temp-1',
    fullName: 'Серікова Дана Маратқызы',
    officeCode: 'KZ-AKT',
    roles: ['officer'],
    locale: 'kk',
  };
  const colleague: TestUser = {
    login: 'akt.colleague',
    password: 'Aktobe-Colleague-Temp-1',
    fullName: 'Нұрланов Арман Болатұлы',
    officeCode: 'KZ-AKT',
    roles: ['officer'],
    locale: 'kk',
  };
  const subject = 'Шекара арқылы есірткі тасымалдау туралы мәліметтер';
  const colleagueSubject = 'Есірткі тасымалдау арналары туралы мәліметтер';
  let item = { id: '', version: 0, number: 0, numberYear: 0 };

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, colleague]);
    // The administrator allows 1 MB a file.
    expect((await admin.patch('/api/v1/settings', { attachmentMaxMb: 1 })).status).toBe(200);
    const api = await apiSession(server.url, officer.login, workingPassword(officer));
    for (const s of ['Алғашқы жоба', subject]) {
      const created = await api.post('/api/v1/items', {
        kind: 'request',
        toOfficeCode: 'RU-ORE',
        subject: s,
        essence: 'Мән-жайы',
        purpose: 'Мақсаты',
        assistance: 'Көмек',
        form: 'crime_information',
      });
      expect(created.status).toBe(201);
      item = created.body as typeof item;
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the outgoing journal sorts by number and keeps it in the address; a shared link opens the same order', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.getByRole('link', { name: 'Шығыс құжаттар', exact: true }).click();
    await page.waitForURL('**/items/outgoing');
    const rows = page.locator('tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    await page.getByRole('columnheader', { name: '№' }).click();
    await page.waitForURL(/sort=number&order=asc/);
    await expect.poll(() => rows.first().textContent(), { timeout: 20_000 }).toContain('Алғашқы жоба');
    await page.getByRole('columnheader', { name: '№' }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'number' && !u.searchParams.has('order'));
    await expect.poll(() => rows.first().textContent(), { timeout: 20_000 }).toContain(subject);
    await screenshot(page, 'e2e-g1-outgoing-journal-sorted-kk');
    // A parameter the API does not declare is not sent on (the server would refuse it).
    await page.goto(`${server.url}/items/outgoing?sort=number&order=asc&bogus=1&limit=7`);
    await expect.poll(() => rows.first().textContent(), { timeout: 20_000 }).toContain('Алғашқы жоба');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('a colleague saves the draft meanwhile: the officer is told, keeps their text or takes the current version', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(`${server.url}/items/${item.id}/edit`);
    await page.getByRole('heading', { name: `Сұрау салу № ${formatNumber(item)}: өзгерту` }).waitFor();
    const field = page.getByLabel('Тақырыбы', { exact: true });
    // After a save the button keeps antd's (invisible) loading icon for a moment: its name then starts with «loading».
    const save = page.getByRole('button', { name: /Сақтау$/ });
    await field.fill(`${subject} (нақтыланды)`);

    // Leaving with unsaved changes asks first.
    await page.getByRole('link', { name: 'Кіріс құжаттар', exact: true }).click();
    const leave = page.getByRole('dialog').filter({ hasText: 'Сақтамай шығасыз ба?' });
    await leave.waitFor();
    await screenshot(page, 'e2e-g2-leave-unsaved-kk');
    await leave.getByRole('button', { name: 'Қалу' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(`/items/${item.id}/edit`);

    const other = await apiSession(server.url, colleague.login, workingPassword(colleague));
    expect((await other.patch(`/api/v1/items/${item.id}`, { subject: colleagueSubject, version: item.version })).status).toBe(200);

    await save.click();
    const conflict = page.getByRole('dialog').filter({ hasText: 'Жобаны басқа пайдаланушы өзгертті' });
    await conflict.waitFor();
    await screenshot(page, 'e2e-g3-draft-conflict-kk');
    // Keeping one's text keeps it, and the next save is refused again: nothing of the colleague's is overwritten unseen.
    await conflict.getByRole('button', { name: 'Менің мәтінімді қалдыру' }).click();
    await conflict.waitFor({ state: 'hidden' });
    expect(await field.inputValue()).toBe(`${subject} (нақтыланды)`);
    await save.click();
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Ағымдағы нұсқаны жүктеу' }).click();
    await conflict.waitFor({ state: 'hidden' });
    expect(await field.inputValue()).toBe(colleagueSubject);

    await field.fill(`${colleagueSubject} (келісілді)`);
    await save.click();
    await page.waitForURL(`**/items/${item.id}`);
    await page.getByTestId('content').getByText(`${colleagueSubject} (келісілді)`).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('a file over the size the administrator set is refused before it is sent, saying which and why', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(`${server.url}/items/${item.id}`);
    await page.getByText('бір файл 1 МБ-қа дейін', { exact: false }).waitFor();
    const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'ulken-skan.pdf', mimeType: 'application/pdf', buffer: big });
    await page.getByText('«ulken-skan.pdf» файлы 1 МБ-тан үлкен', { exact: false }).waitFor();
    await screenshot(page, 'e2e-g4-upload-too-large-kk');
    expect(await page.getByRole('button', { name: 'ulken-skan.pdf' }).count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });
});
