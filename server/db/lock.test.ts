import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../e2e/harness.ts';
import { DRIVER } from '../test/build-test-app.ts';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bc-lock-'));

// The embedded database's own guarantees; on PostgreSQL there is no data directory to lock.
describe.skipIf(DRIVER !== 'pglite')('embedded database data directory [pglite]', () => {
  it('takes an exclusive lock that names its owner', () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir);
    try {
      let err: unknown;
      try {
        acquireDataDirLock(dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect((err as Error).message).toContain(`pid ${process.pid}`);
    } finally {
      lock.release();
    }
    acquireDataDirLock(dir).release(); // released: free again
  });

  it('recovers a stale lock left by a process that is gone', () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    fs.writeFileSync(
      path.join(dir, '.lock'),
      JSON.stringify({ pid: dead, startTicks: '1', hostname: os.hostname(), command: 'crashed', acquiredAt: '2026-01-01T00:00:00Z' }),
    );
    const lock = acquireDataDirLock(dir);
    expect(lock.recovered).toMatchObject({ pid: dead, command: 'crashed' });
    lock.release();
    // A half-written lock file (crash during the write) is stale too.
    fs.writeFileSync(path.join(dir, '.lock'), '{"pid": 12');
    const again = acquireDataDirLock(dir);
    expect(again.recovered).not.toBeNull();
    again.release();
  });

  it('refuses a second server on the same data directory at once, naming the other process', async () => {
    const first = await startServer();
    try {
      const started = Date.now();
      const second = spawnSync(process.execPath, [path.join(ROOT, 'server/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: first.dataDir, PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`in use by another process: pid ${first.process.pid}`);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200); // the first one is untouched
    } finally {
      expect(await first.stop()).toBe(0); // SIGTERM closes cleanly
    }
    expect(fs.existsSync(path.join(first.dataDir, '.lock'))).toBe(false);
  }, 120_000);

  it('closes the database and releases the lock on SIGINT', async () => {
    const server = await startServer();
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    server.process.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(server.dataDir, '.lock'))).toBe(false);
    // Reopens at once: nothing was left behind.
    const again = await startServer({ dataDir: server.dataDir });
    await again.stop();
  }, 120_000);
});
