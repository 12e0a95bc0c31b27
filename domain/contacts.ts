import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { addYears, calendarDaysDeadline, compareDates, formatDateDots, isPast, localDate, type Deadline, type IsoDate } from './time.ts';

/** Contact persons of the authorized offices (O-3.1, P-3, O-4.2). */

/** O-3.1: contact data goes to ГУМПС within 15 days of the Order; a setting with this default. */
export const DEFAULT_DESIGNATION_DAYS = 15;

export interface DesignationDeadlineInput {
  /** Date of the Order (10.03.2022) from the legal-basis registry. */
  orderDate: IsoDate;
  /** When the office was authorized; later than the Order for an office authorized later. */
  authorizedFrom: IsoDate | null;
  timeZone: string;
  days: number;
}

/**
 * O-3.1: an authorized office must designate its contact persons within `days` (default 15) of
 * the Order or, for an office authorized later, of its authorization; the deadline ends at
 * midnight in the office's own time zone.
 */
export function designationDeadline(input: DesignationDeadlineInput): Deadline {
  const start = input.authorizedFrom && compareDates(input.authorizedFrom, input.orderDate) > 0 ? input.authorizedFrom : input.orderDate;
  return calendarDaysDeadline(start, input.days, input.timeZone);
}

export const COMPLIANCE_STATUSES = ['ok', 'late', 'pending', 'overdue', 'lapsed', 'missing'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
const daysFrom = (a: IsoDate, b: IsoDate): number => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** The day an entry was recorded, i.e. the day ГУМПС was informed of it (O-3.1), in the office's zone. */
export function recordedOn(recordedAt: Date, timeZone: string): IsoDate {
  return localDate(recordedAt, timeZone);
}

/**
 * How many days an entry is back-dated: its stated effective date lies that many days before the
 * day it was recorded. 0 for an entry recorded on or before the day it takes effect.
 */
export function backdatedDays(effectiveFrom: IsoDate, recorded: IsoDate): number {
  return Math.max(0, daysFrom(effectiveFrom, recorded));
}

/**
 * O-3.1 is met when ГУМПС has the data of a designated official: the designation must be in effect
 * and ГУМПС informed of it. For one designation that is the later of its stated first day and the
 * day it was recorded: a back-dated entry counts from its recording, a future-dated one from its
 * first day.
 */
export function designationInformedOn(c: { designatedFrom: IsoDate; recordedOn: IsoDate }): IsoDate {
  return compareDates(c.designatedFrom, c.recordedOn) >= 0 ? c.designatedFrom : c.recordedOn;
}

export interface DesignationSummary {
  /** The earliest stated first day of any designation (as the office entered it). */
  firstDesignatedOn: IsoDate | null;
  /** The earliest day ГУМПС knew of a designation in effect; what compliance is judged by. */
  firstInformedOn: IsoDate | null;
  /** Days between the two: how far the office's first designation is back-dated (0 when not). */
  backdatedDays: number;
}

/** The facts compliance rests on, from every designation the office has recorded. */
export function summarizeDesignations(designations: readonly { designatedFrom: IsoDate; recordedOn: IsoDate }[]): DesignationSummary {
  if (designations.length === 0) return { firstDesignatedOn: null, firstInformedOn: null, backdatedDays: 0 };
  const firstDesignatedOn = designations.map((d) => d.designatedFrom).sort()[0]!;
  const firstInformedOn = designations.map(designationInformedOn).sort()[0]!;
  return { firstDesignatedOn, firstInformedOn, backdatedDays: backdatedDays(firstDesignatedOn, firstInformedOn) };
}

export interface ComplianceInput {
  /** Null where no designation deadline applies to the office (no order of its Party sets one). */
  deadline: Deadline | null;
  /** The first day ГУМПС knew of a designation in effect (see designationInformedOn), if any. */
  firstInformedOn: IsoDate | null;
  currentContacts: number;
  now: Date;
  /** Today in the office's zone. */
  today: IsoDate;
}

/**
 * Judged by when ГУМПС was informed, not by the date the office states (a designation can be
 * entered back-dated). ok: has a contact, ГУМПС informed in time; late: has one, informed after the
 * deadline; pending: none in effect yet, deadline ahead; overdue: none, deadline passed; lapsed:
 * had contacts, none now; missing: none, and no deadline applies.
 */
export function complianceStatus(input: ComplianceInput): ComplianceStatus {
  const { deadline, firstInformedOn, currentContacts, now, today } = input;
  // A designation that starts in the future does not count yet.
  if (firstInformedOn === null || compareDates(firstInformedOn, today) > 0) {
    if (!deadline) return 'missing';
    return isPast(deadline, now) ? 'overdue' : 'pending';
  }
  if (currentContacts === 0) return 'lapsed';
  if (!deadline) return 'ok';
  return compareDates(firstInformedOn, deadline.lastDay) <= 0 ? 'ok' : 'late';
}

// ─── plausible dates ─────────────────────────────────────────────────────────

/**
 * How far ahead a designation, a change or an end may be dated: one year. The law sets no number
 * (changes are reported "immediately"); a planned end within the year is real, a later date is a
 * typing error such as 2062 and is refused.
 */
export const MAX_YEARS_AHEAD = 1;

export interface LegalBasisForDates {
  code: string;
  kind: string;
  party: 'RU' | 'KZ' | null;
  inForceFrom: IsoDate | null;
  enablesDirectExchange: boolean;
}

/**
 * The document from which an office of `party` can have designated officials: its Party's
 * implementing order (Order No. 136 for Russia), otherwise the earliest document enabling direct
 * exchange (the 2022 Protocol).
 */
export function designationBasis(docs: readonly LegalBasisForDates[], party: 'RU' | 'KZ'): { code: string; kind: string; inForceFrom: IsoDate } | null {
  const dated = docs
    .filter((d): d is LegalBasisForDates & { inForceFrom: IsoDate } => d.inForceFrom !== null)
    .sort((a, b) => compareDates(a.inForceFrom, b.inForceFrom));
  const doc = dated.find((d) => d.kind === 'order' && d.party === party) ?? dated.find((d) => d.enablesDirectExchange);
  return doc ? { code: doc.code, kind: doc.kind, inForceFrom: doc.inForceFrom } : null;
}

export interface ContactDateContext {
  basis: { code: string; inForceFrom: IsoDate } | null;
  /** The office's authorization for direct interaction, when later than the basis. */
  authorizedFrom: IsoDate | null;
  /** Today in the office's zone. */
  today: IsoDate;
}

export type ContactDateIssue =
  | { rule: 'before_legal_basis'; message: string; params: { date: string; code: string } }
  | { rule: 'before_authorization'; message: string; params: { date: string } }
  | { rule: 'too_far_ahead'; message: string; params: { date: string; years: number } };

/**
 * A date of a designation (its first day, a change's effective day, its last day) that cannot be
 * true: before the document that allows designations, before the office was authorized, or more
 * than MAX_YEARS_AHEAD ahead. Dates in `params` are DD.MM.YYYY, as every language shows them.
 */
export function contactDateIssue(date: IsoDate, ctx: ContactDateContext): ContactDateIssue | null {
  if (ctx.basis && compareDates(date, ctx.basis.inForceFrom) < 0) {
    return {
      rule: 'before_legal_basis',
      message: `Before ${ctx.basis.code} entered into force on ${ctx.basis.inForceFrom}`,
      params: { date: formatDateDots(ctx.basis.inForceFrom), code: ctx.basis.code },
    };
  }
  if (ctx.authorizedFrom && compareDates(date, ctx.authorizedFrom) < 0) {
    return {
      rule: 'before_authorization',
      message: `Before the office was authorized for direct interaction on ${ctx.authorizedFrom}`,
      params: { date: formatDateDots(ctx.authorizedFrom) },
    };
  }
  const latest = addYears(ctx.today, MAX_YEARS_AHEAD);
  if (compareDates(date, latest) > 0) {
    return {
      rule: 'too_far_ahead',
      message: `More than ${MAX_YEARS_AHEAD} year ahead (latest ${latest})`,
      params: { date: formatDateDots(latest), years: MAX_YEARS_AHEAD },
    };
  }
  return null;
}

export const needsAttention = (status: ComplianceStatus): boolean => status === 'overdue' || status === 'lapsed' || status === 'late' || status === 'missing';

/** A contact is current on `on` when its designation period covers that date. */
export function isCurrentOn(contact: { designatedFrom: IsoDate; designatedTo: IsoDate | null }, on: IsoDate): boolean {
  return compareDates(contact.designatedFrom, on) <= 0 && (contact.designatedTo === null || compareDates(on, contact.designatedTo) <= 0);
}

export function todayIn(now: Date, timeZone: string): IsoDate {
  return localDate(now, timeZone);
}

export interface NormalizedPhone {
  /** E.164 with an optional extension: `+73532445566;ext=12`. */
  e164: string;
  display: string;
}

/** Work phone numbers are validated against the numbering plans (both Parties use +7). */
export function normalizePhone(raw: string): NormalizedPhone | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), 'RU');
  if (!parsed || !parsed.isValid()) return null;
  return {
    e164: parsed.ext ? `${parsed.number};ext=${parsed.ext}` : parsed.number,
    display: ownGrouping(raw, parsed.nationalNumber) ?? parsed.formatInternational(),
  };
}

/**
 * The digits as the user grouped them («+7 3532 44-55-66»), with the national prefix 8 written +7.
 * The numbering plan's grouping would split a Russian area code of four or five digits
 * («+7 353 244 55 66»): libphonenumber groups every Russian number 3-3-2-2, whatever its metadata.
 * Null when the input has no grouping of its own or its digits are not the number's.
 */
function ownGrouping(raw: string, nationalNumber: string): string | null {
  const main = (raw.split(/\s*(?:доб\.?|ext\.?|x|#|;)/i)[0] ?? '').trim().replace(/\s+/g, ' ');
  const rest = /^(?:\+\s*7|8)\s*(.*)$/.exec(main)?.[1];
  if (!rest || rest.replace(/\D/g, '') !== nationalNumber || !/[\s\-().]/.test(rest)) return null;
  return `+7 ${rest.replace(/\)(?=\d)/, ') ')}`;
}

/** The fields that make up a contact's personal data; the only ones kept (152-FZ, Law 94-V). */
export const CONTACT_DATA_FIELDS = ['surname', 'firstName', 'patronymic', 'position', 'phone', 'email'] as const;
export type ContactDataField = (typeof CONTACT_DATA_FIELDS)[number];
export type ContactData = Record<ContactDataField, string | null>;

/** A contact's data and designation as a change records it (before and after; a replacement names its predecessor). */
export type ContactSnapshot = {
  surname: string;
  firstName: string;
  patronymic: string | null;
  position: string;
  phone: string;
  email: string;
  designatedFrom: IsoDate;
  designatedTo: IsoDate | null;
  predecessorId?: string;
};

/** Which personal-data fields differ between two versions of a contact. */
export function changedContactFields(before: ContactData, after: ContactData): ContactDataField[] {
  return CONTACT_DATA_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}

export function fullName(c: Pick<ContactData, 'surname' | 'firstName' | 'patronymic'>): string {
  return [c.surname, c.firstName, c.patronymic].filter(Boolean).join(' ');
}

/** «И.О. Фамилия», the form used in signature blocks and addressee lines. */
export function initialsAndSurname(c: Pick<ContactData, 'surname' | 'firstName' | 'patronymic'>): string {
  const initials = [c.firstName, c.patronymic]
    .filter(Boolean)
    .map((n) => `${n!.charAt(0)}.`)
    .join('');
  return `${initials} ${c.surname ?? ''}`.trim();
}
