import fs from 'node:fs';
import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, samplePdf, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (issue 10, part 3): a Russian node (NODE_PARTY=RU), where Aktobe works outside the system
 * and answers by letter. (a) An Orenburg request to Aktobe is signed and sent by e-mail; the officer
 * records Aktobe's registration and its answer from its letters with their scans; the item, its
 * timeline and the office's annual block count them. (b) A request received from Aktobe by letter
 * is entered with its scan, registered, answered by the head (the answer dispatched by post) and its
 * outcome letter downloaded as DOCX.
 *
 * Dates are today in the office's own zone (Orenburg, UTC+5), never UTC's day.
 */
describe.skipIf(!chromiumAvailable())('counterparts off the system: letters recorded on a Russian node [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer.lt',
    password: 'Orenburg-Officer-Temp-9',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const head: TestUser = {
    login: 'ore.head.lt',
    password: 'Orenburg-Head-Temp-9',
    fullName: 'Прокуроров Олег Викторович',
    officeCode: 'RU-ORE',
    roles: ['head'],
  };
  const akt = 'Прокуратура Актюбинской области';
  const orenburgToday = DateTime.now().setZone('Asia/Yekaterinburg');
  const today = orenburgToday.toFormat('dd.LL.yyyy');
  const subject = 'О лицах, пересекших границу через пункт пропуска «Сагарчин»';
  let itemUrl = '';

  beforeAll(async () => {
    server = await startServer({ env: { NODE_PARTY: 'RU' } });
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, head]);
    // Set-up, not the journey: the officer's draft to Aktobe (drafting is the requests journey).
    const ore = await apiSession(server.url, officer.login, workingPassword(officer));
    const draft = await ore.post('/api/v1/items', {
      kind: 'request',
      toOfficeCode: 'KZ-AKT',
      subject,
      essence: 'Проверка сведений о пересечении границы группой лиц в феврале.',
      purpose: 'Установление маршрута перемещения; обоснование — материалы проверки № 14-02.',
      assistance: 'Сообщить сведения о пересечении границы указанными лицами.',
      form: 'crime_information',
      priorityAreas: ['organized_crime'],
      translationAttached: false,
    });
    if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
    itemUrl = `${server.url}/items/${draft.body.id}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const action = (page: Page, name: string) => page.getByTestId('actions').getByRole('button', { name, exact: true });
  const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
  /** Types a date into a date field and closes its calendar by clicking `away` (Enter would submit the form). */
  async function typeDate(field: Locator, value: string, away: Locator) {
    await field.click();
    await field.fill(value);
    await away.click();
    expect(await field.inputValue()).toBe(value);
  }
  const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: samplePdf(name) });

  /** The officer on the item page opens the dialog for Aktobe's next letter and enters what every letter has: the action it carries, its number and date. */
  async function startLetter(page: Page, carries: string, number: string) {
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(itemUrl);
    const letters = page.getByTestId('letters');
    await letters.getByRole('button', { name: `Внести письмо: ${akt}` }).click();
    const record = dialog(page, `Письмо: ${akt}`);
    await choose(page, 'Что сообщает письмо', carries);
    // The action's own fields follow the letter's, under what the letter says.
    await record.getByText('Содержание письма').waitFor();
    await record.getByLabel('Исходящий номер письма').fill(number);
    await typeDate(record.getByLabel('Дата письма'), today, record.locator('.ant-modal-title'));
    return { letters, record };
  }

  it('A-6.2: the head signs; the officer sends the request to Aktobe, which works outside the system, choosing e-mail', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, head.login, workingPassword(head));
    await page.goto(itemUrl);
    await action(page, 'Подписать').click();
    const sign = dialog(page, 'Подписать');
    await sign.getByRole('button', { name: 'Подписать' }).click();
    await sign.waitFor({ state: 'hidden' });
    await page.getByTestId('signature').getByText('Подпись действительна').waitFor();
    // Issue 12: whose check it is — this node's own, with its provider for the key's algorithm.
    await page.getByTestId('signature-basis').getByText('Проверено этим узлом').waitFor();
    await page.context().close();

    const officerPage = await newPage(browser);
    await logIn(officerPage, server.url, officer.login, workingPassword(officer));
    await officerPage.goto(itemUrl);
    // The letters panel says already that Aktobe answers by letter; nothing to record before sending.
    const letters = officerPage.getByTestId('letters');
    await letters.getByText(`Письма: ${akt} (вне системы)`).waitFor();
    await letters.getByText('Писем пока нет').waitFor();
    await action(officerPage, 'Отправить').click();
    const send = dialog(officerPage, 'Отправить');
    await send.getByTestId('dispatch-hint').getByText(`Прокуратура «${akt}» работает вне системы и не получит документ в ней.`, { exact: false }).waitFor();
    await send.getByLabel('Исходящий номер').fill('7-20-2026');
    await screenshot(officerPage, 'e2e-l1-send-dispatch-ru');
    // Without the method the dialog refuses, as the server would.
    await send.getByRole('button', { name: 'Отправить' }).click();
    await send.getByText('Укажите способ отправки: адресат работает вне системы').waitFor();
    await choose(officerPage, 'Способ отправки письма', 'Электронной почтой');
    await send.getByRole('button', { name: 'Отправить' }).click();
    await send.waitFor({ state: 'hidden' });
    await officerPage.getByText('Отправлен', { exact: true }).first().waitFor();
    const out = letters.getByRole('row', { name: /Исходящее/ });
    await out.getByText('Электронной почтой').waitFor();
    await out.getByText(`№ 7-20-2026 от ${today}`).waitFor();
    await out.getByText('Отправлен', { exact: true }).waitFor();
    expect(errorsOf(officerPage)).toEqual([]);
    await officerPage.context().close();
  });

  it('A-6.2, O-3.3: the officer records Aktobe’s registration from its e-mail with the scan; the dialog in Kazakh too', async () => {
    const page = await newPage(browser);
    const { letters, record } = await startLetter(page, 'Зарегистрировать', '17-05/123');
    await choose(page, 'Как поступило', 'Электронной почтой');
    await record.locator('.ant-select-content', { hasText: 'Электронной почтой' }).waitFor();
    await record.locator('input[type=file]').setInputFiles(pdf('akt-registration.pdf'));
    await record.getByTestId('chosen-files').getByText('akt-registration.pdf').waitFor();
    await record.getByLabel('Входящий номер').fill('вх-2026/316');
    // The registration date starts at today, the counterpart's day (Aktobe and Orenburg share UTC+5).
    expect(await record.getByLabel('Дата регистрации').inputValue()).toBe(today);
    await screenshot(page, 'e2e-l2-record-letter-dialog-ru');
    await record.getByRole('button', { name: 'Внести' }).click();
    await record.waitFor({ state: 'hidden' });
    await page.getByTestId('registration').getByText(`Вх. № вх-2026/316 от ${today}`).waitFor();
    const row = letters.getByRole('row', { name: /17-05\/123/ });
    await row.getByText('Входящее').waitFor();
    await row.getByText('Зарегистрирован', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'akt-registration.pdf' }).waitFor();
    await row.getByText(officer.fullName).waitFor();

    // The same dialog in Kazakh. The language is the user's own setting: it is switched back whatever
    // happens here, so the journeys after this one read Russian.
    await choose(page, 'Язык интерфейса', 'Қазақша');
    try {
      await letters.getByText('Хаттар: Ақтөбе облысының прокуратурасы (жүйеден тыс)').waitFor();
      await letters.getByRole('button', { name: 'Хатты енгізу: Ақтөбе облысының прокуратурасы' }).click();
      const kk = dialog(page, 'Хат: Ақтөбе облысының прокуратурасы');
      await kk.getByText('Хатта не хабарланады').waitFor();
      await kk.getByText('Хаттың скандары').first().waitFor();
      await screenshot(page, 'e2e-l3-record-letter-dialog-kk');
      await kk.getByRole('button', { name: 'Болдырмау' }).click();
      await kk.waitFor({ state: 'hidden' });
      await screenshot(page, 'e2e-l4-item-letters-kk');
    } finally {
      await choose(page, 'Интерфейс тілі', 'Русский');
    }
    await letters.getByText(`Письма: ${akt} (вне системы)`).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('A-6.4, A-8.2: Aktobe’s answer is recorded from its signed letter; the item is executed, the timeline names the letter, the annual block counts the answer', async () => {
    const page = await newPage(browser);
    const { letters, record } = await startLetter(page, 'Внести результат', '17-05/140');
    await record.locator('input[type=file]').setInputFiles([pdf('akt-answer-p1.pdf'), pdf('akt-answer-p2.pdf')]);
    await record.getByLabel('Текст ответа').fill('Сведения о пересечении границы указанными лицами прилагаются.');
    // A decision comes signed: the letter names its signer as printed.
    await record.getByRole('button', { name: 'Внести' }).click();
    await record.getByText('Заполните поле').first().waitFor();
    await record.getByLabel('Подписал (как в письме)').fill('Ахметов Серик Болатович');
    await record.getByLabel('Должность подписавшего (как в письме)').fill('прокурор Актюбинской области');
    await record.getByRole('button', { name: 'Внести' }).click();
    await record.waitFor({ state: 'hidden' });

    await page.getByText('Исполнен', { exact: true }).first().waitFor();
    await page.getByTestId('outcome').getByText('Сведения о пересечении границы указанными лицами прилагаются.').waitFor();
    const answer = letters.getByRole('row', { name: /17-05\/140/ });
    await answer.getByText('Ахметов Серик Болатович, прокурор Актюбинской области').waitFor();
    await answer.getByRole('button', { name: 'akt-answer-p2.pdf' }).waitFor();
    expect(await letters.getByRole('row').count()).toBe(4); // the header, ours and Aktobe's two
    // Nothing more to record on an executed request.
    expect(await letters.getByRole('button', { name: `Внести письмо: ${akt}` }).count()).toBe(0);
    const timeline = page.getByTestId('timeline');
    await timeline.getByText(`внесено по письму № 17-05/123 от ${today}, ${akt} (электронной почтой)`).waitFor();
    await timeline.getByText(`внесено по письму № 17-05/140 от ${today}, ${akt} (почтой)`).waitFor();
    await timeline.getByText('akt-answer-p1.pdf, akt-answer-p2.pdf', { exact: false }).waitFor();
    await page
      .getByTestId('deadlines')
      .getByText(/^Ответ дан \d\d\.\d\d\.\d{4}$/)
      .waitFor();
    await screenshot(page, 'e2e-l5-item-letters-ru');

    // The annual block of Orenburg counts the answer like one given in the system.
    await page.goto(`${server.url}/annual/RU-ORE/${orenburgToday.year}`);
    const timeliness = page.getByTestId('figures-timeliness');
    await timeliness.getByRole('link', { name: '1 — Дано ответов: Ответы на запросы прокуратуры', exact: true }).waitFor();
    await timeliness.getByRole('link', { name: '1 — В срок: Ответы на запросы прокуратуры', exact: true }).waitFor();
    await page.getByTestId('figures-statuses').getByRole('link', { name: '1 — Направлено: Исполнен', exact: true }).waitFor();
    await screenshot(page, 'e2e-l6-annual-block-ru');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('A-9.3: another use of Aktobe’s answer needs its consent; the officer asks, and records Aktobe’s decision from its signed letter', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(itemUrl);
    const consents = page.getByTestId('consents');
    await consents.getByRole('button', { name: 'Запросить согласие' }).click();
    const ask = page.getByRole('dialog').filter({ hasText: 'Новая цель использования' });
    await ask.getByLabel('Новая цель использования').fill('Использование в уголовном деле № 12345');
    await ask.getByLabel('Обоснование').fill('Сведения нужны для расследования');
    await ask.getByRole('button', { name: 'Направить запрос' }).click();
    await ask.waitFor({ state: 'hidden' });
    await consents.getByText('ожидает решения').waitFor();
    // Aktobe has no users here: its decision is recorded from its letter, by the office that asked.
    await consents.getByRole('button', { name: 'Внести решение по письму' }).click();
    const decide = dialog(page, `Решение по письму: ${akt}`);
    await decide.getByLabel('Исходящий номер письма').fill('17-05/150');
    await typeDate(decide.getByLabel('Дата письма'), today, decide.locator('.ant-modal-title'));
    await decide.getByLabel('Подписал (как в письме)').fill('Ахметов Серик Болатович');
    await decide.getByLabel('Должность подписавшего (как в письме)').fill('прокурор Актюбинской области');
    await decide.locator('input[type=file]').setInputFiles(pdf('akt-consent.pdf'));
    await decide.getByText('Дать согласие').click();
    await screenshot(page, 'e2e-l10-consent-letter-ru');
    await decide.getByRole('button', { name: 'Внести' }).click();
    await decide.waitFor({ state: 'hidden' });
    await consents.getByText('согласие дано').waitFor();
    await page
      .getByTestId('letters')
      .getByRole('row', { name: /17-05\/150/ })
      .getByText('akt-consent.pdf')
      .waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('A-6.2, A-8.2: a request received from Aktobe by letter is entered with its scan, registered, answered by post, and its outcome letter downloaded', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.getByRole('link', { name: 'Входящие', exact: true }).click();
    await page.waitForURL('**/items/incoming');
    await page.getByRole('button', { name: 'Зарегистрировать поступившее письмом' }).click();
    await page.waitForURL('**/items/received');
    await page.getByRole('heading', { name: 'Документ, поступивший письмом' }).waitFor();
    await choose(page, 'Прокуратура-отправитель', akt);
    await page.getByLabel('Исходящий номер письма').fill('17-05/200');
    await typeDate(page.getByLabel('Дата письма'), today, page.getByRole('heading', { name: 'Документ, поступивший письмом' }));
    await page.getByLabel('Подписал (как в письме)').fill('Ахметов Серик Болатович');
    await page.getByLabel('Должность подписавшего (как в письме)').fill('прокурор Актюбинской области');
    await page.locator('input[type=file]').setInputFiles(pdf('akt-request-17-05-200.pdf'));
    await page.getByLabel('Тема', { exact: true }).fill('О предоставлении сведений о судимости');
    await page.getByLabel('Существо дела', { exact: true }).fill('Проверяется гражданин Российской Федерации, задержанный в Актюбинской области.');
    await page.getByLabel('Цель и обоснование запроса', { exact: true }).fill('Решение вопроса о мере пресечения; обоснование — уголовное дело № 2026-41.');
    await page.getByLabel('Содержание запрашиваемого содействия', { exact: true }).fill('Сообщить сведения о судимости.');
    await page.getByRole('radio', { name: /Информация о преступности/ }).check();
    await page.getByTestId('missing-fields').getByText('Обязательные сведения заполнены', { exact: false }).waitFor();
    await screenshot(page, 'e2e-l7-received-form-ru');
    await page.getByRole('button', { name: 'Внести во входящие' }).click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    const receivedUrl = page.url();

    // Signed on paper: the signature panel says by whom, from which letter, recorded by whom.
    await page.getByTestId('signature').getByText('Подписано на бумаге').waitFor();
    await page
      .getByTestId('signature')
      .getByText(`Подписал на бумаге Ахметов Серик Болатович, прокурор Актюбинской области (письмо № 17-05/200 от ${today}); внесено: ${officer.fullName}`)
      .waitFor();
    await page.getByTestId('registration').getByText(`Исх. № 17-05/200 от ${today}`).waitFor();
    await page
      .getByTestId('letters')
      .getByRole('row', { name: /17-05\/200/ })
      .getByRole('button', { name: 'akt-request-17-05-200.pdf' })
      .waitFor();
    await page.getByTestId('timeline').getByText('Получен письмом').waitFor();
    await page.getByTestId('timeline').getByText(`внесено по письму № 17-05/200 от ${today}, ${akt} (почтой)`).waitFor();
    await screenshot(page, 'e2e-l8-received-item-ru');

    await action(page, 'Зарегистрировать').click();
    const register = dialog(page, 'Зарегистрировать');
    await register.getByLabel('Входящий номер').fill('вх-2026/401');
    await register.getByRole('button', { name: 'Зарегистрировать' }).click();
    await register.waitFor({ state: 'hidden' });
    await page.getByTestId('registration').getByText(`Вх. № вх-2026/401 от ${today}`).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    // The head answers; the answer goes to Aktobe by post as the outcome letter.
    const headPage = await newPage(browser);
    await logIn(headPage, server.url, head.login, workingPassword(head));
    await headPage.goto(receivedUrl);
    await action(headPage, 'Внести результат').click();
    const outcome = dialog(headPage, 'Внести результат');
    await outcome.getByLabel('Текст ответа').fill('Сведения о судимости в отношении указанного лица не имеются.');
    await outcome.getByTestId('dispatch-hint').waitFor();
    await choose(headPage, 'Способ отправки письма', 'Почтой');
    await screenshot(headPage, 'e2e-l9-outcome-dispatch-ru');
    await outcome.getByRole('button', { name: 'Внести результат' }).click();
    await outcome.waitFor({ state: 'hidden' });
    await headPage.getByTestId('outcome').getByText('Сведения о судимости в отношении указанного лица не имеются.').waitFor();
    const sent = headPage.getByTestId('letters').getByRole('row', { name: /Исходящее/ });
    await sent.getByText('Почтой', { exact: true }).waitFor();
    await sent.getByText('Внесён результат').waitFor();

    const [docx] = await Promise.all([headPage.waitForEvent('download'), headPage.getByRole('button', { name: 'Письмо о результатах (DOCX)' }).click()]);
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(await docx.path()) })).value;
    expect(text).toContain('О результатах рассмотрения запроса');
    expect(text).toContain('Сведения о судимости в отношении указанного лица не имеются.');
    expect(text).toContain('17-05/200');
    expect(errorsOf(headPage)).toEqual([]);
    await headPage.context().close();
  });
});
