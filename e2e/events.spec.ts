import fs from 'node:fs';
import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, samplePdf, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (O-3.5, A-11): an Orenburg officer drafts a seminar with the Aktobe office, the deputy
 * head submits it, ГУМПС's coordinator approves it; the seminar being over, the officer writes the
 * report and the head submits it; the coordinator finds it reported, in the list and in the calendar.
 *
 * The server runs on the real clock, so the seminar is dated a few days back: it has ended and its
 * report (10 days after the end, in Orenburg's zone) is not yet overdue.
 */
describe.skipIf(!chromiumAvailable())('an international event from proposal to report [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer.ev',
    password: 'Orenburg-Officer-Temp-3',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const deputy: TestUser = {
    login: 'ore.deputy.ev',
    password: 'Orenburg-Deputy-Temp-3',
    fullName: 'Заместителев Антон Павлович',
    officeCode: 'RU-ORE',
    roles: ['deputy_head'],
  };
  const head: TestUser = {
    login: 'ore.head.ev',
    password: 'Orenburg-Head-Temp-3',
    fullName: 'Прокуроров Олег Викторович',
    officeCode: 'RU-ORE',
    roles: ['head'],
  };
  const coordinator: TestUser = {
    login: 'gumps.coord.ev',
    password: 'Gumps-Coordinator-Temp-3',
    fullName: 'Петров Пётр Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };

  const title = 'Противодействие незаконному обороту наркотиков на российско-казахстанской границе';
  // Three days ago 10:00 to two days ago 17:00, Aktobe time (UTC+5).
  const aktobeToday = DateTime.now().setZone('Asia/Aqtobe').startOf('day');
  const starts = aktobeToday.minus({ days: 3 }).set({ hour: 10 });
  const ends = aktobeToday.minus({ days: 2 }).set({ hour: 17 });
  const typed = (d: DateTime) => d.toFormat('dd.LL.yyyy HH:mm');
  const outcomes = 'Обсуждены каналы поставки синтетических наркотиков через пункт пропуска «Сагарчин»; стороны обменялись обобщённой практикой.';
  let eventUrl = '';
  let number = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, deputy, head, coordinator]);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const action = (page: Page, name: string) => page.getByTestId('actions').getByRole('button', { name, exact: true });
  const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
  /** A date-and-time field of the form: typed as a person types it, then left with Tab. */
  async function typeDateTime(page: Page, label: string, value: DateTime) {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(typed(value));
    await page.keyboard.press('Tab');
    expect(await input.inputValue()).toBe(typed(value));
  }

  it('O-3.5 the Orenburg officer drafts a seminar with the Aktobe office in the form; the form says when the proposal is complete', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.getByRole('link', { name: 'Мероприятия', exact: true }).click();
    await page.waitForURL('**/events');
    await page.getByRole('heading', { name: 'Мероприятия', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Предложить мероприятие' }).click();
    await page.waitForURL('**/events/new');
    await page.getByRole('heading', { name: 'Предложение о мероприятии' }).waitFor();
    // The first field has the focus: the keyboard starts where the form starts.
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      await page.getByRole('combobox', { name: 'Вид мероприятия' }).getAttribute('id'),
    );

    await choose(page, 'Вид мероприятия', 'Семинар');
    await page.getByLabel('Название', { exact: true }).fill(title);
    // Leaving with unsaved changes asks first; staying keeps what was typed.
    await page.getByRole('link', { name: 'Мероприятия', exact: true }).click();
    const leave = page.getByRole('dialog').filter({ hasText: 'Уйти без сохранения?' });
    await leave.getByRole('button', { name: 'Остаться' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/events/new');
    expect(await page.getByLabel('Название', { exact: true }).inputValue()).toBe(title);
    await page.getByRole('radio', { name: /^Участие в мероприятии за рубежом/ }).check();
    // The country follows from the venue.
    expect(await page.getByLabel('Страна', { exact: true }).inputValue()).toBe('Республика Казахстан');
    await page.getByRole('radio', { name: /Обмен опытом/ }).check();
    await page.getByLabel('Город (населённый пункт)', { exact: true }).fill('Актобе');
    await choose(page, 'Прокуратуры другой Стороны', 'Прокуратура Актюбинской области');
    await page.keyboard.press('Escape');
    // The place's zone follows from the counterpart office abroad.
    await page.getByText('Актобе (UTC+5)').waitFor();
    await typeDateTime(page, 'Начало (местное время)', starts);
    await typeDateTime(page, 'Окончание (местное время)', ends);

    await page.getByRole('button', { name: 'Добавить участника' }).click();
    await page.getByLabel('ФИО участника 1').fill('Заместителев Антон Павлович');
    await page.getByLabel('Должность участника 1').fill('заместитель прокурора области');
    await page.getByRole('button', { name: 'Добавить участника' }).click();
    await choose(page, 'Сторона участника 2', 'Другая Сторона');
    await page.getByLabel('ФИО участника 2').fill('Жумабеков Ерлан Маратович');
    await page.getByLabel('Должность участника 2').fill('прокурор Актюбинской области');
    await page.getByLabel('Программа (повестка дня)', { exact: true }).fill('1. Каналы поставки синтетических наркотиков.\n2. Порядок обмена сведениями.');
    await page.getByTestId('missing-fields').getByText('приоритетные направления').waitFor();
    await choose(page, 'Приоритетные направления', 'Незаконный оборот наркотических средств');
    await page.keyboard.press('Escape');
    await page.getByTestId('missing-fields').getByText('Предложение заполнено: его можно направить на согласование').waitFor();
    await screenshot(page, 'e2e-e1-event-form-ru');

    await page.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    eventUrl = page.url();
    const h1 = page.getByRole('heading', { name: /^Мероприятие № \d+\/\d{4}$/ });
    await h1.waitFor();
    number = /№ (\d+\/\d{4})/.exec((await h1.textContent()) ?? '')?.[1] ?? '';
    expect(number).not.toBe('');
    await page.getByTestId('event-details').getByText(title).waitFor();
    // Shown in the place's own time, with its zone.
    await page
      .getByTestId('event-period')
      .getByText(`${typed(starts)} – ${typed(ends)}`)
      .waitFor();
    await page.getByText('местное время: Актобе, UTC+5').waitFor();
    await page.getByTestId('participants').getByRole('cell', { name: 'Жумабеков Ерлан Маратович' }).waitFor();
    // An officer prepares; the head or a deputy submits.
    await action(page, 'Изменить').waitFor();
    expect(await action(page, 'Направить на согласование').count()).toBe(0);

    await page.locator('input[type=file]').setInputFiles({ name: 'programma-seminara.pdf', mimeType: 'application/pdf', buffer: samplePdf('programme') });
    await page.getByRole('button', { name: 'programma-seminara.pdf', exact: true }).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('O-3.5 the deputy head submits the proposal to ГУМПС', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, deputy.login, workingPassword(deputy));
    await page.goto(eventUrl);
    await action(page, 'Направить на согласование').click();
    const submit = dialog(page, 'Направить на согласование');
    await submit.getByText(`Предложение о мероприятии № ${number} будет направлено на согласование`, { exact: false }).waitFor();
    await submit.getByRole('button', { name: 'Направить', exact: true }).click();
    await submit.waitFor({ state: 'hidden' });
    await page.getByText('На согласовании', { exact: true }).first().waitFor();
    expect(await action(page, 'Изменить').count()).toBe(0);
    await page.getByTestId('timeline').getByText('Направлено на согласование').waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('O-3.5 the ГУМПС coordinator finds it among the Party’s events and approves it; the report falls due 10 days after the end', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.getByRole('link', { name: 'Мероприятия', exact: true }).click();
    await page.waitForURL('**/events');
    await page.locator('.ant-segmented-item', { hasText: 'Список' }).click();
    await page.waitForURL('**/events?view=list');
    const open = page.getByRole('link', { name: `Открыть мероприятие № ${number}` });
    await open.waitFor();
    await page
      .getByRole('cell', { name: /Прокуратура Оренбургской области/ })
      .first()
      .waitFor();
    await open.click();
    await page.getByRole('heading', { name: `Мероприятие № ${number}` }).waitFor();
    // The coordinator decides; it does not edit or submit.
    expect(await action(page, 'Изменить').count()).toBe(0);
    await action(page, 'Одобрить').click();
    const approve = dialog(page, 'Одобрить');
    await approve.getByRole('button', { name: 'Одобрить', exact: true }).click();
    await approve.waitFor({ state: 'hidden' });
    await page.getByText('Одобрено', { exact: true }).first().waitFor();
    // Over already: the report is awaited, its deadline explained in Orenburg's zone.
    await page.getByText('Ожидается отчёт', { exact: true }).first().waitFor();
    const due = page.getByTestId('report-due');
    const endDay = ends.setZone('Asia/Yekaterinburg');
    await due.getByText(`Отчёт — по ${endDay.plus({ days: 10 }).toFormat('dd.LL.yyyy')} включительно`).waitFor();
    await due.getByText(`Срок: 10 календарных дней после окончания мероприятия (${endDay.toFormat('dd.LL.yyyy')}), по времени Екатеринбурга (UTC+5)`).waitFor();
    await page.getByTestId('decision').getByText(coordinator.fullName).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('O-3.5 after the seminar the officer writes the report and the head submits it', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(eventUrl);
    await action(page, 'Заполнить отчёт').click();
    const form = page.getByTestId('report-form');
    await form.getByLabel('Итоги мероприятия').fill(outcomes);
    await form.getByLabel('Достигнутые договорённости').fill('Ежеквартальный обмен обобщёнными сведениями о каналах поставки.');
    await form.getByLabel('Дальнейшие действия').fill('Провести рабочую встречу в Оренбурге во II квартале.');
    await form.getByRole('button', { name: 'Сохранить отчёт' }).click();
    await page.getByText('Отчёт сохранён').waitFor();
    await page.getByRole('button', { name: 'Отчёт (DOCX)' }).waitFor();
    // The head or a deputy submits the report, not the officer.
    expect(await action(page, 'Представить отчёт').count()).toBe(0);
    await page.context().close();

    const headPage = await newPage(browser);
    await logIn(headPage, server.url, head.login, workingPassword(head));
    await headPage.goto(eventUrl);
    expect(await headPage.getByTestId('report-form').getByLabel('Итоги мероприятия').inputValue()).toBe(outcomes);
    await action(headPage, 'Представить отчёт').click();
    const submit = dialog(headPage, 'Представить отчёт');
    await submit.getByRole('button', { name: 'Представить', exact: true }).click();
    await submit.waitFor({ state: 'hidden' });
    await headPage.getByText('Отчёт представлен', { exact: true }).first().waitFor();
    await headPage.getByTestId('report').getByText(outcomes).waitFor();
    await headPage
      .getByTestId('report')
      .getByText(new RegExp(`^Представил ${head.fullName}, \\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d$`))
      .waitFor();
    expect(errorsOf(headPage)).toEqual([]);
    await headPage.context().close();
  });

  it('O-3.5, A-11 the coordinator sees the event reported, in the calendar on its days and on its page, and takes the report as DOCX', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.goto(`${server.url}/events?view=list&status=reported`);
    await page.getByRole('link', { name: `Открыть мероприятие № ${number}` }).waitFor();
    await page
      .getByRole('cell', { name: /Отчёт представлен/ })
      .first()
      .waitFor();
    await screenshot(page, 'e2e-e2-events-list-ru');

    await page.goto(`${server.url}/events?month=${starts.toFormat('yyyy-LL')}`);
    await page.getByTestId('calendar-month').waitFor();
    const label = `Мероприятие № ${number}: ${title} (Отчёт представлен)`;
    for (const day of [starts, ends]) {
      await page.getByTestId(`calendar-day-${day.toISODate()}`).getByRole('link', { name: label }).waitFor();
    }
    await page.getByTestId(`calendar-day-${starts.toISODate()}`).getByText(`10:00 ${title}`).waitFor();
    await screenshot(page, 'e2e-e3-events-calendar-ru');
    await page.screenshot({ path: '/tmp/events-calendar.png', fullPage: true });

    await page.getByTestId(`calendar-day-${starts.toISODate()}`).getByRole('link', { name: label }).click();
    await page.waitForURL(eventUrl);
    await page.getByRole('heading', { name: `Мероприятие № ${number}` }).waitFor();
    await page.getByTestId('report').getByText(outcomes).waitFor();
    await page
      .getByTestId('report-due')
      .getByText(/^Отчёт представлен \d\d\.\d\d\.\d{4}$/)
      .waitFor();
    await action(page, 'Вернуть отчёт на доработку').waitFor();
    await page.getByTestId('timeline').getByText('Представлен отчёт').waitFor();

    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Отчёт (DOCX)' }).click()]);
    expect(docx.suggestedFilename()).toBe(`event-${number.replace('/', '-')}-report.docx`);
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(await docx.path()) })).value;
    expect(text).toContain(outcomes);
    await page.waitForTimeout(400);
    await screenshot(page, 'e2e-e4-event-page-ru');
    await page.screenshot({ path: '/tmp/events-page.png', fullPage: true });

    // The same page and the calendar read in Kazakh.
    await choose(page, 'Язык интерфейса', 'Қазақша');
    await page.getByRole('heading', { name: `№ ${number} іс-шара` }).waitFor();
    await page.getByText('Есеп ұсынылды', { exact: true }).first().waitFor();
    await page
      .getByTestId('report-due')
      .getByText(/^Мерзімі: іс-шара аяқталғаннан \(\d\d\.\d\d\.\d{4}\) кейін 10 күнтізбелік күн, Екатеринбург \(UTC\+5\) уақыты бойынша$/)
      .waitFor();
    await page.getByRole('link', { name: 'Іс-шаралар', exact: true }).click();
    await page.getByTestId('calendar-month').waitFor();
    await screenshot(page, 'e2e-e5-events-calendar-kk');
    expect(errorsOf(page)).toEqual([]);
  });
});
