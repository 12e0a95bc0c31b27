import { z } from 'zod';
import { ITEM_ACTIONS, ITEM_STATUSES } from '../item-status.ts';
import { DATE_RULES, EXCHANGE_REFUSALS } from '../registration-dates.ts';
import { CONSENT_DECISIONS, CONSENT_STATUSES, USE_KINDS } from '../information.ts';
import {
  ATTACHMENT_ROLES,
  CONFIDENTIALITY_LEVELS,
  COST_ARRANGEMENTS,
  FORMS,
  ITEM_KINDS,
  ITEM_LANGUAGES,
  ITEM_MODES,
  LINK_KINDS,
  ORAL_CHANNELS,
  OUTCOMES,
  outcomeIssues,
  PRIORITY_AREAS,
  REFUSAL_GROUNDS,
  ROUTES,
  SUBJECT_MATTERS,
} from '../items.ts';
import { DISPATCH_METHODS, LETTER_CHANNELS } from '../letters.ts';
import { Instant, IsoDate, PageQuery, QueryBoolean, Version } from './common.ts';
import { OfficeCode, OfficeRef } from './registry.ts';

export const ItemKind = z.enum(ITEM_KINDS);
export const Form = z.enum(FORMS);
export const PriorityArea = z.enum(PRIORITY_AREAS);
export const SubjectMatter = z.enum(SUBJECT_MATTERS);
export const Confidentiality = z.enum(CONFIDENTIALITY_LEVELS);
export const CostArrangement = z.enum(COST_ARRANGEMENTS);
export const RefusalGround = z.enum(REFUSAL_GROUNDS);
export const Outcome = z.enum(OUTCOMES);
export const OralChannel = z.enum(ORAL_CHANNELS);
export const ItemLanguage = z.enum(ITEM_LANGUAGES);
export const ItemStatus = z.enum(ITEM_STATUSES);
export const ItemAction = z.enum(ITEM_ACTIONS);
export const ItemMode = z.enum(ITEM_MODES);
export const Route = z.enum(ROUTES);
export const AttachmentRole = z.enum(ATTACHMENT_ROLES);

const LongText = z.string().trim().max(20_000);
const Line = z.string().trim().max(500);
const Number_ = z.string().trim().min(1).max(100);
const Reason = z.string().trim().min(3).max(5000);

/** The editable content of a draft. Every field may still be empty; signing checks. */
const contentFields = {
  kind: ItemKind,
  /** The counterpart to address; for an out-of-scope matter it is the office meant, and the item goes to the coordinator. */
  toOfficeCode: OfficeCode.nullable(),
  subject: Line,
  essence: LongText,
  purpose: LongText,
  assistance: LongText,
  otherInfo: LongText.nullable(),
  form: Form.nullable(),
  priorityAreas: z
    .array(PriorityArea)
    .max(PRIORITY_AREAS.length)
    .transform((a) => [...new Set(a)]),
  subjectMatter: SubjectMatter,
  language: ItemLanguage,
  translationAttached: z.boolean(),
  confidentiality: Confidentiality,
  isPublic: z.boolean(),
  costArrangement: CostArrangement,
  costTerms: LongText.nullable(),
};

export const CreateItemBody = z.object({
  ...contentFields,
  otherInfo: contentFields.otherInfo.default(null),
  form: contentFields.form.default(null),
  priorityAreas: contentFields.priorityAreas.default([]),
  subjectMatter: contentFields.subjectMatter.default('within_protocol'),
  language: contentFields.language.default('ru'),
  translationAttached: contentFields.translationAttached.default(false),
  confidentiality: contentFields.confidentiality.default('open'),
  isPublic: contentFields.isPublic.default(false),
  costArrangement: contentFields.costArrangement.default('each_own'),
  costTerms: contentFields.costTerms.default(null),
  subject: contentFields.subject.default(''),
  essence: contentFields.essence.default(''),
  purpose: contentFields.purpose.default(''),
  assistance: contentFields.assistance.default(''),
  /** Links to earlier items: «in reply to», «further to». */
  inReplyTo: z.uuid().nullable().default(null),
  furtherTo: z.uuid().nullable().default(null),
});

/** A counterpart's letter as the recording user reads it (domain/letters.ts LetterRef). */
export const LetterRefBody = z.object({
  channel: z.enum(LETTER_CHANNELS),
  number: z.string().trim().max(100).nullable().default(null),
  date: IsoDate,
  signerName: z.string().trim().max(300).nullable().default(null),
  signerPosition: z.string().trim().max(500).nullable().default(null),
});

/**
 * POST /items/received (multipart, the JSON in the field `data`, the scans in `file`): a request or
 * proposal received by letter from an office off the system, as written, with its signer as printed.
 */
export const ReceiveLetterBody = z.object({
  ...contentFields,
  toOfficeCode: z.undefined().optional(),
  fromOfficeCode: OfficeCode,
  otherInfo: contentFields.otherInfo.default(null),
  form: contentFields.form.default(null),
  priorityAreas: contentFields.priorityAreas.default([]),
  language: contentFields.language.default('ru'),
  translationAttached: contentFields.translationAttached.default(false),
  confidentiality: contentFields.confidentiality.default('open'),
  isPublic: contentFields.isPublic.default(false),
  costArrangement: contentFields.costArrangement.default('each_own'),
  costTerms: contentFields.costTerms.default(null),
  subjectMatter: contentFields.subjectMatter.default('within_protocol'),
  letter: LetterRefBody,
});
export type ReceiveLetterBody = z.infer<typeof ReceiveLetterBody>;

export const UpdateItemBody = z.object({ ...z.object(contentFields).partial().shape, version: Version });

/** How the signed letter went to a counterpart off the system (required then; none to a counterpart in the system). */
export const DispatchMethod = z.enum(DISPATCH_METHODS);
export const SendBody = z.object({ outgoingNumber: Number_, outgoingDate: IsoDate, dispatchMethod: DispatchMethod.optional(), version: Version });

export const SendOralBody = z.object({
  /** The exact time the oral request was made. */
  oralAt: Instant,
  channel: OralChannel,
  spokenBy: z.string().trim().min(2).max(300),
  spokenTo: z.string().trim().min(2).max(300),
  version: Version,
});

export const ConfirmInWritingBody = SendBody;
export const RegisterBody = z.object({ incomingNumber: Number_, incomingDate: IsoDate, version: Version });
export const AssignBody = z.object({
  executorId: z.uuid(),
  instruction: z.string().trim().min(1).max(5000),
  dueOn: IsoDate.nullable().default(null),
  version: Version,
});
export const ReasonBody = z.object({ reason: Reason, version: Version });
export const VersionBody = z.object({ version: Version });
export const NoteBody = z.object({ note: z.string().trim().max(5000).optional(), version: Version });
export const MessageBody = z.object({
  body: z.string().trim().min(1).max(20_000),
  proposedConditions: z.string().trim().min(3).max(20_000).optional(),
  /** the level the author's side gives its message; the request's level when not given. */
  confidentiality: Confidentiality.optional(),
  version: Version,
});

export const OutcomeBody = z.object({
  outcome: Outcome,
  refusalGrounds: z
    .array(RefusalGround)
    .max(REFUSAL_GROUNDS.length)
    .default([])
    .transform((a) => [...new Set(a)]),
  reason: z.string().trim().max(20_000).optional(),
  text: z.string().trim().min(1).max(50_000),
  legalBasisApplied: z.string().trim().max(2000).optional(),
  /** The degree of confidentiality the requested office gives its answer; the request's level when not given. */
  confidentiality: Confidentiality.optional(),
  isPublic: z.boolean().default(false),
  /** How the answer went to a requester off the system. */
  dispatchMethod: DispatchMethod.optional(),
  version: Version,
});

/** A letter exchanged with a counterpart off the system, on the item's page. */
export const LetterView = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  officeCode: z.string(),
  action: z.string(),
  channel: z.enum(LETTER_CHANNELS),
  number: z.string().nullable(),
  date: z.string(),
  signerName: z.string().nullable(),
  signerPosition: z.string().nullable(),
  recordedBy: z.object({ id: z.string(), fullName: z.string() }),
  recordedAt: z.string(),
  /** Its scans, those the caller may read. */
  scans: z.array(z.string()),
});
export type LetterView = z.infer<typeof LetterView>;

/** The requested office's dialog that proposes conditions needs them; a plain message does not. */
export const ProposeForm = MessageBody.extend({ proposedConditions: MessageBody.shape.proposedConditions.unwrap() });

/** The web's dialog: the body and the rule of domain/items.ts outcomeIssues, on its fields. */
export const OutcomeForm = OutcomeBody.superRefine((b, ctx) => {
  for (const i of outcomeIssues(b)) ctx.addIssue({ code: 'custom', path: [i.field], message: i.message, params: { rule: i.rule } });
});

export const ForwardBody = z.object({ note: z.string().trim().min(1).max(5000), outgoingNumber: z.string().trim().max(100).optional(), version: Version });

export const Deadline = z.object({ start: z.string(), rule: z.string(), timeZone: z.string(), lastDay: z.string(), dueAt: z.string() });

/** The days a registration date may be (domain/registration-dates.ts): the web disables the others. */
export const DateWindowView = z.object({
  timeZone: z.string(),
  min: z.string(),
  minRule: z.enum(DATE_RULES),
  max: z.string(),
  gaps: z.array(
    z.object({ from: z.string(), to: z.string(), rule: z.enum(DATE_RULES), reason: z.enum(EXCHANGE_REFUSALS).nullable(), officeCode: z.string().nullable() }),
  ),
});

export const ItemContentView = z.object({
  subject: z.string(),
  essence: z.string(),
  purpose: z.string(),
  assistance: z.string(),
  otherInfo: z.string().nullable(),
  costTerms: z.string().nullable(),
});

export const AttachmentView = z.object({
  id: z.string(),
  role: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  officeCode: z.string().nullable(),
  uploadedAt: z.string(),
  /** The stored file no longer matches its SHA-256 (or is gone): not served until an administrator restores it. */
  damaged: z.boolean(),
  damagedAt: z.string().nullable(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** A file of a request: with its effective level, its own and never below the piece it belongs to. */
export const ItemAttachmentView = AttachmentView.extend({
  confidentiality: Confidentiality,
  /** a content file that is the translation of the request. */
  translation: z.boolean(),
});

/** POST /items/:id/attachments: role=content is part of the signed content (the sender's draft, on its version); outcome; consultation. */
export const AttachmentUploadQuery = z.object({
  // Scans of a counterpart's letter come with the letter (POST /items/:id/letters), never alone.
  role: AttachmentRole.exclude(['letter']).default('content'),
  version: z.coerce.number().int().min(1).optional(),
  /** A-9.2: the files' level; by default that of the piece they belong to, never below it. */
  confidentiality: Confidentiality.optional(),
  /** content files that are the translation of the request into the requested state's language. */
  translation: QueryBoolean.optional(),
});
export type ItemAttachmentView = z.infer<typeof ItemAttachmentView>;

export const SignatureView = z.object({
  /** `unverifiable`: this node has no provider for the key's algorithm and no attested check came (issue 12). */
  status: z.enum(['valid', 'invalid', 'unverifiable', 'none']),
  signer: z.object({ id: z.string(), fullName: z.string(), officeCode: z.string() }).nullable(),
  signedAt: z.string().nullable(),
  algorithm: z.string().nullable(),
  contentHash: z.string().nullable(),
  publicKey: z.string().nullable(),
  purpose: z.string().nullable(),
  /** Whose check the status rests on: this node's own, or the sending node's attested one (domain/signatures.ts). */
  verifiedBy: z.enum(['this_node', 'peer_node']).nullable(),
  /** The sending node's attested check of this signature, when one came with the exchange. */
  attestation: z.object({ node: z.string(), checkedAt: z.string(), result: z.enum(['valid', 'invalid']) }).nullable(),
});
export type SignatureView = z.infer<typeof SignatureView>;

export const ItemView = z.object({
  id: z.string(),
  /** The sending office's number in `numberYear`: shown as formatNumber() gives it, «№ 12/2026». */
  number: z.number(),
  numberYear: z.number(),
  kind: ItemKind,
  status: ItemStatus,
  mode: ItemMode,
  route: Route,
  routeReasons: z.array(z.string()),
  fromOffice: OfficeRef,
  toOffice: OfficeRef,
  intendedOffice: OfficeRef.nullable(),
  form: Form.nullable(),
  priorityAreas: z.array(PriorityArea),
  subjectMatter: SubjectMatter,
  language: ItemLanguage,
  translationAttached: z.boolean(),
  /** The level the sender gave the request's content. */
  confidentiality: Confidentiality,
  /** The highest level of any piece of the item: request, answer, messages, files. */
  highestConfidentiality: Confidentiality,
  isPublic: z.boolean(),
  costArrangement: CostArrangement,
  /** False when the caller may see that the item exists but not the request's text (restricted, A-9.1). */
  contentVisible: z.boolean(),
  content: ItemContentView.nullable(),
  registration: z.object({
    outgoingNumber: z.string().nullable(),
    outgoingDate: z.string().nullable(),
    sentAt: z.string().nullable(),
    incomingNumber: z.string().nullable(),
    incomingDate: z.string().nullable(),
    registeredAt: z.string().nullable(),
  }),
  oral: z
    .object({
      at: z.string(),
      channel: z.string(),
      spokenBy: z.string().nullable(),
      spokenTo: z.string().nullable(),
      confirmedAt: z.string().nullable(),
      confirmationDue: Deadline,
      overdue: z.boolean(),
    })
    .nullable(),
  answerDue: Deadline.nullable(),
  overdue: z.boolean(),
  heldFrom: z.string().nullable(),
  resolution: z
    .object({ executor: z.object({ id: z.string(), fullName: z.string() }).nullable(), instruction: z.string().nullable(), dueOn: z.string().nullable() })
    .nullable(),
  /** the proposed conditions, under the level of the message that proposed them. */
  conditions: z.object({ status: z.string(), text: z.string().nullable(), confidentiality: Confidentiality.nullable(), contentVisible: z.boolean() }),
  outcome: z
    .object({
      outcome: Outcome,
      refusalGrounds: z.array(RefusalGround),
      reason: z.string().nullable(),
      text: z.string().nullable(),
      legalBasisApplied: z.string().nullable(),
      confidentiality: Confidentiality.nullable(),
      /** False when the answer is restricted and the caller may not read it. */
      contentVisible: z.boolean(),
      at: z.string().nullable(),
    })
    .nullable(),
  links: z.array(
    z.object({
      kind: z.enum(LINK_KINDS),
      direction: z.enum(['from', 'to']),
      itemId: z.string(),
      number: z.number(),
      numberYear: z.number(),
      outgoingNumber: z.string().nullable(),
      outgoingDate: z.string().nullable(),
    }),
  ),
  attachments: z.array(ItemAttachmentView),
  /** Files the caller may not read: that they exist and their level only. */
  hiddenAttachments: z.array(z.object({ role: z.string(), confidentiality: Confidentiality, officeCode: z.string().nullable(), uploadedAt: z.string() })),
  warnings: z.array(z.string()),
  /** fields still missing before the item can be signed. */
  missingFields: z.array(z.string()),
  availableActions: z.array(ItemAction),
  /**
   * For the sender of a draft on the direct route: whether direct exchange with the addressee is
   * allowed today (O-1, P-5, A-15), and if not, why — the reason nothing can be signed or sent.
   */
  exchange: z.object({ allowed: z.boolean(), on: z.string(), reason: z.enum(EXCHANGE_REFUSALS).nullable(), officeCode: z.string().nullable() }).nullable(),
  /** The days the registration date of the next action may be: outgoing (send, confirm in writing), incoming (register). */
  registrationDates: z.object({ outgoing: DateWindowView.nullable(), incoming: DateWindowView.nullable() }),
  side: z.enum(['sender', 'receiver']).nullable(),
  /**
   * Issue 10: the side of a counterpart off this node (its letters are recorded here), the actions
   * its letters may carry now, and the letters exchanged with it.
   */
  offSystem: z
    .object({
      side: z.enum(['sender', 'receiver']),
      officeCode: z.string(),
      letterActions: z.array(ItemAction),
      dispatchMethod: DispatchMethod.nullable(),
      letters: z.array(LetterView),
    })
    .nullable(),
  /** Signed on paper: the counterpart's letter that carried the signature, recorded here. */
  paperSignature: z
    .object({
      signerName: z.string().nullable(),
      signerPosition: z.string().nullable(),
      letterNumber: z.string().nullable(),
      letterDate: z.string(),
      recordedBy: z.string(),
    })
    .nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ItemView = z.infer<typeof ItemView>;

export const ItemListRow = z.object({
  id: z.string(),
  number: z.number(),
  numberYear: z.number(),
  kind: ItemKind,
  status: ItemStatus,
  mode: ItemMode,
  route: Route,
  fromOffice: OfficeRef,
  toOffice: OfficeRef,
  subject: z.string().nullable(),
  form: Form.nullable(),
  priorityAreas: z.array(PriorityArea),
  /** The highest level of any piece of the item (request, answer, messages, files). */
  confidentiality: Confidentiality,
  outgoingNumber: z.string().nullable(),
  outgoingDate: z.string().nullable(),
  incomingNumber: z.string().nullable(),
  incomingDate: z.string().nullable(),
  sentAt: z.string().nullable(),
  answerDueAt: z.string().nullable(),
  /** How the answer deadline was computed (start, rule, time zone, last day). */
  answerDue: Deadline.nullable(),
  confirmationDueAt: z.string().nullable(),
  oralConfirmedAt: z.string().nullable(),
  /** For a matter routed to the coordinator, the office it is meant for. */
  intendedOffice: OfficeRef.nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
});
export type ItemListRow = z.infer<typeof ItemListRow>;

/**
 * A journal page. A text search is not counted: `total` is what the pages so far hold, and
 * `totalCapped` says that more follow. Other journals are counted up to 10 000 rows: past that,
 * `total` is the cap and `totalCapped` says «at least».
 */
export const ItemListPage = z.object({ items: z.array(ItemListRow), total: z.number().int(), totalCapped: z.boolean() });
export type ItemListPage = z.infer<typeof ItemListPage>;

export const ItemBoxes = ['incoming', 'outgoing', 'all'] as const;

export const ItemListQuery = PageQuery.extend({
  box: z.enum(ItemBoxes).default('incoming'),
  status: z
    .string()
    .max(300)
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
    .pipe(z.array(ItemStatus).optional()),
  counterpart: z.string().trim().toUpperCase().max(40).optional(),
  kind: ItemKind.optional(),
  form: Form.optional(),
  area: PriorityArea.optional(),
  /** Items whose highest level is this. */
  confidentiality: Confidentiality.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  overdue: QueryBoolean.optional(),
  q: z.string().trim().min(2).max(200).optional(),
  /** Default: the journal's own date (sent for incoming and all, created for outgoing), which its index serves. */
  sort: z.enum(['number', 'createdAt', 'sentAt', 'answerDueAt']).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  officeCode: z.string().nullable(),
  /** How the action reached this node, and the counterpart it was recorded for (issue 10). */
  channel: z.string(),
  onBehalfOf: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const MessageView = z.object({
  id: z.string(),
  side: z.enum(['sender', 'receiver']),
  officeCode: z.string(),
  author: z.object({ id: z.string(), fullName: z.string() }),
  /** Null when the message is restricted and the caller may not read it. */
  body: z.string().nullable(),
  proposedConditions: z.string().nullable(),
  confidentiality: Confidentiality,
  contentVisible: z.boolean(),
  createdAt: z.string(),
});

/** the providing side raises the level of a piece it gave (never lowers it once given). */
export const PieceLevelBody = z.object({
  piece: z.enum(['answer', 'message', 'attachment']),
  /** The message's or the file's id. */
  pieceId: z.uuid().optional(),
  confidentiality: Confidentiality,
});

export const ConsentRequestBody = z.object({ purpose: z.string().trim().min(3).max(2000), justification: z.string().trim().min(3).max(10_000) });
export const ConsentDecisionBody = z.object({ decision: z.enum(CONSENT_DECISIONS), note: z.string().trim().max(5000).optional() });
export const ConsentView = z.object({
  id: z.string(),
  /** Whether the caller may grant or refuse it (the providing office's head or deputy, while pending). */
  mayDecide: z.boolean(),
  itemId: z.string(),
  requesterOffice: OfficeRef,
  providerOffice: OfficeRef,
  /** Null for a viewer who may not read the request's content. */
  purpose: z.string().nullable(),
  justification: z.string().nullable(),
  status: z.enum(CONSENT_STATUSES),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export const UseBody = z.object({ purpose: z.string().trim().min(3).max(2000), kind: z.enum(USE_KINDS).default('use') });
/** A recorded use; `conditions` repeats the conditions accepted in consultations, binding on every use. */
export const UseView = z.object({
  id: z.string(),
  kind: z.string(),
  purpose: z.string().nullable(),
  consentId: z.string().nullable(),
  usedAt: z.string(),
  officeCode: z.string(),
  conditions: z.string().nullable(),
});
