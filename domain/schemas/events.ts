import { z } from 'zod';
import { EVENT_ACTIONS, EVENT_FORMS, EVENT_STAGES, EVENT_STATUSES, EVENT_TYPES, EVENT_VENUES } from '../events.ts';
import { isLocalDateTime } from '../time.ts';
import { inDateYears, IsoDate, PageQuery, TimeZone, Version } from './common.ts';
import { ACTION_CHANNELS, LETTER_CHANNELS } from '../letters.ts';
import { AttachmentView, CostArrangement, Deadline, LetterRefBody, PriorityArea } from './items.ts';
import { HostedOfficeRef, OfficeCode, OfficeRef } from './registry.ts';

export const EventType = z.enum(EVENT_TYPES);
export const EventVenue = z.enum(EVENT_VENUES);
export const EventForm = z.enum(EVENT_FORMS);
export const EventStatus = z.enum(EVENT_STATUSES);
export const EventAction = z.enum(EVENT_ACTIONS);
export const EventStage = z.enum(EVENT_STAGES);

/** Wall-clock time at the event's place, `YYYY-MM-DDTHH:mm`; the zone is the event's own. */
export const LocalDateTime = z
  .string()
  .refine((v) => isLocalDateTime(v) && inDateYears(v), { message: 'Expected a date and time YYYY-MM-DDTHH:mm', params: { rule: 'local_date_time' } });

const LongText = z.string().trim().max(20_000);
const Line = z.string().trim().max(500);

export const EventParticipant = z.object({
  side: z.enum(['own', 'counterpart']),
  fullName: z.string().trim().min(2).max(300),
  position: z.string().trim().max(500).default(''),
});

const contentFields = {
  type: EventType.nullable(),
  venue: EventVenue.nullable(),
  form: EventForm.nullable(),
  title: Line,
  country: z.string().trim().max(100),
  city: z.string().trim().max(200),
  /** The zone of the place: the times are entered and shown in it. */
  timeZone: TimeZone.nullable(),
  startsLocal: LocalDateTime.nullable(),
  endsLocal: LocalDateTime.nullable(),
  counterpartOfficeCodes: z
    .array(OfficeCode)
    .max(50)
    .transform((a) => [...new Set(a)]),
  participants: z.array(EventParticipant).max(200),
  agenda: LongText,
  priorityAreas: z
    .array(PriorityArea)
    .max(17)
    .transform((a) => [...new Set(a)]),
  costArrangement: CostArrangement,
  costTerms: LongText.nullable(),
};

export const CreateEventBody = z.object({
  type: contentFields.type.default(null),
  venue: contentFields.venue.default(null),
  form: contentFields.form.default(null),
  title: contentFields.title.default(''),
  country: contentFields.country.default(''),
  city: contentFields.city.default(''),
  timeZone: contentFields.timeZone.default(null),
  startsLocal: contentFields.startsLocal.default(null),
  endsLocal: contentFields.endsLocal.default(null),
  counterpartOfficeCodes: contentFields.counterpartOfficeCodes.default([]),
  participants: contentFields.participants.default([]),
  agenda: contentFields.agenda.default(''),
  priorityAreas: contentFields.priorityAreas.default([]),
  costArrangement: contentFields.costArrangement.default('each_own'),
  costTerms: contentFields.costTerms.default(null),
});

export const UpdateEventBody = z.object({ ...z.object(contentFields).partial().shape, version: Version });
export const EventReasonBody = z.object({ reason: z.string().trim().min(3).max(5000), version: Version });
export const EventVersionBody = z.object({ version: Version });
export const EventReportBody = z.object({
  outcomes: LongText.nullable().default(null),
  agreements: LongText.nullable().default(null),
  followUp: LongText.nullable().default(null),
  version: Version,
});

const Person = z.object({ id: z.string(), fullName: z.string() });

export const EventListRow = z.object({
  id: z.string(),
  /** The proposing office's number in `numberYear`, shown as formatNumber() gives it («№ 3/2026»). */
  number: z.number(),
  numberYear: z.number(),
  office: OfficeRef,
  status: EventStatus,
  stage: EventStage.nullable(),
  type: EventType.nullable(),
  venue: EventVenue.nullable(),
  title: z.string(),
  country: z.string(),
  city: z.string(),
  timeZone: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  startsLocal: z.string().nullable(),
  endsLocal: z.string().nullable(),
  /** With where each works: one not hosted here answers by letter, recorded by the office. */
  counterparts: z.array(HostedOfficeRef),
  reportDueAt: z.string().nullable(),
  /** Issue 12: the event of an office at a peer node, shared with a counterpart office hosted here (a read-only copy). */
  peerCopy: z.boolean(),
});
export type EventListRow = z.infer<typeof EventListRow>;

/** A participant with the office they come from: the event's own, or the counterpart office (named in its letter, or the one counterpart of the event). */
export const EventParticipantView = z.object({
  side: z.enum(['own', 'counterpart']),
  fullName: z.string(),
  position: z.string(),
  office: OfficeRef.nullable(),
  /** Recorded from the counterpart office's letter (not stated by the office in its proposal). */
  fromLetter: z.boolean(),
});
export type EventParticipantView = z.infer<typeof EventParticipantView>;

/** A file of the event; a letter's scan names the counterpart office that provided it. */
export const EventAttachmentView = AttachmentView.extend({ provider: OfficeRef.nullable() });
export type EventAttachmentView = z.infer<typeof EventAttachmentView>;

/** A counterpart's letter as the API shows it (domain/letters.ts LetterRef). */
const LetterRefView = z.object({
  /** `peer`: stated in the system at the counterpart's own node; its number is the exchange message (`exchange:<id>`). */
  channel: z.enum([...LETTER_CHANNELS, 'peer']),
  number: z.string().nullable(),
  date: z.string(),
  signerName: z.string().nullable(),
  signerPosition: z.string().nullable(),
});

/** A counterpart office's statement of the outcomes, in its own words, from its latest letter that gave one. */
export const CounterpartStatementView = z.object({ office: OfficeRef, outcomes: z.string(), agreements: z.string().nullable(), letter: LetterRefView });

/** A counterpart's letter recorded on the event (from the event's log). */
export const CounterpartLetterView = z.object({
  /** The action that recorded it. */
  id: z.string(),
  office: OfficeRef,
  letter: LetterRefView,
  recordedAt: z.string(),
  recordedBy: Person.nullable(),
  /** How many participants it named, and whether it stated the outcomes. */
  participants: z.number().int(),
  statement: z.boolean(),
  /** Its scans among the event's files. */
  attachmentIds: z.array(z.string()),
});
export type CounterpartLetterView = z.infer<typeof CounterpartLetterView>;

export const EventView = EventListRow.extend({
  form: EventForm.nullable(),
  /** UTC offset of the place at the start, e.g. `+05:00`. */
  utcOffset: z.string().nullable(),
  participants: z.array(EventParticipantView),
  agenda: z.string(),
  priorityAreas: z.array(PriorityArea),
  costArrangement: CostArrangement,
  costTerms: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decision: z.object({ action: z.string(), reason: z.string().nullable(), by: Person.nullable(), at: z.string() }).nullable(),
  /** How the report's due date was computed (start, rule, time zone, last day). */
  reportDue: Deadline.nullable(),
  report: z.object({
    outcomes: z.string().nullable(),
    agreements: z.string().nullable(),
    followUp: z.string().nullable(),
    reportedAt: z.string().nullable(),
    reportedBy: Person.nullable(),
  }),
  attachments: z.array(EventAttachmentView),
  counterpartStatements: z.array(CounterpartStatementView),
  counterpartLetters: z.array(CounterpartLetterView),
  /** Codes of the counterpart offices off this node whose letters the caller may record now. */
  letterOfficeCodes: z.array(z.string()),
  /** O-3.5 fields still missing before the office can submit the proposal. */
  missingFields: z.array(z.string()),
  availableActions: z.array(EventAction),
  side: z.enum(['office', 'coordinator']).nullable(),
  /** Issue 12: on a peer's joint event, what the caller's office (a counterpart of it) may state now; null when nothing. */
  statement: z.object({ officeCode: z.string(), participants: z.boolean(), outcomes: z.boolean() }).nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventView = z.infer<typeof EventView>;

export const EventListPage = z.object({ items: z.array(EventListRow), total: z.number().int() });

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(500)
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
    .pipe(z.array(item).optional());

export const EventListQuery = PageQuery.extend({
  /** Events that overlap [from, to] (dates in UTC+0 terms are not used: the event's own days count). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  office: OfficeCode.optional(),
  counterpart: OfficeCode.optional(),
  type: csv(EventType),
  status: csv(EventStatus),
  stage: EventStage.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['startsAt', 'number', 'reportDueAt']).default('startsAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type EventListQuery = z.infer<typeof EventListQuery>;

/**
 * POST /events/:id/counterpart-letters (multipart, field `data`): a letter of a counterpart office
 * off this node about the event — the participants it names and/or its statement of the outcomes.
 */
export const EventLetterBody = z.object({
  officeCode: OfficeCode,
  letter: LetterRefBody,
  participants: z
    .array(z.object({ fullName: z.string().trim().min(2).max(300), position: z.string().trim().max(500).default('') }))
    .max(200)
    .default([]),
  statement: z
    .object({ outcomes: LongText.nullable().default(null), agreements: LongText.nullable().default(null) })
    .nullable()
    .default(null),
});
export type EventLetterBody = z.infer<typeof EventLetterBody>;

/**
 * POST /events/:id/counterpart-statement (issue 12): on a joint event of a peer node, the caller's
 * office (a counterpart of the event) states its participants and/or, after the event, its outcomes.
 */
export const EventStatementBody = z.object({
  participants: EventLetterBody.shape.participants,
  statement: EventLetterBody.shape.statement,
});
export type EventStatementBody = z.infer<typeof EventStatementBody>;

/** POST /events/:id/attachments: files of the proposal (while it is prepared) or of the report (after the event). */
export const EventAttachmentUploadQuery = z.object({ role: z.enum(['proposal', 'report']) });

export const EventTimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: Person.nullable(),
  officeCode: z.string().nullable(),
  /** How it reached this node: in the system, or from a counterpart's letter, e-mail, fax, call, courier. */
  channel: z.enum(ACTION_CHANNELS),
  /** The counterpart office whose act it records, from its letter. */
  onBehalfOf: OfficeRef.nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
