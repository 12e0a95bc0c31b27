import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../domain/schemas/common.ts';
import { loadResources } from './index.ts';

/**
 * Counts are said with agreeing nouns («1 документ», «2 документа», «5 документов»): a number put
 * before a counted noun needs i18next plural forms with `count`, in every language.
 */
const PLURAL = /_(zero|one|two|few|many|other)$/;
// A number variable (not a name, a registration number or a line number) before a counted noun.
const NUMBER = String.raw`\{\{\s*(?!(?:number|line|officeName|office|name|code|title|kind|itemKind)\b)\w+\s*\}\}\s+`;
const COUNTED: Record<string, RegExp> = {
  ru: new RegExp(`${NUMBER}(документ|файл|день|дня|дней|дн\\.|ответ|запрос|предложени|мероприяти|запис|час|сут)`, 'u'),
  en: new RegExp(`${NUMBER}(documents?|files?|days?|answers?|requests?|proposals?|events?|hours?)\\b`, 'u'),
};

function strings(o: unknown, path: string[] = []): [string, string][] {
  if (typeof o === 'string') return [[path.join('.'), o]];
  if (o && typeof o === 'object') return Object.entries(o).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

describe('counts in the texts', () => {
  const resources = loadResources();

  it('no text puts a number before a counted noun without plural forms; no dash pair or «— дн.» for a missing value', () => {
    const bad: string[] = [];
    for (const lng of LOCALES)
      for (const [ns, tree] of Object.entries(resources[lng] ?? {}))
        for (const [key, value] of strings(tree)) {
          if (!PLURAL.test(key) && COUNTED[lng]?.test(value)) bad.push(`${lng}/${ns}:${key}`);
          if (/—\s*—|— дн\./.test(value)) bad.push(`${lng}/${ns}:${key} (dash)`);
        }
    expect(bad).toEqual([]);
  });

  it('the counted nouns agree in Russian and stay singular after a numeral in Kazakh', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', interpolation: { escapeValue: false } });
    const sent = (count: number, lng = 'ru') => i18n.t('documents:analysis.summarySent', { lng, count, requests: 1, proposals: 0 });
    expect([1, 2, 5, 21].map((n) => sent(n).match(/\d+ \p{L}+/u)![0])).toEqual(['1 документ', '2 документа', '5 документов', '21 документ']);
    expect(sent(0)).toBe('Прокуратурами документы не направлялись');
    expect(sent(5, 'kk')).toMatch(/^Прокуратуралар 5 құжат жіберді/);
    expect(sent(1, 'en')).toMatch(/^The offices sent 1 document \(/);
    expect(i18n.t('items:attachments.limitsHint', { mb: 20, count: 1 })).toBe('до 20 МБ на файл, не более 1 файла за раз');
    expect(i18n.t('items:attachments.limitsHint', { mb: 20, count: 10 })).toBe('до 20 МБ на файл, не более 10 файлов за раз');
    expect(i18n.t('validation:too_many_files', { count: 2, lng: 'en' })).toBe('At most 2 files can be attached at once');
    expect(i18n.t('registry:termination.lastDay', { date: 'a', next: 'b', count: 90 })).toContain('90 дней исчисляются');
    expect(i18n.t('registry:termination.lastDay', { date: 'a', next: 'b', count: 91 })).toContain('91 день исчисляется');
  });
});
