import type { Paragraph } from 'docx';
import { asSentence, letterHeading } from '../../../domain/headings.ts';
import type { ItemDocument, ItemLanguage, OralChannel, RefusalGround } from '../../../domain/items.ts';
import { kazakhLongDate } from '../../../domain/time.ts';
import type { Party } from '../../../domain/registry.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { formatDateDots, type IsoDate } from '../../../domain/time.ts';
import { bilingualBlank, signerName } from '../../lib/docx-parts.ts';
import { officialDocx, para, type OfficialDocumentSpec } from '../../lib/docx.ts';
import { pick, translate } from '../../lib/i18n.ts';
import type { OfficeRow } from '../registry/index.ts';
import type { ConsentRow, ItemWithOffices } from './items.repository.ts';

/**
 * The letters of an item (domain ITEM_DOCUMENTS) as a prosecutor writes them, in Russian or, for a
 * Kazakh-language item, in Kazakh: the basis in the Agreement and the Protocol, the user's texts as
 * sentences of their own after a connecting sentence, the attachments by name with their sheets,
 * the signature block and the executor with a telephone. The layout is server/lib/docx.ts's.
 */

export interface Person {
  id: string;
  fullName: string;
  roles: string[];
  phone: string | null;
}

export interface AttachmentEntry {
  /** The file's name without its extension, as the attachment line names it. */
  name: string;
  /** Pages of a PDF, 1 for an image, null when unknown (the line names the file only). */
  sheets: number | null;
}

export interface LetterInput {
  found: ItemWithOffices;
  document: ItemDocument;
  /** The head or deputy who signed (or will sign: null leaves the name for the signature). */
  signer: Person | null;
  /** The official who prepared the letter; never the signer. */
  executor: Person | null;
  attachments: AttachmentEntry[];
  /** The highest level of the pieces the letter carries: its marking. */
  marking: string;
  /** The letter's own date and registration number, where the system knows them. */
  date: IsoDate | null;
  number: string | null;
  /** The authenticity question: why the request is doubted. */
  doubtReason?: string | null;
  /** The oral request's date in the sender's zone (its written confirmation). */
  oralDate?: IsoDate | null;
  consent?: ConsentRow;
}

const name = (o: OfficeRow, lang: ItemLanguage) => pick({ ru: o.nameRu, kk: o.nameKk, en: o.nameEn }, lang);

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
  return `${translate(lang, head ? 'documents:itemLetters.positionHead' : 'documents:itemLetters.positionDeputy')}\n${officeName}`;
}

/** The addressee in the dative: «Прокурору Западно-Казахстанской области», «Батыс Қазақстан облысының прокурорына»; else the office's name. */
export function addresseeOf(officeName: string, lang: ItemLanguage): string {
  if (lang === 'ru' && officeName.startsWith('Прокуратура '))
    return `${translate(lang, 'documents:itemLetters.addresseePrefix')} ${officeName.slice('Прокуратура '.length)}`;
  if (lang === 'kk' && officeName.endsWith(' прокуратурасы'))
    return `${officeName.slice(0, -' прокуратурасы'.length)} ${translate(lang, 'documents:itemLetters.addresseePrefix')}`;
  return translate(lang, 'documents:itemLetters.addresseeFallback', { name: officeName });
}

/** A Russian office writes on its corner blank in the letter's language; a Kazakh office on the bilingual blank (Kazakh left, Russian right). */
function blankOf(office: OfficeRow, lang: ItemLanguage): Pick<OfficialDocumentSpec, 'top' | 'blank'> {
  if (office.party === 'KZ') return { top: [bilingualBlank(office)], blank: [] };
  return { blank: [translate(lang, `documents:blank.superior.${office.party}`), name(office, lang), office.address ?? ''].filter(Boolean) };
}

function signatureOf(signer: Person | null, lang: ItemLanguage, office: OfficeRow) {
  const head = !signer || signer.roles.includes('head');
  const position = positionOf(name(office, lang), lang, head);
  return { position, name: signer ? signerName(signer.fullName) : '' };
}

/** The executor's lines at the foot: the full name, then the telephone when the profile has one. */
function executorOf(executor: Person | null, lang: ItemLanguage): string | undefined {
  if (!executor) return undefined;
  const lines = [translate(lang, 'documents:itemLetters.executor', { name: executor.fullName })];
  if (executor.phone) lines.push(translate(lang, 'documents:itemLetters.executorPhone', { phone: executor.phone }));
  return lines.join('\n');
}

export async function itemDocx(input: LetterInput): Promise<Buffer> {
  const { found, document } = input;
  const item = found.item;
  const lang: ItemLanguage = item.language === 'kk' ? 'kk' : 'ru';
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, `documents:itemLetters.${key}`, vars);
  const proposal = item.kind === 'proposal';
  // Dates: «10.03.2026» in Russian; «2026 жылғы 10 наурыз» (and «…наурыздағы» before a noun) in Kazakh.
  const dateOf = (d: IsoDate, form: 'plain' | 'attributive' | 'locative' = 'plain') => (lang === 'kk' ? kazakhLongDate(d, form) : formatDateDots(d));
  const BLANK = '________';
  const dateLine = `${input.date ? dateOf(input.date) : BLANK} № ${input.number ?? BLANK}`;
  const itemHeading = letterHeading(item.subject, lang, item.kind);
  const reference = item.outgoingDate
    ? t(item.outgoingNumber ? 'reference' : 'referenceNoNumber', { date: dateOf(item.outgoingDate, 'attributive'), number: item.outgoingNumber })
    : '';
  const replyLine =
    item.outgoingDate && item.outgoingNumber ? t('replyTo', { number: item.outgoingNumber, date: dateOf(item.outgoingDate, 'attributive') }) : undefined;
  const theirItem = t(proposal ? 'yourProposal' : 'yourRequest', { reference, heading: itemHeading }).replace(/\s+/g, ' ');
  const marking = input.marking && input.marking !== 'open' ? translate(lang, `documents:marking.${input.marking}`) : undefined;
  const body: Paragraph[] = [];
  // A connecting sentence, then the user's own text as sentences of its own.
  const add = (lead: string, text?: string | null) => {
    const tail = text?.trim() ? ` ${asSentence(text)}` : '';
    body.push(para(`${lead}${tail}`, { indent: true, after: 120 }));
  };
  const agreement = t('agreement');
  const stateOf = (party: Party) => t(`stateGenitive.${party}`);
  const attachments = input.attachments.length
    ? {
        label: t('attachments', { count: input.attachments.length, list: '' }).trim(),
        entries: input.attachments.map((a) => (a.sheets ? t('attachmentSheets', { name: a.name, count: a.sheets }) : t('attachmentCopy', { name: a.name }))),
      }
    : undefined;

  // Who writes to whom.
  const letter = (from: OfficeRow, to: OfficeRow, heading: string, extra: Partial<OfficialDocumentSpec> = {}) =>
    officialDocx({
      title: heading,
      ...blankOf(from, lang),
      dateLine,
      addressee: [addresseeOf(name(to, lang), lang)],
      marking,
      heading,
      body,
      attachments,
      signature: signatureOf(input.signer, lang, from),
      executor: executorOf(input.executor, lang),
      ...extra,
    });

  if (document === 'request' || document === 'confirmation') {
    const protocol = t('protocolAndAgreement');
    if (document === 'confirmation' && input.oralDate) {
      const channel = t(`channel.${(item.oralChannel ?? 'other') as OralChannel}`);
      add(t('basis.confirmation', { protocol, date: dateOf(input.oralDate, 'locative'), channel }));
    } else add(t(proposal ? 'basis.proposal' : 'basis.request', { protocol }));
    add(t(proposal ? 'essenceProposal' : 'essence'), item.essence);
    add(t(proposal ? 'purposeProposal' : 'purpose'), item.purpose);
    add(t(proposal ? 'offered' : 'assistance'), item.assistance);
    if (item.otherInfo?.trim()) add(t('otherInfo'), item.otherInfo);
    // A proposal speaks of itself as a proposal, not a request.
    const ofKind = (key: string) => `${key}${proposal ? 'Proposal' : ''}`;
    if (item.costArrangement === 'agreed') add(`${t(ofKind('costsAgreed'))} ${t('costsTerms')}`, item.costTerms);
    else add(t(ofKind('costsOwn')));
    if (item.confidentiality !== 'open') add(t(ofKind('confidentiality'), { level: translate(lang, `documents:marking.${item.confidentiality}`) }));
    const requested = found.intended ?? found.to;
    if (item.translationAttached) add(t(ofKind('translation'), { language: t(`translationLanguage.${requested.party === 'KZ' ? 'kk' : 'ru'}`) }));
    add(t(proposal ? 'answerProposal' : 'answerRequest'));
    return letter(found.from, requested, itemHeading);
  }

  if (document === 'authenticity') {
    add(t('authenticity.received', { item: theirItem }));
    add(t('authenticity.ask', { agreement }));
    if (input.doubtReason?.trim()) add(t('authenticity.reason'), input.doubtReason);
    add(t('authenticity.held'));
    return letter(found.to, found.from, t('headings.authenticity'), { replyLine });
  }

  if (document === 'refusal') {
    const outcome = item.outcome === 'partially_executed' ? 'partially_executed' : 'refused';
    const grounds = new Intl.ListFormat(lang, { type: 'conjunction' }).format(
      (item.refusalGrounds as RefusalGround[]).map((g) => t(`grounds.${g}`, { state: stateOf(found.to.party) })),
    );
    add(t(outcome === 'refused' ? 'refusal.considered' : 'refusal.consideredPartly', { item: theirItem }));
    add(t(`refusal.${outcome}`, { agreement, grounds }));
    if (item.outcomeReason?.trim()) add(t('refusal.reason'), item.outcomeReason);
    if (item.conditions?.trim() && item.conditionsStatus === 'rejected') add(t('refusal.conditionsRejected'), item.conditions);
    return letter(found.to, found.from, t(`headings.${outcome}`), { replyLine });
  }

  if (document === 'outcome') {
    const outcome = item.outcome ?? 'executed';
    add(t(`outcome.${outcome}${proposal ? 'Proposal' : ''}`, { item: theirItem }));
    if (outcome === 'refused') add(t('outcome.refusedNotice'));
    if (outcome === 'partially_executed') add(t('outcome.refusalNotice'));
    if (item.outcomeText?.trim()) add(t('outcome.text'), item.outcomeText);
    if (item.legalBasisApplied?.trim()) add(t('outcome.legalBasis', { state: stateOf(found.to.party) }), item.legalBasisApplied);
    if (item.conditions?.trim() && item.conditionsStatus === 'accepted') add(t('outcome.conditionsAccepted'), item.conditions);
    return letter(found.to, found.from, t(proposal ? 'headings.outcomeProposal' : 'headings.outcomeRequest'), { replyLine });
  }

  // the consent letters go between the recipient of the information and its provider.
  const consent = input.consent!;
  const requester = consent.requesterOfficeId === found.from.id ? found.from : found.to;
  const provider = consent.providerOfficeId === found.from.id ? found.from : found.to;
  const sourceVars = { reference, heading: itemHeading };
  if (document === 'consent_request') {
    add(t('consent.ask', { agreement, source: t(proposal ? 'consent.sourceProposal' : 'consent.sourceRequest', sourceVars).replace(/\s+/g, ' ') }));
    add(t('consent.purpose'), consent.purpose);
    add(t('consent.justification'), consent.justification);
    return letter(requester, provider, t('headings.consentRequest'));
  }
  const granted = consent.status === 'granted';
  add(
    t('consent.considered', { agreement, source: t(proposal ? 'consent.sourceProposalOurs' : 'consent.sourceRequestTheirs', sourceVars).replace(/\s+/g, ' ') }),
  );
  add(t(granted ? 'consent.granted' : 'consent.refused'), consent.purpose);
  if (consent.decisionNote?.trim()) add(t(granted ? 'consent.note' : 'consent.refusalNote'), consent.decisionNote);
  return letter(provider, requester, t(granted ? 'headings.consentGranted' : 'headings.consentRefused'));
}
