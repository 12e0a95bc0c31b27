import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../domain/numbering.ts';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, screenshot, workingPassword, type TestUser } from './ui.ts';

type Api = Awaited<ReturnType<typeof apiSession>>;

/**
 * Journey (O-4.1, O-6): Orenburg has made an oral request to Aktobe and not confirmed it in writing
 * within 72 hours, has a written request registered in Aktobe and another one Aktobe holds until
 * its authenticity is confirmed, an event awaiting ГУМПС's decision and an event whose report is
 * overdue. ГУМПС's coordinator finds all of it on the Orenburg row of the dashboard, opens the
 * cells and takes the XLSX; the Kazakh coordinating department finds the Aktobe side; leadership
 * reads the same dashboard.
 *
 * The server runs on the real clock, so the overdue states are made with past dates the API takes:
 * the oral request was made four days ago, the event ended three weeks ago. The annual block of
 * the year just reported (due on 30 January) is overdue for every office that has not submitted it.
 */
describe.skipIf(!chromiumAvailable())('the oversight dashboard of the coordinator and leadership [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer.ov',
    password: 'Orenburg-Officer-Temp-4',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const deputy: TestUser = {
    login: 'ore.deputy.ov',
    password: 'Orenburg-Deputy-Temp-4',
    fullName: 'Заместителев Антон Павлович',
    officeCode: 'RU-ORE',
    roles: ['deputy_head'],
  };
  const aktOfficer: TestUser = {
    login: 'akt.officer.ov',
    password: 'Aktobe-Officer-Temp-4',
    fullName: 'Ахметова Айгерім Серікқызы',
    officeCode: 'KZ-AKT',
    roles: ['officer'],
    locale: 'kk',
  };
  const coordinator: TestUser = {
    login: 'gumps.coord.ov',
    password: 'Gumps-Coordinator-Temp-4',
    fullName: 'Петров Пётр Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };
  const kzCoordinator: TestUser = {
    login: 'dms.coord.ov',
    password: 'Dms-Coordinator-Temp-4',
    fullName: 'Үйлестіруші Асқар Болатұлы',
    officeCode: 'KZ-GP-DMS',
    roles: ['coordinator'],
    locale: 'kk',
  };
  const leader: TestUser = {
    login: 'gp.leader.ov',
    password: 'Gp-Leadership-Temp-4',
    fullName: 'Руководитель Пётр Сергеевич',
    officeCode: 'RU-GP',
    roles: ['leadership'],
  };

  // A block is due on 30 January of the next year: in January the year before last is the one surely overdue.
  const ekbNow = DateTime.now().setZone('Asia/Yekaterinburg');
  const overdueBlockYear = ekbNow.month === 1 ? ekbNow.year - 2 : ekbNow.year - 1;
  const oralSubject = 'О розыске лица, пересекающего границу на автомобиле';
  const heldSubject = 'О предоставлении сведений о судимости';
  const registeredSubject = 'О взаимодействии по делам о контрабанде';
  const ids = { oral: '', held: '', registered: '' };
  const numbers = { oral: '', held: '', registered: '', overdueEvent: '', submittedEvent: '' };

  const request = (subject: string, extra: Record<string, unknown> = {}) => ({
    kind: 'request',
    toOfficeCode: 'KZ-AKT',
    subject,
    essence: 'В ходе проверки установлены обстоятельства, требующие сведений от прокуратуры Актюбинской области.',
    purpose: 'Проверка исполнения законодательства о государственной границе.',
    assistance: 'Предоставить имеющиеся сведения.',
    form: 'crime_information',
    priorityAreas: ['organized_crime'],
    ...extra,
  });

  function ok<T = Record<string, unknown>>(res: { status: number; body: unknown }, what: string): T {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  type Item = {
    id: string;
    number: number;
    numberYear: number;
    version: number;
    registrationDates: { outgoing: { max: string } | null; incoming: { max: string } | null };
  };
  async function signedAndSent(o: Api, d: Api, subject: string): Promise<Item> {
    const draft = ok<Item>(await o.post('/api/v1/items', request(subject)), 'draft');
    const signed = ok<Item>(await d.post(`/api/v1/items/${draft.id}/sign`, { version: draft.version }), 'sign');
    // The outgoing date is today in Orenburg's zone: the last day the server allows (O-3.3).
    return ok<Item>(
      await o.post(`/api/v1/items/${draft.id}/send`, {
        outgoingNumber: `7-${draft.number}-ov`,
        outgoingDate: signed.registrationDates.outgoing!.max,
        version: signed.version,
      }),
      'send',
    );
  }

  type EventRow = { id: string; number: number; numberYear: number; version: number };
  const localTime = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm");
  async function submittedEvent(o: Api, d: Api, title: string, starts: DateTime): Promise<EventRow> {
    const created = ok<EventRow>(
      await o.post('/api/v1/events', {
        type: 'working_meeting',
        venue: 'abroad',
        form: 'experience_exchange',
        title,
        country: 'Казахстан',
        city: 'Актобе',
        timeZone: 'Asia/Aqtobe',
        startsLocal: localTime(starts),
        endsLocal: localTime(starts.plus({ hours: 7 })),
        counterpartOfficeCodes: ['KZ-AKT'],
        participants: [{ side: 'own', fullName: deputy.fullName, position: 'заместитель прокурора области' }],
        agenda: '1. Обмен опытом. 2. Порядок обмена сведениями.',
        priorityAreas: ['organized_crime'],
      }),
      'event',
    );
    return ok<EventRow>(await d.post(`/api/v1/events/${created.id}/submit`, { version: created.version }), 'submit event');
  }

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, deputy, aktOfficer, coordinator, kzCoordinator, leader]);
    const session = (u: TestUser) => apiSession(server.url, u.login, workingPassword(u));
    const [o, d, akt, gumps] = await Promise.all([session(officer), session(deputy), session(aktOfficer), session(coordinator)]);

    // An oral request four days ago: its written confirmation (72 hours) is overdue. Restricted: its subject is not the coordinator's to read.
    const oralDraft = ok<Item>(await o.post('/api/v1/items', request(oralSubject, { confidentiality: 'restricted' })), 'oral draft');
    const oral = ok<Item>(
      await o.post(`/api/v1/items/${oralDraft.id}/send-oral`, {
        oralAt: DateTime.now().minus({ days: 4 }).toUTC().toISO(),
        channel: 'phone',
        spokenBy: officer.fullName,
        spokenTo: 'дежурный прокурор',
        version: oralDraft.version,
      }),
      'send oral',
    );
    // A written request Aktobe registered, and another Aktobe holds: its authenticity is in doubt.
    const registered = await signedAndSent(o, d, registeredSubject);
    const incoming = ok<Item>(await akt.get(`/api/v1/items/${registered.id}`), 'incoming').registrationDates.incoming!;
    ok(
      await akt.post(`/api/v1/items/${registered.id}/register`, {
        incomingNumber: `вх-${registered.number}`,
        incomingDate: incoming.max,
        version: registered.version,
      }),
      'register',
    );
    const held = await signedAndSent(o, d, heldSubject);
    ok(await akt.post(`/api/v1/items/${held.id}/doubt-authenticity`, { reason: 'Подпись не совпадает с образцом', version: held.version }), 'doubt');
    Object.assign(ids, { oral: oral.id, held: held.id, registered: registered.id });
    Object.assign(numbers, { oral: formatNumber(oral), held: formatNumber(held), registered: formatNumber(registered) });

    // An event awaiting ГУМПС's decision, and one held three weeks ago whose report (10 days) is overdue.
    const aktobeToday = DateTime.now().setZone('Asia/Aqtobe').startOf('day');
    const pending = await submittedEvent(o, d, 'Рабочая встреча по обмену сведениями', aktobeToday.plus({ days: 30 }).set({ hour: 10 }));
    const past = await submittedEvent(o, d, 'Семинар по противодействию контрабанде', aktobeToday.minus({ days: 21 }).set({ hour: 10 }));
    ok(await gumps.post(`/api/v1/events/${past.id}/approve`, { version: past.version }), 'approve');
    Object.assign(numbers, { submittedEvent: formatNumber(pending), overdueEvent: formatNumber(past) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const row = (page: Page, code: string) => page.getByTestId('oversight-table').locator('tr.ant-table-row', { hasText: code });
  const cell = (page: Page, name: string) => page.getByTestId('oversight-table').getByRole('button', { name, exact: true });

  async function xlsx(download: Download): Promise<ExcelJS.Worksheet> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  }

  function sheetRow(ws: ExcelJS.Worksheet, officeName: string): ExcelJS.Row {
    for (let i = 3; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === officeName) return ws.getRow(i);
    throw new Error(`no row for ${officeName}`);
  }

  it('[e2e] O-4.1 the ГУМПС coordinator finds Orenburg’s overdue oral request, held request and overdue event report on its row', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.getByRole('link', { name: 'Исполнение Протокола', exact: true }).click();
    await page.waitForURL('**/oversight');
    await page.getByRole('heading', { name: 'Контроль исполнения Протокола', level: 1 }).waitFor();

    // The summary: what is overdue across the Party.
    const summary = page.getByTestId('summary');
    await summary.getByRole('button', { name: /^Не подтверждены устные запросы\s*1$/ }).waitFor();
    await summary.getByRole('button', { name: /^Просрочены отчёты о мероприятиях\s*1/ }).waitFor();
    await summary.getByRole('button', { name: /^Приостановлены до подтверждения подлинности\s*1\s*входящие: 0, исходящие: 1$/ }).waitFor();

    // The Orenburg row comes first (most problems) and counts what was made in set-up.
    const ore = row(page, 'RU-ORE');
    await ore.getByText('Прокуратура Оренбургской области').waitFor();
    expect(await page.getByTestId('oversight-table').locator('tr.ant-table-row').first().textContent()).toContain('RU-ORE');
    await cell(page, 'Не подтверждены устные запросы, RU-ORE: 1').waitFor();
    await cell(page, 'Исходящие без ответа, RU-ORE: 3').waitFor();
    await cell(page, 'Ожидают подтверждения подлинности, RU-ORE: 1').waitFor();
    await ore.getByRole('link', { name: 'Просрочены отчёты о мероприятиях, RU-ORE: 1' }).waitFor();
    await ore.getByRole('link', { name: 'Мероприятия на согласовании, RU-ORE: 1' }).waitFor();
    // A breach is red.
    expect(await cell(page, 'Не подтверждены устные запросы, RU-ORE: 1').locator('xpath=ancestor::td[1]').getAttribute('style')).toContain(
      'rgb(255, 241, 240)',
    );
    // The Russian coordinator sees the Russian offices only: Aktobe is the Kazakh department's.
    expect(await row(page, 'KZ-AKT').count()).toBe(0);
    expect(await page.getByTestId('oversight-table').getByText(/^KZ-/).count()).toBe(0);

    // The block of the previous year: overdue on 30 January; the year is in the address.
    await choose(page, 'Годовой блок за', String(overdueBlockYear));
    await page.waitForURL(`**/oversight?year=${overdueBlockYear}`);
    await page.getByRole('columnheader', { name: `Годовой блок за ${overdueBlockYear} год` }).waitFor();
    await ore
      .getByRole('link', { name: `Годовой блок за ${overdueBlockYear} год, RU-ORE: Не начат` })
      .getByText('Просрочен')
      .waitFor();

    // Search and the problems switch narrow the rows; the state lives in the address.
    await page.getByRole('searchbox', { name: 'Поиск по названию или коду прокуратуры' }).fill('оренб');
    await expect.poll(() => page.getByTestId('oversight-table').locator('tr.ant-table-row').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('searchbox', { name: 'Поиск по названию или коду прокуратуры' }).fill('');
    await page.getByRole('switch').click();
    await page.waitForURL((u) => u.searchParams.get('problems') === '1' && !u.searchParams.has('q') && u.searchParams.get('year') === String(overdueBlockYear));
    // Every office is late with last year's block: all of them have problems.
    await expect.poll(() => page.getByTestId('oversight-table').locator('tr.ant-table-row').count(), { timeout: 20_000 }).toBeGreaterThan(1);
    await screenshot(page, 'e2e-o1-oversight-ru');
    await page.screenshot({ path: '/tmp/oversight.png', fullPage: true });
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('[e2e] O-4.1 each number opens what it counts: the items behind a cell, the item itself, the events, and the XLSX', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.goto(`${server.url}/oversight?year=${overdueBlockYear}`);
    await cell(page, 'Не подтверждены устные запросы, RU-ORE: 1').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Не подтверждены устные запросы: Прокуратура Оренбургской области').waitFor();
    const items = drawer.getByTestId('cell-items');
    await items.getByRole('link', { name: `Открыть документ № ${numbers.oral}` }).waitFor();
    // Restricted: the coordinator sees that it exists and where it stands, not its subject.
    await items.getByText('Ограниченный доступ').waitFor();
    expect(await items.getByText(oralSubject).count()).toBe(0);
    await items.getByText(/подтверждение: просрочено на 1 день/).waitFor();
    await items.getByText('Просрочено', { exact: true }).waitFor();
    await page.screenshot({ path: '/tmp/oversight-drawer.png', fullPage: false });
    await screenshot(page, 'e2e-o2-oversight-cell-ru');

    await items.getByRole('link', { name: `Открыть документ № ${numbers.oral}` }).click();
    await page.waitForURL(`**/items/${ids.oral}`);
    await page.getByRole('heading', { name: `Запрос № ${numbers.oral}` }).waitFor();
    // Back: the dashboard with the same cell open, as the address kept it.
    await page.goBack();
    await page.waitForURL(/\/oversight\?.*cell=overdue_confirmations/);
    await drawer.getByText('Не подтверждены устные запросы: Прокуратура Оренбургской области').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The held request: readable, and a click on its row opens it.
    await cell(page, 'Ожидают подтверждения подлинности, RU-ORE: 1').click();
    await drawer.getByTestId('cell-items').getByRole('cell', { name: heldSubject }).click();
    await page.waitForURL(`**/items/${ids.held}`);
    await page.getByRole('heading', { name: `Запрос № ${numbers.held}` }).waitFor();

    // The events behind the event cells, in the events list filtered as the cell counts.
    await page.goto(`${server.url}/oversight?year=${overdueBlockYear}`);
    await row(page, 'RU-ORE').getByRole('link', { name: 'Просрочены отчёты о мероприятиях, RU-ORE: 1' }).click();
    await page.waitForURL('**/events?view=list&office=RU-ORE&stage=report_overdue');
    await page.getByRole('link', { name: `Открыть мероприятие № ${numbers.overdueEvent}` }).waitFor();
    expect(await page.getByRole('link', { name: `Открыть мероприятие № ${numbers.submittedEvent}` }).count()).toBe(0);
    await page.goBack();
    await row(page, 'RU-ORE').getByRole('link', { name: 'Мероприятия на согласовании, RU-ORE: 1' }).click();
    await page.waitForURL('**/events?view=list&office=RU-ORE&status=submitted');
    await page.getByRole('link', { name: `Открыть мероприятие № ${numbers.submittedEvent}` }).waitFor();
    await page.goBack();

    // The XLSX: the same figures, in the user's language.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Выгрузить в XLSX' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^oversight-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const ws = await xlsx(file);
    expect(String(ws.getCell('A1').value)).toContain('Контроль исполнения Протокола');
    const header = (ws.getRow(2).values as unknown[]).map(String);
    const oreRow = sheetRow(ws, 'Прокуратура Оренбургской области');
    expect(oreRow.getCell(header.indexOf('Не подтверждены устные запросы')).value).toBe(1);
    expect(oreRow.getCell(header.indexOf('Исходящие без ответа')).value).toBe(3);
    expect(oreRow.getCell(header.indexOf('Просрочены отчёты о мероприятиях')).value).toBe(1);
    expect(String(oreRow.getCell(header.indexOf(`Годовой блок за ${overdueBlockYear} год`)).value)).toContain('просрочено');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('[e2e] O-4.1 the Kazakh coordinating department finds the Aktobe side in Kazakh: the requests in progress and the one it holds', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, kzCoordinator.login, workingPassword(kzCoordinator));
    await page.getByRole('link', { name: 'Хаттаманың орындалуы', exact: true }).click();
    await page.getByRole('heading', { name: 'Хаттаманың орындалуын бақылау', level: 1 }).waitFor();
    const akt = row(page, 'KZ-AKT');
    await akt.getByText('Ақтөбе облысының прокуратурасы').waitFor();
    await cell(page, 'Түпнұсқалығы расталғанға дейін тоқтатылған, KZ-AKT: 1').waitFor();
    expect(await row(page, 'RU-ORE').count()).toBe(0);
    await cell(page, 'Орындаудағы кіріс құжаттар, KZ-AKT: 3').click();
    const drawer = page.getByRole('dialog');
    const items = drawer.getByTestId('cell-items');
    for (const n of [numbers.oral, numbers.held, numbers.registered]) await items.getByRole('link', { name: `№ ${n} құжатты ашу` }).waitFor();
    await items.getByRole('cell', { name: registeredSubject }).waitFor();
    await screenshot(page, 'e2e-o3-oversight-kk');
    await page.keyboard.press('Escape');

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'XLSX-ке жүктеу' }).click()]);
    const ws = await xlsx(file);
    expect(String(ws.getCell('A1').value)).toContain('Хаттаманы орындауын бақылау');
    const header = (ws.getRow(2).values as unknown[]).map(String);
    expect(sheetRow(ws, 'Ақтөбе облысының прокуратурасы').getCell(header.indexOf('Орындаудағы кіріс құжаттар')).value).toBe(3);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('[e2e] O-6 leadership reads the same dashboard: the same figures, the lists behind them, nothing to act on', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, leader.login, workingPassword(leader));
    await page.getByRole('link', { name: 'Исполнение Протокола', exact: true }).click();
    await page.waitForURL('**/oversight');
    await page.getByRole('heading', { name: 'Контроль исполнения Протокола', level: 1 }).waitFor();
    await cell(page, 'Не подтверждены устные запросы, RU-ORE: 1').waitFor();
    await cell(page, 'Ожидают подтверждения подлинности, RU-ORE: 1').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Перечень для сведения', { exact: false }).waitFor();
    await drawer.getByTestId('cell-items').getByRole('cell', { name: heldSubject }).waitFor();
    // The server shows leadership no item card: the list does not lead there.
    expect(await drawer.getByRole('link', { name: /Открыть документ/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    // Nothing to act on: no action of the status machine or of an event's decision, only the export.
    await page.getByRole('button', { name: 'Выгрузить в XLSX' }).waitFor();
    expect(await page.getByRole('button', { name: /^(Одобрить|Вернуть|Отклонить|Изменить|Подписать|Отправить|Направить)/ }).count()).toBe(0);
    await row(page, 'RU-ORE')
      .getByRole('link', { name: /^Контактные лица, RU-ORE: / })
      .click();
    await page.waitForURL('**/compliance');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });
});
