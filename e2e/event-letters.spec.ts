import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, samplePdf, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (issue 10, part 3; O-3.5): on a Russian node (NODE_PARTY=RU) the Aktobe office is off the
 * system. Orenburg's seminar with it has been approved and held; Aktobe's letter names its delegation
 * and states how it sees the results. The Orenburg officer records that letter with its scan from the
 * event page: Aktobe's participants appear with their office, its account stands beside the report,
 * the letter is listed, and the course says the step was recorded from the letter. In Russian and Kazakh.
 */
describe.skipIf(!chromiumAvailable())('an event with a counterpart off the system: its letter recorded [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer.let',
    password: 'Orenburg-Officer-Temp-8',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const deputy: TestUser = {
    login: 'ore.deputy.let',
    password: 'Orenburg-Deputy-Temp-8',
    fullName: 'Заместителев Антон Павлович',
    officeCode: 'RU-ORE',
    roles: ['deputy_head'],
  };
  const coordinator: TestUser = {
    login: 'gumps.coord.let',
    password: 'Gumps-Coordinator-Temp-8',
    fullName: 'Петров Пётр Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };
  // The seminar ended two days ago (Aktobe time), so its outcomes can be stated.
  const aktobeToday = DateTime.now().setZone('Asia/Aqtobe').startOf('day');
  const local = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm");
  const outcomes = 'Актюбинская сторона отмечает: выявлены два канала поставки синтетических наркотиков, согласован порядок обмена сведениями.';
  let eventUrl = '';

  beforeAll(async () => {
    server = await startServer({ env: { NODE_PARTY: 'RU' } });
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, deputy, coordinator]);
    // Proposed, submitted and approved beforehand: the journey is the letter.
    const off = await apiSession(server.url, officer.login, workingPassword(officer));
    const draft = await off.post('/api/v1/events', {
      type: 'seminar',
      venue: 'abroad',
      form: 'experience_exchange',
      title: 'Противодействие незаконному обороту наркотиков',
      country: 'Республика Казахстан',
      city: 'Актобе',
      timeZone: 'Asia/Aqtobe',
      startsLocal: local(aktobeToday.minus({ days: 3 }).set({ hour: 10 })),
      endsLocal: local(aktobeToday.minus({ days: 2 }).set({ hour: 17 })),
      counterpartOfficeCodes: ['KZ-AKT'],
      participants: [{ side: 'own', fullName: 'Заместителев Антон Павлович', position: 'заместитель прокурора области' }],
      agenda: 'Каналы поставки синтетических наркотиков.',
      priorityAreas: ['drug_trafficking'],
    });
    expect(draft.status).toBe(201);
    const event = draft.body as { id: string; version: number };
    const submitted = await (
      await apiSession(server.url, deputy.login, workingPassword(deputy))
    ).post(`/api/v1/events/${event.id}/submit`, { version: event.version });
    const approved = await (
      await apiSession(server.url, coordinator.login, workingPassword(coordinator))
    ).post(`/api/v1/events/${event.id}/approve`, { version: (submitted.body as { version: number }).version });
    expect((approved.body as { status: string }).status).toBe('approved');
    eventUrl = `${server.url}/events/${event.id}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const letterButton = (page: Page, name: RegExp) => page.getByTestId('counterpart-letters').getByRole('button', { name });

  it('issue 10 O-3.5 the officer records Aktobe’s letter — its delegation and its account of the results — with the scan; the page and the course show it', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(eventUrl);
    // Aktobe works off the system: the page says so and offers to record its letter.
    await page.getByTestId('event-details').getByText('Вне системы').waitFor();
    await letterButton(page, /^Внести письмо: Прокуратура Актюбинской области$/).click();
    const dialog = page.getByRole('dialog', { name: 'Письмо: Прокуратура Актюбинской области' });
    await dialog.waitFor();
    await dialog.getByLabel('Исходящий номер письма').fill('2-15/170');
    await dialog.getByLabel('Подписал').fill('Е. М. Жумабеков');
    await dialog.getByLabel('Должность подписавшего').fill('Прокурор Актюбинской области');
    await dialog.getByRole('button', { name: 'Добавить участника' }).click();
    await dialog.getByLabel('ФИО участника 1').fill('Жумабеков Ерлан Маратович');
    await dialog.getByLabel('Должность участника 1').fill('прокурор Актюбинской области');
    await dialog.getByLabel('Итоги мероприятия').fill(outcomes);
    // Without its scan the letter is not recorded.
    await dialog.getByRole('button', { name: 'Внести', exact: true }).click();
    await dialog.getByText('Приложите скан письма (или само электронное письмо, факс)').waitFor();
    await dialog.locator('input[type=file]').setInputFiles({ name: 'pismo-2-15-170.pdf', mimeType: 'application/pdf', buffer: samplePdf('letter 2-15/170') });
    await dialog.getByText('pismo-2-15-170.pdf').waitFor();
    await screenshot(page, 'e2e-e6-event-letter-dialog-ru');
    // (antd leaves its spent «loading» icon in the button's name after a refused submit)
    await dialog.getByRole('button', { name: /Внести$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Письмо внесено').waitFor();

    const today = DateTime.now().setZone('Asia/Yekaterinburg').toFormat('dd.LL.yyyy');
    const letters = page.getByTestId('counterpart-letters');
    await letters.getByText(`письмо № 2-15/170 от ${today}`).waitFor();
    await letters.getByText('Прокурор Актюбинской области Е. М. Жумабеков').waitFor();
    await letters.getByText(officer.fullName).waitFor();
    const participants = page.getByTestId('participants');
    await participants.getByRole('row', { name: /Жумабеков Ерлан Маратович.*Прокуратура Актюбинской области.*по письму/ }).waitFor();
    await page.getByTestId('counterpart-statements').getByText(outcomes).waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Внесено письмо другой Стороны').waitFor();
    await timeline.getByText(`Внесено по письму № 2-15/170 от ${today} — Прокуратура Актюбинской области`, { exact: false }).waitFor();
    await page.getByTestId('attachments').getByText('Письмо KZ-AKT').waitFor();
    await screenshot(page, 'e2e-e7-event-letter-recorded-ru');

    // The same in Kazakh.
    await choose(page, 'Язык интерфейса', 'Қазақша');
    await page.getByText('Басқа Тараптың хаты енгізілді').waitFor();
    await page.getByTestId('counterpart-letters').getByText(`${today} № 2-15/170 хат`).waitFor();
    await screenshot(page, 'e2e-e8-event-letter-recorded-kk');
    await letterButton(page, /^Хатты енгізу: /).click();
    const kkDialog = page.getByRole('dialog', { name: /^Хат: / });
    await kkDialog.getByLabel('Хаттың шығыс нөмірі').waitFor();
    await screenshot(page, 'e2e-e9-event-letter-dialog-kk');
    await kkDialog.getByRole('button', { name: 'Болдырмау' }).click();
    expect(errorsOf(page)).toEqual([]);
  });
});
