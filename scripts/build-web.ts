import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFresh, snapshot, type SourceSet } from './source-stamp.ts';

/**
 * Builds the web bundle only when its sources changed (web/, domain/, the Vite config and the lock
 * file: scripts/source-stamp.ts). `npm start` and the browser tests call this.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'dist', 'web');
const STAMP = path.join(OUT, '.source-hash');

const SOURCES: SourceSet = {
  root: ROOT,
  dirs: ['web', 'domain'],
  files: ['vite.config.ts', 'package-lock.json'],
  include: (name) => !name.endsWith('.test.ts'),
};

export function isWebBuildFresh(): boolean {
  return fs.existsSync(path.join(OUT, 'index.html')) && isFresh(SOURCES, STAMP);
}

export async function buildWebIfStale(log: (msg: string) => void = (m) => process.stdout.write(`${m}\n`)): Promise<boolean> {
  if (isWebBuildFresh()) return false;
  const stamp = snapshot(SOURCES);
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
  fs.writeFileSync(STAMP, stamp);
  log(`Web interface built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const force = process.argv.includes('--force');
  if (force) fs.rmSync(STAMP, { force: true });
  await buildWebIfStale();
}
