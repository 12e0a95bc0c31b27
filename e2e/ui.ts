import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from './harness.ts';

/** Helpers for journeys that drive the UI like a person: by visible labels, in the UI's language. */

export const SHOTS = path.join(ROOT, 'test-results');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Let antd's fade-ins (loading overlays, messages) finish, so the picture shows the settled page.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

const scriptErrors = new WeakMap<Page, string[]>();

/** A page in a fresh context (own cookies and localStorage) that records script errors. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  scriptErrors.set(page, errors);
  return page;
}

/** Script errors seen on the page: a failed script is a failed journey, whatever the screen shows. */
export function errorsOf(page: Page): string[] {
  return scriptErrors.get(page) ?? [];
}

/** Logs in through the login form (labels in Russian, Kazakh or English). */
export async function logIn(page: Page, url: string, login: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel(/^(Логин|Login)$/).fill(login);
  await page.getByLabel(/^(Пароль|Құпиясөз|Password)$/).fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Chooses an option of an Ant Design select found by its accessible name. */
export async function choose(page: Page, selectName: string | RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: selectName }).click();
  // Only the open dropdown: an earlier select's closed dropdown stays in the page with its options.
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
}

/** Changes a first-login password over the API (set-up steps, not the journey under test). */
export async function changePasswordByApi(url: string, login: string, current: string, next: string): Promise<void> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: current }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const change = await fetch(`${url}/api/v1/auth/password`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: current, newPassword: next }),
  });
  if (change.status !== 204) throw new Error(`password change ${login}: ${change.status} ${await change.text()}`);
}

export interface TestUser {
  login: string;
  password: string;
  fullName: string;
  officeCode: string;
  roles: string[];
  locale?: 'ru' | 'kk' | 'en';
}

/** The working password a user gets after the forced change in set-up. */
export const workingPassword = (u: TestUser) => `${u.password}-Changed!`;

/** Creates users through the admin API and replaces their one-time passwords (set-up, not the journey). */
export async function createUsers(
  url: string,
  admin: { post: (p: string, b?: unknown) => Promise<{ status: number; body: unknown }> },
  users: readonly TestUser[],
): Promise<void> {
  for (const u of users) {
    const res = await admin.post('/api/v1/users', {
      login: u.login,
      password: u.password,
      fullName: u.fullName,
      officeCode: u.officeCode,
      roles: u.roles,
      locale: u.locale ?? 'ru',
    });
    if (res.status !== 201) throw new Error(`create ${u.login}: ${res.status} ${JSON.stringify(res.body)}`);
    await changePasswordByApi(url, u.login, u.password, workingPassword(u));
  }
}

/** A tiny but real PDF (the server checks the type by content). */
export function samplePdf(text = 'Border Cooperation e2e'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}
