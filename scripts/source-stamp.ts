import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether a build is current, for `npm start` (scripts/build-web.ts, scripts/build-server.ts): the
 * hash of its sources' contents is kept next to the build. Reading every source on each start cost
 * ~100 ms, so the sources' names, sizes and modification times are kept too: when none changed, the
 * contents are not read again (a checkout that changes times but not contents costs one hash).
 */
export interface SourceSet {
  root: string;
  /** Directories walked for files, and single files. */
  dirs: string[];
  files: string[];
  include: (name: string) => boolean;
}

function walk(dir: string, include: (name: string) => boolean, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, include, out);
    else if (include(entry.name)) out.push(full);
  }
}

function list(set: SourceSet): string[] {
  const files: string[] = [];
  for (const d of set.dirs) walk(path.join(set.root, d), set.include, files);
  for (const f of set.files) if (fs.existsSync(path.join(set.root, f))) files.push(path.join(set.root, f));
  return files.sort();
}

function statsOf(set: SourceSet, files: string[]): string {
  const hash = createHash('sha256');
  for (const f of files) {
    const st = fs.statSync(f);
    hash.update(`${path.relative(set.root, f)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function contentHash(set: SourceSet, files = list(set)): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(path.relative(set.root, f)).update('\0').update(fs.readFileSync(f));
  return hash.digest('hex');
}

/** The stamp file holds `<content hash> <stats hash>`. */
export function isFresh(set: SourceSet, stampFile: string): boolean {
  if (!fs.existsSync(stampFile)) return false;
  const [content, stats] = fs.readFileSync(stampFile, 'utf8').trim().split(' ');
  const files = list(set);
  const now = statsOf(set, files);
  if (stats === now) return true;
  if (content !== contentHash(set, files)) return false;
  fs.writeFileSync(stampFile, `${content} ${now}\n`);
  return true;
}

/** Taken before a build, written after it: a source changed during the build makes the next start build again. */
export function snapshot(set: SourceSet): string {
  const files = list(set);
  return `${contentHash(set, files)} ${statsOf(set, files)}\n`;
}
