import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../domain/access.ts';
import { guideSection, GUIDE_PATH } from '../web/help/sections.ts';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, ROOT, startServer, type RunningServer } from './harness.ts';
import { createUsers, logIn, SHOTS, workingPassword, type TestUser } from './ui.ts';

type Api = Awaited<ReturnType<typeof apiSession>>;
type Lang = 'ru' | 'kk' | 'en';

/**
 * The user guide's pictures are taken here, from the real application with fixture data, in
 * Russian, Kazakh and English at 1366×768. With GUIDE_SHOTS=1 they are written into web/public/help/<lang>/
 * (committed; the guide shows them); otherwise next to the other test pictures, so a test run leaves
 * the working tree (and the web bundle) as it was.
 * Then the «?» button of every page the menu offers opens the guide at that page's section.
 */
const IMAGES = process.env.GUIDE_SHOTS === '1' ? path.join(ROOT, 'web', 'public', 'help') : path.join(SHOTS, 'help');
const VIEWPORT = { width: 1366, height: 768 };
/** About 20–40 s each on an idle machine; room for a machine busy with parallel test runs. */
const SLOW_MACHINE_MS = 300_000;

const locale = (lang: Lang, ns: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'web', 'i18n', 'locales', lang, `${ns}.json`), 'utf8'));
const LANGS = ['ru', 'kk', 'en'] as const;
const LANGUAGE_NAMES: Record<Lang, string> = { ru: 'Russian', kk: 'Kazakh', en: 'English' };
const TEXTS = Object.fromEntries(LANGS.map((l) => [l, { items: locale(l, 'items'), contacts: locale(l, 'contacts') }])) as Record<
  Lang,
  { items: { actions: Record<string, string> }; contacts: { actions: Record<string, string> } }
>;

describe.skipIf(!chromiumAvailable())('the user guide: its pictures, and the «?» of every page [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.officer.g',
    password: 'Orenburg-Officer-Temp-9',
    fullName: 'Исполнителева Анна Сергеевна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const deputy: TestUser = {
    login: 'ore.deputy.g',
    password: 'Orenburg-Deputy-Temp-9',
    fullName: 'Заместителев Антон Павлович',
    officeCode: 'RU-ORE',
    roles: ['deputy_head'],
  };
  const aktOfficer: TestUser = {
    login: 'akt.officer.g',
    password: 'Aktobe-Officer-Temp-9',
    fullName: 'Ахметова Айгерім Серікқызы',
    officeCode: 'KZ-AKT',
    roles: ['officer'],
  };
  const aktHead: TestUser = {
    login: 'akt.head.g',
    password: 'Aktobe-Head-Temp-9',
    fullName: 'Жұмабеков Ерлан Маратұлы',
    officeCode: 'KZ-AKT',
    roles: ['head'],
  };
  const coordinator: TestUser = {
    login: 'gumps.coord.g',
    password: 'Gumps-Coordinator-Temp-9',
    fullName: 'Петров Пётр Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };
  const leader: TestUser = {
    login: 'gp.leader.g',
    password: 'Gp-Leadership-Temp-9',
    fullName: 'Руководитель Пётр Сергеевич',
    officeCode: 'RU-GP',
    roles: ['leadership'],
  };
  const auditor: TestUser = {
    login: 'auditor.g',
    password: 'Auditor-Temp-Password-9',
    fullName: 'Проверяющий Илья Ильич',
    officeCode: 'RU-GP',
    roles: ['auditor'],
  };
  const users = [officer, deputy, aktOfficer, aktHead, coordinator, leader, auditor];
  const adminUser = { login: ADMIN.login, roles: ['admin'] };

  const ids = { draft: '', incoming: '', event: '' };
  const api: Record<string, Api> = {};
  const contexts = new Map<string, { context: BrowserContext; page: Page }>();
  /** Script errors per page: a failed script fails the walk, whatever the picture shows. */
  const scriptErrors = new Map<Page, string[]>();
  const errorsOf = (page: Page) => scriptErrors.get(page) ?? [];
  const ore = DateTime.now().setZone('Asia/Yekaterinburg');
  // The current year: its block counts what the set-up recorded (last year's would be empty).
  const annualYear = ore.year;
  const started = Date.now();

  function ok<T = Record<string, unknown>>(res: { status: number; body: unknown }, what: string): T {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }
  type Item = { id: string; version: number; number: number; registrationDates: { outgoing: { max: string } | null; incoming: { max: string } | null } };
  const request = (toOfficeCode: string, subject: string) => ({
    kind: 'request',
    toOfficeCode,
    subject,
    essence: 'В ходе проверки установлены факты перемещения партий синтетических наркотиков через пункт пропуска «Сагарчин».',
    purpose: 'Пресечение канала поставки наркотических средств; обоснование — материалы проверки № 12-45.',
    assistance: 'Просим сообщить сведения о лицах, задержанных в 2026 году на участке границы.',
    form: 'crime_information',
    priorityAreas: ['drug_trafficking'],
  });

  beforeAll(async () => {
    // A loaded machine (parallel test runs) can take a minute to apply the migrations: more room than the default.
    server = await startServer({ timeoutMs: 180_000 });
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, users);
    api[ADMIN.login] = admin;
    for (const u of users) api[u.login] = await apiSession(server.url, u.login, workingPassword(u));
    const [o, d, ao, ah, gumps] = [officer, deputy, aktOfficer, aktHead, coordinator].map((u) => api[u.login]!);

    // A draft of Orenburg to Aktobe: the card, the signature and the oral-request dialogs are shown on it (none is carried out).
    ids.draft = ok<Item>(await o!.post('/api/v1/items', request('KZ-AKT', 'О предоставлении сведений о незаконном обороте наркотических средств')), 'draft').id;
    // A request of Aktobe to Orenburg, signed, sent and registered in Orenburg: the incoming journal and the outcome dialog.
    const akt = ok<Item>(await ao!.post('/api/v1/items', request('RU-ORE', 'О розыске лица, пересекающего границу на автомобиле')), 'akt draft');
    const signed = ok<Item>(await ah!.post(`/api/v1/items/${akt.id}/sign`, { version: akt.version }), 'sign');
    const sent = ok<Item>(
      await ao!.post(`/api/v1/items/${akt.id}/send`, {
        outgoingNumber: '2-15-701',
        outgoingDate: signed.registrationDates.outgoing!.max,
        version: signed.version,
      }),
      'send',
    );
    const incoming = ok<Item>(await o!.get(`/api/v1/items/${akt.id}`), 'incoming').registrationDates.incoming!;
    ok(await o!.post(`/api/v1/items/${akt.id}/register`, { incomingNumber: 'вх-2026/41', incomingDate: incoming.max, version: sent.version }), 'register');
    ids.incoming = akt.id;

    // An event proposed by Orenburg and submitted to ГУМПС, in a week.
    const starts = DateTime.now().setZone('Asia/Aqtobe').startOf('day').plus({ days: 7 }).set({ hour: 10 });
    const local = (t: DateTime) => t.toFormat("yyyy-LL-dd'T'HH:mm");
    const event = ok<{ id: string; version: number }>(
      await o!.post('/api/v1/events', {
        type: 'working_meeting',
        venue: 'abroad',
        form: 'experience_exchange',
        title: 'Рабочая встреча по противодействию незаконному обороту наркотиков',
        country: 'Казахстан',
        city: 'Актобе',
        timeZone: 'Asia/Aqtobe',
        startsLocal: local(starts),
        endsLocal: local(starts.plus({ hours: 7 })),
        counterpartOfficeCodes: ['KZ-AKT'],
        participants: [{ side: 'own', fullName: deputy.fullName, position: 'заместитель прокурора области' }],
        agenda: '1. Обмен опытом. 2. Порядок обмена сведениями о задержанных лицах.',
        priorityAreas: ['drug_trafficking'],
      }),
      'event',
    );
    ok(await d!.post(`/api/v1/events/${event.id}/submit`, { version: event.version }), 'submit event');
    ids.event = event.id;
    void gumps;
    browser = await launchBrowser();
  }, SLOW_MACHINE_MS);

  afterAll(async () => {
    for (const { context } of contexts.values()) await context.close();
    await browser?.close();
    await server?.stop();
  });

  /** One logged-in page per user, kept across the languages. */
  async function pageOf(login: string, password: string): Promise<Page> {
    const known = contexts.get(login);
    if (known) return known.page;
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'ru-RU' });
    const page = await context.newPage();
    const errors: string[] = [];
    scriptErrors.set(page, errors);
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, server.url, login, password);
    contexts.set(login, { context, page });
    return page;
  }
  const pageFor = (u: TestUser) => pageOf(u.login, workingPassword(u));
  const adminPage = () => pageOf(ADMIN.login, ADMIN.password);

  /** The language each page was last loaded in: a new language needs one full load, then the app navigates within itself. */
  const loadedIn = new Map<Page, Lang>();

  /** Opens a page and waits until it has settled: its heading shown, no spinner left. */
  async function open(page: Page, address: string, lang: Lang): Promise<void> {
    if (loadedIn.get(page) !== lang) {
      await page.goto(`${server.url}${address}`);
      loadedIn.set(page, lang);
    } else {
      // Within the app (as a menu link does): no reload of the bundle for every picture.
      await page.evaluate(`document.querySelectorAll('#main h1').forEach((h) => h.setAttribute('data-left', ''));
        history.pushState(null, '', ${JSON.stringify(address)}); dispatchEvent(new PopStateEvent('popstate'));`);
    }
    await page.locator('#main h1:not([data-left])').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    await expect.poll(() => page.locator('#main .ant-spin-spinning, #main .ant-skeleton-active').count(), { timeout: 20_000 }).toBe(0);
  }

  const written: string[] = [];
  async function shot(page: Page, lang: Lang, name: string): Promise<void> {
    // Let antd's fade-ins and the charts' animations finish, so the picture shows the settled page.
    await page.waitForTimeout(400);
    const file = path.join(IMAGES, lang, `${name}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    written.push(file);
  }
  const action = (page: Page, name: string) => page.getByTestId('actions').getByRole('button', { name, exact: true });
  const openDialog = async (page: Page, button: ReturnType<Page['getByRole']>) => {
    await button.click();
    await page.locator('.ant-modal-wrap:visible .ant-modal').first().waitFor();
  };

  for (const lang of LANGS) {
    it(
      `the guide's pictures in ${LANGUAGE_NAMES[lang]}, 1366×768, each written`,
      async () => {
        for (const login of Object.keys(api)) ok(await api[login]!.patch('/api/v1/auth/me', { locale: lang }), `locale ${login}`);
        const T = TEXTS[lang];
        const before = written.length;

        const o = await pageFor(officer);
        await open(o, '/my-contacts', lang);
        await openDialog(o, o.getByRole('button', { name: T.contacts.actions.designate! }));
        await shot(o, lang, 'contacts');
        await o.keyboard.press('Escape');

        await open(o, '/items/new?kind=request', lang);
        await shot(o, lang, 'request-form');
        await open(o, `/items/${ids.draft}`, lang);
        await shot(o, lang, 'item-draft');
        await openDialog(o, action(o, T.items.actions.send_oral!));
        await shot(o, lang, 'oral-dialog');
        await o.keyboard.press('Escape');
        await open(o, '/items/incoming', lang);
        await o.locator('.ant-table-row').first().waitFor();
        await shot(o, lang, 'incoming');
        await open(o, '/events', lang);
        await shot(o, lang, 'events');
        await open(o, `/annual/RU-ORE/${annualYear}`, lang);
        await shot(o, lang, 'annual');

        const d = await pageFor(deputy);
        await open(d, `/items/${ids.draft}`, lang);
        await openDialog(d, action(d, T.items.actions.sign!));
        await shot(d, lang, 'sign-dialog');
        await d.keyboard.press('Escape');
        await open(d, `/items/${ids.incoming}`, lang);
        await openDialog(d, action(d, T.items.actions.record_outcome!));
        await shot(d, lang, 'outcome-dialog');
        await d.keyboard.press('Escape');

        const c = await pageFor(coordinator);
        await open(c, `/events/${ids.event}`, lang);
        await shot(c, lang, 'event-approve');
        await open(c, '/oversight', lang);
        await c.getByTestId('oversight-table').locator('tr.ant-table-row').first().waitFor();
        await shot(c, lang, 'oversight');
        await open(c, '/compliance', lang);
        await shot(c, lang, 'compliance');
        await open(c, '/analysis', lang);
        await c.locator('canvas, svg').first().waitFor();
        await shot(c, lang, 'analysis');

        const a = await adminPage();
        await open(a, '/admin/users', lang);
        await shot(a, lang, 'users');

        const mine = written.slice(before);
        expect(mine).toHaveLength(14);
        for (const file of mine) {
          const stat = fs.statSync(file);
          expect(stat.mtimeMs, file).toBeGreaterThanOrEqual(started - 1000);
          // A plain PNG of the screen: small enough to commit, and a real picture (not an empty page).
          expect(stat.size, file).toBeGreaterThan(15_000);
          expect(stat.size, file).toBeLessThan(400_000);
          expect(fs.readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
        }
        for (const { page } of contexts.values()) expect(errorsOf(page)).toEqual([]);
      },
      SLOW_MACHINE_MS,
    );
  }

  /** The menu's pages of a user (the left menu is what the user can open). */
  async function menuPages(page: Page): Promise<string[]> {
    await page.locator('nav .ant-menu a[href]').first().waitFor();
    return (await page.locator('nav .ant-menu a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).filter((h) => h.startsWith('/'));
  }

  /** Opens a page by its menu link, clicks «?» and checks the guide opened at the page's section, with that section in view. */
  async function helpOpensItsSection(page: Page, address: string, roles: readonly Role[]): Promise<void> {
    const link = page.locator(`nav .ant-menu a[href="${address}"]`);
    if (await link.count()) await link.click();
    else await open(page, address, 'ru');
    await page.waitForURL((u) => `${u.pathname}${u.search}` === address);
    const section = guideSection(new URL(`${server.url}${address}`).pathname, roles);
    // The page has rendered (a route's code loads in a transition, the old page stays until then): the «?» names its section.
    await expect.poll(() => page.getByTestId('help-button').getAttribute('href'), { timeout: 20_000 }).toBe(`${GUIDE_PATH}#${section}`);
    await page.getByTestId('help-button').click();
    await page
      .waitForURL((u) => u.pathname === GUIDE_PATH && u.hash === `#${section}`, { timeout: 15_000 })
      .catch((e: Error) => {
        throw new Error(`«?» on ${address} (${roles.join(', ')}): expected ${GUIDE_PATH}#${section}, at ${page.url()}: ${e.message}`);
      });
    const heading = page.locator(`[data-testid=guide] [id="${section}"]`);
    await heading.waitFor();
    await expect
      .poll(
        async () => {
          const top = await heading.evaluate((el) => el.getBoundingClientRect().top);
          return top >= -2 && top < 120;
        },
        { message: `${address} → #${section} at the top of the view` },
      )
      .toBe(true);
  }

  it(
    'the «?» of every page in the menu, for the office staff, the coordinator, leadership, the administrator and the auditor, opens the guide at its section',
    async () => {
      for (const login of Object.keys(api)) ok(await api[login]!.patch('/api/v1/auth/me', { locale: 'ru' }), `locale ${login}`);
      const who: [Page, readonly Role[], string[]][] = [
        [await pageFor(officer), officer.roles as Role[], [`/items/${ids.draft}`, '/items/new?kind=request', `/events/${ids.event}`]],
        [await pageFor(deputy), deputy.roles as Role[], [`/items/${ids.incoming}`]],
        [await pageFor(coordinator), coordinator.roles as Role[], [`/events/${ids.event}`, `/annual/RU-ORE/${annualYear}`]],
        [await pageFor(leader), leader.roles as Role[], []],
        [await adminPage(), adminUser.roles as Role[], []],
        [await pageFor(auditor), auditor.roles as Role[], []],
      ];
      let checked = 0;
      for (const [page, roles, extra] of who) {
        await page.goto(`${server.url}/`);
        loadedIn.set(page, 'ru');
        const pages = await menuPages(page);
        expect(pages.length).toBeGreaterThan(0);
        for (const address of [...pages, ...extra]) {
          await helpOpensItsSection(page, address, roles);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(30);
    },
    SLOW_MACHINE_MS,
  );

  it(
    'the guide is printable: no frame, each role on a new page, its pictures served and fitting the page',
    async () => {
      const page = await pageFor(officer);
      await page.goto(`${server.url}${GUIDE_PATH}`);
      await page.getByRole('button', { name: 'Печать' }).waitFor();
      const images = page.locator('[data-testid=guide] img');
      expect(await images.count()).toBeGreaterThan(5);
      // Every picture the guide shows is served by the server from the build.
      type Picture = { complete: boolean; naturalWidth: number };
      await expect
        .poll(() => images.evaluateAll((imgs) => imgs.map((i) => i as unknown as Picture).filter((i) => !i.complete || i.naturalWidth === 0).length))
        .toBe(0);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.locator('.app-sider').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(false);
      expect(await page.evaluate("getComputedStyle(document.querySelector('[data-testid=guide] h2')).breakBefore")).toBe('page');
      const widest = await images.evaluateAll((imgs) => Math.max(...imgs.map((i) => i.getBoundingClientRect().right)));
      expect(widest).toBeLessThanOrEqual(Number(await page.evaluate('document.documentElement.clientWidth')));
      // The printed guide, for a person to look at (test-results/guide-ru.pdf).
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.pdf({ path: path.join(SHOTS, 'guide-ru.pdf'), format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
      await page.emulateMedia({ media: 'screen' });
      // The Kazakh guide opens at the same anchors.
      ok(await api[officer.login]!.patch('/api/v1/auth/me', { locale: 'kk' }), 'locale');
      await page.goto(`${server.url}/my-contacts`);
      await page.getByTestId('help-button').click();
      await page.waitForURL((u) => u.hash === '#officer-contacts');
      await page.getByRole('button', { name: 'Басып шығару' }).waitFor();
      expect(await page.locator('[data-testid=guide]').getAttribute('lang')).toBe('kk');
      ok(await api[officer.login]!.patch('/api/v1/auth/me', { locale: 'ru' }), 'locale');
      expect(errorsOf(page)).toEqual([]);
    },
    SLOW_MACHINE_MS,
  );
});
