import { AppError } from '../../../domain/errors.ts';
import { wasSent } from '../../../domain/item-status.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { actionsOf, toJsonAction, type ActionRow } from './exchange.kernel.ts';
import { ENVELOPE_TYPE, RECEIPT_TYPE, signJws, verifyJws, type ActionEnvelope, type Receipt, type Rejection } from './exchange.envelope.ts';
import { signingKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';
import { peerProof } from './exchange.proof.ts';
import { recordDelivered } from './exchange.records.ts';
import type { PeerTransport } from './exchange.transport.ts';
import { lastAction } from '../../kernel/index.ts';
import { checkItemSignature, findItem } from '../items/index.ts';
import type { SignatureAttestation } from '../../../domain/signatures.ts';

/**
 * The sending half: an action on a subject shared with an office hosted at a peer becomes a signed
 * message in the outbox, in the action's own transaction (nothing acknowledged to the user can be
 * lost); the relay delivers it and keeps the peer's signed receipt. Retries never stop for legal
 * items; alerts escalate at the configured hours instead.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidsIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value);
  } else if (Array.isArray(value)) for (const v of value) uuidsIn(v, into);
  else if (value && typeof value === 'object' && !(value instanceof Date)) for (const v of Object.values(value)) uuidsIn(v, into);
  return into;
}

interface ItemLike extends Record<string, unknown> {
  id: string;
  status: string;
  fromOfficeId: string;
  toOfficeId: string;
  intendedOfficeId?: string | null;
  highestConfidentiality?: string;
}

/** The peers an item is shared with: those hosting one of its offices, once it was sent. */
export async function peersOfItem(tx: Db, row: ItemLike) {
  if (!wasSent(row.status as never)) return [];
  const offices = await repo.officesByIds(
    tx,
    [row.fromOfficeId, row.toOfficeId, row.intendedOfficeId].filter((x): x is string => Boolean(x)),
  );
  const names = [...new Set(offices.filter((o) => o.hosting === 'peer' && o.peerName).map((o) => o.peerName!))];
  const peers = [];
  for (const name of names) {
    const peer = await repo.findPeer(tx, { name });
    // Nothing could carry the action: refuse it rather than keep a record the other Party never gets.
    if (!peer) throw new AppError('PEER_NOT_CONNECTED', `The node «${name}» is not connected`, { peer: name });
    peers.push(peer);
  }
  return peers;
}

/**
 * Called by the kernel after an action is appended (same transaction). The first time a subject is
 * shared with a peer, its whole log goes (the peer must hold the same chain from its first action).
 */
export async function enqueueForPeers(tx: Db, deps: Deps, type: string, row: Record<string, unknown>): Promise<void> {
  if (type !== 'item') return;
  const item = row as ItemLike;
  const peers = await peersOfItem(tx, item);
  if (peers.length === 0) return;
  const log = await actionsOf(tx, item.id);
  const side = await repo.itemSideRows(tx, item.id);
  const ids = uuidsIn([side, item, log.map((a) => a.actorUserId)], new Set());
  const people = (await repo.peopleByIds(tx, [...ids])).map((p) => ({ ...p, roles: [...p.roles] }));
  const keyIds = side.signatures.map((s) => String(s.keyId));
  const keys = await repo.signingKeysByIds(tx, keyIds);
  const files = side.attachments.map((a) => ({ sha256: String(a.sha256), size: Number(a.size) }));
  const codes = new Map(
    (await repo.officesByIds(tx, [...new Set(log.map((a) => a.actorOfficeId).filter((x): x is string => !!x)), item.fromOfficeId, item.toOfficeId])).map(
      (o) => [o.id, o.code],
    ),
  );
  const signing = await signingKeys(deps, tx);
  const now = deps.clock.now();
  const attestations = await attest(tx, deps, item.id, now);
  for (const peer of peers) {
    const sent = await repo.queuedMessageIds(tx, peer.id, item.id);
    for (const m of await repo.receivedMessageIds(tx, peer.id, item.id)) sent.add(m);
    for (const a of log) {
      // What the peer's own offices did came from the peer (even the action being applied now).
      if (sent.has(a.id) || a.actorParty === peer.party) continue;
      const index = await repo.nextStreamIndex(tx, peer.id);
      const person = people.find((p) => p.id === a.actorUserId);
      const envelope: ActionEnvelope = {
        v: 1,
        type: 'action',
        messageId: a.id,
        stream: { from: deps.config.exchange.nodeId, to: peer.nodeId, index },
        subject: { type: 'item', id: item.id, seq: a.seq, prevHash: a.prevHash, hash: a.hash },
        offices: { from: codes.get(item.fromOfficeId)!, to: codes.get(item.toOfficeId)!, actor: a.actorOfficeId ? (codes.get(a.actorOfficeId) ?? null) : null },
        actor: a.actorUserId ? { userId: a.actorUserId, party: a.actorParty ?? '', fullName: person?.fullName ?? '', roles: [...a.actorRoles] } : null,
        at: a.at.toISOString(),
        confidentiality: String(item.highestConfidentiality ?? 'open'),
        action: toJsonAction(a),
        sideRows: JSON.parse(JSON.stringify(side)),
        people,
        signingKeys: keys,
        files,
        attestations,
      };
      const { jws, payloadHash } = signJws(envelope, signing, deps.signer, ENVELOPE_TYPE);
      await repo.insertOutbox(tx, {
        peerId: peer.id,
        streamIndex: index,
        messageId: a.id,
        subjectType: 'item',
        subjectId: item.id,
        seq: a.seq,
        envelope: jws,
        payloadHash,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
}

/**
 * Issue 12: this node's check of each signature its own signers made on the item (not voided), over
 * the content as it stands — what the receiver shows when it has no provider for the algorithm (a
 * GOST key). A signature this node has no provider for itself is not attested (nothing was checked).
 */
async function attest(tx: Db, deps: Deps, itemId: string, now: Date): Promise<SignatureAttestation[]> {
  const own = await repo.ownSignatures(tx, itemId);
  if (own.length === 0) return [];
  const found = await findItem(tx, itemId);
  if (!found) return [];
  const out: SignatureAttestation[] = [];
  for (const { s, key } of own) {
    const check = await checkItemSignature(deps, tx, found.item, s, key, { rehash: false });
    if (check.local === null) continue;
    out.push({
      signatureId: s.id,
      keyId: s.keyId,
      algorithm: key.algorithm,
      contentHash: s.contentHash,
      result: check.contentMatches && check.local === 'valid' ? 'valid' : 'invalid',
      checkedAt: now.toISOString(),
      node: deps.config.exchange.nodeId,
    });
  }
  return out;
}

const MAX_BACKOFF_MS = 3600_000;

/** Exponential back-off with ±25 % jitter, capped at an hour: a peer back after days is reached within the hour. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 22));
  return Math.round(base * (0.75 + random() * 0.5));
}

export interface RelayResult {
  delivered: number;
  rejected: number;
  failed: number;
}

/** One pass of the relay: claims due messages and delivers them in stream order, per peer. */
export async function relayOnce(deps: Deps, transport: PeerTransport, limit = 50): Promise<RelayResult> {
  const now = deps.clock.now();
  const due = await repo.claimDue(deps.db, now, deps.config.exchange.leaseMs, limit);
  const result: RelayResult = { delivered: 0, rejected: 0, failed: 0 };
  const downPeers = new Set<string>();
  for (const m of due) {
    const peer = await repo.findPeer(deps.db, { id: m.peerId });
    if (!peer) continue;
    if (downPeers.has(peer.id)) {
      await repo.settleOut(deps.db, m.peerId, m.streamIndex, { nextAttemptAt: new Date(now.getTime() + backoffMs(m.attempts)) });
      result.failed++;
      continue;
    }
    try {
      await pushFiles(deps, transport, peer, m.envelope);
      const res = await transport.send(peer, { method: 'POST', path: '/exchange/v1/messages', body: m.envelope, contentType: 'application/json' });
      const answer = res.status === 200 ? await verifyJws<Receipt | Rejection>(res.body, peer.keys, RECEIPT_TYPE) : null;
      if (answer?.ok && answer.value.payload.messageId === m.messageId && answer.value.payload.payloadHash === m.payloadHash) {
        const p = answer.value.payload;
        await repo.touchPeer(deps.db, peer.id, 'lastSuccessAt', deps.clock.now());
        if (p.type === 'receipt') {
          const receivedAt = new Date(p.receivedAt);
          await deps.db.transaction(async (tx) => {
            await repo.settleOut(tx, m.peerId, m.streamIndex, { state: 'delivered', receipt: res.body, receivedAt, lastError: null });
            // A contact change counts as communicated, a notice as sent, when the receipt comes (same transaction).
            if (m.seq === 0) await recordDelivered(tx, m, peer, receivedAt, peer.party === 'RU' ? 'KZ' : 'RU');
          });
          result.delivered++;
        } else {
          await repo.settleOut(deps.db, m.peerId, m.streamIndex, {
            state: 'rejected',
            receipt: res.body,
            receivedAt: new Date(p.at),
            rejectionCode: p.code,
            lastError: null,
          });
          // A lost fork is settled here too, when the winner arrives; its people are told then.
          if (p.code !== 'FORK_LOST')
            await repo.insertAlert(deps.db, {
              peerId: peer.id,
              kind: 'rejected_by_peer',
              messageId: m.messageId,
              subjectId: m.subjectId,
              details: { code: p.code },
              at: now,
            });
          result.rejected++;
        }
        continue;
      }
      // No signed answer that names this message: try again later.
      const error = res.status === 200 ? 'unverified_receipt' : `http_${res.status}:${codeOf(res.body)}`;
      await repo.settleOut(deps.db, m.peerId, m.streamIndex, { lastError: error, nextAttemptAt: new Date(now.getTime() + backoffMs(m.attempts)) });
      result.failed++;
    } catch (e) {
      downPeers.add(peer.id);
      await repo.settleOut(deps.db, m.peerId, m.streamIndex, {
        lastError: `unreachable:${(e as NodeJS.ErrnoException).code ?? (e as Error).name}`,
        nextAttemptAt: new Date(now.getTime() + backoffMs(m.attempts)),
      });
      result.failed++;
    }
  }
  return result;
}

function codeOf(body: string): string {
  try {
    return String((JSON.parse(body) as { code?: string }).code ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** Sends the bytes of the files the peer does not have yet, before the message that names them. */
async function pushFiles(deps: Deps, transport: PeerTransport, peer: repo.PeerRow, envelope: string): Promise<void> {
  const payload = JSON.parse(Buffer.from(JSON.parse(envelope).payload, 'base64url').toString('utf8')) as ActionEnvelope;
  const wanted = [...new Set((payload.files ?? []).map((f) => f.sha256))];
  if (wanted.length === 0) return;
  const ask = JSON.stringify({ sha256: wanted });
  const res = await transport.send(peer, {
    method: 'POST',
    path: '/exchange/v1/files/missing',
    body: ask,
    contentType: 'application/json',
    headers: { 'x-bc-proof': await peerProof(deps, peer.nodeId, 'files/missing', ask) },
  });
  if (res.status !== 200) throw Object.assign(new Error('files'), { code: `files_http_${res.status}` });
  const { missing } = JSON.parse(res.body) as { missing: string[] };
  for (const sha of missing) {
    if (!wanted.includes(sha)) continue;
    const bytes = await deps.files.get(sha);
    const put = await transport.send(peer, {
      method: 'PUT',
      path: `/exchange/v1/files/${sha}`,
      body: bytes,
      contentType: 'application/octet-stream',
      headers: { 'x-bc-proof': await peerProof(deps, peer.nodeId, `files/${sha}`, bytes) },
    });
    if (put.status !== 200) throw Object.assign(new Error('files'), { code: `file_put_${put.status}` });
  }
}

/**
 * Alerts for messages waiting longer than each configured threshold (1 h, 24 h, 72 h by default),
 * one per message and threshold: the relay keeps trying, people are told.
 */
export async function escalateWaiting(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const hours = deps.config.exchange.alertHours;
  let raised = 0;
  for (const peer of await repo.listPeers(deps.db)) {
    for (const m of await repo.queuedOf(deps.db, peer.id)) {
      const waited = (now.getTime() - m.createdAt.getTime()) / 3600_000;
      const level = hours.filter((h) => waited >= h).length;
      if (level <= m.escalation) continue;
      await repo.escalate(deps.db, peer.id, m.streamIndex, level);
      await repo.insertAlert(deps.db, {
        peerId: peer.id,
        kind: 'undelivered',
        messageId: m.messageId,
        subjectId: m.subjectId,
        details: { hours: hours[level - 1], attempts: m.attempts, lastError: m.lastError },
        at: now,
      });
      raised++;
    }
  }
  return raised;
}

/**
 * Asks each peer again for the actions missing before the messages held here (lost on the way, or
 * still queued there): the peer queues them again under the same ids.
 */
export async function requestGaps(deps: Deps, transport: PeerTransport): Promise<number> {
  let asked = 0;
  for (const peer of await repo.listPeers(deps.db)) {
    for (const h of await repo.heldSubjects(deps.db, peer.id)) {
      const have = (await lastAction(deps.db, h.subjectId))?.seq ?? 0;
      if (have + 1 > h.minSeq - 1) continue;
      const body = JSON.stringify({ subjectId: h.subjectId, fromSeq: have + 1, toSeq: h.minSeq - 1 });
      try {
        const res = await transport.send(peer, {
          method: 'POST',
          path: '/exchange/v1/resend',
          body,
          contentType: 'application/json',
          headers: { 'x-bc-proof': await peerProof(deps, peer.nodeId, 'resend', body) },
        });
        if (res.status === 200) asked++;
      } catch {
        // The peer is unreachable: the next pass asks again.
      }
    }
  }
  return asked;
}

export type { ActionRow };
