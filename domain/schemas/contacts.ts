import { z } from 'zod';
import { COMPLIANCE_STATUSES, normalizePhone } from '../contacts.ts';
import { IsoDate, PageQuery, QueryBoolean, Version } from './common.ts';
import { OfficeRef, Party } from './registry.ts';

const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((v) => /^[\p{L}][\p{L}\p{M}' .-]*$/u.test(v), { message: 'Letters, spaces, hyphens and apostrophes only', params: { rule: 'person_name' } });

export const Phone = z
  .string()
  .trim()
  .min(5)
  .max(40)
  .refine((v) => normalizePhone(v) !== null, { message: 'Not a valid telephone number', params: { rule: 'phone' } });

/** A user's work telephone, kept as printed internationally («+7 353 277-77-77»); empty clears it. */
export const OptionalPhone = z
  .union([Phone, z.literal('')])
  .nullish()
  .transform((v) => (v ? (normalizePhone(v)?.display ?? v) : null));

export const WorkEmail = z
  .email({ message: 'Not a valid e-mail address' })
  .max(254)
  .transform((v) => v.toLowerCase());

export const ContactFields = z.object({
  surname: PersonName,
  firstName: PersonName,
  patronymic: z
    .union([PersonName, z.literal('')])
    .nullish()
    .transform((v) => v || null),
  position: z.string().trim().min(2).max(300),
  phone: Phone,
  email: WorkEmail,
});

export const CreateContactBody = ContactFields.extend({
  /** First day of the designation; today in the office's time zone when omitted. */
  designatedFrom: IsoDate.optional(),
});

export const UpdateContactBody = ContactFields.partial().extend({
  effectiveFrom: IsoDate.optional(),
  version: Version,
});

export const ReplaceContactBody = z.object({
  successor: ContactFields,
  /** First day of the successor; the predecessor's designation ends the day before. */
  effectiveFrom: IsoDate.optional(),
  version: Version,
});

export const EndContactBody = z.object({
  /** Last day of the designation. */
  designatedTo: IsoDate.optional(),
  version: Version,
});

export const ContactView = z.object({
  id: z.string(),
  officeId: z.string(),
  officeCode: z.string(),
  surname: z.string(),
  firstName: z.string(),
  patronymic: z.string().nullable(),
  position: z.string(),
  phone: z.string(),
  email: z.string(),
  designatedFrom: z.string(),
  designatedTo: z.string().nullable(),
  /** O-3.1: the day the designation was recorded (ГУМПС informed), in the office's zone. */
  recordedOn: z.string(),
  /** Days by which `designatedFrom` precedes `recordedOn`: the entry is back-dated when > 0. */
  backdatedDays: z.number().int().min(0),
  current: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactView = z.infer<typeof ContactView>;

export const ContactListQuery = z.object({
  /** The contacts as they were on this date ("who was the contact on 01.04.2022?"). */
  on: IsoDate.optional(),
  includeEnded: QueryBoolean.optional(),
});

export const CONTACT_CHANGE_KINDS = ['designated', 'updated', 'replaced', 'ended'] as const;
export type ContactChangeKind = (typeof CONTACT_CHANGE_KINDS)[number];

export const ContactChangeView = z.object({
  id: z.string(),
  office: OfficeRef,
  contactId: z.string(),
  kind: z.enum(CONTACT_CHANGE_KINDS),
  effectiveFrom: z.string(),
  /** The day the change was recorded (ГУМПС informed), in the office's zone. */
  recordedOn: z.string(),
  /** Days by which `effectiveFrom` precedes `recordedOn`: the change is back-dated when > 0. */
  backdatedDays: z.number().int().min(0),
  changedFields: z.array(z.string()),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  changedAt: z.string(),
  changedBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  communication: z.object({ id: z.string(), sentOn: z.string(), outgoingNumber: z.string() }).nullable(),
});
export type ContactChangeView = z.infer<typeof ContactChangeView>;

export const ContactChangeQuery = PageQuery.extend({
  officeCode: z.string().trim().toUpperCase().max(40).optional(),
  pending: QueryBoolean.optional(),
  party: Party.optional(),
});

export const MarkCommunicatedBody = z.object({
  sentOn: IsoDate,
  outgoingNumber: z.string().trim().min(1).max(100),
  /** Changes covered by the letter; all pending changes of the coordinator's Party when omitted. */
  changeIds: z.array(z.uuid()).max(10_000).optional(),
  note: z.string().trim().max(1000).optional(),
});

export const CommunicationView = z.object({
  id: z.string(),
  party: Party,
  sentOn: z.string(),
  outgoingNumber: z.string(),
  note: z.string().nullable(),
  changes: z.number(),
  recordedBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  recordedAt: z.string(),
});

export const ComplianceRow = z.object({
  office: OfficeRef.extend({ kind: z.string(), timeZone: z.string() }),
  authorizedFrom: z.string().nullable(),
  deadline: z.object({ start: z.string(), rule: z.string(), timeZone: z.string(), lastDay: z.string(), dueAt: z.string() }).nullable(),
  status: z.enum(COMPLIANCE_STATUSES),
  /** The earliest first day of a designation, as the office stated it. */
  firstDesignatedOn: z.string().nullable(),
  /** O-3.1: the earliest day ГУМПС was informed of a designation in effect; the status is judged by it. */
  firstInformedOn: z.string().nullable(),
  /** Days between the two: the first designation was entered back-dated when > 0. */
  backdatedDays: z.number().int().min(0),
  currentContacts: z.number(),
  lastChangeAt: z.string().nullable(),
  pendingChanges: z.number(),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;

export const ComplianceQuery = z.object({ party: Party.optional() });

export const OfficeContactsView = z.object({ on: z.string(), items: z.array(ContactView), total: z.number() });
export type OfficeContactsView = z.infer<typeof OfficeContactsView>;

export const ComplianceView = z.object({ items: z.array(ComplianceRow), summary: z.record(z.string(), z.number()) });
export type ComplianceView = z.infer<typeof ComplianceView>;
export type CommunicationView = z.infer<typeof CommunicationView>;
