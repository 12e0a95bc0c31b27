import { exchangeReference } from '../../../domain/node.ts';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { OFFICE_STAFF_ROLES } from '../../../domain/access.ts';
import {
  EVENT_LETTER_STATUSES,
  EVENT_SHARED_STATUSES,
  EVENT_STATUSES,
  eventStatementIssues,
  participantsAfterLetter,
  statementsAfterLetter,
  type CounterpartSource,
  type CounterpartStatement,
  type EventParticipant,
} from '../../../domain/events.ts';
import { COST_ARRANGEMENTS } from '../../../domain/items.ts';
import { LETTER_CHANNELS } from '../../../domain/letters.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { localDate } from '../../../domain/time.ts';
import type { Db } from '../../db/client.ts';
import { events as eventsTable } from '../../db/schema.ts';
import { actionHash, GENESIS, insertAction, insertSubject, lastAction, updateSubject, applyChanges, wholeRow } from '../../kernel/index.ts';
import { changesOf, toJson } from '../../kernel/kernel.projection.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { notify, type NotificationKind } from '../notifications/index.ts';
import { allOffices, type OfficeRow } from '../registry/index.ts';
import type { LetterDetails } from './events.presenter.ts';
import * as repo from './events.repository.ts';

/**
 * Joint events across nodes (issue 12). The proposing node sends the node hosting a counterpart
 * office a `joint_event` record once the coordinator approved the event and on each later change
 * that matters to the counterpart — what the counterpart needs, never the internal procedure (drafts,
 * returns, rejection reasons, the coordinator's comments, files, the office's own report). The
 * receiving node keeps the newest copy (records come in any order: by the position in the proposer's
 * log) as an event of the peer's office, read-only, written as its own log's `peer_copy` actions so
 * the row stays the projection of its log. The counterpart states on it its participants and its
 * outcomes; that `event_statement` record is applied on the proposing node exactly as its letter
 * would be, the exchange message its reference.
 */

const Code = z.string().min(1).max(40);
const Participant = z.object({
  side: z.enum(['own', 'counterpart']),
  fullName: z.string().max(300),
  position: z.string().max(500),
  officeCode: Code.nullable(),
});
const Source = z.object({
  channel: z.enum([...LETTER_CHANNELS, 'peer']),
  number: z.string().max(200).nullable(),
  date: z.string().max(10),
  signerName: z.string().max(300).nullable(),
  signerPosition: z.string().max(500).nullable(),
});
const Instant = z.iso.datetime().nullable();

/** The event as the counterpart's node receives it. */
export const JointEventRecord = z.object({
  id: z.uuid(),
  number: z.number().int(),
  numberYear: z.number().int(),
  officeCode: Code,
  status: z.enum(EVENT_STATUSES).refine((s) => EVENT_SHARED_STATUSES.includes(s)),
  type: z.string().max(40).nullable(),
  venue: z.string().max(40).nullable(),
  form: z.string().max(40).nullable(),
  title: z.string().max(1000),
  country: z.string().max(300),
  city: z.string().max(300),
  timeZone: z.string().max(100).nullable(),
  startsAt: Instant,
  endsAt: Instant,
  agenda: z.string().max(20_000),
  priorityAreas: z.array(z.string().max(60)).max(20),
  /** Who bears the costs: agreed between the Parties, so the counterpart's to know. */
  costArrangement: z.enum(COST_ARRANGEMENTS),
  costTerms: z.string().max(20_000).nullable(),
  participants: z.array(Participant).max(400),
  counterpartOfficeCodes: z.array(Code).min(1).max(40),
  counterpartStatements: z.array(z.object({ officeCode: Code, outcomes: z.string(), agreements: z.string().nullable(), letter: Source })).max(40),
  /** The row's version on the proposing node, and the position in its log that orders the copies. */
  version: z.number().int(),
  seq: z.number().int().positive(),
});
export type JointEventRecord = z.infer<typeof JointEventRecord>;

/** What a counterpart office stated on the joint event at its node. */
export const EventStatementRecord = z.object({
  eventId: z.uuid(),
  participants: z.array(z.object({ fullName: z.string().min(1).max(300), position: z.string().max(500) })).max(200),
  statement: z.object({ outcomes: z.string().max(20_000).nullable(), agreements: z.string().max(20_000).nullable() }).nullable(),
  /** Who made it there (the signer of a statement: its head or a deputy). */
  signerName: z.string().max(300).nullable(),
  at: z.iso.datetime(),
});
export type EventStatementRecord = z.infer<typeof EventStatementRecord>;

type Refusal = { code: 'ACTION_NOT_ALLOWED' | 'SUBJECT_NOT_SHARED' | 'MALFORMED'; detail: string | null };

// ─── the proposing node: what goes ───────────────────────────────────────────

/**
 * Sends the joint event to the peer nodes hosting one of its counterpart offices, in the caller's
 * transaction (after the action was appended: its position orders the copies there). Only an event
 * of an office hosted here, in a status that is shared; a cancellation only of what was shared.
 */
export async function shareJointEvent(tx: Db, deps: Deps, e: repo.EventRow, offices?: Map<string, OfficeRow>): Promise<void> {
  if (!deps.sendRecord || !EVENT_SHARED_STATUSES.includes(e.status)) return;
  const byId = offices ?? new Map((await allOffices(tx)).map((o) => [o.id, o]));
  const office = byId.get(e.officeId);
  if (!office || office.hosting !== 'here') return;
  const counterparts = e.counterpartOfficeIds.flatMap((id) => (byId.get(id) ? [byId.get(id)!] : []));
  let peers = [...new Set(counterparts.filter((o) => o.hosting === 'peer' && o.peerName).map((o) => o.peerName!))];
  // A cancelled event goes only where the approved one went.
  if (e.status === 'cancelled') {
    const shared = await repo.sharedPeerNames(tx, e.id);
    peers = peers.filter((p) => shared.has(p));
  }
  if (peers.length === 0) return;
  const seq = (await lastAction(tx, e.id))?.seq ?? 0;
  const code = (id: string | null | undefined) => (id ? (byId.get(id)?.code ?? null) : null);
  for (const peer of peers) {
    // Each node gets the statements of its own offices: the others' letters are not its business.
    const atPeer = new Set(counterparts.filter((o) => o.hosting === 'peer' && o.peerName === peer).map((o) => o.id));
    const record: JointEventRecord = {
      id: e.id,
      number: e.number,
      numberYear: e.numberYear,
      officeCode: office.code,
      status: e.status,
      type: e.type,
      venue: e.venue,
      form: e.form,
      title: e.title,
      country: e.country,
      city: e.city,
      timeZone: e.timeZone,
      startsAt: e.startsAt?.toISOString() ?? null,
      endsAt: e.endsAt?.toISOString() ?? null,
      agenda: e.agenda,
      priorityAreas: [...e.priorityAreas],
      costArrangement: e.costArrangement,
      costTerms: e.costTerms,
      participants: e.participants.map((p) => ({ side: p.side, fullName: p.fullName, position: p.position, officeCode: code(p.officeId) })),
      counterpartOfficeCodes: counterparts.map((o) => o.code),
      counterpartStatements: (e.counterpartStatements ?? [])
        .filter((s) => atPeer.has(s.officeId))
        .map((s) => ({ officeCode: code(s.officeId)!, outcomes: s.outcomes, agreements: s.agreements, letter: s.letter })),
      version: e.version,
      seq,
    };
    await deps.sendRecord(tx, deps, {
      kind: 'joint_event',
      id: uuidv7(),
      subjectId: e.id,
      party: office.party,
      peers: [peer],
      officeCode: office.code,
      record: record as unknown as Record<string, unknown>,
    });
  }
}

// ─── the log of a record applied here ────────────────────────────────────────

/**
 * Writes a row change of an event that came from a peer as an action of its log, without a local
 * actor: the row through the function replay uses, the action chained to the previous one.
 */
async function appendFromPeer(
  tx: Db,
  a: {
    id: string;
    row: repo.EventRow | undefined;
    values: Record<string, unknown>;
    kind: string;
    at: Date;
    touch: boolean;
    onBehalfOfOfficeId: string | null;
    details: Record<string, unknown>;
  },
): Promise<repo.EventRow> {
  let next: repo.EventRow;
  let changes: Record<string, unknown>;
  if (!a.row) {
    const inserted = await insertSubject(tx, eventsTable, { ...a.values, id: a.id, createdAt: a.at, updatedAt: a.at });
    if (!inserted) throw new Error('events: a peer copy conflicted on insert under its lock');
    next = inserted as repo.EventRow;
    changes = wholeRow(eventsTable, next);
  } else {
    changes = changesOf(eventsTable, a.row, a.values);
    if (a.touch) Object.assign(changes, { version: a.row.version + 1, updatedAt: a.at.toISOString() });
    next = applyChanges<repo.EventRow>(eventsTable, a.row, changes);
    await updateSubject(tx, eventsTable, a.id, Object.fromEntries(Object.keys(changes).map((k) => [k, (next as Record<string, unknown>)[k]])));
  }
  const last = await lastAction(tx, a.id);
  const row = {
    id: uuidv7(),
    subjectType: 'event' as const,
    subjectId: a.id,
    seq: (last?.seq ?? 0) + 1,
    kind: a.kind,
    at: a.at,
    actorUserId: null,
    actorOfficeId: null,
    actorParty: null,
    actorRoles: [],
    onBehalfOfOfficeId: a.onBehalfOfOfficeId,
    channel: 'peer' as const,
    fromStatus: a.row?.status ?? null,
    toStatus: next.status,
    input: null,
    changes: toJson(changes) as Record<string, unknown>,
    details: toJson(a.details) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? GENESIS;
  await insertAction(tx, { ...row, prevHash, hash: actionHash(prevHash, row) } as never);
  return next;
}

async function notifyOffices(
  tx: Db,
  deps: Deps,
  e: repo.EventRow,
  proposer: OfficeRow,
  officeIds: readonly string[],
  kind: NotificationKind,
  extra: Record<string, unknown> = {},
) {
  await notify(tx, deps, {
    recipients: { officeIds: [...officeIds], roles: [...OFFICE_STAFF_ROLES] },
    kind,
    officeId: proposer.id,
    subjectType: 'event',
    subjectId: e.id,
    payload: {
      number: formatNumber(e),
      title: e.title,
      officeCode: proposer.code,
      officeName: { ru: proposer.nameRu, kk: proposer.nameKk, en: proposer.nameEn },
      status: e.status,
      ...extra,
    },
    link: `/events/${e.id}`,
  });
}

// ─── the counterpart's node: a joint event arrives ───────────────────────────

/**
 * Keeps the peer's joint event (its office `proposer` is hosted at the sending peer — checked by the
 * exchange): the newest copy only; an older one arriving later changes nothing (and is receipted).
 * Refused when the id is an event of another office, or it names no counterpart hosted here.
 */
export async function receiveJointEvent(tx: Db, deps: Deps, proposerId: string, messageId: string, at: Date, raw: unknown): Promise<Refusal | null> {
  const offices = await allOffices(tx);
  const proposer = offices.find((o) => o.id === proposerId)!;
  const parsed = JointEventRecord.safeParse(raw);
  if (!parsed.success || parsed.data.officeCode !== proposer.code) return { code: 'MALFORMED', detail: 'event' };
  const r = parsed.data;
  const byCode = new Map(offices.map((o) => [o.code, o]));
  const counterparts = r.counterpartOfficeCodes.map((c) => byCode.get(c));
  if (counterparts.some((o) => !o || o.party === proposer.party)) return { code: 'MALFORMED', detail: 'counterpartOfficeCodes' };
  const ours = counterparts.filter((o) => o!.hosting === 'here').map((o) => o!.id);
  if (ours.length === 0) return { code: 'SUBJECT_NOT_SHARED', detail: null };
  const idOf = (c: string | null) => (c ? (byCode.get(c)?.id ?? null) : null);
  if ([...r.participants.map((p) => p.officeCode), ...r.counterpartStatements.map((s) => s.officeCode)].some((c) => c !== null && !idOf(c)))
    return { code: 'MALFORMED', detail: 'officeCode' };
  const row = await repo.findEvent(tx, r.id, true);
  // Never another office's event, and never one of this node: a peer writes only its own events' copies.
  if (row && row.officeId !== proposer.id) return { code: 'ACTION_NOT_ALLOWED', detail: 'event' };
  // Nor the id of another subject here (its log would take the copy's actions).
  if (!row && (await lastAction(tx, r.id))) return { code: 'ACTION_NOT_ALLOWED', detail: 'event' };
  if (row && (await repo.copiedSeq(tx, r.id)) >= r.seq) return null;
  const statements: CounterpartStatement[] = r.counterpartStatements.map((s) => ({
    officeId: idOf(s.officeCode)!,
    outcomes: s.outcomes,
    agreements: s.agreements,
    letter: s.letter,
  }));
  const values = {
    officeId: proposer.id,
    number: r.number,
    numberYear: r.numberYear,
    status: r.status,
    type: r.type,
    venue: r.venue,
    form: r.form,
    title: r.title,
    country: r.country,
    city: r.city,
    timeZone: r.timeZone,
    startsAt: r.startsAt ? new Date(r.startsAt) : null,
    endsAt: r.endsAt ? new Date(r.endsAt) : null,
    agenda: r.agenda,
    priorityAreas: r.priorityAreas,
    costArrangement: r.costArrangement,
    costTerms: r.costTerms,
    counterpartOfficeIds: counterparts.map((o) => o!.id),
    participants: r.participants.map((p): EventParticipant => ({
      side: p.side,
      fullName: p.fullName,
      position: p.position,
      ...(p.officeCode ? { officeId: idOf(p.officeCode) } : {}),
    })),
    counterpartStatements: statements.length ? statements : null,
  } as Record<string, unknown>;
  const next = await appendFromPeer(tx, {
    id: r.id,
    row,
    values,
    kind: repo.PEER_COPY,
    at,
    touch: true,
    onBehalfOfOfficeId: proposer.id,
    details: { seq: r.seq, version: r.version, messageId },
  });
  await recordAudit(tx, deps, null, {
    action: 'event.peer_copy',
    objectType: 'event',
    objectId: r.id,
    officeId: null,
    after: { officeCode: proposer.code, status: r.status, seq: r.seq, messageId },
  });
  // Its counterpart's staff learn it was shared with them, or that it changed.
  if (!row || row.status !== next.status || row.startsAt?.getTime() !== next.startsAt?.getTime() || row.endsAt?.getTime() !== next.endsAt?.getTime())
    await notifyOffices(tx, deps, next, proposer, ours, row ? 'event.shared_changed' : 'event.shared');
  return null;
}

// ─── the proposing node: the counterpart's statement arrives ─────────────────

/**
 * Applies what a counterpart office (hosted at the sending peer — checked by the exchange) stated
 * on an event of this node as its letter would be: its participants replace those it named before,
 * its statement of the outcomes is kept beside the office's report — one action on its behalf, by
 * channel `peer`, the exchange message as the reference. The event's office is told, and the
 * counterpart's node gets the event as it now stands.
 */
export async function receiveEventStatement(tx: Db, deps: Deps, fromId: string, messageId: string, raw: unknown): Promise<Refusal | null> {
  const parsed = EventStatementRecord.safeParse(raw);
  if (!parsed.success) return { code: 'MALFORMED', detail: 'statement' };
  const r = parsed.data;
  if (eventStatementIssues(r).length) return { code: 'MALFORMED', detail: 'content' };
  const row = await repo.findEvent(tx, r.eventId, true);
  const offices = new Map((await allOffices(tx)).map((o) => [o.id, o]));
  const from = offices.get(fromId)!;
  const office = row ? offices.get(row.officeId) : undefined;
  if (!row || !office || office.hosting !== 'here') return { code: 'SUBJECT_NOT_SHARED', detail: null };
  if (!row.counterpartOfficeIds.includes(from.id)) return { code: 'ACTION_NOT_ALLOWED', detail: 'counterpart' };
  if (!EVENT_LETTER_STATUSES.includes(row.status)) return { code: 'ACTION_NOT_ALLOWED', detail: 'status' };
  const at = new Date(r.at);
  if (r.statement && (!row.endsAt || at.getTime() < row.endsAt.getTime())) return { code: 'ACTION_NOT_ALLOWED', detail: 'not_ended' };
  const source: CounterpartSource = {
    channel: 'peer',
    number: exchangeReference(messageId),
    date: localDate(at, from.timeZone),
    signerName: r.statement ? r.signerName : null,
    signerPosition: null,
  };
  const statement = r.statement?.outcomes ? { officeId: from.id, outcomes: r.statement.outcomes, agreements: r.statement.agreements, letter: source } : null;
  const details: LetterDetails = {
    officeId: from.id,
    officeCode: from.code,
    letter: source,
    participants: r.participants.length,
    statement: statement !== null,
    files: [],
  };
  const next = await appendFromPeer(tx, {
    id: row.id,
    row,
    values: {
      participants: participantsAfterLetter(row.participants, from.id, r.participants),
      ...(statement ? { counterpartStatements: statementsAfterLetter(row.counterpartStatements, statement) } : {}),
    },
    kind: repo.COUNTERPART_LETTER,
    at: deps.clock.now(),
    // Beside the workflow, as a letter: the version the office edits its report against stays.
    touch: false,
    onBehalfOfOfficeId: from.id,
    details: { ...details, messageId },
  });
  await recordAudit(tx, deps, null, {
    action: 'event.counterpart_statement',
    objectType: 'event',
    objectId: row.id,
    officeId: null,
    after: { officeCode: from.code, messageId, participants: r.participants.length, statement: statement !== null },
  });
  // The notice names the counterpart that stated («<office> has stated its participants or outcomes»).
  await notifyOffices(tx, deps, next, office, [office.id], 'event.counterpart_stated', {
    officeCode: from.code,
    officeName: { ru: from.nameRu, kk: from.nameKk, en: from.nameEn },
  });
  await shareJointEvent(tx, deps, next, offices);
  return null;
}
