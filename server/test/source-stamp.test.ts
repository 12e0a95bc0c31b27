import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isFresh, snapshot, type SourceSet } from '../../scripts/source-stamp.ts';
import { TAG } from './build-test-app.ts';

// `npm start` must never serve a bundle older than its sources, nor rebuild one that is current.
describe(`npm start: is a build current? ${TAG}`, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-stamp-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const set: SourceSet = { root, dirs: ['src'], files: ['lock.json'], include: (n) => n.endsWith('.ts') };
  const stamp = path.join(root, 'stamp');
  fs.mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 1;');
  fs.writeFileSync(path.join(root, 'src', 'deep', 'b.ts'), 'export const b = 2;');
  fs.writeFileSync(path.join(root, 'lock.json'), '{}');
  const touch = (f: string, t: number) => fs.utimesSync(path.join(root, f), t, t);

  it('is stale before the first build and current after it', () => {
    expect(isFresh(set, stamp)).toBe(false);
    fs.writeFileSync(stamp, snapshot(set));
    expect(isFresh(set, stamp)).toBe(true);
  });

  it('a file touched without a change (a checkout) keeps the build current', () => {
    touch('src/deep/b.ts', 1_700_000_000);
    expect(isFresh(set, stamp)).toBe(true);
    expect(isFresh(set, stamp)).toBe(true);
  });

  it('a changed, added or removed source, or a changed lock file, makes it stale', () => {
    const current = fs.readFileSync(stamp, 'utf8');
    const stale = (change: () => void, undo: () => void) => {
      change();
      expect(isFresh(set, stamp)).toBe(false);
      undo();
      fs.writeFileSync(stamp, current);
    };
    // Same size and the old time: only the contents tell.
    stale(
      () => {
        fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 9;');
        touch('src/a.ts', 1_600_000_000);
      },
      () => fs.writeFileSync(path.join(root, 'src', 'a.ts'), 'export const a = 1;'),
    );
    stale(
      () => fs.writeFileSync(path.join(root, 'src', 'c.ts'), ''),
      () => fs.rmSync(path.join(root, 'src', 'c.ts')),
    );
    stale(
      () => fs.renameSync(path.join(root, 'src', 'deep', 'b.ts'), path.join(root, 'b.ts')),
      () => fs.renameSync(path.join(root, 'b.ts'), path.join(root, 'src', 'deep', 'b.ts')),
    );
    stale(
      () => fs.writeFileSync(path.join(root, 'lock.json'), '{"x":1}'),
      () => fs.writeFileSync(path.join(root, 'lock.json'), '{}'),
    );
    fs.writeFileSync(path.join(root, 'src', 'notes.md'), 'not a source');
    expect(isFresh(set, stamp)).toBe(true);
  });
});
