import { LAW_DOCUMENTS, type LawDocument } from '../../../domain/law.ts';
import type { LawRequirement } from '../../api/types.ts';
import type { Locale } from '../../../domain/schemas/common.ts';

export interface LawFilter {
  q: string;
  document: LawDocument | null;
  unconfirmed: boolean;
}

/**
 * A reviewed text (the rule, what the system does) in the user's language, with the language it is
 * in for the `lang` attribute: the English original only while the translation is missing.
 */
export function inLocale(texts: Readonly<Record<Locale, string>>, locale: Locale): { text: string; lang: Locale } {
  return texts[locale].trim() ? { text: texts[locale], lang: locale } : { text: texts.en, lang: 'en' };
}

export const parseDocument = (v: string | null): LawDocument | null => ((LAW_DOCUMENTS as readonly string[]).includes(v ?? '') ? (v as LawDocument) : null);

/**
 * The requirements a filter keeps: the text searched is what the page shows of each (its ID, article
 * label, the article's text, the rule and what the system does in the user's language, and their
 * English originals). The one an address points at (`/law#A-6.3`) is always kept, so a link from an
 * error never lands on nothing.
 */
export function filterRequirements(
  list: readonly LawRequirement[],
  f: LawFilter,
  locale: Locale,
  label: (r: LawRequirement) => string,
  anchor: string | null,
): LawRequirement[] {
  const words = f.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((r) => {
    if (r.id === anchor) return true;
    if (f.document && r.document !== f.document) return false;
    if (f.unconfirmed && r.confirmed) return false;
    if (words.length === 0) return true;
    const hay = [r.id, label(r), r.text.ru, r.text.kk ?? '', r.rule[locale], r.rule.en, r.does[locale], r.does.en].join(' ').toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
