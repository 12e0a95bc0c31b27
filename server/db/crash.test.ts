import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, apiSession, startServer } from '../../e2e/harness.ts';
import { DRIVER } from '../test/build-test-app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * "Nothing acknowledged is ever lost": kill -9 the server on PGlite while it is writing, restart
 * it on the same directory, and find every write it acknowledged, with an intact audit chain.
 */
describe.skipIf(DRIVER !== 'pglite')('crash safety of the embedded database [pglite]', () => {
  it('keeps every acknowledged write across kill -9 during writes; the audit chain verifies', async () => {
    const server = await startServer();
    const admin = await apiSession(server.url, ADMIN.login, ADMIN.password);
    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      // `stop` is set by the test body while this loop awaits: the rule cannot see that.
      // oxlint-disable-next-line no-unmodified-loop-condition
      while (!stop) {
        const login = `crash-${++n}`;
        try {
          const res = await admin.post('/api/v1/users', {
            login,
            password: 'Crash-Test-Password-1',
            fullName: `Пользователь ${n}`,
            officeCode: 'RU-ORE',
            roles: ['officer'],
          });
          if (res.status === 201) acknowledged.push(login);
        } catch {
          return; // connection cut by the kill
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 20));
    await server.kill9(); // in the middle of the writers' requests
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);

    const restarted = await startServer({ dataDir: server.dataDir });
    try {
      expect(restarted.output()).toMatch(/took over the data directory lock/);
      const again = await apiSession(restarted.url, ADMIN.login, ADMIN.password);
      const list = await again.get('/api/v1/users?q=crash-&limit=500');
      const present = new Set(list.body.items.map((u: { login: string }) => u.login));
      const lost = acknowledged.filter((l) => !present.has(l));
      expect(lost).toEqual([]);
    } finally {
      expect(await restarted.stop()).toBe(0);
    }
    const verify = spawnSync(process.execPath, [path.join(ROOT, 'server/cli/audit-verify.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(verify.stdout).toMatch(/Audit chain verified: \d+ rows/);
    expect(verify.status).toBe(0);
    // Two servers start on an empty directory (initdb, every migration, the reference data): a
    // guard against a hang, not a speed goal.
  }, 180_000);
});
