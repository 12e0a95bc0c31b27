import type { Paragraph } from 'docx';
import { initialsAndSurname } from '../../../domain/contacts.ts';
import type { ItemDocument } from '../../../domain/items.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { formatDateDots, localDate } from '../../../domain/time.ts';
import { officialDocx, para } from '../../lib/docx.ts';
import { pick, translate } from '../../lib/i18n.ts';
import type { OfficeRow } from '../registry/index.ts';
import type { ItemWithOffices } from './items.repository.ts';

// The request letter, the refusal notice and the outcome letter (A-8.2) (domain ITEM_DOCUMENTS),
// laid out as official letters (see server/lib/docx.ts), in Russian or, for a Kazakh-language item, Kazakh.

interface Signer {
  fullName: string;
  roles: string[];
}

const name = (o: OfficeRow, lang: Locale) => pick({ ru: o.nameRu, kk: o.nameKk, en: o.nameEn }, lang);

function signerBlock(signer: Signer | null, lang: Locale, office: OfficeRow) {
  if (!signer) return undefined;
  const [surname = '', firstName = '', patronymic = ''] = signer.fullName.split(/\s+/);
  const position = positionOf(name(office, lang), lang, signer.roles.includes('head'));
  return { position, name: initialsAndSurname({ surname, firstName, patronymic: patronymic || null }) };
}

/**
 * The signer's position from the office's name: «Прокуратура Оренбургской области» gives «Прокурор
 * Оренбургской области» / «Заместитель прокурора …»; «… облысының прокуратурасы» gives «… облысының
 * прокуроры» / «… прокурорының орынбасары». Other names get the generic position and the office.
 */
export function positionOf(officeName: string, lang: Locale, head: boolean): string {
  if (lang === 'ru' && officeName.startsWith('Прокуратура '))
    return `${head ? 'Прокурор' : 'Заместитель прокурора'} ${officeName.slice('Прокуратура '.length)}`;
  if (lang === 'kk' && officeName.endsWith(' прокуратурасы'))
    return `${officeName.slice(0, -' прокуратурасы'.length)} ${head ? 'прокуроры' : 'прокурорының орынбасары'}`;
  return `${translate(lang, head ? 'documents:letters.positionHead' : 'documents:letters.positionDeputy')}\n${officeName}`;
}

function heading(subject: string, lang: Locale): string {
  const s = subject.trim().replace(/\.$/, '');
  if (lang === 'ru' && /^(О|Об|Обо)\s/.test(s)) return s;
  return translate(lang, 'documents:letters.headingPrefix', { subject: s });
}

function marking(confidentiality: string | null, lang: Locale): string | undefined {
  return confidentiality && confidentiality !== 'open' ? translate(lang, `documents:marking.${confidentiality}`) : undefined;
}

export interface LetterInput {
  found: ItemWithOffices;
  document: ItemDocument;
  signer: Signer | null;
  executorName: string | null;
  attachmentsCount: number;
  /** The highest level of the pieces the letter carries: its marking. */
  marking: string;
  now: Date;
}

export async function itemDocx(input: LetterInput): Promise<Buffer> {
  const { found, document } = input;
  const item = found.item;
  const lang: Locale = item.language === 'kk' ? 'kk' : 'ru';
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, `documents:letters.${key}`, vars);
  const requested = found.intended ?? found.to;
  const date = (d: string | null) => (d ? formatDateDots(d) : '________');
  const outgoingRef = t('reference', { number: item.outgoingNumber ?? '____', date: date(item.outgoingDate) });

  if (document === 'request') {
    const body: Paragraph[] = [
      para(t('essence', { text: item.essence }), { indent: true, after: 120 }),
      para(t('purpose', { text: item.purpose }), { indent: true, after: 120 }),
      para(t(item.kind === 'proposal' ? 'offered' : 'assistance', { text: item.assistance }), { indent: true, after: 120 }),
    ];
    if (item.otherInfo) body.push(para(t('otherInfo', { text: item.otherInfo }), { indent: true, after: 120 }));
    body.push(para(t(item.costArrangement === 'agreed' ? 'costsAgreed' : 'costsOwn', { terms: item.costTerms ?? '' }), { indent: true, after: 120 }));
    if (item.confidentiality !== 'open')
      body.push(para(t('confidentialityRequest', { level: translate(lang, `documents:marking.${item.confidentiality}`) }), { indent: true, after: 120 }));
    return officialDocx({
      title: heading(item.subject, lang),
      blank: [translate(lang, `documents:blank.superior.${found.from.party}`), name(found.from, lang), found.from.address ?? ''],
      dateLine: `${date(item.outgoingDate)} № ${item.outgoingNumber ?? '________'}`,
      addressee: [name(requested, lang)],
      marking: marking(input.marking, lang),
      heading: heading(item.subject, lang),
      body,
      attachmentLine: input.attachmentsCount ? t('attachments', { count: input.attachmentsCount }) : undefined,
      signature: signerBlock(input.signer, lang, found.from),
      executor: input.executorName ? t('executor', { name: input.executorName }) : undefined,
    });
  }

  // The refusal notice and the outcome letter go from the requested office back to the requester.
  const grounds = (item.refusalGrounds as string[]).map((g) => translate(lang, `documents:grounds.${g}`));
  const body: Paragraph[] = [];
  if (document === 'refusal') {
    body.push(
      para(t(item.outcome === 'refused' ? 'refusalFull' : 'refusalPartial', { reference: outgoingRef, subject: item.subject }), { indent: true, after: 120 }),
    );
    body.push(para(t('refusalGrounds', { grounds: grounds.join('; ') }), { indent: true, after: 120 }));
    if (item.outcomeReason) body.push(para(t('refusalReason', { reason: item.outcomeReason }), { indent: true, after: 120 }));
    if (item.conditions && item.conditionsStatus === 'rejected')
      body.push(para(t('conditionsRejected', { conditions: item.conditions }), { indent: true, after: 120 }));
  } else {
    body.push(para(t(`outcome.${item.outcome ?? 'executed'}`, { reference: outgoingRef, subject: item.subject }), { indent: true, after: 120 }));
    if (item.outcomeText) body.push(para(item.outcomeText, { indent: true, after: 120 }));
    if (item.legalBasisApplied) body.push(para(t('legalBasisApplied', { basis: item.legalBasisApplied }), { indent: true, after: 120 }));
    if (item.conditions && item.conditionsStatus === 'accepted')
      body.push(para(t('conditionsAccepted', { conditions: item.conditions }), { indent: true, after: 120 }));
  }
  return officialDocx({
    title: t(document === 'refusal' ? 'refusalHeading' : 'outcomeHeading'),
    blank: [translate(lang, `documents:blank.superior.${found.to.party}`), name(found.to, lang), found.to.address ?? ''],
    dateLine: `${formatDateDots(localDate(input.now, found.to.timeZone))} № ________`,
    addressee: [name(found.from, lang), t('replyTo', { reference: outgoingRef })],
    marking: marking(input.marking, lang),
    heading: t(document === 'refusal' ? 'refusalHeading' : 'outcomeHeading'),
    body,
    signature: signerBlock(input.signer, lang, found.to),
    executor: input.executorName ? t('executor', { name: input.executorName }) : undefined,
  });
}
