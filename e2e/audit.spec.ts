import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../server/db/client.ts';
import { rewriteLog } from '../server/test/audit-attack.ts';
import { ADMIN, apiSession, chromiumAvailable, launchBrowser, startServer, type RunningServer } from './harness.ts';
import { changePasswordByApi, errorsOf, logIn, newPage, screenshot } from './ui.ts';

/**
 * Journey: an auditor signs a checkpoint of the audit chain, downloads it with the public key and
 * verifies the log; after the owner of the database rewrites history (every hash recomputed), the
 * same check names the first bad row and the last good checkpoint.
 */
describe.skipIf(!chromiumAvailable())('audit log: signed checkpoints and a rewrite found [e2e]', () => {
  let server: RunningServer;
  let browser: Browser;
  const ONLY_ON_DEMAND = { AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0' };
  const auditor = { login: 'auditor.ru', password: 'Temporary-Auditor-2026', newPassword: 'Chain-Of-Hashes-2026' };

  beforeAll(async () => {
    // Checkpoints only on demand here, so the journey knows each one.
    server = await startServer({ env: ONLY_ON_DEMAND });
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    const created = await admin.post('/api/v1/users', {
      login: auditor.login,
      password: auditor.password,
      fullName: 'Проверяева Анна Львовна',
      officeCode: 'RU-GP-GUMPS',
      roles: ['auditor'],
      locale: 'ru',
    });
    expect(created.status).toBe(201);
    await changePasswordByApi(server.url, auditor.login, auditor.password, auditor.newPassword);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs and downloads a checkpoint, verifies the chain; after a rewrite by the database owner the check names the first bad row and the last good checkpoint', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, auditor.login, auditor.newPassword);
    await page.waitForURL('**/audit');
    await page.getByRole('tab', { name: 'Подписанные контрольные точки' }).click();
    const signedAt = async () => Number(/№ (\d+)/.exec((await page.getByText(/Контрольная точка подписана на записи № \d+/).textContent()) ?? '')?.[1] ?? 0);
    // Waits for the message of this signing: the button's loading state may come and go before a check sees it.
    const sign = async (after = 0) => {
      await page.getByRole('button', { name: 'Подписать контрольную точку сейчас' }).click();
      await expect.poll(signedAt, { timeout: 15_000 }).toBeGreaterThan(after);
      return signedAt();
    };
    const first = await sign();
    const second = await sign(first);
    expect(second).toBeGreaterThan(first);
    await page
      .getByRole('cell', { name: String(second), exact: true })
      .first()
      .waitFor();
    expect(await page.getByText('действительна', { exact: true }).count()).toBe(2);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать контрольные точки' }).click()]);
    const lines = fs
      .readFileSync((await file.path())!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number });
    expect(lines.map((l) => l.seq)).toEqual([first, second]);
    const [key] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать открытый ключ' }).click()]);
    expect(fs.readFileSync((await key.path())!, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    await screenshot(page, 'e2e-audit1-checkpoints');

    await page.getByRole('tab', { name: 'Журнал' }).click();
    await page.getByRole('button', { name: 'Проверить целостность' }).click();
    await page.getByText(/^Цепочка цела/).waitFor();
    await page.getByText(`Последняя верная контрольная точка: запись № ${second}`, { exact: false }).waitFor();

    // The owner of the database (here: whoever holds the embedded database's files) rewrites
    // history after the checkpoint and recomputes every hash and the head.
    await server.stop();
    const db = await openPglite(server.dataDir);
    try {
      await rewriteLog(db.db, (rows) => rows.map((r) => (r.seq === first + 1 ? { ...r, ip: '10.6.6.6' } : r)));
    } finally {
      await db.close();
    }
    server = await startServer({ dataDir: server.dataDir, env: ONLY_ON_DEMAND });

    const again = await newPage(browser);
    await logIn(again, server.url, auditor.login, auditor.newPassword);
    await again.waitForURL('**/audit');
    await again.getByRole('button', { name: 'Проверить целостность' }).click();
    await again.getByText(`Цепочка нарушена начиная с записи № ${first + 1}`).waitFor();
    await again.getByText(`Последняя верная контрольная точка: запись № ${first}`, { exact: false }).waitFor();
    await again.getByText(new RegExp(`Контрольная точка на записи № ${second}, подписанная .*, не совпадает с журналом`)).waitFor();
    await screenshot(again, 'e2e-audit2-rewrite-found');
    // No new checkpoint is signed over a chain that contradicts the earlier ones.
    await again.getByRole('tab', { name: 'Подписанные контрольные точки' }).click();
    await again.getByRole('button', { name: 'Подписать контрольную точку сейчас' }).click();
    await again.getByText('Целостность журнала аудита нарушена: контрольная точка не подписана', { exact: false }).waitFor();
    expect([...errorsOf(page), ...errorsOf(again)]).toEqual([]);
  });
});
