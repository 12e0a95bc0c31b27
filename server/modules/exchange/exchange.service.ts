import { hasRole, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { keyExpiry, openTrustBundle, peerOf, publishedKeys, trustBundle } from './exchange.keys.ts';
import { revokeAndAnnounce, rotateAndAnnounce } from './exchange.nodekeys.ts';
import * as repo from './exchange.repository.ts';

/**
 * The link as administrators and coordinators see it, and the administrators' operations on it:
 * importing a peer's trust bundle (checked against the hash read out over another channel),
 * rotating and revoking this node's keys (each announced to the peers), resending a message (same
 * id). Every change is audited.
 */

function assertCanSeeLink(actor: Actor): void {
  if (!hasRole(actor, 'admin', 'coordinator')) throw new AppError('FORBIDDEN', 'Only administrators and coordinators see the link');
}

function assertAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new AppError('FORBIDDEN', 'Only administrators configure the exchange');
}

export async function linkState(deps: Deps, actor: Actor) {
  assertCanSeeLink(actor);
  const now = deps.clock.now();
  const peers = await repo.listPeers(deps.db);
  const keys = await publishedKeys(deps.db);
  const alerts = await repo.openAlerts(deps.db);
  return {
    node: { nodeId: deps.config.exchange.nodeId, party: deps.config.nodeParty, keys },
    peers: await Promise.all(
      peers.map(async (p) => {
        const out = await repo.outboxStats(deps.db, p.id);
        const inbox = await repo.inboxStats(deps.db, p.id);
        const checkpoints = await repo.checkpointStats(deps.db, p.id);
        const last = checkpoints.last;
        const expiry = keyExpiry(p.keys, now);
        return {
          id: p.id,
          name: p.name,
          nodeId: p.nodeId,
          party: p.party,
          url: p.url,
          state: (out.queued === 0 ? 'ok' : out.oldestQueuedAt && now.getTime() - out.oldestQueuedAt.getTime() > 3600_000 ? 'down' : 'sending') as
            'ok' | 'sending' | 'down',
          lastHeardAt: p.lastHeardAt?.toISOString() ?? null,
          lastSuccessAt: p.lastSuccessAt?.toISOString() ?? null,
          queued: out.queued,
          delivered: out.delivered,
          rejected: out.rejected,
          oldestQueuedAt: out.oldestQueuedAt?.toISOString() ?? null,
          oldestAgeSeconds: out.oldestQueuedAt ? Math.round((now.getTime() - out.oldestQueuedAt.getTime()) / 1000) : null,
          received: inbox.applied,
          held: inbox.held,
          refused: inbox.rejected,
          keyExpiry: expiry?.toISOString() ?? null,
          // The last checkpoint of the stream to the peer and its RFC 3161 time-stamp (null: no authority configured then).
          checkpoint: last
            ? {
                size: last.size,
                status: last.status,
                at: last.at.toISOString(),
                timestamp: last.timestampState ?? null,
                timestampAt: last.timestampAt?.toISOString() ?? null,
              }
            : null,
          timestampsPending: checkpoints.timestampsPending,
          // The peer's keys as this node holds them: from its trust bundle, then from its signed key records.
          keys: p.keys,
          rejectedMessages: (await repo.rejectedOut(deps.db, p.id)).map((r) => ({ ...r, at: r.at?.toISOString() ?? null })),
        };
      }),
    ),
    alerts: alerts.map((a) => ({
      id: a.id,
      peerId: a.peerId,
      kind: a.kind,
      messageId: a.messageId,
      subjectId: a.subjectId,
      details: a.details,
      at: a.at.toISOString(),
    })),
  };
}

export async function ownTrustBundle(deps: Deps, actor: Actor) {
  assertAdmin(actor);
  const { jws, payloadHash, bundle } = await trustBundle(deps);
  return { bundle: jws, hash: payloadHash, nodeId: bundle.nodeId, party: bundle.party, url: bundle.url };
}

/** Imports (or updates) a peer from its trust bundle; the hash must be the one its administrator read out. */
export async function importPeer(deps: Deps, actor: Actor, body: { bundle: string; hash: string; name: string }) {
  assertAdmin(actor);
  const opened = await openTrustBundle(body.bundle);
  if (!opened) throw new AppError('PEER_BUNDLE_INVALID', 'The trust bundle is not signed by the keys it lists');
  if (opened.payloadHash !== body.hash.trim().toLowerCase())
    throw new AppError('PEER_BUNDLE_HASH_MISMATCH', 'The trust bundle is not the one whose hash was read out');
  const b = opened.bundle;
  if (b.nodeId === deps.config.exchange.nodeId) throw new AppError('PEER_BUNDLE_INVALID', 'That is this node’s own bundle');
  if (b.party === deps.config.nodeParty) throw new AppError('PEER_BUNDLE_INVALID', 'A peer is a node of the other Party');
  return deps.db.transaction(async (tx) => {
    const before = await repo.findPeer(tx, { nodeId: b.nodeId });
    const peer = await repo.upsertPeer(tx, peerOf(b, body.name), deps.clock.now());
    await recordAudit(tx, deps, actor, {
      action: before ? 'exchange.peer_updated' : 'exchange.peer_added',
      objectType: 'exchange_peer',
      objectId: peer.id,
      before: before ? { url: before.url, keys: before.keys.map((k) => k.kid) } : null,
      after: { nodeId: peer.nodeId, url: peer.url, keys: peer.keys.map((k) => k.kid), bundleHash: opened.payloadHash },
    });
    return { id: peer.id, nodeId: peer.nodeId, name: peer.name };
  });
}

/** A rotation, announced to every peer in the same transaction (`exchange.nodekeys.ts`). */
export async function rotateNodeKeys(deps: Deps, actor: Actor, overlapDays: number) {
  assertAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const kid = await rotateAndAnnounce(deps, tx, overlapDays);
    await recordAudit(tx, deps, actor, { action: 'exchange.key_rotated', objectType: 'exchange_key', objectId: kid, after: { overlapDays } });
  });
  return { keys: await publishedKeys(deps.db) };
}

/** A revocation, announced to every peer in the same transaction. */
export async function revokeNodeKey(deps: Deps, actor: Actor, kid: string) {
  assertAdmin(actor);
  await deps.db.transaction(async (tx) => {
    if (!(await revokeAndAnnounce(deps, tx, kid))) throw new AppError('NOT_FOUND', 'No such valid key');
    await recordAudit(tx, deps, actor, { action: 'exchange.key_revoked', objectType: 'exchange_key', objectId: kid });
  });
  return { keys: await publishedKeys(deps.db) };
}

export async function resendMessage(deps: Deps, actor: Actor, peerId: string, messageId: string) {
  assertAdmin(actor);
  return deps.db.transaction(async (tx) => {
    if (!(await repo.retryNow(tx, peerId, messageId, deps.clock.now()))) throw new AppError('NOT_FOUND', 'No such waiting message');
    await recordAudit(tx, deps, actor, { action: 'exchange.resend', objectType: 'exchange_message', objectId: messageId });
    return { queued: true };
  });
}

/** How an item's actions stand with the peers: queued, delivered (signed receipt time), rejected (why). */
export async function itemDelivery(deps: Deps, itemId: string) {
  const rows = await repo.outboxOfSubject(deps.db, itemId);
  return rows.map((r) => ({
    messageId: r.messageId,
    seq: r.seq,
    state: r.state,
    attempts: r.attempts,
    receivedAt: r.receivedAt?.toISOString() ?? null,
    rejectionCode: r.rejectionCode,
    lastError: r.lastError,
  }));
}

/** A peer asks again for actions of a subject it lacks (its held messages wait on them): queued again, same ids. */
export async function requeueForPeer(deps: Deps, peerId: string, range: { subjectId: string; fromSeq: number; toSeq: number }): Promise<number> {
  return repo.requeueRange(deps.db, peerId, range.subjectId, range.fromSeq, range.toSeq, deps.clock.now());
}
