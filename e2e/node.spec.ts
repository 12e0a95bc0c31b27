import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (issue 10, the node): a Russian node (NODE_PARTY=RU) starts with the Kazakh offices off the
 * system. The header names the node; the office list filters by hosting; the administrator connects
 * Aktobe to a peer node through the office page's hosting dialog, which enters the office's hosting
 * history; the pairings page marks the Kazakh side. ГУМПС's coordinator may not change a Kazakh
 * office's hosting, and sees the A-5.3 notice to the Kazakh Department waiting to go by letter.
 */
describe.skipIf(!chromiumAvailable())('the node: a Russian node and where each office works [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const coordinator: TestUser = {
    login: 'gumps.coord.node',
    password: 'Gumps-Coordinator-Temp-7',
    fullName: 'Сидоров Сидор Сидорович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };

  beforeAll(async () => {
    server = await startServer({ env: { NODE_PARTY: 'RU' } });
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [coordinator]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the administrator puts Aktobe at a peer node from its page (https only); the hosting history and the pairings page show it', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, ADMIN.login, ADMIN.password);
    await page.getByTestId('node-party').getByText('Узел Российской Стороны').waitFor();

    await page.getByRole('link', { name: 'Прокуратуры', exact: true }).click();
    await choose(page, 'Размещение', 'Вне системы');
    await page.getByRole('cell', { name: 'KZ-AKT' }).waitFor();
    expect(await page.getByRole('cell', { name: 'RU-ORE' }).count()).toBe(0);
    await screenshot(page, 'e2e-node0-offices-off-system');

    await page.getByRole('link', { name: 'Прокуратура Актюбинской области' }).click();
    await page.getByTestId('office-hosting').getByText('Вне системы').waitFor();
    await page.getByRole('button', { name: 'Изменить размещение' }).click();
    const dialog = page.getByRole('dialog', { name: 'Размещение прокуратуры: KZ-AKT' });
    await dialog.waitFor();
    // A Russian node never hosts a Kazakh office.
    expect(await dialog.getByRole('radio', { name: /На этом узле/ }).isDisabled()).toBe(true);
    await dialog.getByText('На узле-партнёре', { exact: true }).click();
    await dialog.getByLabel('Название узла-партнёра').fill('Узел Генеральной прокуратуры РК');
    await dialog.getByLabel('Адрес узла-партнёра').fill('http://bc.prokuror.kz');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Адрес узла: https://… без имени пользователя, пароля и параметров').waitFor();
    await dialog.getByLabel('Адрес узла-партнёра').fill('https://bc.prokuror.kz');
    await dialog.getByLabel('Основание или комментарий').fill('Узел РК подключён');
    await screenshot(page, 'e2e-node1-hosting-dialog');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const hosting = page.getByTestId('office-hosting');
    await hosting.getByText('На узле-партнёре').waitFor();
    await hosting.getByText('https://bc.prokuror.kz').waitFor();

    await page.getByRole('tab', { name: 'Размещение' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByText('Прокуратура · изменение размещения').waitFor();
    await panel.getByText('Узел РК подключён').waitFor();
    await screenshot(page, 'e2e-node2-hosting-history');

    await page.getByRole('link', { name: 'Пары прокуратур', exact: true }).click();
    await choose(page, 'Размещение', 'На узле-партнёре');
    await page
      .getByRole('row', { name: /KZ-AKT/ })
      .first()
      .getByText('На узле-партнёре')
      .waitFor();
    await screenshot(page, 'e2e-node3-pairings');

    // The users page offers only offices hosted here: no Kazakh official is a user of a Russian node.
    await page.getByRole('link', { name: 'Пользователи', exact: true }).click();
    await page.getByRole('button', { name: 'Добавить пользователя' }).click();
    const form = page.getByRole('dialog', { name: 'Новый пользователь' });
    await form.getByText('Только прокуратуры, размещённые на этом узле').waitFor();
    await form.getByRole('combobox', { name: 'Прокуратура' }).click();
    await page.keyboard.type('Актюб');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').locator('.ant-empty-description').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Оренбург');
    await page.locator('.ant-select-item-option', { hasText: 'RU-ORE' }).waitFor();
    await screenshot(page, 'e2e-node4-user-offices');
    expect(errorsOf(page)).toEqual([]);
  });

  it('A-5.3 ГУМПС’s coordinator cannot re-host a Kazakh office, and finds its notice to the Kazakh Department waiting to go by letter', async () => {
    const api = await apiSession(server.url, coordinator.login, workingPassword(coordinator));
    const offices = (await api.get('/api/v1/offices?limit=500')).body as { items: { id: string; code: string; version: number }[] };
    const gumps = offices.items.find((o) => o.code === 'RU-GP-GUMPS')!;
    expect((await api.patch(`/api/v1/offices/${gumps.id}`, { address: 'Москва, ул. Большая Дмитровка, 15а', version: gumps.version })).status).toBe(200);

    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.goto(`${server.url}/offices/${offices.items.find((o) => o.code === 'KZ-AKT')!.id}`);
    await page.getByTestId('office-hosting').waitFor();
    expect(await page.getByRole('button', { name: 'Изменить размещение' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Назначение контактных лиц', exact: true }).click();
    const notices = page.getByTestId('party-notices');
    await notices.getByText('Уведомления об изменении координирующих подразделений, направляемые письмом: 1').waitFor();
    await notices.getByRole('cell', { name: 'Адрес', exact: true }).waitFor();
    await notices.getByRole('button', { name: 'Отметить как отправленные' }).click();
    const dialog = page.getByRole('dialog', { name: 'Отметка об отправке письма' });
    await dialog.getByLabel('Исходящий номер письма').fill('87-12-2026/Исорг7');
    await dialog.getByRole('button', { name: 'Отметить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await notices.getByText('Уведомления об изменении координирующих подразделений, направляемые письмом: 0').waitFor();
    await page.getByText(/Письмо № 87-12-2026\/Исорг7 от/).waitFor();
    await screenshot(page, 'e2e-node5-notices');
    expect(errorsOf(page)).toEqual([]);
  });
});
