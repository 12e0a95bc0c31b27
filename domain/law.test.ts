import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTrace, citedIds, domainRules, ROOT, TRACE_FILE, traceJson, testTitles } from '../scripts/law-trace.ts';
import { articleText, catalogRows } from '../scripts/law-import.ts';
import { ERROR_CODES } from './errors.ts';
import { articleOrder, combinedResult, ERROR_REQUIREMENT, ISSUE_RULE_REQUIREMENT, isConfirmed, LAW_FIGURES, titleMatcher } from './law.ts';

const read = (p: string) => fs.readFileSync(`${ROOT}/${p}`, 'utf8');
const data = JSON.parse(read('docs/law/requirements.json')) as {
  requirements: {
    id: string;
    document: 'A' | 'P' | 'O';
    article: string;
    text: { ru: string };
    does: Record<string, string>;
    rules: { file: string; name: string }[];
  }[];
};
const ids = new Set(data.requirements.map((r) => r.id));

describe('the law page’s data', () => {
  it('every ID of the catalog (docs/spec/requirements.md) is in the data, with its article’s Russian text and what the system does in ru, kk and en', () => {
    const catalog = catalogRows(read('docs/spec/requirements.md')).flatMap((r) => r.ids);
    expect(catalog.length).toBeGreaterThan(30);
    expect([...ids].sort()).toEqual([...new Set(catalog)].sort());
    const legal = read('docs/spec/legal-basis.ru.md');
    for (const r of data.requirements) {
      // The text is the article as the spec has it now, not an edited copy.
      expect(r.text.ru, r.id).toBe(articleText(legal, r.document, r.article));
      for (const lng of ['ru', 'kk', 'en']) expect(r.does[lng]?.trim(), `${r.id} ${lng}`).toBeTruthy();
    }
  });

  it('the errors, field rules and figures map only to requirements that exist; every error code named exists', () => {
    for (const [code, id] of Object.entries(ERROR_REQUIREMENT)) {
      expect(ERROR_CODES, code).toContain(code);
      expect(ids.has(id), `${code} → ${id}`).toBe(true);
    }
    const validation = JSON.parse(read('web/i18n/locales/en/validation.json')) as Record<string, string>;
    for (const [rule, id] of Object.entries(ISSUE_RULE_REQUIREMENT)) {
      expect(
        Object.keys(validation).some((k) => k === rule || k.startsWith(`${rule}_`)),
        rule,
      ).toBe(true);
      expect(ids.has(id), `${rule} → ${id}`).toBe(true);
    }
    for (const id of Object.keys(LAW_FIGURES)) expect(ids.has(id), id).toBe(true);
  });

  it('every domain rule named for a requirement (derived from the code or named by hand) is an export of its file', async () => {
    const trace = JSON.parse(read(TRACE_FILE)) as { rules: Record<string, { file: string; name: string }[]> };
    const named = [...Object.values(trace.rules).flat(), ...data.requirements.flatMap((r) => r.rules)];
    expect(named.length).toBeGreaterThan(50);
    for (const { file, name } of named) {
      expect(file.startsWith('domain/'), file).toBe(true);
      const mod = (await import(`${ROOT}/${file}`)) as Record<string, unknown>;
      expect(mod[name], `${file} ${name}`).toBeDefined();
    }
  });

  it('the committed trace (docs/law/trace.generated.json) is what the tests and rules of the code give now: run `npm run law:trace`', () => {
    expect(read(TRACE_FILE)).toBe(traceJson(buildTrace()));
  });
});

describe('the trace’s reading of the code', () => {
  it('IDs are cited whole: A-6.2 is the first part of the item, A-6.25 and O-3.10 are not A-6.2 and O-3.1', () => {
    expect(citedIds('A-6.2, O-3.3: the officer…', ids)).toEqual(['A-6.2a', 'O-3.3']);
    expect(citedIds('A-6.2b hold; A-6.25 or O-3.10 or XA-5.1', ids)).toEqual(['A-6.2b']);
    expect(citedIds('(O-4.1, O-6) and P-5.', ids)).toEqual(['O-4.1', 'O-6', 'P-5']);
  });

  it('test titles in any quotes, escaped quotes kept; template literals keep their ${…} and match the titles run', () => {
    const src = "it('A-6.3 it\\'s mandatory', () => {});\ntest(\"O-1 pairing\", fn);\nit.skip(`A-9.3 ${kind} consent`, fn);";
    expect(testTitles(src)).toEqual(["A-6.3 it's mandatory", 'O-1 pairing', 'A-9.3 ${kind} consent']);
    expect(titleMatcher('A-9.3 ${kind} consent')('A-9.3 request consent')).toBe(true);
    expect(titleMatcher('A-9.3 ${kind} consent')('A-9.3 request consent!')).toBe(false);
    expect(titleMatcher('A-6.3 (a)')('A-6.3 (a)')).toBe(true);
  });

  it('a rule is an export whose doc comment cites the ID, or a table whose entries do; a module comment names no export', () => {
    const src = [
      '/** Module: O-1 everywhere. */',
      '',
      "import x from 'y';",
      '/** A-6.3: the mandatory fields. */',
      'export function missing() {}',
      'export const TABLE = [',
      "  { action: 'sign', article: 'A-6.4' },",
      '  /** O-3.5: events. */',
      "  'events.read': [],",
      '];',
      'function helper() {}',
    ].join('\n');
    expect(domainRules(src, ids)).toEqual([
      { name: 'missing', ids: ['A-6.3'] },
      { name: 'TABLE', ids: ['A-6.4', 'O-3.5'] },
    ]);
  });

  it('results: a failure on any run fails the test; confirmed needs a pass and no failure', () => {
    expect(combinedResult([])).toBe('none');
    expect(combinedResult(['passed', 'failed'])).toBe('failed');
    expect(combinedResult(['skipped', 'passed'])).toBe('passed');
    expect(combinedResult(['skipped', 'todo'])).toBe('skipped');
    expect(isConfirmed(['passed', 'none'])).toBe(true);
    expect(isConfirmed(['passed', 'failed'])).toBe(false);
    expect(isConfirmed(['none', 'skipped'])).toBe(false);
  });

  it('requirements are ordered by document, then article number by number', () => {
    const list = ['O-3.1', 'A-10', 'A-6.2b', 'P-2', 'A-6.2a', 'A-2', 'O-1', 'A-15'].map((id) => {
      const [, document, article] = /^([APO])-(.+)$/.exec(id)!;
      return { id, document: document as 'A' | 'P' | 'O', article: article! };
    });
    expect(list.sort(articleOrder).map((r) => r.id)).toEqual(['A-2', 'A-6.2a', 'A-6.2b', 'A-10', 'A-15', 'P-2', 'O-1', 'O-3.1']);
  });
});
