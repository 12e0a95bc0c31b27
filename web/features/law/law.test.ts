import { describe, expect, it } from 'vitest';
import { LAW_DOCUMENTS, LAW_FIGURE_KEYS, LAW_SECTIONS, lawPath, TEST_RESULTS } from '../../../domain/law.ts';
import { LOCALES } from '../../../domain/schemas/common.ts';
import { ApiError } from '../../api/client.ts';
import type { LawRequirement } from '../../api/types.ts';
import { errorRequirements } from '../../components/error-message.ts';
import { loadResources } from '../../i18n/index.ts';
import { filterRequirements, inLocale } from './law-filter.ts';

const requirement = (id: string, document: 'A' | 'P' | 'O', confirmed: boolean, does: string): LawRequirement => ({
  id,
  document,
  article: id.slice(2),
  section: 'requests',
  source: '',
  text: { ru: 'Запрос об оказании содействия должен содержать', kk: null },
  rule: { en: 'A request must contain', ru: 'Запрос должен содержать', kk: 'Сұрау салуда мыналар болуға тиіс' },
  does: { ru: does, kk: does, en: does },
  rules: [],
  tests: [],
  confirmed,
  figures: [],
});

describe('law page (web)', () => {
  const list = [
    requirement('A-6.3', 'A', true, 'Обязательные поля'),
    requirement('A-7.1', 'A', false, 'Основания отказа'),
    requirement('O-3.1', 'O', false, 'Контактные лица'),
  ];
  const label = (r: LawRequirement) => r.id;

  it('filters by words of what the page shows, by document and by «не подтверждено тестами»; the article an address points at stays', () => {
    const ids = (f: Parameters<typeof filterRequirements>[1], anchor: string | null = null) =>
      filterRequirements(list, f, 'ru', label, anchor).map((r) => r.id);
    expect(ids({ q: 'основания ОТКАЗА', document: null, unconfirmed: false })).toEqual(['A-7.1']);
    expect(ids({ q: '', document: 'O', unconfirmed: false })).toEqual(['O-3.1']);
    expect(ids({ q: '', document: 'A', unconfirmed: true })).toEqual(['A-7.1']);
    expect(ids({ q: '', document: 'O', unconfirmed: false }, 'A-6.3')).toEqual(['A-6.3', 'O-3.1']);
    // The rule is searched as shown (in the user's language) and in its English original.
    expect(filterRequirements(list, { q: 'болуға тиіс', document: 'A', unconfirmed: false }, 'kk', label, null)).toHaveLength(2);
    expect(filterRequirements(list, { q: 'болуға тиіс', document: 'A', unconfirmed: false }, 'ru', label, null)).toHaveLength(0);
    expect(filterRequirements(list, { q: 'must contain', document: 'A', unconfirmed: false }, 'ru', label, null)).toHaveLength(2);
  });

  it('the rule and what the system does show in the user’s language with its `lang`; the English only while a translation is missing', () => {
    const rule = { en: 'A request must contain', ru: 'Запрос должен содержать', kk: 'Сұрау салуда мыналар болуға тиіс' };
    expect(inLocale(rule, 'ru')).toEqual({ text: rule.ru, lang: 'ru' });
    expect(inLocale(rule, 'kk')).toEqual({ text: rule.kk, lang: 'kk' });
    expect(inLocale(rule, 'en')).toEqual({ text: rule.en, lang: 'en' });
    expect(inLocale({ ...rule, kk: ' ' }, 'kk')).toEqual({ text: rule.en, lang: 'en' });
  });

  it('an error links to the articles it enforces: its code’s and its field issues’ rules, each once; others link nowhere', () => {
    expect(
      errorRequirements(new ApiError(422, 'MANDATORY_CONTENT_MISSING', 'x', { issues: [{ field: 'body.purpose', rule: 'mandatory_content', message: 'm' }] })),
    ).toEqual(['A-6.3']);
    expect(
      errorRequirements(
        new ApiError(400, 'VALIDATION_FAILED', 'x', {
          issues: [
            { field: 'body.grounds', rule: 'refusal_ground', message: 'm' },
            { field: 'body.x', rule: 'required', message: 'm' },
          ],
        }),
      ),
    ).toEqual(['A-7.1']);
    expect(errorRequirements(new ApiError(409, 'VERSION_CONFLICT', 'x'))).toEqual([]);
    expect(errorRequirements(new Error('network'))).toEqual([]);
    expect(lawPath('A-6.2a')).toBe('/law#A-6.2a');
  });

  it('every document, section, figure and test result has its text in ru, kk and en', () => {
    const resources = loadResources();
    for (const lng of LOCALES) {
      const law = resources[lng]!.law as Record<string, Record<string, string>>;
      for (const d of LAW_DOCUMENTS) for (const group of ['documents', 'documentNames', 'short']) expect(law[group]?.[d], `${lng} ${group}.${d}`).toBeTruthy();
      for (const s of LAW_SECTIONS) expect(law.sections?.[s], `${lng} ${s}`).toBeTruthy();
      for (const f of LAW_FIGURE_KEYS) expect(law.figures?.[f], `${lng} ${f}`).toBeTruthy();
      for (const r of TEST_RESULTS) expect(law.results?.[r], `${lng} ${r}`).toBeTruthy();
    }
  });
});
