import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, errorsOf, logIn, newPage, screenshot } from './ui.ts';

/**
 * Journey: an official's first login (the one-time password must be replaced), then the interface
 * in Kazakh, remembered for the user on the server rather than only in this browser.
 */
describe.skipIf(!chromiumAvailable())('first login and the Kazakh interface [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const user = { login: 'ore.head', password: 'Temporary-Orenburg-2026', newPassword: 'Steppe-Border-Ural-2026', fullName: 'Сидоров Пётр Ильич' };

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    const created = await admin.post('/api/v1/users', {
      login: user.login,
      password: user.password,
      fullName: user.fullName,
      officeCode: 'RU-ORE',
      roles: ['head'],
      locale: 'ru',
    });
    expect(created.status).toBe(201);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('changes the one-time password, switches to Kazakh, sees the offices in Kazakh, and keeps Kazakh after a reload and in a new browser', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, user.login, user.password);

    // While the password is temporary the only page is the change form.
    await page.getByRole('heading', { name: 'Смена временного пароля' }).waitFor();
    await screenshot(page, 'e2e-a1-forced-password-ru');
    await page.getByLabel('Текущий пароль').fill(user.password);
    // A too simple password is refused with the reason, at the field.
    await page.getByLabel('Новый пароль', { exact: true }).fill('Password2026!');
    await page.getByLabel('Повторите новый пароль').fill('Password2026!');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByText('Пароль не должен быть распространённым словом вроде «password»', { exact: false }).waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).fill(user.newPassword);
    await page.getByLabel('Повторите новый пароль').fill(user.newPassword);
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByTestId('user-name').waitFor();
    expect(await page.getByTestId('user-name').textContent()).toBe(user.fullName);

    await choose(page, 'Язык интерфейса', 'Қазақша');
    await page.getByRole('link', { name: 'Прокуратуралар', exact: true }).click();
    await page.waitForURL('**/offices');
    await page.getByText('Ақтөбе облысының прокуратурасы').waitFor();
    for (const title of ['Атауы', 'Түрі', 'Орналасқан жері', 'Уақыт белдеуі', 'Уәкілетті']) {
      await page.getByRole('columnheader', { name: title, exact: true }).waitFor();
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    await screenshot(page, 'e2e-a2-offices-kk');

    // The choice is stored for the user (PATCH /auth/me), not only in this browser.
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    const list = await admin.get(`/api/v1/users?q=${user.login}`);
    expect(list.body.items[0].locale).toBe('kk');

    await page.reload();
    await page.getByRole('columnheader', { name: 'Атауы', exact: true }).waitFor();
    await page.getByText('Ақтөбе облысының прокуратурасы').waitFor();
    expect(await page.getByRole('link', { name: 'Прокуратуралар', exact: true }).count()).toBe(1);

    // A fresh browser (nothing in localStorage) starts in Russian and turns Kazakh once the user logs in.
    const other = await newPage(browser);
    await other.goto(`${server.url}/login`);
    await other.getByRole('button', { name: 'Войти' }).waitFor();
    await logIn(other, server.url, user.login, user.newPassword);
    await other.getByRole('link', { name: 'Прокуратуралар', exact: true }).waitFor();
    expect(await other.locator('html').getAttribute('lang')).toBe('kk');
    await other.getByRole('heading', { name: 'Прокуратураның байланыс жасайтын адамдары' }).waitFor();
    await other.getByText('Байланыс жасайтын адамдар тағайындалмаған').waitFor();
    await screenshot(other, 'e2e-a3-home-kk-new-browser');
    expect([...errorsOf(page), ...errorsOf(other)]).toEqual([]);
  });
});
