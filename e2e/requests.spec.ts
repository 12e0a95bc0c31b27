import fs from 'node:fs';
import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, samplePdf, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (A-6 … A-9, O-3.3): an Orenburg officer drafts a request on drug trafficking to Aktobe,
 * the deputy head signs it, the officer sends it; Aktobe (in Kazakh) registers it and opens
 * consultations, its head records the outcome; back in Orenburg the officer reads the outcome and
 * downloads the request and outcome letters.
 */
describe.skipIf(!chromiumAvailable())('a request from Orenburg to Aktobe, from draft to outcome [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer',
    password: 'Orenburg-Officer-Temp-1',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const deputy: TestUser = {
    login: 'ore.deputy',
    password: 'Orenburg-Deputy-Temp-1',
    fullName: 'Заместителев Антон Павлович',
    officeCode: 'RU-ORE',
    roles: ['deputy_head'],
  };
  const head: TestUser = { login: 'ore.head', password: 'Orenburg-Head-Temp-1', fullName: 'Прокуроров Олег Викторович', officeCode: 'RU-ORE', roles: ['head'] };
  const aktOfficer: TestUser = {
    login: 'akt.officer',
    password: 'Aktobe-Officer-Temp-1',
    fullName: 'Ахметова Айгерім Серікқызы',
    officeCode: 'KZ-AKT',
    roles: ['officer'],
    locale: 'kk',
  };
  const aktHead: TestUser = { login: 'akt.head', password: 'Aktobe-Head-Temp-1', fullName: 'Жұмабеков Ерлан Маратұлы', officeCode: 'KZ-AKT', roles: ['head'] };
  /** An Orenburg officer never assigned to the requests of this journey. */
  const bystander: TestUser = {
    login: 'ore.bystander',
    password: 'Orenburg-Bystander-Temp-1',
    fullName: 'Непричастнов Иван Ильич',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };

  const subject = 'О предоставлении сведений о незаконном обороте наркотических средств';
  const purpose = 'Пресечение канала поставки наркотических средств; обоснование — материалы проверки № 12-45.';
  let itemUrl = '';
  let number = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, deputy, head, aktOfficer, aktHead, bystander]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const action = (page: Page, name: string) => page.getByTestId('actions').getByRole('button', { name, exact: true });
  const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });

  async function savedDownload(download: Download): Promise<Buffer> {
    const file = await download.path();
    return fs.readFileSync(file);
  }

  it('A-6.3, A-6.5: the officer drafts the request in the form, sees the translation warning, attaches a file', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.getByRole('link', { name: 'Исходящие', exact: true }).click();
    await page.waitForURL('**/items/outgoing');
    await page.getByText('Исходящих документов нет', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Новый запрос' }).click();
    await page.waitForURL('**/items/new?kind=request');
    await page.getByRole('heading', { name: 'Новый запрос' }).waitFor();

    await choose(page, 'Запрашиваемый орган', 'Прокуратура Актюбинской области');
    // Russian text to a Kazakh office, no translation yet.
    await page.getByText('Не приложен перевод на язык запрашиваемой Стороны').waitFor();
    await page.getByLabel('Тема', { exact: true }).fill(subject);
    await page
      .getByLabel('Существо дела', { exact: true })
      .fill('В ходе проверки установлены факты перемещения партий синтетических наркотиков через пункт пропуска «Сагарчин».');
    await page.getByLabel('Цель и обоснование запроса', { exact: true }).fill(purpose);
    await page
      .getByLabel('Содержание запрашиваемого содействия', { exact: true })
      .fill('Просим сообщить сведения о лицах, задержанных в 2026 году на участке границы с Актюбинской областью.');
    await page.getByRole('radio', { name: /Информация о преступности/ }).check();
    await choose(page, 'Приоритетные направления', 'Незаконный оборот наркотических средств');
    await page.keyboard.press('Escape');
    // The direct route: no notice that it would go through ГУМПС.
    expect(await page.getByTestId('route-notice').count()).toBe(0);
    await screenshot(page, 'e2e-c1-request-form-ru');

    await page.getByLabel('Приложен перевод на язык запрашиваемой Стороны').check();
    await page.getByText('Не приложен перевод на язык запрашиваемой Стороны').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    itemUrl = page.url();
    const h1 = page.getByRole('heading', { name: /^Запрос № \d+\/\d{4}$/ });
    await h1.waitFor();
    const heading = (await h1.textContent()) ?? '';
    // Numbered per office and year (O-3.3, security): «№ 1/2026».
    number = /№ (\d+\/\d{4})/.exec(heading)?.[1] ?? '';
    expect(heading).toBe(`Запрос № ${number}`);
    await page.getByTestId('content').getByText(subject).waitFor();
    // An officer prepares; signing is for the head or a deputy.
    expect(await action(page, 'Подписать').count()).toBe(0);
    await action(page, 'Изменить').waitFor();

    await page.locator('input[type=file]').setInputFiles({ name: 'materials-12-45.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await page.getByRole('button', { name: 'materials-12-45.pdf', exact: true }).waitFor();
    await page.getByText('SHA-256', { exact: true }).first().waitFor();
    // the mark «translation attached» needs the translation itself, marked as such.
    const noFile = page.getByText('Отмечено «перевод приложен», но файл перевода не приложен');
    await noFile.waitFor();
    await page.getByLabel(/^Файлы — перевод документа/).check();
    await page.locator('input[type=file]').setInputFiles({ name: 'perevod-12-45.pdf', mimeType: 'application/pdf', buffer: samplePdf('Перевод') });
    await page.getByRole('button', { name: 'perevod-12-45.pdf', exact: true }).waitFor();
    await noFile.waitFor({ state: 'hidden' });
    await screenshot(page, 'e2e-c2-draft-page-ru');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('A-6.4: the deputy head signs; the signature verifies and covers the attached file', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, deputy.login, workingPassword(deputy));
    await page.goto(itemUrl);
    await action(page, 'Подписать').click();
    const sign = dialog(page, 'Подписать');
    await sign.getByText('materials-12-45.pdf', { exact: false }).waitFor();
    await sign.getByText('Любое изменение текста или файлов после подписания аннулирует подпись.').waitFor();
    await screenshot(page, 'e2e-c3-sign-dialog');
    await sign.getByRole('button', { name: 'Подписать' }).click();
    await sign.waitFor({ state: 'hidden' });
    await page.getByTestId('signature').getByText('Подпись действительна').waitFor();
    await page.getByTestId('signature').getByText('Заместителев Антон Павлович (RU-ORE)').waitFor();
    await page.getByTestId('signature').getByText('Ed25519').waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('O-3.3: the officer sends it with an outgoing number dated on a day the picker offers; the answer term runs in Aktobe’s time zone', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(itemUrl);
    await action(page, 'Отправить').click();
    const send = dialog(page, 'Отправить');
    // Only the days the server accepts can be picked: from the draft's day up to today in Orenburg's zone.
    await send.getByText(/^Допустимы даты с \d\d\.\d\d\.\d{4} по \d\d\.\d\d\.\d{4} по местному времени \(UTC\+05:00\)/).waitFor();
    const date = send.getByLabel('Дата исходящего', { exact: true });
    expect(await date.inputValue()).toBe(DateTime.now().setZone('Asia/Yekaterinburg').toFormat('dd.LL.yyyy'));
    await date.click();
    const calendar = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
    const tomorrow = DateTime.now().setZone('Asia/Yekaterinburg').plus({ days: 1 }).toISODate()!;
    expect(await calendar.locator(`td[title="${tomorrow}"]`).getAttribute('class')).toContain('ant-picker-cell-disabled');
    await date.press('Escape');
    await send.getByLabel('Исходящий номер').fill('7-12-2026');
    await send.getByRole('button', { name: 'Отправить' }).click();
    await send.waitFor({ state: 'hidden' });
    await page
      .getByTestId('registration')
      .getByText(/^Исх\. № 7-12-2026 от \d\d\.\d\d\.\d{4}$/)
      .waitFor();
    await page
      .getByTestId('deadlines')
      .getByText(/^30 календарных дней с \d\d\.\d\d\.\d{4}, по времени Актобе \(UTC\+5\)$/)
      .waitFor();
    await page
      .getByTestId('deadlines')
      .getByText(/осталось \d+ (день|дня|дней)/)
      .waitFor();
    await page.getByText('Отправлен', { exact: true }).first().waitFor();
    await screenshot(page, 'e2e-c4-sent-ru');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('A-5.1, A-7.2: Aktobe (in Kazakh) finds it in its incoming journal, registers it and opens consultations', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, aktOfficer.login, workingPassword(aktOfficer));
    await page.getByRole('link', { name: 'Кіріс құжаттар', exact: true }).click();
    await page.waitForURL('**/items/incoming');
    const link = page.getByRole('link', { name: `№ ${number} құжатты ашу` });
    await link.waitFor();
    await page.getByRole('cell', { name: subject }).waitFor();
    await screenshot(page, 'e2e-c5-incoming-journal-kk');
    await link.click();
    await page.getByRole('heading', { name: `Сұрау салу № ${number}` }).waitFor();

    await action(page, 'Тіркеу').click();
    const register = dialog(page, 'Тіркеу');
    await register.getByLabel('Кіріс нөмірі').fill('вх-2026/315');
    await register.getByRole('button', { name: 'Тіркеу' }).click();
    await register.waitFor({ state: 'hidden' });
    await page
      .getByTestId('registration')
      .getByText(/^Кір\. № вх-2026\/315, \d\d\.\d\d\.\d{4}$/)
      .waitFor();

    await action(page, 'Консультацияларды бастау').click();
    const consult = dialog(page, 'Консультацияларды бастау');
    await consult.getByLabel('Хабарлама').fill('Мәліметтер тек тексеру шеңберінде пайдаланылған жағдайда ұсынылуы мүмкін.');
    await consult.getByLabel('Ұсынылатын шарттар').fill('Мәліметтерді тек № 12-45 тексеру шеңберінде пайдалану');
    await consult.getByRole('button', { name: 'Бастау' }).click();
    await consult.waitFor({ state: 'hidden' });
    await page.getByTestId('consultation').getByText('Мәліметтерді тек № 12-45 тексеру шеңберінде пайдалану').first().waitFor();
    await screenshot(page, 'e2e-c6-consultation-kk');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('A-8.2: the Aktobe head records the outcome «исполнен»', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, aktHead.login, workingPassword(aktHead));
    await page.goto(itemUrl);
    await action(page, 'Внести результат').click();
    const outcome = dialog(page, 'Внести результат');
    // Ant Design's button-style radios hide the input: choose by the visible label, as a person does.
    await outcome.locator('label', { hasText: /^Исполнен$/ }).click();
    expect(await outcome.getByRole('radio', { name: 'Исполнен', exact: true }).isChecked()).toBe(true);
    await outcome.getByLabel('Текст ответа').fill('Сведения о 4 задержанных лицах прилагаются.');
    await outcome.getByLabel('Применённое законодательство').fill('Закон Республики Казахстан «О прокуратуре»');
    await outcome.locator('label', { hasText: /^Для служебного пользования$/ }).click();
    await screenshot(page, 'e2e-c7-outcome-dialog');
    await outcome.getByRole('button', { name: 'Внести результат' }).click();
    await outcome.waitFor({ state: 'hidden' });
    await page.getByTestId('outcome').getByText('Сведения о 4 задержанных лицах прилагаются.').waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('A-8.2, A-9.3: back in Orenburg the officer is notified, reads the outcome and downloads both letters', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(`${server.url}/notifications`);
    const note = page.getByRole('link', { name: `Прокуратура Актюбинской области сообщила результат рассмотрения запроса № ${number}: исполнено.` });
    await note.waitFor();
    await screenshot(page, 'e2e-c8-notifications-ru');
    await note.click();
    await page.waitForURL(itemUrl);
    const outcome = page.getByTestId('outcome');
    await outcome.getByText('Исполнен', { exact: true }).waitFor();
    await outcome.getByText('Сведения о 4 задержанных лицах прилагаются.').waitFor();
    await outcome.getByText('Закон Республики Казахстан «О прокуратуре»').waitFor();
    await page
      .getByTestId('deadlines')
      .getByText(/^Ответ дан \d\d\.\d\d\.\d{4}$/)
      .waitFor();

    // The request letter: the office's own text, no purpose asked.
    const [letter] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Письмо-запрос (DOCX)' }).click()]);
    expect(letter.suggestedFilename()).toBe(`request-${number.replace('/', '-')}.docx`);
    const letterText = (await mammoth.extractRawText({ buffer: await savedDownload(letter) })).value;
    expect(letterText).toContain(subject);
    expect(letterText).toContain('№ 7-12-2026');

    // The outcome letter carries information received for official use: its export states a purpose.
    await page.getByRole('button', { name: 'Письмо о результатах (DOCX)' }).click();
    const ask = page.getByRole('dialog', { name: /^Цель выгрузки/ });
    await ask.waitFor();
    expect(await ask.getByLabel('Цель').inputValue()).toBe(purpose);
    await screenshot(page, 'e2e-c9-export-purpose');
    const [answer] = await Promise.all([page.waitForEvent('download'), ask.getByRole('button', { name: 'Скачать' }).click()]);
    expect(answer.suggestedFilename()).toBe(`outcome-${number.replace('/', '-')}.docx`);
    const answerText = (await mammoth.extractRawText({ buffer: await savedDownload(answer) })).value;
    expect(answerText).toContain('О результатах рассмотрения запроса');
    expect(answerText).toContain('Сведения о 4 задержанных лицах прилагаются.');
    await ask.waitFor({ state: 'hidden' });
    // The export is recorded as a use of the information for its original purpose.
    await page.getByTestId('consents').getByRole('cell', { name: 'Выгрузка' }).waitFor();
    await screenshot(page, 'e2e-c10-outcome-ru');
    expect(errorsOf(page)).toEqual([]);
  });

  it('A-9.1, A-9.2: Aktobe gives its message, a file and its answer as confidential; an unassigned Orenburg officer sees they exist and why they are hidden', async () => {
    // An open request, sent and registered (set up through the API).
    const ore = await apiSession(server.url, officer.login, workingPassword(officer));
    const oreHead = await apiSession(server.url, head.login, workingPassword(head));
    const akt = await apiSession(server.url, aktHead.login, workingPassword(aktHead));
    const draft = await ore.post('/api/v1/items', {
      kind: 'request',
      toOfficeCode: 'KZ-AKT',
      subject: 'О сведениях по пункту пропуска «Сагарчин»',
      essence: 'Открытая часть запроса',
      purpose,
      assistance: 'Сообщить сведения',
      form: 'crime_information',
      translationAttached: false,
    });
    const body = draft.body as { id: string; version: number; number: number };
    // The dates are the last days the server allows, today in each office's own zone (not UTC's day).
    type Dated = { version: number; registrationDates: { outgoing: { max: string } | null; incoming: { max: string } | null } };
    const signed = (await oreHead.post(`/api/v1/items/${body.id}/sign`, { version: body.version })).body as Dated;
    const sent = (
      await ore.post(`/api/v1/items/${body.id}/send`, {
        outgoingNumber: '7-13-2026',
        outgoingDate: signed.registrationDates.outgoing!.max,
        version: signed.version,
      })
    ).body as Dated;
    const received = (await akt.get(`/api/v1/items/${body.id}`)).body as Dated;
    const registered = await akt.post(`/api/v1/items/${body.id}/register`, {
      incomingNumber: 'вх-2026/316',
      incomingDate: received.registrationDates.incoming!.max,
      version: sent.version,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);

    // Aktobe's head writes a consultation message and attaches a file, each marked «Конфиденциально».
    const page = await newPage(browser);
    await logIn(page, server.url, aktHead.login, workingPassword(aktHead));
    await page.goto(`${server.url}/items/${body.id}`);
    await action(page, 'Начать консультации').click();
    const consult = dialog(page, 'Начать консультации');
    await consult.getByLabel('Сообщение', { exact: true }).fill('Сведения агентурного характера: источник Тайнов');
    // The level starts at the request's («Открыто») and may be raised.
    expect(await consult.getByRole('radio', { name: 'Открыто', exact: true }).isChecked()).toBe(true);
    await consult.locator('label', { hasText: /^Конфиденциально$/ }).click();
    await screenshot(page, 'e2e-c11-restricted-message-dialog');
    await consult.getByRole('button', { name: 'Начать', exact: true }).click();
    await consult.waitFor({ state: 'hidden' });
    await page.getByTestId('consultation').getByText('Сведения агентурного характера: источник Тайнов').waitFor();
    await page.getByText('К консультациям', { exact: true }).click();
    await page
      .locator('label', { hasText: /^Конфиденциально$/ })
      .last()
      .click();
    await page.locator('input[type=file]').setInputFiles({ name: 'plan-Tainov.pdf', mimeType: 'application/pdf', buffer: samplePdf('plan Tainov') });
    const fileRow = page.getByRole('row', { name: /plan-Tainov\.pdf/ });
    await fileRow.getByText('Конфиденциально').waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
    const current = (await akt.get(`/api/v1/items/${body.id}`)).body as { version: number };
    const answered = await akt.post(`/api/v1/items/${body.id}/outcome`, {
      outcome: 'executed',
      text: 'Фамилии задержанных: Тайнов, Скрытов',
      confidentiality: 'restricted',
      version: current.version,
    });
    expect(answered.status).toBe(200);

    // The unassigned officer: the journal shows the highest level; the page shows each piece exists, its level and why it is hidden.
    const other = await newPage(browser);
    await logIn(other, server.url, bystander.login, workingPassword(bystander));
    await other.getByRole('link', { name: 'Исходящие', exact: true }).click();
    await other
      .getByRole('row', { name: /О сведениях по пункту пропуска/ })
      .getByText('Конфиденциально')
      .waitFor();
    await other.goto(`${server.url}/items/${body.id}`);
    await other.getByTestId('content').getByText('Открытая часть запроса').waitFor();
    await other.getByText('Текст ответа скрыт — степень «Конфиденциально»').waitFor();
    await other.getByText(/читают только сотрудники обеих прокуратур, назначенные на работу с документом/).waitFor();
    await other.getByTestId('consultation').getByText('Текст сообщения скрыт — степень «Конфиденциально»').waitFor();
    await other.getByTestId('hidden-files').getByText('Файл скрыт — степень «Конфиденциально»').waitFor();
    await other.getByTestId('timeline').getByText('файл со степенью «Конфиденциально» (скрыт)').waitFor();
    expect(await other.getByText(/Тайнов|Tainov/).count()).toBe(0);
    await screenshot(other, 'e2e-c12-restricted-pieces-hidden');
    expect(errorsOf(other)).toEqual([]);
    await other.context().close();

    // The officer who prepared the request reads them.
    const mine = await newPage(browser);
    await logIn(mine, server.url, officer.login, workingPassword(officer));
    await mine.goto(`${server.url}/items/${body.id}`);
    await mine.getByTestId('outcome').getByText('Фамилии задержанных: Тайнов, Скрытов').waitFor();
    await mine.getByTestId('consultation').getByText('Сведения агентурного характера: источник Тайнов').waitFor();
    await mine.getByRole('button', { name: 'plan-Tainov.pdf', exact: true }).waitFor();
    await screenshot(mine, 'e2e-c13-restricted-pieces-read');
    expect(errorsOf(mine)).toEqual([]);
    await mine.context().close();
  });
});
