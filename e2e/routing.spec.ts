import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (O-3.4): an extradition matter is not a direct one. The form says at once that it goes to
 * ГУМПС and why; once signed and sent, ГУМПС's coordinator finds it in the journals of the Party and
 * of its own incoming documents and forwards it through the official channel; Orenburg sees that.
 */
describe.skipIf(!chromiumAvailable())('an extradition matter goes through ГУМПС [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer2',
    password: 'Orenburg-Officer-Temp-2',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const deputy: TestUser = {
    login: 'ore.deputy2',
    password: 'Orenburg-Deputy-Temp-2',
    fullName: 'Заместителев Антон Павлович',
    officeCode: 'RU-ORE',
    roles: ['deputy_head'],
  };
  const coordinator: TestUser = {
    login: 'gumps.coord2',
    password: 'Gumps-Coordinator-Temp-2',
    fullName: 'Петров Пётр Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };
  const GUMPS = 'Главное управление международно-правового сотрудничества Генеральной прокуратуры Российской Федерации';
  const subject = 'О выдаче Сидорова С.С., разыскиваемого за совершение тяжкого преступления';
  let itemUrl = '';
  let number = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, deputy, coordinator]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const action = (page: Page, name: string) => page.getByTestId('actions').getByRole('button', { name, exact: true });

  it('O-3.4: the form says at once that an extradition matter goes to ГУМПС, and why', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(`${server.url}/items/new?kind=request`);
    await choose(page, 'Запрашиваемый орган', 'Прокуратура Актюбинской области');
    expect(await page.getByTestId('route-notice').count()).toBe(0);
    await page.getByRole('radio', { name: 'Выдача (экстрадиция)' }).check();
    const notice = page.getByTestId('route-notice');
    await notice.getByText(`Документ будет направлен через координирующее подразделение: ${GUMPS}`).waitFor();
    await notice.getByText('вопрос выдачи (экстрадиции)').waitFor();
    await notice.getByText('Прокуратура, которой документ адресован по существу: Прокуратура Актюбинской области').waitFor();
    await page.getByLabel('Тема', { exact: true }).fill(subject);
    await page
      .getByLabel('Существо дела', { exact: true })
      .fill('Сидоров С.С. объявлен в межгосударственный розыск; по имеющимся сведениям находится в г. Актобе.');
    await page
      .getByLabel('Цель и обоснование запроса', { exact: true })
      .fill('Выдача для привлечения к уголовной ответственности; постановление о заключении под стражу от 12.01.2026.');
    await page.getByLabel('Содержание запрашиваемого содействия', { exact: true }).fill('Задержать и выдать Сидорова С.С. в установленном порядке.');
    await page.getByRole('radio', { name: /Иное содействие/ }).check();
    await notice.scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-d1-extradition-form-ru');

    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    itemUrl = page.url();
    const h1 = page.getByRole('heading', { name: /^Запрос № \d+\/\d{4}$/ });
    await h1.waitFor();
    number = /№ (\d+\/\d{4})/.exec((await h1.textContent()) ?? '')?.[1] ?? '';
    // The page says the same: addressed to ГУМПС, meant for Aktobe, and why.
    await page.getByTestId('route-notice').getByText('вопрос выдачи (экстрадиции)').waitFor();
    await page.getByTestId('details').getByText(GUMPS).waitFor();
    await page.getByText('Через координатора', { exact: true }).first().waitFor();
    await screenshot(page, 'e2e-d2-extradition-draft-ru');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('the deputy head signs and the officer sends it: to ГУМПС, not to Aktobe', async () => {
    const deputyPage = await newPage(browser);
    await logIn(deputyPage, server.url, deputy.login, workingPassword(deputy));
    await deputyPage.goto(itemUrl);
    await action(deputyPage, 'Подписать').click();
    const sign = deputyPage.getByRole('dialog', { name: 'Подписать' });
    await sign.getByRole('button', { name: 'Подписать' }).click();
    await sign.waitFor({ state: 'hidden' });
    await deputyPage.getByTestId('signature').getByText('Подпись действительна').waitFor();
    await deputyPage.context().close();

    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(itemUrl);
    await action(page, 'Отправить').click();
    const send = page.getByRole('dialog', { name: 'Отправить' });
    await send.getByText(`Документ будет направлен координирующему подразделению «${GUMPS}»`, { exact: false }).waitFor();
    await send.getByLabel('Исходящий номер').fill('7-15-2026');
    await send.getByRole('button', { name: 'Отправить' }).click();
    await send.waitFor({ state: 'hidden' });
    await page
      .getByTestId('registration')
      .getByText(/^Исх\. № 7-15-2026 от/)
      .waitFor();
    // O-3.4: a routed matter has no answer term of its own.
    await page.getByTestId('deadlines').getByText('Срок ответа не устанавливается: документ направлен координирующему подразделению').waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('ГУМПС sees it in the journal of all items and in its incoming journal, and forwards it', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.getByRole('link', { name: 'Все документы Стороны', exact: true }).click();
    await page.waitForURL('**/items/all');
    await page.getByRole('link', { name: `Открыть документ № ${number}` }).waitFor();
    await page.getByRole('cell', { name: subject }).waitFor();
    await screenshot(page, 'e2e-d3-coordinator-all-items');

    await page.getByRole('link', { name: 'Входящие', exact: true }).click();
    await page.waitForURL('**/items/incoming');
    const link = page.getByRole('link', { name: `Открыть документ № ${number}` });
    await link.waitFor();
    // Filters live in the address: a shared link opens the same selection.
    await page.getByRole('checkbox', { name: 'Только просроченные' }).click();
    await page.waitForURL(/overdue=true/);
    await page.getByText('Нет документов, отвечающих условиям отбора').waitFor();
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await link.click();
    await page.getByRole('heading', { name: `Запрос № ${number}` }).waitFor();
    await page.getByTestId('content').getByText(subject).waitFor();
    await action(page, 'Вернуть отправителю').waitFor();

    await action(page, 'Направить по официальным каналам').click();
    const forward = page.getByRole('dialog', { name: 'Направить по официальным каналам' });
    await forward
      .getByLabel('Сопроводительная записка')
      .fill('Направлено в Генеральную прокуратуру Республики Казахстан в порядке, установленном для запросов о выдаче.');
    await forward.getByLabel('Исходящий номер').fill('81-2026');
    await forward.getByRole('button', { name: 'Направить по официальным каналам' }).click();
    await forward.waitFor({ state: 'hidden' });
    await page.getByText('Направлен по официальным каналам', { exact: true }).first().waitFor();
    expect(await page.getByTestId('actions').getByRole('button').count()).toBe(0);
    await screenshot(page, 'e2e-d4-coordinator-forwarded');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('Orenburg is told and sees where it went; the page reads in Kazakh too', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(`${server.url}/notifications`);
    await page.getByRole('link', { name: `${GUMPS}: документ № ${number} направлен по официальным каналам.` }).click();
    await page.waitForURL(itemUrl);
    await page.getByTestId('timeline').getByText('Направлено в Генеральную прокуратуру Республики Казахстан', { exact: false }).waitFor();
    await choose(page, 'Язык интерфейса', 'Қазақша');
    await page.getByRole('heading', { name: `Сұрау салу № ${number}` }).waitFor();
    await page.getByText('Ресми арналар арқылы жіберілді', { exact: true }).first().waitFor();
    await page.getByTestId('route-notice').getByText('ұстап беру (экстрадиция) мәселесі').waitFor();
    await screenshot(page, 'e2e-d5-forwarded-kk');
    expect(errorsOf(page)).toEqual([]);
  });
});
