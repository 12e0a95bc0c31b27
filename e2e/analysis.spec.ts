import fs from 'node:fs';
import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, screenshot, workingPassword, type TestUser } from './ui.ts';

type Api = Awaited<ReturnType<typeof apiSession>>;

/**
 * Journey (O-4.3, O-6): this year Orenburg has sent four requests to the Kazakh offices (Aktobe
 * refused one) and an oral one not yet confirmed, Astrakhan two to Atyrau, Aktobe one to Orenburg
 * that Orenburg answered; Orenburg held a seminar and submitted its annual block with proposals.
 * ГУМПС's coordinator opens the analysis of the year: the totals, the charts, the tables; writes the
 * conclusions and takes the DOCX for the Deputy Prosecutor General. Leadership reads the same page
 * and cannot change the conclusions.
 */
describe.skipIf(!chromiumAvailable())('the consolidated analysis of the coordinator and leadership [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const oreOfficer: TestUser = {
    login: 'ore.officer.an',
    password: 'Orenburg-Officer-Temp-5',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const oreDeputy: TestUser = {
    login: 'ore.deputy.an',
    password: 'Orenburg-Deputy-Temp-5',
    fullName: 'Заместителев Антон Павлович',
    officeCode: 'RU-ORE',
    roles: ['deputy_head'],
  };
  const astOfficer: TestUser = {
    login: 'ast.officer.an',
    password: 'Astrakhan-Officer-Temp-5',
    fullName: 'Волжская Мария Ивановна',
    officeCode: 'RU-AST',
    roles: ['officer'],
  };
  const astDeputy: TestUser = {
    login: 'ast.deputy.an',
    password: 'Astrakhan-Deputy-Temp-5',
    fullName: 'Каспийский Игорь Олегович',
    officeCode: 'RU-AST',
    roles: ['deputy_head'],
  };
  const aktOfficer: TestUser = {
    login: 'akt.officer.an',
    password: 'Aktobe-Officer-Temp-5',
    fullName: 'Ахметова Айгерім Серікқызы',
    officeCode: 'KZ-AKT',
    roles: ['officer'],
    locale: 'kk',
  };
  const aktHead: TestUser = {
    login: 'akt.head.an',
    password: 'Aktobe-Head-Temp-5',
    fullName: 'Жұмабеков Ерлан Маратұлы',
    officeCode: 'KZ-AKT',
    roles: ['head'],
  };
  const coordinator: TestUser = {
    login: 'gumps.coord.an',
    password: 'Gumps-Coordinator-Temp-5',
    fullName: 'Петров Пётр Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };
  const leader: TestUser = {
    login: 'gp.leader.an',
    password: 'Gp-Leadership-Temp-5',
    fullName: 'Руководитель Пётр Сергеевич',
    officeCode: 'RU-GP',
    roles: ['leadership'],
  };

  // The coordinator's year (Moscow); the items are sent today, so they fall in it everywhere.
  const year = DateTime.now().setZone('Europe/Moscow').year;
  const conclusions = 'Практика непосредственного сотрудничества расширилась: Оренбургская и Астраханская прокуратуры направили 7 документов.';
  const proposals = 'Провести в I квартале совещание с прокуратурами Актюбинской и Атырауской областей по срокам исполнения запросов.';
  const officeProposal = 'Согласовать с прокуратурой Актюбинской области единый порядок обмена сведениями о задержанных.';

  function ok<T = Record<string, unknown>>(res: { status: number; body: unknown }, what: string): T {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** apiSession has no PUT; the annual block is saved with one. */
  async function put(u: TestUser, path: string, body: unknown) {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: u.login, password: workingPassword(u) }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const res = await fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  const request = (to: string, subject: string, area: string, form = 'crime_information') => ({
    kind: 'request',
    toOfficeCode: to,
    subject,
    essence: 'В ходе проверки установлены обстоятельства, требующие сведений от прокуратуры другой Стороны.',
    purpose: 'Проверка исполнения законодательства о государственной границе.',
    assistance: 'Предоставить имеющиеся сведения.',
    form,
    priorityAreas: [area],
  });

  type Item = { id: string; number: number; version: number; registrationDates: { outgoing: { max: string } | null; incoming: { max: string } | null } };
  async function signedAndSent(o: Api, d: Api, body: Record<string, unknown>): Promise<Item> {
    const draft = ok<Item>(await o.post('/api/v1/items', body), 'draft');
    const signed = ok<Item>(await d.post(`/api/v1/items/${draft.id}/sign`, { version: draft.version }), 'sign');
    // Today in the sender's zone: the last outgoing date the server allows (O-3.3).
    return ok<Item>(
      await o.post(`/api/v1/items/${draft.id}/send`, {
        outgoingNumber: `7-${draft.number}-an`,
        outgoingDate: signed.registrationDates.outgoing!.max,
        version: signed.version,
      }),
      'send',
    );
  }
  async function registered(o: Api, item: Item): Promise<Item> {
    const incoming = ok<Item>(await o.get(`/api/v1/items/${item.id}`), 'incoming').registrationDates.incoming!;
    return ok<Item>(
      await o.post(`/api/v1/items/${item.id}/register`, { incomingNumber: `вх-${item.number}`, incomingDate: incoming.max, version: item.version }),
      'register',
    );
  }

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [oreOfficer, oreDeputy, astOfficer, astDeputy, aktOfficer, aktHead, coordinator, leader]);
    const sessions = await Promise.all(
      [oreOfficer, oreDeputy, astOfficer, astDeputy, aktOfficer, aktHead, coordinator].map((u) => apiSession(server.url, u.login, workingPassword(u))),
    );
    const [ore, oreD, ast, astD, akt, aktH, gumps] = sessions as [Api, Api, Api, Api, Api, Api, Api];

    // Orenburg → Aktobe (three, one refused), Kostanay (one), Western Kazakhstan (an oral request, unconfirmed).
    await signedAndSent(ore, oreD, request('KZ-AKT', 'О лицах, задержанных за незаконный оборот наркотиков', 'drug_trafficking'));
    await signedAndSent(ore, oreD, request('KZ-AKT', 'О каналах незаконной миграции', 'human_trafficking', 'other_assistance'));
    const refused = await registered(akt, await signedAndSent(ore, oreD, request('KZ-AKT', 'О предоставлении материалов проверки', 'organized_crime')));
    ok(
      await aktH.post(`/api/v1/items/${refused.id}/outcome`, {
        outcome: 'refused',
        refusalGrounds: ['contrary_to_legislation'],
        reason: 'Сведения составляют тайну следствия.',
        text: 'В исполнении запроса отказано.',
        version: refused.version,
      }),
      'refuse',
    );
    await signedAndSent(ore, oreD, request('KZ-KUS', 'О практике надзора за исполнением законов на границе', 'organized_crime', 'experience_exchange'));
    const oral = ok<Item>(await ore.post('/api/v1/items', request('KZ-ZAP', 'О розыске лица, пересекающего границу', 'organized_crime')), 'oral draft');
    ok(
      await ore.post(`/api/v1/items/${oral.id}/send-oral`, {
        oralAt: DateTime.now().minus({ hours: 2 }).toUTC().toISO(),
        channel: 'phone',
        spokenBy: oreOfficer.fullName,
        spokenTo: 'дежурный прокурор',
        version: oral.version,
      }),
      'send oral',
    );
    // Astrakhan → Atyrau, two.
    await signedAndSent(ast, astD, request('KZ-ATY', 'О загрязнении акватории Каспийского моря', 'environment', 'legislation_information'));
    await signedAndSent(ast, astD, request('KZ-ATY', 'О контрабанде осетровых', 'economic_crime'));
    // Aktobe → Orenburg, answered in time.
    const incoming = await registered(ore, await signedAndSent(akt, aktH, request('RU-ORE', 'О судимости гражданина', 'organized_crime')));
    ok(
      await oreD.post(`/api/v1/items/${incoming.id}/outcome`, { outcome: 'executed', text: 'Сведения о судимости прилагаются.', version: incoming.version }),
      'answer',
    );

    // A seminar held last week in Aktobe, approved by ГУМПС.
    const aktobe = DateTime.now().setZone('Asia/Aqtobe').startOf('day').minus({ days: 7 }).set({ hour: 10 });
    const local = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm");
    const event = ok<Item>(
      await ore.post('/api/v1/events', {
        type: 'seminar',
        venue: 'abroad',
        form: 'experience_exchange',
        title: 'Семинар по противодействию незаконному обороту наркотиков',
        country: 'Казахстан',
        city: 'Актобе',
        timeZone: 'Asia/Aqtobe',
        startsLocal: local(aktobe),
        endsLocal: local(aktobe.plus({ hours: 7 })),
        counterpartOfficeCodes: ['KZ-AKT'],
        participants: [{ side: 'own', fullName: oreDeputy.fullName, position: 'заместитель прокурора области' }],
        agenda: '1. Каналы поставки. 2. Обмен сведениями.',
        priorityAreas: ['drug_trafficking'],
      }),
      'event',
    );
    const submitted = ok<Item>(await oreD.post(`/api/v1/events/${event.id}/submit`, { version: event.version }), 'submit event');
    ok(await gumps.post(`/api/v1/events/${submitted.id}/approve`, { version: submitted.version }), 'approve');

    // Orenburg's annual block for the year, with its proposals, submitted.
    const block = ok<{ version: number }>(await put(oreOfficer, `/api/v1/annual-blocks/RU-ORE/${year}`, { proposals: officeProposal, version: null }), 'block');
    ok(await oreD.post(`/api/v1/annual-blocks/RU-ORE/${year}/submit`, { version: block.version }), 'submit block');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const figure = (page: Page, key: string) => page.getByTestId(`figure-${key}`);
  /** A chart is drawn: ECharts has put an SVG with shapes into its container. */
  async function drawn(chart: Locator): Promise<void> {
    const svg = chart.locator('svg').first();
    await svg.waitFor();
    await expect.poll(() => chart.locator('svg path, svg rect').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    const box = await svg.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(box?.height).toBeGreaterThan(150);
  }
  const svgText = (chart: Locator) =>
    chart
      .locator('svg')
      .first()
      .evaluate((s) => s.textContent ?? '');

  it('[e2e] O-4.3 the ГУМПС coordinator opens the analysis of the year: the totals with their change, the charts drawn, the tables', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.getByRole('link', { name: 'Анализ практики', exact: true }).click();
    await page.waitForURL('**/analysis');
    await page.getByRole('heading', { name: 'Анализ практики', level: 1 }).waitFor();
    await page
      .getByTestId('as-of')
      .getByText(/^Данные на \d\d\.\d\d\.\d{4} \d\d:\d\d$/)
      .waitFor();

    // The key figures: this year, against the year before (nothing then).
    await figure(page, 'sent').getByText('Направлено документов').waitFor();
    expect(await figure(page, 'sent').locator('.ant-statistic-content').textContent()).toBe('7');
    await figure(page, 'sent')
      .getByText(`в ${year - 1} году: 0`)
      .waitFor();
    expect(await figure(page, 'received').locator('.ant-statistic-content').textContent()).toBe('1');
    expect(await figure(page, 'inTimeShare').locator('.ant-statistic-content').textContent()).toBe('100 %');
    await figure(page, 'inTimeShare').getByText('1 из 1; с нарушением срока — 0').waitFor();
    await figure(page, 'refusals').getByText('полностью или частично; получено отказов — 1').waitFor();
    expect(await figure(page, 'oralUnconfirmed').locator('.ant-statistic-content').textContent()).toBe('1');
    expect(await figure(page, 'eventsHeld').locator('.ant-statistic-content').textContent()).toBe('1');

    // The four charts, drawn by ECharts and labelled in Russian.
    const months = page.getByTestId('chart-months');
    await months.getByText(`Документы по месяцам ${year} года`).waitFor();
    for (const id of ['chart-months', 'chart-offices', 'chart-areas', 'chart-matrix']) await drawn(page.getByTestId(id));
    expect(await svgText(months)).toContain('Направлено');
    expect(await svgText(months)).toContain(`Направлено в ${year - 1}`);
    expect(await svgText(page.getByTestId('chart-offices'))).toContain('Прокуратура Оренбургской области');
    expect(await svgText(page.getByTestId('chart-offices'))).toContain('Прокуратура Астраханской области');
    expect(await svgText(page.getByTestId('chart-areas'))).toContain('Оборот наркотиков');
    expect(await page.getByRole('img', { name: 'Обмен между прокуратурами Сторон' }).count()).toBe(1);

    // The tables: by office, then the refusals by ground.
    const offices = page.getByTestId('table-offices');
    const ore = offices.locator('tr.ant-table-row', { hasText: 'Прокуратура Оренбургской области' });
    expect((await ore.locator('td').allTextContents()).slice(1, 7)).toEqual(['5', '1', '1', '1', '0', '0']);
    const ast = offices.locator('tr.ant-table-row', { hasText: 'Прокуратура Астраханской области' });
    expect((await ast.locator('td').allTextContents()).slice(1, 3)).toEqual(['2', '0']);
    await offices.getByText('Итого').waitFor();
    await page.getByTestId('office-proposals').getByText(officeProposal).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: '/tmp/analysis.png', fullPage: true });
    await screenshot(page, 'e2e-a1-analysis-ru');

    await page.getByRole('tab', { name: 'Отказы' }).click();
    await page.waitForURL(/tab=refusals/);
    const refusals = page.getByTestId('table-refusals').locator('tr.ant-table-row', { hasText: 'Противоречие законодательству' });
    await refusals.waitFor();
    expect((await refusals.locator('td').allTextContents()).slice(1)).toEqual(['0', '1']);

    // Without a comparison year: no change shown, and the choice is in the address.
    await choose(page, 'Сравнить с', 'Без сравнения');
    await page.waitForURL(/compare=none/);
    await expect
      .poll(() =>
        figure(page, 'sent')
          .getByText(`в ${year - 1} году: 0`)
          .count(),
      )
      .toBe(0);
    expect(await svgText(months)).not.toContain(`Направлено в ${year - 1}`);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('[e2e] O-4.3 the coordinator writes the conclusions and proposals, saves them, and the DOCX for the Deputy Prosecutor General carries them', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.goto(`${server.url}/analysis`);
    const report = page.getByTestId('report');
    await report.getByLabel('Выводы', { exact: true }).fill(conclusions);
    await report.getByLabel('Предложения', { exact: true }).fill(proposals);
    await report.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Выводы и предложения сохранены').waitFor();
    await report
      .getByTestId('report-updated')
      .getByText(/^Изменено \d\d\.\d\d\.\d{4} \d\d:\d\d: Петров Пётр Петрович$/)
      .waitFor();
    // Kept: after a reload the text is there.
    await page.reload();
    expect(await page.getByTestId('report').getByLabel('Выводы', { exact: true }).inputValue()).toBe(conclusions);

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'DOCX для заместителя Генерального прокурора' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`analysis-RU-${year}.docx`);
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(await file.path()) })).value;
    expect(text).toContain('Заместителю Генерального прокурора Российской Федерации');
    expect(text).toContain(`О практике непосредственного сотрудничества органов прокуратуры с органами прокуратуры другой Стороны в ${year} году`);
    expect(text).toContain('Прокуратурами направлено 7 документов');
    expect(text).toContain(conclusions);
    expect(text).toContain(proposals);
    expect(text).toContain(officeProposal);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'XLSX', exact: true }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`analysis-RU-${year}.xlsx`);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('[e2e] O-6 leadership reads the same analysis and the coordinator’s conclusions, and cannot change them', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, leader.login, workingPassword(leader));
    await page.getByRole('link', { name: 'Анализ практики', exact: true }).click();
    await page.waitForURL('**/analysis');
    expect(await figure(page, 'sent').locator('.ant-statistic-content').textContent()).toBe('7');
    await drawn(page.getByTestId('chart-months'));
    const report = page.getByTestId('report');
    await report.getByTestId('report-conclusions').getByText(conclusions).waitFor();
    await report.getByTestId('report-proposals').getByText(proposals).waitFor();
    expect(await report.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
    expect(await report.locator('textarea').count()).toBe(0);
    // The DOCX is leadership's to take too.
    await page.getByRole('button', { name: 'DOCX для заместителя Генерального прокурора' }).waitFor();
    await screenshot(page, 'e2e-a2-analysis-leadership-ru');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });
});
