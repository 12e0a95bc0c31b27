import type { Party } from './registry.ts';

/**
 * Written requests and initiative proposals: the catalogs of the Agreement, the Protocol
 * and the Order. Labels live in the i18n files under the same keys.
 */

/** a request of the interested Party, or a proposal on a Party's own initiative. */
export const ITEM_KINDS = ['request', 'proposal'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** O-2 / P-2: the five forms of direct interaction. */
export const FORMS = [
  'crime_information', // exchange of information and documents on the state and trends of crime, incl. organized crime
  'experience_exchange', // exchange of experience in protecting rights and countering crime, incl. meetings, conferences, seminars
  'working_meetings', // working meetings to learn the organization of prosecutorial work and other matters of mutual interest
  'legislation_information', // exchange of information on national legislation and supervisory matters
  'other_assistance', // assistance on other matters within the competence of the border (incl. transport) offices
] as const;
export type Form = (typeof FORMS)[number];

/** O-3.2 priority areas, then the wider directions of A-2: one vocabulary for the analysis. */
export const PRIORITY_AREAS = [
  'organized_crime',
  'terrorism_extremism',
  'drug_trafficking',
  'digital_financial_assets',
  'digital_currency',
  'ict_crime',
  'minors_rights',
  'environment',
  'human_rights',
  'corruption',
  'arms_trafficking',
  'economic_crime',
  'high_tech_crime',
  'human_trafficking',
  'extradition_legal_assistance',
  'training',
  'research',
] as const;
export type PriorityArea = (typeof PRIORITY_AREAS)[number];
/** The eight areas item 3.2 of the Order singles out. */
export const ORDER_PRIORITY_AREAS: readonly PriorityArea[] = PRIORITY_AREAS.slice(0, 8);

/**
 * O-3.4: what the matter is. Only matters within the Protocol and item 2 of the Order go directly;
 * legal assistance in criminal cases, extradition and anything else go through the coordinator.
 */
export const SUBJECT_MATTERS = ['within_protocol', 'legal_assistance', 'extradition', 'outside_protocol'] as const;
export type SubjectMatter = (typeof SUBJECT_MATTERS)[number];

/** at least open, for official use, and a restricted level. */
export const CONFIDENTIALITY_LEVELS = ['open', 'official_use', 'restricted'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];
export const confidentialityRank = (c: Confidentiality): number => CONFIDENTIALITY_LEVELS.indexOf(c);

/** who may read a piece of each level and who may change it: domain/confidentiality.ts. */

/** each Party bears its own costs unless agreed otherwise in the particular case. */
export const COST_ARRANGEMENTS = ['each_own', 'agreed'] as const;
export type CostArrangement = (typeof COST_ARRANGEMENTS)[number];

/** the only grounds for refusing execution, fully or partly. */
export const REFUSAL_GROUNDS = ['sovereignty', 'security', 'essential_interests', 'contrary_to_legislation', 'contrary_to_international_obligations'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const OUTCOMES = ['executed', 'partially_executed', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** the outcomes that refuse execution, fully or partly. */
export const REFUSAL_OUTCOMES: readonly Outcome[] = ['partially_executed', 'refused'];
export const isRefusal = (outcome: Outcome): boolean => REFUSAL_OUTCOMES.includes(outcome);

/** The files of an item: its content (signed with it), the answer's documents, the consultation's. */
/** `letter`: the scan of a counterpart's letter recorded here (domain/letters.ts). */
export const ATTACHMENT_ROLES = ['content', 'outcome', 'consultation', 'letter'] as const;
export type AttachmentRole = (typeof ATTACHMENT_ROLES)[number];

/**
 * The letters of an item: the request (or proposal) letter; the written confirmation of an urgent
 * oral request (A-6.2a); the requested office's question on its authenticity (A-6.2b); the refusal
 * notice; the outcome letter; and, one per consent, the request for consent to
 * another use and the provider's decision.
 */
export const ITEM_DOCUMENTS = ['request', 'confirmation', 'authenticity', 'refusal', 'outcome', 'consent_request', 'consent_decision'] as const;
export type ItemDocument = (typeof ITEM_DOCUMENTS)[number];
/** The letters of one consent, asked with its id. */
export const CONSENT_DOCUMENTS = ['consent_request', 'consent_decision'] as const satisfies readonly ItemDocument[];
export type ConsentDocument = (typeof CONSENT_DOCUMENTS)[number];
export const isConsentDocument = (d: ItemDocument): d is ConsentDocument => (CONSENT_DOCUMENTS as readonly ItemDocument[]).includes(d);
/** The letters that carry the request's (or proposal's) own text. */
export const carriesContent = (d: ItemDocument): boolean => d === 'request' || d === 'confirmation';
/** The letters that carry the answer. */
export const carriesAnswer = (d: ItemDocument): boolean => d === 'refusal' || d === 'outcome';

/**
 * The item's letters that apply (without the consents'): the written confirmation instead of the
 * request letter for an oral request; the authenticity question once it was asked; the refusal
 * notice for a full or partial refusal; the outcome letter once the outcome is recorded.
 */
export function itemDocuments(i: { mode: ItemMode; doubted: boolean; outcome: Outcome | null }): ItemDocument[] {
  const docs: ItemDocument[] = [i.mode === 'oral' ? 'confirmation' : 'request'];
  if (i.doubted) docs.push('authenticity');
  if (i.outcome && isRefusal(i.outcome)) docs.push('refusal');
  if (i.outcome) docs.push('outcome');
  return docs;
}

/** A consent's letters: its request at once, the decision once taken. */
export const consentDocuments = (status: 'pending' | 'granted' | 'refused'): ConsentDocument[] =>
  status === 'pending' ? ['consent_request'] : ['consent_request', 'consent_decision'];

export type OutcomeRule = 'refusal_ground' | 'refusal_reason' | 'grounds_not_allowed';
export interface OutcomeIssue {
  field: 'refusalGrounds' | 'reason';
  rule: OutcomeRule;
  /** English fallback; the web shows its own translation of the rule. */
  message: string;
}

export const OUTCOME_ISSUES: Record<OutcomeRule, OutcomeIssue> = {
  refusal_ground: { field: 'refusalGrounds', rule: 'refusal_ground', message: 'Choose at least one ground (A-7.1)' },
  refusal_reason: { field: 'reason', rule: 'refusal_reason', message: 'State the reason (A-7.3)' },
  grounds_not_allowed: { field: 'refusalGrounds', rule: 'grounds_not_allowed', message: 'Grounds only for a refusal (A-7.1)' },
};

/**
 * a full or partial refusal names at least one ground of Article 7.1 and states its
 * reason; an execution names no ground. The machine's guard, the server and the web's dialog all
 * ask this (the server answers a missing ground with REFUSAL_GROUND_REQUIRED, the rest as invalid input).
 */
export function outcomeIssues(o: { outcome: Outcome; refusalGrounds: readonly RefusalGround[]; reason?: string | null | undefined }): OutcomeIssue[] {
  if (!isRefusal(o.outcome)) return o.refusalGrounds.length > 0 ? [OUTCOME_ISSUES.grounds_not_allowed] : [];
  const issues: OutcomeIssue[] = [];
  if (o.refusalGrounds.length === 0) issues.push(OUTCOME_ISSUES.refusal_ground);
  if (!o.reason?.trim()) issues.push(OUTCOME_ISSUES.refusal_reason);
  return issues;
}

/** a request made in writing, or orally in urgent cases (confirmed in writing afterwards). */
export const ITEM_MODES = ['written', 'oral'] as const;
export type ItemMode = (typeof ITEM_MODES)[number];

/** O-3.4: directly to the counterpart, or through the sender's coordinator. */
export const ROUTES = ['direct', 'coordinator'] as const;
export type Route = (typeof ROUTES)[number];

/** conditions proposed in consultations, and the requester's answer to them. */
export const CONDITIONS_STATUSES = ['none', 'proposed', 'accepted', 'rejected'] as const;
export type ConditionsStatus = (typeof CONDITIONS_STATUSES)[number];

/** channels an urgent request can be made through orally. */
export const ORAL_CHANNELS = ['phone', 'video', 'in_person', 'other'] as const;
export type OralChannel = (typeof ORAL_CHANNELS)[number];

export const ITEM_LANGUAGES = ['ru', 'kk'] as const;
export type ItemLanguage = (typeof ITEM_LANGUAGES)[number];

/** The language of the requested Party's state. */
export const stateLanguage = (party: Party): ItemLanguage => (party === 'RU' ? 'ru' : 'kk');

export const LINK_KINDS = ['in_reply_to', 'further_to'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** the content a request must have before it can be signed or sent. */
export interface ItemContent {
  kind: ItemKind;
  fromOfficeId: string | null;
  toOfficeId: string | null;
  /** The heading «О …» of the letter. */
  subject: string;
  essence: string;
  purpose: string;
  /** For a request the assistance asked for; for a proposal what is offered. */
  assistance: string;
  otherInfo: string | null;
  form: Form | null;
  priorityAreas: PriorityArea[];
  subjectMatter: SubjectMatter;
  language: ItemLanguage;
  translationAttached: boolean;
  confidentiality: Confidentiality;
  costArrangement: CostArrangement;
  costTerms: string | null;
}

export type MandatoryField = 'fromOfficeId' | 'toOfficeId' | 'subject' | 'essence' | 'purpose' | 'assistance' | 'form' | 'costTerms';

/** the fields still missing; an empty list means the item may be signed. */
export function missingMandatoryFields(c: ItemContent): MandatoryField[] {
  const missing: MandatoryField[] = [];
  const blank = (v: string | null | undefined) => !v || v.trim().length === 0;
  if (!c.fromOfficeId) missing.push('fromOfficeId');
  if (!c.toOfficeId) missing.push('toOfficeId');
  if (blank(c.subject)) missing.push('subject');
  if (blank(c.essence)) missing.push('essence');
  if (blank(c.purpose)) missing.push('purpose');
  if (blank(c.assistance)) missing.push('assistance');
  if (!c.form) missing.push('form');
  if (c.costArrangement === 'agreed' && blank(c.costTerms)) missing.push('costTerms');
  return missing;
}

export type ItemWarning = 'TRANSLATION_MISSING' | 'TRANSLATION_FILE_MISSING';

/** the mark «translation attached» stands for a file: it needs a content attachment marked as the translation. */
export interface TranslationIssue {
  field: 'translationAttached';
  rule: 'translation_file_required';
  /** English fallback; the web shows its own translation of the rule. */
  message: string;
}

export function translationIssues(
  c: Pick<ItemContent, 'translationAttached'>,
  attachments: readonly { role: string; translation: boolean }[],
): TranslationIssue[] {
  if (!c.translationAttached || attachments.some((a) => a.role === 'content' && a.translation)) return [];
  return [{ field: 'translationAttached', rule: 'translation_file_required', message: 'Attach the translation and mark it as such (A-6.5)' }];
}

/** warn when the text is not in the requested state's language and no translation is attached. */
export function contentWarnings(
  c: Pick<ItemContent, 'language' | 'translationAttached'>,
  receiverParty: Party | null,
  /** The item's files, when known: the mark then needs its file (translationIssues). */
  attachments: readonly { role: string; translation: boolean }[] | null = null,
): ItemWarning[] {
  const warnings: ItemWarning[] = [];
  if (receiverParty && c.language !== stateLanguage(receiverParty) && !c.translationAttached) warnings.push('TRANSLATION_MISSING');
  if (attachments && translationIssues(c, attachments).length) warnings.push('TRANSLATION_FILE_MISSING');
  return warnings;
}
