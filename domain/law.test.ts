import { describe, expect, it } from 'vitest';
import data from '../docs/law/requirements.json' with { type: 'json' };
import { ERROR_CODES } from './errors.ts';
import {
  articleOrder,
  citedIds,
  combinedResult,
  domainRules,
  ERROR_REQUIREMENT,
  ISSUE_RULE_REQUIREMENT,
  isConfirmed,
  LAW_FIGURES,
  testTitles,
  titleMatcher,
} from './law.ts';

const ids = new Set(data.requirements.map((r) => r.id));

describe('the law page’s mappings', () => {
  it('errors, field rules and figures map only to requirements of the data; every error code named exists', () => {
    expect(ids.size).toBeGreaterThan(30);
    for (const [code, id] of Object.entries(ERROR_REQUIREMENT)) {
      expect(ERROR_CODES, code).toContain(code);
      expect(ids.has(id), `${code} → ${id}`).toBe(true);
    }
    for (const [rule, id] of Object.entries(ISSUE_RULE_REQUIREMENT)) expect(ids.has(id), `${rule} → ${id}`).toBe(true);
    for (const id of Object.keys(LAW_FIGURES)) expect(ids.has(id), id).toBe(true);
  });
});

describe('the trace’s reading of the code', () => {
  it('IDs are cited whole: an item cited without its letter is its first part; a longer number is another item', () => {
    expect(citedIds('A-6.2, O-3.3: the officer…', ids)).toEqual(['A-6.2a', 'O-3.3']);
    expect(citedIds('A-6.2b hold; A-6.25 or O-3.10 or XA-5.1', ids)).toEqual(['A-6.2b']);
    expect(citedIds('(O-4.1, O-6) and P-5.', ids)).toEqual(['O-4.1', 'O-6', 'P-5']);
  });

  it('test titles in any quotes, escaped quotes kept; template literals keep their ${…} and match the titles run', () => {
    // Spelled so that the trace, which reads this file too, finds no test declared in the string.
    const [it_, test_] = ['it', 'test'];
    const src = `${it_}('A-6.3 it\\'s mandatory', () => {});\n${test_}("O-1 pairing", fn);\n${it_}.skip(\`A-9.3 \${kind} consent\`, fn);`;
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
