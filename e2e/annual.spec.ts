import fs from 'node:fs';
import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../domain/numbering.ts';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { choose, createUsers, errorsOf, logIn, newPage, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Journey (O-3.6): the Orenburg officer opens the office's annual block, sees a request sent this
 * year counted and the item behind the count, writes the proposals; the deputy head submits the
 * block; ГУМПС's coordinator finds it submitted among the Party's offices and returns it with a
 * reason; the officer reads the reason and corrects the proposals, the head resubmits; the DOCX
 * carries the corrected text.
 *
 * The server runs on the real clock: the request is sent now, so it counts in the current year in
 * Orenburg's zone, and the block is that year's (due on 30 January of the next).
 */
describe.skipIf(!chromiumAvailable())('the annual block of an office: figures, proposals, submission, return, resubmission [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer.an',
    password: 'Orenburg-Officer-Temp-6',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const deputy: TestUser = {
    login: 'ore.deputy.an',
    password: 'Orenburg-Deputy-Temp-6',
    fullName: 'Заместителев Антон Павлович',
    officeCode: 'RU-ORE',
    roles: ['deputy_head'],
  };
  const head: TestUser = {
    login: 'ore.head.an',
    password: 'Orenburg-Head-Temp-6',
    fullName: 'Прокуроров Олег Викторович',
    officeCode: 'RU-ORE',
    roles: ['head'],
  };
  const coordinator: TestUser = {
    login: 'gumps.coord.an',
    password: 'Gumps-Coordinator-Temp-6',
    fullName: 'Петров Пётр Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };

  const orenburgToday = DateTime.now().setZone('Asia/Yekaterinburg');
  const year = orenburgToday.year;
  // In January the page opens on the year just ended; the request below is this year's.
  const openedYear = orenburgToday.month === 1 ? year - 1 : year;
  const blockUrl = () => `${server.url}/annual/RU-ORE/${year}`;
  const heading = `О непосредственных рабочих контактах с органами прокуратуры Республики Казахстан в ${year} году`;
  const subject = 'О предоставлении сведений о незаконном обороте наркотических средств';
  const proposals = 'Предлагаем проводить ежеквартальные рабочие встречи с прокуратурой Актюбинской области.';
  const reason = 'Дополните предложения сведениями о консультациях по запросам';
  const corrected = `${proposals}\nКонсультации по условиям исполнения запросов проводить в режиме видеосвязи.`;
  let itemNumber = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, deputy, head, coordinator]);
    // Set-up, not the journey: a request to Aktobe drafted, signed and sent today.
    const ore = await apiSession(server.url, officer.login, workingPassword(officer));
    const dep = await apiSession(server.url, deputy.login, workingPassword(deputy));
    const draft = await ore.post('/api/v1/items', {
      kind: 'request',
      toOfficeCode: 'KZ-AKT',
      subject,
      essence: 'В ходе проверки установлены факты перемещения партий синтетических наркотиков через пункт пропуска «Сагарчин».',
      purpose: 'Пресечение канала поставки наркотических средств; обоснование — материалы проверки № 12-45.',
      assistance: 'Просим сообщить сведения о лицах, задержанных на участке границы с Актюбинской областью.',
      form: 'crime_information',
      priorityAreas: ['drug_trafficking'],
      confidentiality: 'official_use',
      language: 'ru',
    });
    if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
    const signed = await dep.post(`/api/v1/items/${draft.body.id}/sign`, { version: draft.body.version });
    if (signed.status !== 200) throw new Error(`sign: ${signed.status} ${JSON.stringify(signed.body)}`);
    const sent = await ore.post(`/api/v1/items/${draft.body.id}/send`, {
      outgoingNumber: '7-15-2026',
      outgoingDate: orenburgToday.toISODate(),
      version: signed.body.version,
    });
    if (sent.status !== 200) throw new Error(`send: ${sent.status} ${JSON.stringify(sent.body)}`);
    itemNumber = formatNumber(sent.body);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const action = (page: Page, name: string) => page.getByTestId('actions').getByRole('button', { name, exact: true });
  const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
  const status = (page: Page, text: string) => page.getByTestId('block-due').getByText(text, { exact: true }).waitFor();
  const editor = (page: Page) => page.getByRole('textbox', { name: 'Предложения по совершенствованию сотрудничества' });

  it('O-3.6 the Orenburg officer opens the block of the year, sees the request counted, opens the items behind a count, writes and saves the proposals', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.getByRole('link', { name: 'Годовая информация', exact: true }).click();
    // Office staff go straight to their own block.
    await page.waitForURL(`**/annual/RU-ORE/${openedYear}`);
    if (openedYear !== year) await page.goto(blockUrl());
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await status(page, 'Не начат');
    await page
      .getByTestId('block-due-text')
      .getByText(`до 30.01.${year + 1} включительно, по времени Екатеринбурга (UTC+5)`)
      .waitFor();
    await page
      .getByTestId('figures-as-of')
      .getByText(/Показатели на \d\d\.\d\d\.\d{4} \d\d:\d\d/)
      .waitFor();

    // The request sent today counts: in the totals, by counterpart, by form, area and result.
    await page.getByTestId('figures-totals').getByRole('link', { name: '1 — Направлено: Запросы', exact: true }).waitFor();
    await page
      .getByTestId('figures-forms')
      .getByRole('link', { name: '1 — Направлено: Обмен информацией и документами о состоянии и тенденциях преступности, в том числе организованной' })
      .waitFor();
    await page.getByTestId('figures-areas').getByRole('link', { name: '1 — Направлено: Незаконный оборот наркотических средств', exact: false }).waitFor();
    await page.getByTestId('figures-statuses').getByRole('link', { name: '1 — Направлено: Отправлен', exact: true }).waitFor();
    // Not answered yet: zero answers, and the zero too opens its (empty) list.
    await page.getByTestId('figures-timeliness').getByRole('link', { name: '0 — Дано ответов: Ответы на запросы прокуратуры', exact: true }).waitFor();
    await page
      .getByTestId('annual-figures')
      .getByText('Мероприятия за ' + year + ' год')
      .waitFor();
    await screenshot(page, 'e2e-n1-annual-block-officer-ru');

    // A count opens exactly the items it counts; a row opens the item.
    await page.getByTestId('figures-counterparts').getByRole('link', { name: '1 — Направлено запросов: Прокуратура Актюбинской области', exact: true }).click();
    await page.waitForURL(`**/annual/RU-ORE/${year}/items?direction=out&kind=request&counterpart=KZ-AKT`);
    await page.getByRole('heading', { name: 'Документы, учтённые в показателе', level: 1 }).waitFor();
    const described = page.getByTestId('figure-description');
    await described.getByText('Направленные прокуратурой', { exact: true }).waitFor();
    await described.getByText('Прокуратура Актюбинской области (KZ-AKT)', { exact: true }).waitFor();
    const items = page.getByTestId('figure-items');
    await items.getByRole('link', { name: `Открыть документ № ${itemNumber}` }).waitFor();
    await page.getByText('Всего 1 запись').waitFor();
    await screenshot(page, 'e2e-n2-annual-figure-items-ru');
    await items.getByRole('cell', { name: subject }).click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: `Запрос № ${itemNumber}` }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'К годовому блоку' }).click();
    await page.waitForURL(`**/annual/RU-ORE/${year}`);

    // An officer writes the proposals and saves them from the keyboard; submitting is for the head or a deputy.
    expect(await action(page, 'Представить координирующему подразделению').count()).toBe(0);
    await editor(page).fill(proposals);
    await page.getByText('Есть несохранённые изменения').waitFor();
    await page.keyboard.press('Control+Enter');
    await page.getByText('Предложения сохранены').waitFor();
    await status(page, 'Готовится');
    await page.getByTestId('block-history').getByText('Сохранены предложения').waitFor();
    expect(await page.getByText('Есть несохранённые изменения').count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('O-3.6 the deputy head submits the block to the coordinating unit; its figures are fixed', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, deputy.login, workingPassword(deputy));
    await page.goto(blockUrl());
    expect(await editor(page).inputValue()).toBe(proposals);
    await action(page, 'Представить координирующему подразделению').click();
    const submit = dialog(page, 'Представить координирующему подразделению');
    await submit
      .getByText(`Годовой блок за ${year} год (Прокуратура Оренбургской области) будет представлен координирующему подразделению`, { exact: false })
      .waitFor();
    await submit.getByRole('button', { name: 'Представить', exact: true }).click();
    await submit.waitFor({ state: 'hidden' });
    await page.getByText('Годовой блок представлен').waitFor();
    await status(page, 'Представлен');
    await page.getByTestId('block-due').getByText('Представлен в срок').waitFor();
    await page
      .getByTestId('block-submitted')
      .getByText(new RegExp(`^${deputy.fullName}, \\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d$`))
      .waitFor();
    await page
      .getByTestId('figures-as-of')
      .getByText(/Показатели зафиксированы при представлении/)
      .waitFor();
    // Submitted: the proposals are read-only, nothing more to do for the office.
    await page.getByTestId('proposals-text').getByText(proposals).waitFor();
    expect(await editor(page).count()).toBe(0);
    expect(await action(page, 'Представить координирующему подразделению').count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('O-3.6 the ГУМПС coordinator sees Orenburg’s block submitted among the Party’s offices, opens it and returns it with a reason', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, coordinator.login, workingPassword(coordinator));
    await page.getByRole('link', { name: 'Годовая информация', exact: true }).click();
    await page.waitForURL('**/annual');
    if (openedYear !== year) await page.goto(`${server.url}/annual?year=${year}`);
    await page.getByRole('heading', { name: 'Годовая информация', level: 1 }).waitFor();
    const list = page.getByTestId('annual-list');
    const ore = list.getByRole('row').filter({ hasText: 'Прокуратура Оренбургской области' });
    await ore.getByText('Представлен', { exact: true }).waitFor();
    await ore.getByText('Представлен в срок', { exact: true }).waitFor();
    await ore.getByText(`до 30.01.${year + 1}`, { exact: true }).waitFor();
    // The other offices of the Party are listed too, not yet started; ГУМПС itself keeps no block.
    await list.getByRole('row').filter({ hasText: 'RU-OMS' }).getByText('Не начат', { exact: true }).waitFor();
    expect(await list.getByText('RU-GP-GUMPS').count()).toBe(0);
    await page
      .getByTestId('annual-summary')
      .getByText(/^Представлено 1 из \d+; срок пропущен — 0$/)
      .waitFor();
    await screenshot(page, 'e2e-n3-annual-list-coordinator-ru');
    await page.screenshot({ path: '/tmp/annual-list.png', fullPage: true });

    // Filtered by status, the address keeps it.
    await choose(page, 'Состояние', 'Представлен');
    await page.waitForURL(/[?&]status=submitted/);
    await list.getByRole('row').filter({ hasText: 'RU-OMS' }).waitFor({ state: 'detached' });
    expect(await list.locator('tbody tr.ant-table-row').count()).toBe(1);

    await page.getByRole('link', { name: 'Открыть годовой блок: Прокуратура Оренбургской области' }).click();
    await page.waitForURL(`**/annual/RU-ORE/${year}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.getByTestId('proposals-text').getByText(proposals).waitFor();
    await action(page, 'Вернуть на доработку').click();
    const back = dialog(page, 'Вернуть на доработку');
    // The reason is required.
    await back.getByRole('button', { name: 'Вернуть', exact: true }).click();
    await back.getByText('Заполните поле').waitFor();
    await back.getByLabel('Причина возврата').fill(reason);
    await back.getByRole('button', { name: 'Вернуть', exact: true }).click();
    await back.waitFor({ state: 'hidden' });
    await page.getByText('Годовой блок возвращён на доработку', { exact: true }).first().waitFor();
    await status(page, 'Возвращён на доработку');
    await page.getByTestId('block-returned').getByText(reason).waitFor();
    expect(await action(page, 'Вернуть на доработку').count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('O-3.6 the officer reads the reason and corrects the proposals; the head resubmits; the DOCX carries the corrected text', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(blockUrl());
    const returned = page.getByTestId('block-returned');
    await returned.getByText('Годовой блок возвращён на доработку').waitFor();
    await returned.getByText(reason).waitFor();
    await returned.getByText(new RegExp(`^Вернул ${coordinator.fullName}, \\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d$`)).waitFor();
    expect(await editor(page).inputValue()).toBe(proposals);
    await editor(page).fill(corrected);
    await page.getByRole('button', { name: 'Сохранить предложения' }).click();
    await page.getByText('Предложения сохранены').waitFor();
    // Still returned while it is corrected.
    await status(page, 'Возвращён на доработку');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    const headPage = await newPage(browser);
    await logIn(headPage, server.url, head.login, workingPassword(head));
    await headPage.goto(blockUrl());
    expect(await editor(headPage).inputValue()).toBe(corrected);
    await action(headPage, 'Представить координирующему подразделению').click();
    const submit = dialog(headPage, 'Представить координирующему подразделению');
    await submit.getByRole('button', { name: 'Представить', exact: true }).click();
    await submit.waitFor({ state: 'hidden' });
    await status(headPage, 'Представлен');
    expect(await headPage.getByTestId('block-returned').count()).toBe(0);
    const history = headPage.getByTestId('block-history');
    await history.getByText(reason).waitFor();
    expect(await history.getByText(/^(Сохранены предложения|Представлен координирующему подразделению|Возвращён на доработку)$/).count()).toBe(5);
    await headPage
      .getByTestId('block-submitted')
      .getByText(new RegExp(`^${head.fullName}, `))
      .waitFor();

    const [docx] = await Promise.all([headPage.waitForEvent('download'), action(headPage, 'Годовой блок (DOCX)').click()]);
    expect(docx.suggestedFilename()).toBe(`annual-block-RU-ORE-${year}.docx`);
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(await docx.path()) })).value;
    expect(text).toContain(heading);
    expect(text).toContain('Консультации по условиям исполнения запросов проводить в режиме видеосвязи.');
    expect(text).toContain('Прокуратура Актюбинской области');
    await screenshot(headPage, 'e2e-n4-annual-block-submitted-ru');
    await headPage.screenshot({ path: '/tmp/annual-block.png', fullPage: true });

    // The same block read in Kazakh.
    await choose(headPage, 'Язык интерфейса', 'Қазақша');
    await headPage
      .getByRole('heading', { name: `${year} жылы Қазақстан Республикасының прокуратура органдарымен тікелей жұмыс байланыстары туралы`, level: 1 })
      .waitFor();
    await headPage
      .getByTestId('block-due-text')
      .getByText(`30.01.${year + 1} қоса алғанда, Екатеринбург (UTC+5) уақыты бойынша`)
      .waitFor();
    await headPage.getByTestId('block-due').getByText('Ұсынылды', { exact: true }).waitFor();
    await screenshot(headPage, 'e2e-n5-annual-block-kk');
    await headPage.screenshot({ path: '/tmp/annual-block-kk.png', fullPage: true });
    expect(errorsOf(headPage)).toEqual([]);
  });

  it('O-3.6 a block submitted after 30 January shows on its own page that it was late, and by how many days', async () => {
    // Set-up: the block of two years ago, submitted now, long after its 30 January.
    const lateYear = year - 2;
    const ore = await apiSession(server.url, officer.login, workingPassword(officer));
    const boss = await apiSession(server.url, head.login, workingPassword(head));
    const saved = await ore.put(`/api/v1/annual-blocks/RU-ORE/${lateYear}`, { proposals: 'Предложений нет.', version: null });
    if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
    const submitted = await boss.post(`/api/v1/annual-blocks/RU-ORE/${lateYear}/submit`, { version: saved.body.version });
    expect(submitted.body).toMatchObject({ status: 'submitted', late: true });
    const daysLate = Math.round(orenburgToday.startOf('day').diff(DateTime.fromISO(`${lateYear + 1}-01-30`, { zone: 'Asia/Yekaterinburg' }), 'days').days);
    expect(submitted.body.daysLate).toBe(daysLate);

    const page = await newPage(browser);
    await logIn(page, server.url, officer.login, workingPassword(officer));
    await page.goto(`${server.url}/annual/RU-ORE/${lateYear}`);
    const late = page.getByTestId('block-late');
    await late.getByText('Годовой блок представлен с нарушением срока').waitFor();
    await late
      .getByText(new RegExp(`на ${daysLate} (день|дня|дней) позже срока: последний день — 30\\.01\\.${lateYear + 1} по времени Екатеринбурга`))
      .waitFor();
    await page.getByTestId('block-due').getByText('Представлен с опозданием', { exact: true }).waitFor();
    expect(await page.getByTestId('block-overdue').count()).toBe(0);
    await screenshot(page, 'e2e-n6-annual-block-late-ru');
    expect(errorsOf(page)).toEqual([]);
  });
});
