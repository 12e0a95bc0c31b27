import { formatNumber } from '../domain/numbering.ts';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { createUsers, errorsOf, logIn, newPage, samplePdf, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (integrity when a file is read): a file attached to an Orenburg draft is changed on the
 * server's disk. The officer's download is refused with a clear message and the attachment is marked
 * damaged, with no download link; an administrator finds it on the File integrity page with where
 * it lives under FILES_DIR, restores it and checks it again, and the mark is gone.
 */
describe.skipIf(!chromiumAvailable())('a stored file changed on disk is refused, marked and restored [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer',
    password: 'Orenburg-Officer-Temp-1',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const sysadmin: TestUser = {
    login: 'sys.admin',
    password: 'System-Admin-Temp-1',
    fullName: 'Администраторов Пётр Ильич',
    officeCode: 'RU-GP-GUMPS',
    roles: ['admin'],
  };
  const original = samplePdf('integrity journey');
  const sha = createHash('sha256').update(original).digest('hex');
  const fileName = 'материалы-проверки.pdf';
  let itemUrl = '';
  let number = '';
  const stored = () => path.join(server.dataDir, 'files', sha.slice(0, 2), sha);

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, sysadmin]);
    // Set-up over the API: a draft with one attached file.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: officer.login, password: workingPassword(officer) }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const created = await fetch(`${server.url}/api/v1/items`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'request',
        toOfficeCode: 'KZ-AKT',
        subject: 'О сведениях по пункту пропуска',
        essence: 'Существо',
        purpose: 'Цель',
        assistance: 'Содействие',
        form: 'crime_information',
      }),
    });
    const item = (await created.json()) as { id: string; version: number; number: number; numberYear: number };
    const form = new FormData();
    form.append('file', new Blob([original], { type: 'application/pdf' }), fileName);
    const up = await fetch(`${server.url}/api/v1/items/${item.id}/attachments?role=content&version=${item.version}`, { method: 'POST', headers, body: form });
    expect(up.status).toBe(200);
    itemUrl = `${server.url}/items/${item.id}`;
    number = formatNumber(item);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('security: the officer’s download of the changed file is refused, and the page marks it damaged without a link', async () => {
    const bytes = fs.readFileSync(stored());
    bytes[bytes.length - 8] = bytes[bytes.length - 8]! ^ 0x20;
    fs.writeFileSync(stored(), bytes);

    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(itemUrl);
    const panel = page.locator('main');
    await panel.getByRole('button', { name: fileName, exact: true }).click();
    await page.getByText('Файл на сервере повреждён или отсутствует', { exact: false }).first().waitFor();
    // Reloaded by the refusal: the red mark, and the name is no longer a link.
    const tag = panel.getByTestId('attachment-damaged');
    await tag.waitFor();
    expect(await tag.textContent()).toContain('Файл повреждён');
    expect(await panel.getByRole('button', { name: fileName, exact: true }).count()).toBe(0);
    await panel.locator('span.ant-typography', { hasText: fileName }).first().waitFor();
    await tag.hover();
    await page.getByRole('tooltip').getByText('не совпадает с записанной контрольной суммой SHA-256', { exact: false }).waitFor();
    await screenshot(page, 'e2e-f1-attachment-damaged-ru');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('security: an administrator is told, finds the file with its path, restores it and checks it again; the mark goes', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, sysadmin.login, workingPassword(sysadmin));
    await page.goto(`${server.url}/notifications`);
    await page.getByText(`к документу № ${number}`, { exact: false }).first().waitFor();
    await page.getByRole('link', { name: 'Целостность файлов', exact: true }).click();
    await page.waitForURL('**/admin/files');
    await page.getByRole('heading', { name: 'Целостность файлов' }).waitFor();
    const rel = path.join(sha.slice(0, 2), sha);
    await page.getByText(rel, { exact: true }).waitFor();
    await page.getByText(`Документ № ${number}`, { exact: false }).waitFor();
    await page.getByText('Не совпадает с SHA-256', { exact: true }).waitFor();
    expect(await page.getByText(fileName, { exact: false }).count()).toBe(0);
    await screenshot(page, 'e2e-f2-damaged-files-admin-ru');

    // Checked before the restore: still damaged.
    await page.getByRole('button', { name: 'Проверить снова' }).click();
    await page.getByText('Файл по-прежнему не совпадает с SHA-256').waitFor();
    // Restored from the backup, checked again: the list is empty.
    fs.writeFileSync(stored(), original);
    await page.getByRole('button', { name: 'Проверить снова' }).click();
    await page.getByText('Файл цел: отметка о повреждении снята (1)').waitFor();
    await page.getByText('Повреждённых файлов нет').waitFor();
    await screenshot(page, 'e2e-f3-damaged-files-restored-ru');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    // The officer downloads it again.
    const officerPage = await newPage(browser);
    await logIn(officerPage, server.url, officer.login, workingPassword(officer));
    await officerPage.goto(itemUrl);
    const link = officerPage.getByRole('button', { name: fileName, exact: true });
    const [download] = await Promise.all([officerPage.waitForEvent('download'), link.click()]);
    expect(fs.readFileSync(await download.path()).equals(original)).toBe(true);
    expect(await officerPage.getByTestId('attachment-damaged').count()).toBe(0);
    await officerPage.context().close();
  });
});
