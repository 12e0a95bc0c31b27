import { z } from 'zod';
import { HOSTINGS, isPeerUrl } from '../node.ts';
import { CERTAINTIES, LEGAL_BASIS_KINDS, OFFICE_KINDS, PAIRING_BASES, PARTIES } from '../registry.ts';
import { IsoDate, LocalizedText, PageQuery, QueryBoolean, TimeZone, Version } from './common.ts';

export const Party = z.enum(PARTIES);
export const OfficeKind = z.enum(OFFICE_KINDS);
export const PairingBasis = z.enum(PAIRING_BASES);
export const Certainty = z.enum(CERTAINTIES);
export const LegalBasisKind = z.enum(LEGAL_BASIS_KINDS);
export const OfficeCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => /^(RU|KZ)-[A-Z0-9-]{2,32}$/.test(v), { message: 'Office code: RU-… or KZ-…', params: { rule: 'office_code' } });

const Note = z
  .string()
  .trim()
  .max(2000)
  .nullish()
  .transform((v) => v || null);

export const OfficeRef = z.object({ id: z.string(), code: z.string(), party: Party, name: LocalizedText });
export type OfficeRef = z.infer<typeof OfficeRef>;

/** Where an office works, seen from this node (domain/node.ts). */
export const Hosting = z.enum(HOSTINGS);
export const PeerNode = z.object({
  name: z.string().trim().min(2).max(200),
  url: z
    .string()
    .trim()
    .max(500)
    .refine(isPeerUrl, { message: 'An https:// address without credentials, query or fragment', params: { rule: 'peer_url' } }),
});
export type PeerNode = z.infer<typeof PeerNode>;

/** An office reference that also says where the office works (pairings, counterparts). */
export const HostedOfficeRef = OfficeRef.extend({ hosting: Hosting });
export type HostedOfficeRef = z.infer<typeof HostedOfficeRef>;

export const OfficeView = z.object({
  id: z.string(),
  code: z.string(),
  party: Party,
  kind: OfficeKind,
  name: LocalizedText,
  seat: LocalizedText,
  timeZone: z.string(),
  utcOffsetNow: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  authorized: z.boolean(),
  authorizedFrom: z.string().nullable(),
  listedInOrderItem1: z.boolean(),
  regionCode: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  hosting: Hosting,
  /** The peer node that hosts it; null unless `hosting` is `peer`. */
  peer: PeerNode.nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type OfficeView = z.infer<typeof OfficeView>;

const officeFields = {
  kind: OfficeKind,
  name: LocalizedText,
  seat: LocalizedText,
  timeZone: TimeZone,
  validFrom: IsoDate.nullable(),
  validTo: IsoDate.nullable(),
  authorized: z.boolean(),
  authorizedFrom: IsoDate.nullable(),
  listedInOrderItem1: z.boolean(),
  regionCode: z.string().trim().max(20).nullable(),
  address: z.string().trim().max(500).nullable(),
  notes: Note,
};

export const CreateOfficeBody = z.object({ code: OfficeCode, party: Party, ...officeFields });

/** An edit records when it takes effect and why, for the office's history. */
export const ChangeMeta = {
  effectiveFrom: IsoDate.optional(),
  comment: z.string().trim().max(1000).optional(),
  version: Version,
};

export const UpdateOfficeBody = z.object({ ...z.object(officeFields).partial().shape, ...ChangeMeta });

export const OfficeListQuery = PageQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  party: Party.optional(),
  kind: OfficeKind.optional(),
  authorized: QueryBoolean.optional(),
  q: z.string().trim().max(100).optional(),
  inForceOn: IsoDate.optional(),
  hosting: Hosting.optional(),
});

/**
 * Moves an office here, to a peer node or off the system, from a date, with a reason (its history
 * keeps who, when, old → new). A peer needs its name and https address.
 */
export const ChangeHostingBody = z
  .object({
    hosting: Hosting,
    peer: PeerNode.nullish(),
    ...ChangeMeta,
  })
  .superRefine((b, ctx) => {
    if (b.hosting === 'peer' && !b.peer)
      ctx.addIssue({ code: 'custom', path: ['peer'], message: 'A peer node needs its name and address', params: { rule: 'peer_required' } });
  });

export const PairingView = z.object({
  id: z.string(),
  ruOffice: HostedOfficeRef,
  kzOffice: HostedOfficeRef,
  basis: PairingBasis,
  certainty: Certainty,
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  inForceToday: z.boolean(),
  note: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type PairingView = z.infer<typeof PairingView>;

export const CreatePairingBody = z.object({
  ruOfficeCode: OfficeCode,
  kzOfficeCode: OfficeCode,
  basis: PairingBasis,
  /** The reference data's research rating; a pairing a coordinator creates is decided, hence high. */
  certainty: Certainty.default('high'),
  validFrom: IsoDate.nullable().default(null),
  validTo: IsoDate.nullable().default(null),
  active: z.boolean().default(true),
  note: Note,
});

export const UpdatePairingBody = z.object({
  basis: PairingBasis.optional(),
  certainty: Certainty.optional(),
  validFrom: IsoDate.nullable().optional(),
  validTo: IsoDate.nullable().optional(),
  active: z.boolean().optional(),
  note: Note.optional(),
  ...ChangeMeta,
});

export const PairingListQuery = PageQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  officeCode: z.string().trim().toUpperCase().max(40).optional(),
  active: QueryBoolean.optional(),
  basis: PairingBasis.optional(),
  certainty: Certainty.optional(),
  inForceOn: IsoDate.optional(),
  /** Pairings one of whose offices is hosted so. */
  hosting: Hosting.optional(),
});

export const DirectExchangeQuery = z.object({
  from: OfficeCode,
  to: OfficeCode,
  on: IsoDate.optional(),
});

export const DirectExchangeView = z.object({
  allowed: z.boolean(),
  reason: z.string().nullable(),
  officeCode: z.string().nullable(),
  pairingId: z.string().nullable(),
  basis: z.array(z.string()),
  on: z.string(),
});

/**
 * when a document stops being in force and how that was computed: the last day in force and
 * the first day it no longer is, caused by a notice of termination (receipt + 60 days, counted from
 * the day after receipt) or a stated last day, of this document or of one it rests on (`via`).
 */
export const EndOfForceView = z.object({
  lastDay: z.string(),
  firstDayNotInForce: z.string(),
  cause: z.enum(['termination_notice', 'in_force_to']),
  /** The document whose notice or stated last day ends it: this one or one it rests on. */
  endingCode: z.string(),
  /** The documents it rests on, down to `endingCode`, when the end is inherited (P-5, A-12). */
  via: z.array(z.string()),
  noticeReceivedOn: z.string().nullable(),
  days: z.number().nullable(),
  /** Day 1 of the period: the day after receipt. */
  firstCountedDay: z.string().nullable(),
});
export type EndOfForceView = z.infer<typeof EndOfForceView>;

export const LegalBasisView = z.object({
  id: z.string(),
  code: z.string(),
  kind: LegalBasisKind,
  title: LocalizedText,
  party: Party.nullable(),
  signedOn: z.string().nullable(),
  inForceFrom: z.string().nullable(),
  inForceTo: z.string().nullable(),
  parentCode: z.string().nullable(),
  enablesDirectExchange: z.boolean(),
  terminationNoticeReceivedOn: z.string().nullable(),
  terminationNoticeFromParty: Party.nullable(),
  terminationNoticeReference: z.string().nullable(),
  lastDayInForce: z.string().nullable(),
  /** The day after lastDayInForce: the first day the document is no longer in force. */
  firstDayNotInForce: z.string().nullable(),
  endOfForce: EndOfForceView.nullable(),
  inForceToday: z.boolean(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type LegalBasisView = z.infer<typeof LegalBasisView>;

export const LegalBasisCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => /^[A-Z0-9][A-Z0-9-]{2,40}$/.test(v), { message: 'Code: Latin capitals, digits and dashes', params: { rule: 'legal_basis_code' } });

const legalBasisFields = {
  kind: LegalBasisKind,
  title: LocalizedText,
  party: Party.nullable(),
  signedOn: IsoDate.nullable(),
  inForceFrom: IsoDate.nullable(),
  inForceTo: IsoDate.nullable(),
  parentCode: LegalBasisCode.nullable(),
  enablesDirectExchange: z.boolean(),
  notes: Note,
};

export const CreateLegalBasisBody = z.object({ code: LegalBasisCode, ...legalBasisFields });
export const UpdateLegalBasisBody = z.object({ ...z.object(legalBasisFields).partial().shape, ...ChangeMeta });

export const TerminationNoticeBody = z.object({
  receivedOn: IsoDate,
  fromParty: Party,
  reference: z.string().trim().min(1).max(200),
  comment: z.string().trim().max(1000).optional(),
  version: Version,
});

/** An office's history; `hosting=true`: only where it worked and changes of the node. */
export const OfficeHistoryQuery = PageQuery.extend({ hosting: QueryBoolean.optional() });

export const HistoryEntry = z.object({
  id: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
  effectiveFrom: z.string().nullable(),
  comment: z.string().nullable(),
  actor: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  at: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const CounterpartsView = z.object({
  on: z.string(),
  items: z.array(
    z.object({
      office: HostedOfficeRef,
      pairing: PairingView,
      directExchange: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
    }),
  ),
});
export type CounterpartsView = z.infer<typeof CounterpartsView>;

/**
 * notice owed to an office with no users on this node (the other Party's coordinator on a
 * one-Party node): pending until the coordinator records the letter that carried it.
 */
export const PartyNoticeView = z.object({
  id: z.string(),
  kind: z.string(),
  fromParty: Party,
  toOffice: HostedOfficeRef,
  office: OfficeRef.nullable(),
  /** The office's fields that changed (empty when it was created). */
  fields: z.array(z.string()),
  effectiveFrom: z.string().nullable(),
  createdAt: z.string(),
  sent: z
    .object({
      sentOn: z.string(),
      outgoingNumber: z.string(),
      note: z.string().nullable(),
      recordedBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
      recordedAt: z.string(),
    })
    .nullable(),
});
export type PartyNoticeView = z.infer<typeof PartyNoticeView>;

export const PartyNoticeListQuery = PageQuery.extend({ pending: QueryBoolean.optional() });

export const MarkNoticesSentBody = z.object({
  sentOn: IsoDate,
  outgoingNumber: z.string().trim().min(1).max(100),
  /** Notices the letter carried; every pending notice of the coordinator's Party when omitted. */
  noticeIds: z.array(z.uuid()).min(1).max(1000).optional(),
  note: z.string().trim().max(1000).optional(),
});
