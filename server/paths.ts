import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root, found from this module upwards: the same answer whether the server runs
 * from its sources (server/paths.ts) or from the bundle `npm start` builds (dist/server/app.mjs),
 * so files read at run time (migrations, locales, the law's sources) are named from the root once.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'border-cooperation') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no border-cooperation package.json above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, from its root. */
export const fromRoot = (...parts: string[]): string => path.join(ROOT, ...parts);

/** The application's version, from package.json. */
export const APP_VERSION = (JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;
