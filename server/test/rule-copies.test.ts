import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_STATUSES } from '../../domain/annual.ts';
import { EVENT_STATUSES } from '../../domain/events.ts';
import { CONSENT_STATUSES } from '../../domain/information.ts';
import { ITEM_STATUSES } from '../../domain/item-status.ts';
import { TAG } from './build-test-app.ts';

/**
 * The rules about statuses are written once, in domain/ (OPEN_STATUSES, UNSENT_STATUSES,
 * EVENT_REPORT_AWAITED, …); the SQL is built from them (server/db/predicates.ts) and the presenters
 * and the web import them. A list of statuses written out again elsewhere is how two copies of a
 * rule drift apart, so this fails on one: a literal list of two or more statuses, or SQL comparing
 * a status with a list of literals, in the code outside domain/ (tests keep their own independent
 * oracles and are not scanned).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
// bench/ is left out: its queries are users' filters (a status picked in the journal), not rules.
const SCANNED = ['server', 'web', 'scripts'];
const SKIPPED = /(^|\/)(node_modules|dist|migrations|reference)(\/|$)|\.test\.tsx?$|\.spec\.ts$/;

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (SKIPPED.test(rel)) return [];
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

const statuses = [...new Set<string>([...ITEM_STATUSES, ...EVENT_STATUSES, ...BLOCK_STATUSES, ...CONSENT_STATUSES])].join('|');
const PATTERNS = [
  { what: 'a list of statuses', re: new RegExp(`['"](?:${statuses})['"]\\s*,\\s*['"](?:${statuses})['"]`) },
  { what: 'SQL comparing a status with literals', re: /status\W{0,3}\s+(?:not\s+)?in\s*\(\s*'/i },
];

describe(`the rules live once, in domain/ ${TAG}`, () => {
  it('no list of workflow statuses is written out again outside domain/ (the SQL, presenters and web import the domain’s)', () => {
    const found: string[] = [];
    for (const file of SCANNED.flatMap(sources)) {
      // The whole text, not line by line: a formatter puts a long list one element per line.
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const p of PATTERNS) {
        for (const m of text.matchAll(new RegExp(p.re.source, 'gi'))) {
          const line = text.slice(0, m.index).split('\n').length;
          found.push(`${file}:${line} ${p.what}: ${m[0].replace(/\s+/g, ' ').slice(0, 160)}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('the scan sees a copy when there is one', () => {
    expect(PATTERNS[0]!.re.test(`const OPEN = ['sent', 'registered'];`)).toBe(true);
    expect(PATTERNS[1]!.re.test("sql`${items.status} not in ('draft', 'signed')`")).toBe(true);
    expect(PATTERNS[0]!.re.test(`['request', 'proposal']`)).toBe(false);
    // Across lines, as a formatter writes a long list.
    expect(PATTERNS[0]!.re.test(`const OPEN = [\n  'sent',\n  'registered',\n];`)).toBe(true);
  });
});
