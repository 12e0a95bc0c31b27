import fs from 'node:fs';
import { createRequire } from 'node:module';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { createUsers, logIn, screenshot, workingPassword, type TestUser } from './ui.ts';

/**
 * Accessibility (issue 11): at 1366×768, every main page in Russian and in Kazakh passes axe-core
 * with no serious or critical violation, and every table on it either fits its container or
 * scrolls with its key column fixed and the scroll shadow showing. Then a core journey by keyboard
 * alone: sign in, write a new request, save the draft, find it in the journal and open it.
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORT = { width: 1366, height: 768 };

/**
 * Rules left out, each with its reason (checked on the pages, not assumed):
 * none so far.
 */
const EXCLUDED_RULES: string[] = [];

type Who = 'officer' | 'coordinator' | 'admin' | 'auditor';

// What the in-page checks use: this project compiles without the DOM library, so they name it here (module scope only).
interface El {
  tagName: string;
  labels?: { textContent: string | null }[];
  parentElement: El | null;
  closest(selector: string): El | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): { forEach(f: (e: El, i: number) => void): void };
  classList: { contains(c: string): boolean };
  getBoundingClientRect(): { width: number };
  offsetParent: unknown;
  scrollWidth: number;
  clientWidth: number;
  scrollLeft: number;
  textContent: string | null;
}
interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string; html: string }[] }[];
}
declare const document: {
  documentElement: El;
  activeElement: El | null;
  getAnimations(): { playState: string; effect: { getTiming(): { iterations?: number } } | null }[];
  getElementById(id: string): El | null;
  location: { pathname: string };
  querySelector(selector: string): (El & { setAttribute(name: string, value: string): void }) | null;
  querySelectorAll: El['querySelectorAll'];
};
declare const window: {
  axe: { run(context: unknown, options: object): Promise<AxeResult> };
  history: { pushState(state: unknown, unused: string, url: string): void };
  dispatchEvent(event: unknown): void;
};
declare const PopStateEvent: new (type: string) => unknown;
declare const localStorage: { setItem(key: string, value: string): void };
declare function getComputedStyle(e: El): { overflowX: string; outlineStyle: string; outlineWidth: string; boxShadow: string };

describe.skipIf(!chromiumAvailable())('accessibility and keyboard use of every main page [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const officer: TestUser = {
    login: 'ore.a11y.officer',
    password: 'Orenburg-A11y-Temp-1',
    fullName: 'Доступнова Мария Игоревна',
    officeCode: 'RU-ORE',
    roles: ['officer'],
  };
  const coordinator: TestUser = {
    login: 'gumps.a11y',
    password: 'Gumps-A11y-Temp-1',
    fullName: 'Координаторов Илья Петрович',
    officeCode: 'RU-GP-GUMPS',
    roles: ['coordinator'],
  };
  const auditor: TestUser = {
    login: 'audit.a11y',
    password: 'Auditor-A11y-Temp-1',
    fullName: 'Проверкина Ольга Ивановна',
    officeCode: 'RU-GP-GUMPS',
    roles: ['auditor'],
  };
  const password: Record<Who, string> = {
    officer: workingPassword(officer),
    coordinator: workingPassword(coordinator),
    auditor: workingPassword(auditor),
    admin: ADMIN.password,
  };
  const login: Record<Who, string> = { officer: officer.login, coordinator: coordinator.login, auditor: auditor.login, admin: ADMIN.login };
  const year = DateTime.now().setZone('Asia/Yekaterinburg').year;
  let itemId = '';
  let eventId = '';
  let officeId = '';
  const pages: Record<Who, Page | null> = { officer: null, coordinator: null, admin: null, auditor: null };

  /** Every main page (web/App.tsx) with the role that sees it. */
  const mainPages = (): [Who, string][] => [
    ['officer', '/items/incoming'],
    ['officer', '/items/outgoing'],
    ['officer', `/items/${itemId}`],
    ['officer', '/items/new'],
    ['officer', '/events'],
    ['officer', '/events?view=list'],
    ['officer', `/events/${eventId}`],
    ['officer', '/events/new'],
    ['officer', '/annual'],
    ['officer', `/annual/RU-ORE/${year}`],
    ['officer', '/offices'],
    ['officer', `/offices/${officeId}`],
    ['officer', '/pairings'],
    ['officer', '/legal-basis'],
    ['officer', '/my-contacts'],
    ['officer', '/notifications'],
    ['officer', '/profile'],
    ['coordinator', '/items/all'],
    ['coordinator', '/oversight'],
    ['coordinator', '/analysis'],
    ['coordinator', '/compliance'],
    ['admin', '/admin/users'],
    ['admin', '/admin/settings'],
    ['admin', '/admin/files'],
    ['auditor', '/audit'],
  ];

  beforeAll(async () => {
    // A first start migrates and loads the reference data: slow on a busy machine.
    server = await startServer({ timeoutMs: 150_000 });
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    await createUsers(server.url, admin, [officer, coordinator, auditor]);
    const ore = await apiSession(server.url, officer.login, workingPassword(officer));
    const draft = await ore.post('/api/v1/items', {
      kind: 'request',
      toOfficeCode: 'KZ-AKT',
      subject: 'О лицах, пересекших границу через пункт пропуска «Сагарчин»',
      essence: 'Проверка сведений о пересечении границы группой лиц.',
      purpose: 'Установление маршрута перемещения.',
      assistance: 'Сообщить сведения о пересечении границы.',
      form: 'crime_information',
      priorityAreas: ['organized_crime'],
    });
    if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
    itemId = draft.body.id;
    const aktobe = DateTime.now().setZone('Asia/Aqtobe').startOf('day').plus({ days: 20 }).set({ hour: 10 });
    const local = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm");
    const event = await ore.post('/api/v1/events', {
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
      participants: [{ side: 'own', fullName: officer.fullName, position: 'прокурор отдела' }],
      agenda: '1. Каналы поставки. 2. Обмен сведениями.',
      priorityAreas: ['drug_trafficking'],
    });
    if (event.status !== 201) throw new Error(`event: ${event.status} ${JSON.stringify(event.body)}`);
    eventId = event.body.id;
    const offices = await ore.get('/api/v1/offices?party=KZ');
    officeId = (offices.body.items as { id: string; code: string }[]).find((o) => o.code === 'KZ-AKT')!.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU' });
    await context.addInitScript({ content: AXE_SOURCE });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    return page;
  }

  /** One signed-in page per role, kept for both languages. */
  async function pageOf(who: Who): Promise<Page> {
    const existing = pages[who];
    if (existing) return existing;
    const page = await freshPage();
    await logIn(page, server.url, login[who], password[who]);
    pages[who] = page;
    return page;
  }

  /** Waits until the page has loaded its data and antd's spinners and fade-ins are done. */
  async function settle(page: Page): Promise<void> {
    await page.waitForFunction(
      () =>
        document.querySelector('h1:not([data-left])') &&
        !document.querySelector('.ant-spin-spinning, .ant-skeleton-active') &&
        // antd's fades and colour transitions: axe must see the final colours (endless ones, like a badge's pulse, aside).
        document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 20_000 },
    );
    await page.waitForTimeout(150);
  }

  /** Opens a page of the app as a link does (no reload: the bundle and axe stay loaded). */
  async function open(page: Page, path: string): Promise<void> {
    await page.evaluate((p) => {
      // The page left behind may stay on screen while the next one loads: its title is marked so settle() waits for the new one.
      if (document.location.pathname !== p.split('?')[0]) document.querySelector('h1')?.setAttribute('data-left', '');
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await page.waitForURL((u) => `${u.pathname}${u.search}` === path);
  }

  async function axeViolations(page: Page): Promise<string[]> {
    return page.evaluate(async (excluded) => {
      const rules = Object.fromEntries(excluded.map((id) => [id, { enabled: false }]));
      const result = await window.axe.run(document, { resultTypes: ['violations'], rules });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) =>
          v.nodes.map((n) =>
            `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} — ${n.failureSummary ?? ''} — ${n.html.slice(0, 300)}`.replace(/\s+/g, ' '),
          ),
        );
    }, EXCLUDED_RULES);
  }

  /**
   * A table either fits its container, or scrolls in it with its key (first) column fixed and the
   * shadow at the edge that says there is more; and the page itself never scrolls sideways.
   */
  async function tableProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const problems: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
      const visible = (el: El) => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
      document.querySelectorAll('.ant-table-wrapper').forEach((wrapper, i) => {
        if (!visible(wrapper)) return;
        const name = `table ${i + 1} (${wrapper.getAttribute('data-testid') ?? wrapper.querySelector('th')?.textContent?.trim() ?? '?'})`;
        const box = wrapper.querySelector('.ant-table-content, .ant-table-body');
        if (!box) return;
        if (box.scrollWidth <= box.clientWidth + 1) return;
        const overflowX = getComputedStyle(box).overflowX;
        if (overflowX !== 'auto' && overflowX !== 'scroll') {
          problems.push(`${name} is cut off: ${box.scrollWidth} > ${box.clientWidth} with overflow ${overflowX}`);
          return;
        }
        const fixed = wrapper.querySelector('thead th.ant-table-cell-fix-start');
        if (!fixed || !visible(fixed)) problems.push(`${name} scrolls (${box.scrollWidth} > ${box.clientWidth}) without a fixed key column`);
        const table = wrapper.querySelector('.ant-table');
        const atStart = box.scrollLeft === 0;
        if (atStart && !table?.classList.contains('ant-table-fix-end-shadow-show'))
          problems.push(`${name} scrolls without the shadow that shows more to the right`);
      });
      return problems;
    });
  }

  async function checkEveryPage(lang: 'ru' | 'kk'): Promise<{ violations: string[]; tables: string[] }> {
    const violations: string[] = [];
    const tables: string[] = [];
    // The login page, before anyone signs in; the language is the one chosen on it (kept in localStorage).
    const anon = await freshPage();
    await anon.goto(`${server.url}/login`);
    if (lang === 'kk') {
      await anon.evaluate(() => localStorage.setItem('bc.locale', 'kk'));
      await anon.reload();
    }
    await settle(anon);
    expect(await anon.locator('html').getAttribute('lang')).toBe(lang);
    violations.push(...(await axeViolations(anon)).map((v) => `[${lang}] /login: ${v}`));
    await anon.context().close();

    for (const [who, path] of mainPages()) {
      const started = Date.now();
      const page = await pageOf(who);
      await open(page, path);
      await settle(page);
      expect(await page.locator('html').getAttribute('lang'), path).toBe(lang);
      violations.push(...(await axeViolations(page)).map((v) => `[${lang}] ${path} as ${who}: ${v}`));
      tables.push(...(await tableProblems(page)).map((p) => `[${lang}] ${path}: ${p}`));
      if (process.env.A11Y_SHOTS) await screenshot(page, `a11y-${lang}-${path.replace(/[^a-z0-9]+/gi, '-')}`);
      if (process.env.A11Y_DEBUG) console.log(`${lang} ${path}: ${Date.now() - started} ms`);
    }
    return { violations, tables };
  }

  it('A11Y, UI-1366 [ru]: no serious or critical axe violation on any main page; every table fits or scrolls with its key column fixed', async () => {
    const { violations, tables } = await checkEveryPage('ru');
    expect.soft(violations).toEqual([]);
    expect.soft(tables).toEqual([]);
  }, 300_000);

  it('A11Y, UI-1366 [kk]: the same in Kazakh, with lang="kk" on the page', async () => {
    // Each user chooses Kazakh (stored on the server, as the language switch does).
    for (const who of Object.keys(pages) as Who[]) {
      const page = await pageOf(who);
      const api = await apiSession(server.url, login[who], password[who]);
      expect((await api.patch('/api/v1/auth/me', { locale: 'kk' })).status).toBe(200);
      await page.reload();
    }
    const { violations, tables } = await checkEveryPage('kk');
    expect.soft(violations).toEqual([]);
    expect.soft(tables).toEqual([]);
  }, 300_000);
  /** What has the focus: enough to find a control by its name and to see whether the focus shows. */
  async function focused(page: Page): Promise<{ tag: string; name: string; inDialog: boolean; shows: boolean; row: string; url: string }> {
    return page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return { tag: '', name: '', inDialog: false, shows: false, row: '', url: document.location.pathname };
      const labelled = el.getAttribute('aria-labelledby');
      const name = (
        el.getAttribute('aria-label') ??
        (labelled ? document.getElementById(labelled.split(' ')[0]!)?.textContent : null) ??
        el.labels?.[0]?.textContent ??
        el.textContent ??
        ''
      ).trim();
      // Visible focus: an outline or a focus ring (antd draws it as a box shadow) on the control or the box that wraps it.
      const rings = [el, el.parentElement, el.parentElement?.parentElement, el.parentElement?.parentElement?.parentElement].some((e) => {
        if (!e) return false;
        const st = getComputedStyle(e);
        return (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none';
      });
      return {
        tag: el.tagName.toLowerCase(),
        name,
        inDialog: Boolean(el.closest('[role=dialog]')),
        shows: rings,
        row: el.closest('tr')?.textContent ?? '',
        url: document.location.pathname,
      };
    });
  }

  /** Presses Tab (or Shift+Tab) until the focus is on what `wanted` accepts; every stop on the way must show the focus. */
  async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, opts: { back?: boolean; max?: number } = {}) {
    const seen: string[] = [];
    for (let i = 0; i < (opts.max ?? 80); i++) {
      await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
      const f = await focused(page);
      seen.push(`${f.tag}:${f.name.slice(0, 40)}`);
      if (f.tag !== 'body') expect(f.shows, `the focus on ${f.tag} «${f.name}» is visible`).toBe(true);
      if (wanted(f)) return f;
    }
    throw new Error(`not reached by keyboard; the focus went: ${seen.join(' → ')}`);
  }

  it('A11Y-KB: sign in, write a request, save the draft and open it from the journal with the keyboard alone; a dialog keeps and returns the focus', async () => {
    // The journey is in Russian, whatever the Kazakh check left as the officer's language.
    const api = await apiSession(server.url, officer.login, workingPassword(officer));
    expect((await api.patch('/api/v1/auth/me', { locale: 'ru' })).status).toBe(200);
    const page = await freshPage();
    const subject = 'О лицах, пересекших границу вне пунктов пропуска';
    await page.goto(`${server.url}/login`);
    await settle(page);
    await tabTo(page, (f) => f.tag === 'input' && /Логин/.test(f.name));
    await page.keyboard.type(officer.login);
    await page.keyboard.press('Tab');
    await page.keyboard.type(workingPassword(officer));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/my-contacts');
    await settle(page);

    // The menu, then the journal's button to write a request.
    await tabTo(page, (f) => f.tag === 'a' && f.name === 'Исходящие');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/items/outgoing');
    await settle(page);
    await tabTo(page, (f) => f.tag === 'button' && f.name === 'Новый запрос');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/items/new?kind=request');
    // The router keeps the old page on screen while the form's code loads: wait for the form itself.
    await page
      .getByLabel(/Запрашиваемый орган/)
      .first()
      .waitFor({ timeout: 30_000 });
    await settle(page);

    // The addressee: a searchable select, opened and chosen by typing and Enter.
    await tabTo(page, (f) => f.tag === 'input' && /Запрашиваемый орган/.test(f.name));
    await page.keyboard.type('Актюб');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-content', { hasText: 'Прокуратура Актюбинской области' }).waitFor();
    for (const [label, text] of [
      ['Тема', subject],
      ['Существо дела', 'Проверка сведений о пересечении границы вне пунктов пропуска.'],
      ['Цель и обоснование запроса', 'Установление лиц; материалы проверки № 21-03.'],
      ['Содержание запрашиваемого содействия', 'Сообщить сведения о лицах.'],
    ] as const) {
      await tabTo(page, (f) => (f.tag === 'input' || f.tag === 'textarea') && f.name.startsWith(label));
      await page.keyboard.type(text);
    }
    // The form of cooperation: a radio group, chosen with Space.
    await tabTo(page, (f) => f.tag === 'input' && f.name.startsWith('1.'));
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'button' && f.name === 'Сохранить черновик');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    const itemPath = new URL(page.url()).pathname;
    await settle(page);
    await page.getByText(subject).first().waitFor();

    // A dialog: the focus goes in, stays in on Tab, and comes back to its button on Escape.
    const trigger = await tabTo(page, (f) => f.tag === 'button' && f.name === 'Зарегистрировать устное обращение');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await expect.poll(async () => (await focused(page)).inDialog).toBe(true);
    // antd's lock brings the focus back when it enters the page again: past the last control the
    // browser may move it to its own controls (the page shows body), never onto the page behind.
    let wrapped = 0;
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.tag === 'body') wrapped++;
      else expect(f.inDialog, `Tab stays in the dialog (it went to ${f.tag} «${f.name}»)`).toBe(true);
    }
    expect(wrapped, 'the focus leaves the dialog only to the browser, not into the page').toBeLessThan(12);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focused(page)).name).toBe(trigger.name);

    // Back to the journal by the menu, and the draft opened from its row.
    await tabTo(page, (f) => f.tag === 'a' && f.name === 'Исходящие', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForURL('**/items/outgoing');
    await settle(page);
    await tabTo(page, (f) => f.tag === 'a' && f.row.includes(subject));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${itemPath}`);
    await page.getByText(subject).first().waitFor();
    await page.context().close();
  }, 300_000);
});
