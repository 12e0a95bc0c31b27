import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleText, buildRequirements, catalogRows, type Requirement } from '../../../scripts/law-import.ts';
import { buildTrace, ROOT, TRACE_FILE, traceJson } from '../../../scripts/law-trace.ts';
import { ISSUE_RULE_REQUIREMENT } from '../../../domain/law.ts';
import { TAG } from '../../test/build-test-app.ts';

const read = (p: string) => fs.readFileSync(`${ROOT}/${p}`, 'utf8');
const data = JSON.parse(read('docs/law/requirements.json')) as { requirements: Requirement[] };
const ids = new Set(data.requirements.map((r) => r.id));

/** The law page's files against their sources: the spec copies in docs/spec and the code. */
describe(`the law page’s data ${TAG}`, () => {
  it('every ID of the catalog (docs/spec/requirements.md) is in the data, with its article’s Russian text', () => {
    const catalog = catalogRows(read('docs/spec/requirements.md')).flatMap((r) => r.ids);
    expect(catalog.length).toBeGreaterThan(30);
    expect([...ids].sort()).toEqual([...new Set(catalog)].sort());
    const legal = read('docs/spec/legal-basis.ru.md');
    for (const r of data.requirements) {
      // The text is the article as the spec has it now, not an edited copy.
      expect(r.text.ru, r.id).toBe(articleText(legal, r.document, r.article));
    }
  });

  it('every requirement has its rule and what the system does in ru, kk and en; the ru and kk are translations, not the English or each other', () => {
    const cyrillic = /\p{Script=Cyrillic}/u;
    for (const r of data.requirements) {
      for (const field of ['rule', 'does'] as const) {
        const { ru, kk, en } = r[field];
        for (const [lng, s] of Object.entries({ ru, kk, en })) expect(s.trim(), `${r.id} ${field}.${lng}`).toBeTruthy();
        for (const [lng, s] of Object.entries({ ru, kk })) {
          expect(s, `${r.id} ${field}.${lng}`).not.toBe(en);
          expect(s, `${r.id} ${field}.${lng}`).toMatch(cyrillic);
        }
        expect(kk, `${r.id} ${field}.kk`).not.toBe(ru);
      }
    }
  });

  it('the committed data is what `npm run law:import` gives now: the catalog’s English and the reviewed translations are kept', () => {
    const built = buildRequirements(read('docs/spec/requirements.md'), read('docs/spec/legal-basis.ru.md'), data.requirements);
    expect(built).toEqual(data.requirements);
    // Without a previous file the translations are empty, for a reviewer to fill in, never the English copied.
    const fresh = buildRequirements(read('docs/spec/requirements.md'), read('docs/spec/legal-basis.ru.md'), []);
    expect(fresh.every((r) => r.rule.ru === '' && r.rule.kk === '' && r.does.ru === '' && r.does.kk === '')).toBe(true);
  });

  it('every field rule linked to an article is a rule the web translates (validation.json)', () => {
    const validation = JSON.parse(read('web/i18n/locales/en/validation.json')) as Record<string, string>;
    for (const [rule, id] of Object.entries(ISSUE_RULE_REQUIREMENT)) {
      expect(
        Object.keys(validation).some((k) => k === rule || k.startsWith(`${rule}_`)),
        rule,
      ).toBe(true);
      expect(ids.has(id), `${rule} → ${id}`).toBe(true);
    }
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
