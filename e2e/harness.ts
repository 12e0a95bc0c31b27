import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../server/test/ports.ts';
import { SERVER_NODE_FLAGS } from '../server/runtime-flags.ts';
import { buildServerIfStale } from '../scripts/build-server.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ADMIN = { login: 'admin', password: 'E2e-Admin-Password-2026' };

/** Browser tests need Debian's Chromium; without it they are skipped, unless REQUIRE_E2E=1 makes that a failure. */
export function chromiumAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM);
  if (!ok && process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 but no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return ok;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--no-first-run',
    ],
  });
}

export { freePort };

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  /** SIGKILL the whole process group and wait until it is gone. */
  kill9(): Promise<void>;
}

/**
 * Starts the real server as `npm start` runs it (its bundle, built first if its sources changed:
 * scripts/build-server.ts) on a free port; resolves when /api/health answers.
 */
let bundle: Promise<string> | null = null;
/** The server's bundle, built (if stale) once per process: its sources do not change during a run. */
export function serverBundle(): Promise<string> {
  bundle ??= buildServerIfStale((m) => process.stdout.write(`[server] ${m}\n`));
  return bundle;
}

export async function startServer(
  opts: {
    dataDir?: string;
    env?: Record<string, string>;
    port?: number;
    timeoutMs?: number;
    /** `node server/main.ts`, as `npm run serve` */ fromSources?: boolean;
  } = {},
): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bc-e2e-'));
  const port = opts.port ?? (await freePort());
  const entry = opts.fromSources ? path.join(ROOT, 'server/main.ts') : await serverBundle();
  let out = '';
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, entry], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      ADMIN_LOGIN: ADMIN.login,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    port,
    dataDir,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await exited;
      await waitUntilGone(child.pid!);
    },
  };
}

/** After SIGKILL a pid can linger as a zombie for a while; wait until /proc says it is gone or dead. */
export async function waitUntilGone(pid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let state: string | null = null;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
    } catch {
      return;
    }
    if (state === 'Z' || state === 'X') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A minimal API client for set-up steps in journeys (cookie + CSRF, like the web UI). */
export async function apiSession(url: string, login: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async (method: string, p: string, body?: unknown) => {
    const r = await fetch(`${url}${p}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, body?: unknown) => call('POST', p, body ?? {}),
    patch: (p: string, body?: unknown) => call('PATCH', p, body ?? {}),
    put: (p: string, body?: unknown) => call('PUT', p, body ?? {}),
  };
}
