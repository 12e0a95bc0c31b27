import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web bundle only when its sources changed: the hash of web/, domain/, the Vite config
 * and the lock file is kept next to the bundle. `npm start` and the browser tests call this.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'dist', 'web');
const STAMP = path.join(OUT, '.source-hash');

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (!entry.name.endsWith('.test.ts')) out.push(full);
  }
}

export function sourceHash(): string {
  const files: string[] = [];
  walk(path.join(ROOT, 'web'), files);
  walk(path.join(ROOT, 'domain'), files);
  files.push(path.join(ROOT, 'vite.config.ts'), path.join(ROOT, 'package-lock.json'));
  const hash = createHash('sha256');
  for (const f of files.sort()) {
    if (!fs.existsSync(f)) continue;
    hash.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f));
  }
  return hash.digest('hex');
}

export function isWebBuildFresh(): boolean {
  return fs.existsSync(path.join(OUT, 'index.html')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === sourceHash();
}

export async function buildWebIfStale(log: (msg: string) => void = (m) => process.stdout.write(`${m}\n`)): Promise<boolean> {
  if (isWebBuildFresh()) return false;
  const hash = sourceHash();
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    if (fs.existsSync(path.join(OUT, 'index.html'))) {
      log('Vite is not installed (production install?): serving the existing web bundle.');
      return false;
    }
    throw new Error('The web bundle is missing and Vite is not installed: run `npm ci` (with dev dependencies) first.');
  }
  log('Building the web interface (first start or changed sources)…');
  const started = Date.now();
  await vite.build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  fs.writeFileSync(STAMP, hash);
  log(`Web interface built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const force = process.argv.includes('--force');
  if (force) fs.rmSync(STAMP, { force: true });
  await buildWebIfStale();
}
