import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (A-15): ГУМПС's coordinator records a written notice of termination of the Agreement. The
 * dialog, and then the legal-basis page, show both the last day the Agreement is in force and the
 * first day it no longer is, with how they were computed; the Protocol and the Order end with it.
 */
describe.skipIf(!chromiumAvailable())('a notice of termination of the Agreement on the legal-basis page [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const coordinator: TestUser = {
    login: 'gumps.coord.lb',
    password: 'Gumps-Coordinator-Temp-9',
    fullName: 'Петров Пётр Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };
  // Received ten days ago (Moscow): the Agreement is still in force for fifty days.
  const received = DateTime.now().setZone('Europe/Moscow').minus({ days: 10 }).startOf('day');
  const dots = (d: DateTime) => d.toFormat('dd.LL.yyyy');
  const lastDay = dots(received.plus({ days: 60 }));
  const firstDayNotInForce = dots(received.plus({ days: 61 }));

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [coordinator]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('A-15 the coordinator records the notice; the page shows the last day in force and the first day no longer in force, and how both were computed', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.getByRole('link', { name: 'Правовая основа', exact: true }).click();
    await page.getByRole('heading', { name: 'Правовая основа' }).waitFor();
    await page.getByTestId('end-of-force-AGREEMENT-2009').getByText('бессрочно').waitFor();
    await screenshot(page, 'e2e-lb0-legal-basis');

    await page
      .getByRole('row', { name: /^AGREEMENT-2009/ })
      .getByRole('button', { name: 'Уведомление о прекращении' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Уведомление о прекращении: AGREEMENT-2009' });
    await dialog.waitFor();
    const date = dialog.getByLabel('Дата получения уведомления', { exact: true });
    await date.click();
    await date.fill(dots(received));
    await date.press('Enter'); // takes the date; the form is not complete yet, so nothing is sent
    await dialog.getByText(`Последний день действия: ${lastDay}; с ${firstDayNotInForce} документ не действует.`, { exact: false }).waitFor();
    const calendar = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    if (await calendar.isVisible()) await date.press('Escape');
    await screenshot(page, 'e2e-lb1-termination-dialog');
    await choose(page, 'Сторона, направившая уведомление', 'Республика Казахстан');
    await dialog.getByLabel('Реквизиты уведомления', { exact: true }).fill('Нота № 12-3/456');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const agreement = page.getByTestId('end-of-force-AGREEMENT-2009');
    await agreement.getByText(`Последний день действия: ${lastDay}`, { exact: true }).waitFor();
    await agreement.getByText(`Не действует с ${firstDayNotInForce}`, { exact: true }).waitFor();
    await agreement
      .getByText(
        `Уведомление получено ${dots(received)}. 60 дней исчисляются со дня, следующего за днём получения: первый день — ${dots(received.plus({ days: 1 }))}, 60-й — ${lastDay}. Действие прекращается по истечении 60-го дня, то есть с ${firstDayNotInForce} (ст. 15 Соглашения).`,
        { exact: true },
      )
      .waitFor();
    const order = page.getByTestId('end-of-force-ORDER-136-2022');
    await order.getByText(`Не действует с ${firstDayNotInForce}`, { exact: true }).waitFor();
    await order.getByText('Прекращает действие вместе с AGREEMENT-2009, на котором основан (ORDER-136-2022 → PROTOCOL-2022 → AGREEMENT-2009).').waitFor();
    await screenshot(page, 'e2e-lb2-legal-basis-after-notice');

    // The same facts in English.
    await choose(page, /Язык|Language|Тіл/, 'English');
    await page.getByTestId('end-of-force-AGREEMENT-2009').getByText(`No longer in force from ${firstDayNotInForce}`, { exact: true }).waitFor();
    await screenshot(page, 'e2e-lb3-legal-basis-en');
    expect(errorsOf(page)).toEqual([]);
  });
});
