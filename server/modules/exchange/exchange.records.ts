import { exchangeReference } from '../../../domain/node.ts';
import type { Party } from '../../../domain/registry.ts';
import type { Db } from '../../db/client.ts';
import type { Deps, OutgoingRecord } from '../../lib/deps.ts';
import { receiveEventStatement, receiveJointEvent } from '../events/index.ts';
import { notify } from '../notifications/index.ts';
import { ENVELOPE_TYPE, signJws, type RecordEnvelope, type RejectionCode, type SigningKey } from './exchange.envelope.ts';
import { signingKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';

/**
 * Records that cross besides the subjects' actions: a contact person designated, changed, replaced
 * or ended (P-3, O-4.2), a change of a coordinating unit (A-5.3), and a joint event with the
 * counterpart's statements on it (issue 12: modules/events/events.exchange.ts makes and applies
 * them; they go only to the peers the event names). The others go to every peer of the
 * other Party in the transaction that made them; the signed receipt marks the change communicated
 * (the list of changes not yet communicated empties itself) or the notice sent; the receiving node
 * keeps the change and tells its coordinators in the application.
 */

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export async function enqueueRecord(tx: Db, deps: Deps, r: OutgoingRecord): Promise<void> {
  // A peer not connected gets nothing: its offices answer by letter (an event) or are told otherwise.
  const peers = (await repo.listPeers(tx)).filter((p) => p.party !== r.party && (!r.peers || r.peers.includes(p.name)));
  if (peers.length === 0) return;
  let record: RecordEnvelope['record'];
  if (r.kind === 'joint_event' || r.kind === 'event_statement') {
    if (!r.officeCode || !r.record) return;
    record = { kind: r.kind, officeCode: r.officeCode, content: r.record };
  } else if (r.kind === 'contact_change') {
    const found = await repo.contactChangeWithContact(tx, r.id);
    if (!found) return;
    record = { kind: 'contact_change', officeCode: found.officeCode, contact: json(found.contact), change: json(found.change), notice: r.notice ?? {} };
  } else {
    const found = await repo.partyNotice(tx, r.id);
    if (!found) return;
    record = { kind: 'party_notice', officeCode: found.officeCode, notice: json(found.notice) };
  }
  await queueRecord(tx, deps, peers, r.id, record, await signingKeys(deps, tx), r.subjectId);
}

/**
 * Queues a record for each peer given, at the next index of its stream, signed by `keys` (seq 0: no
 * subject's order to keep); `subjectId`: what the outbox files it under (an event's), else itself.
 */
export async function queueRecord(
  tx: Db,
  deps: Deps,
  peers: readonly repo.PeerRow[],
  messageId: string,
  record: RecordEnvelope['record'],
  keys: readonly SigningKey[],
  subjectId?: string,
): Promise<void> {
  const now = deps.clock.now();
  for (const peer of peers) {
    const index = await repo.nextStreamIndex(tx, peer.id);
    const envelope: RecordEnvelope = {
      v: 1,
      type: 'record',
      messageId,
      stream: { from: deps.config.exchange.nodeId, to: peer.nodeId, index },
      at: now.toISOString(),
      record,
    };
    const { jws, payloadHash } = signJws(envelope, keys, deps.signer, ENVELOPE_TYPE);
    await repo.insertOutbox(tx, {
      peerId: peer.id,
      streamIndex: index,
      messageId,
      subjectType: record.kind as never,
      subjectId: subjectId ?? messageId,
      seq: 0,
      envelope: jws,
      payloadHash,
      nextAttemptAt: now,
      createdAt: now,
    });
  }
}

const json = (row: object) => JSON.parse(JSON.stringify(row)) as Record<string, unknown>;

/** The peer's signed receipt came back: the change counts as communicated, the notice as sent — by the exchange, on the receipt's day. */
export async function recordDelivered(
  tx: Db,
  m: { subjectType: string; subjectId: string; messageId: string },
  peer: { nodeId: string; party: Party },
  receivedAt: Date,
  ownParty: Party,
) {
  const c = {
    sentOn: dayOf(receivedAt),
    reference: exchangeReference(m.messageId),
    note: `delivered to ${peer.nodeId}, signed receipt ${receivedAt.toISOString()}`,
    at: receivedAt,
  };
  if (m.subjectType === 'contact_change') await repo.markChangeCommunicated(tx, m.subjectId, { ...c, party: ownParty });
  else if (m.subjectType === 'party_notice') await repo.markNoticeSent(tx, m.subjectId, c);
}

/** Applies a peer's record: only about an office of the peer's own Party hosted at that peer. */
export async function applyRecord(tx: Db, deps: Deps, peer: repo.PeerRow, env: RecordEnvelope): Promise<{ code: RejectionCode; detail: string | null } | null> {
  const r = env.record;
  if (r.kind === 'node_key') return { code: 'MALFORMED', detail: 'kind' };
  const office = r.officeCode ? await repo.officeByCode(tx, r.officeCode) : undefined;
  if (!office || office.party !== peer.party || office.hosting !== 'peer' || office.peerName !== peer.name)
    return { code: 'ACTION_NOT_ALLOWED', detail: 'office' };
  const at = new Date(env.at);
  const c = { party: peer.party, sentOn: dayOf(at), reference: exchangeReference(env.messageId), note: `received from ${peer.nodeId}`, at };
  const ownParty = deps.config.nodeParty === 'both' ? null : deps.config.nodeParty;
  const recipients = { party: ownParty ?? undefined, officeKinds: ['coordinator'], roles: ['coordinator'] } as never;
  if (r.kind === 'joint_event' || r.kind === 'event_statement') {
    // One event at a time: its records queue on this lock (they may arrive together, in any order).
    const eventId = (r.content as { id?: unknown; eventId?: unknown })[r.kind === 'joint_event' ? 'id' : 'eventId'];
    if (typeof eventId !== 'string') return { code: 'MALFORMED', detail: 'event' };
    await repo.lockSubject(tx, eventId);
    return r.kind === 'joint_event'
      ? receiveJointEvent(tx, deps, office.id, env.messageId, at, r.content)
      : receiveEventStatement(tx, deps, office.id, env.messageId, r.content);
  }
  if (r.kind === 'contact_change') {
    if (r.contact.officeId !== office.id || r.change.officeId !== office.id || r.change.contactId !== r.contact.id)
      return { code: 'MALFORMED', detail: 'contact' };
    await repo.upsertPeerContact(tx, r.contact);
    await repo.insertPeerContactChange(tx, r.change, c);
    await notify(tx, deps, {
      recipients,
      kind: 'contact.changed',
      officeId: office.id,
      subjectType: 'contact_change',
      subjectId: String(r.change.id),
      payload: r.notice,
      link: `/offices/${office.id}?tab=contacts`,
    });
  } else if (r.kind === 'party_notice') {
    await notify(tx, deps, {
      recipients,
      kind: String(r.notice.kind) as never,
      officeId: office.id,
      subjectType: 'office',
      subjectId: office.id,
      payload: (r.notice.payload ?? {}) as Record<string, unknown>,
      link: `/offices/${office.id}`,
    });
  }
  return null;
}
