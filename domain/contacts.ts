import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { calendarDaysDeadline, compareDates, isPast, localDate, type Deadline, type IsoDate } from './time.ts';

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

export interface ComplianceInput {
  /** Null where no designation deadline applies to the office (no order of its Party sets one). */
  deadline: Deadline | null;
  /** First day of the earliest designation the office has recorded, if any. */
  firstDesignatedOn: IsoDate | null;
  currentContacts: number;
  now: Date;
}

/**
 * ok: has a contact, first designated in time; late: has one, first designated after the deadline;
 * pending: none yet, deadline ahead; overdue: none, deadline passed; lapsed: had contacts, none now;
 * missing: none, and no deadline applies.
 */
export function complianceStatus(input: ComplianceInput): ComplianceStatus {
  const { deadline, firstDesignatedOn, currentContacts, now } = input;
  if (firstDesignatedOn === null) {
    if (!deadline) return 'missing';
    return isPast(deadline, now) ? 'overdue' : 'pending';
  }
  if (currentContacts === 0) return 'lapsed';
  if (!deadline) return 'ok';
  return compareDates(firstDesignatedOn, deadline.lastDay) <= 0 ? 'ok' : 'late';
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
    display: parsed.formatInternational(),
  };
}

/** The fields that make up a contact's personal data; the only ones kept (152-FZ, Law 94-V). */
export const CONTACT_DATA_FIELDS = ['surname', 'firstName', 'patronymic', 'position', 'phone', 'email'] as const;
export type ContactDataField = (typeof CONTACT_DATA_FIELDS)[number];
export type ContactData = Record<ContactDataField, string | null>;

/** Which personal-data fields differ between two versions of a contact. */
export function changedContactFields(before: ContactData, after: ContactData): ContactDataField[] {
  return CONTACT_DATA_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}

export function fullName(c: Pick<ContactData, 'surname' | 'firstName' | 'patronymic'>): string {
  return [c.surname, c.firstName, c.patronymic].filter(Boolean).join(' ');
}

/** «И.О. Фамилия», the form used in signature blocks and addressee lines. */
export function initialsAndSurname(c: Pick<ContactData, 'surname' | 'firstName' | 'patronymic'>): string {
  const initials = [c.firstName, c.patronymic].filter(Boolean).map((n) => `${n!.charAt(0)}.`).join('');
  return `${initials} ${c.surname ?? ''}`.trim();
}
