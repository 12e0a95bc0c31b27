import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Deps } from '../../lib/deps.ts';
import { rfc3161Client, TimestampError, verifyTimestampToken, type TimestampAuthority } from '../../exchange/timestamp/rfc3161.ts';
import { checkpointBody, cosign, openNote, parseCheckpoint, signNote, verifyCosignature, type NoteSigner } from '../../exchange/log/checkpoint.ts';
import { locateDivergence, rootOf } from '../../exchange/log/merkle.ts';
import type { PeerKey } from '../../db/schema.ts';
import { signingKeys } from './exchange.keys.ts';
import { peerProof } from './exchange.proof.ts';
import * as repo from './exchange.repository.ts';
import { leafOf, noteDigest, originOf } from './exchange.verify.ts';
import type { PeerTransport } from './exchange.transport.ts';

/**
 * Two records that prove they agree (issue 12 §4). Each node keeps, per peer, the stream of what it
 * sent (the outbox in stream order) and the peer's stream as it received it (the inbox by the
 * sender's stream index): the same messages in the same order on both sides once delivered. A
 * checkpoint is a C2SP signed note over the RFC 9162 Merkle root of a stream; the peer recomputes
 * the root over its own view and countersigns it (C2SP cosignature) when they agree. When its view
 * lacks messages it names them and the sender queues them again (reconciliation after an outage or
 * a restore); when the roots differ, the sender finds the first differing message by bisection over
 * subtree roots and both raise an alert — a record rewritten on either side is found.
 *
 * With a time-stamp authority (TSA_URL), each checkpoint this node signs is time-stamped (RFC 3161)
 * over the SHA-256 of its signed note: `pending` when made, `stamped` once a token that verifies is
 * stored. The authority is asked by its own job (stampCheckpoints), never on the way of a message
 * or a checkpoint: an unavailable authority leaves checkpoints pending, retried with back-off.
 */

/** The RFC 3161 client of the configured authority, or none. */
export const timestampAuthority = (config: Config): TimestampAuthority | undefined =>
  config.exchange.tsaUrl ? rfc3161Client(config.exchange.tsaUrl) : undefined;

export { originOf };

function publicKeyOf(k: { jwk: Record<string, unknown> }): KeyObject {
  return createPublicKey({ key: k.jwk as never, format: 'jwk' });
}

/** The keys of a node valid at a moment (a checkpoint is verified with the keys valid when it was made). */
const validAt = (keys: readonly PeerKey[], at: Date) =>
  keys.filter(
    (k) => Date.parse(k.notBefore) <= at.getTime() && at.getTime() < Date.parse(k.notAfter) && (!k.revokedAt || at.getTime() < Date.parse(k.revokedAt)),
  );

async function noteSigners(deps: Deps): Promise<NoteSigner[]> {
  const keys = await deps.db.transaction(async (tx) => signingKeys(deps, tx));
  const published = new Map((await repo.allNodeKeys(deps.db)).map((k) => [k.kid, k]));
  return keys.map((k) => ({
    name: deps.config.exchange.nodeId,
    publicKey: publicKeyOf({ jwk: published.get(k.kid)!.publicJwk }),
    sign: (data: Buffer) => Buffer.from(deps.signer.sign(k.material, data), 'base64'),
  }));
}

/** A note signed by every valid key of this node (two during a rotation). */
function signAll(body: string, signers: readonly NoteSigner[]): string {
  const [first, ...rest] = signers;
  let note = signNote(body, first!);
  for (const s of rest) note += signNote(body, s).slice(body.length + 1);
  return note;
}

export type CheckpointAnswer =
  { status: 'agreed'; cosignature: string } | { status: 'incomplete'; missing: number[] } | { status: 'differs' } | { status: 'refused'; reason: string };

/** The sending side: checkpoints the stream to each peer that has grown since its last agreed checkpoint. */
export async function checkpointPeers(deps: Deps, transport: PeerTransport): Promise<{ peer: string; status: string; firstDifference?: number }[]> {
  const results: { peer: string; status: string; firstDifference?: number }[] = [];
  for (const peer of await repo.listPeers(deps.db)) {
    const stream = await repo.outStream(deps.db, peer.id);
    if (stream.length === 0) continue;
    const last = await repo.lastCheckpoint(deps.db, peer.id, 'out');
    if (last?.status === 'agreed' && last.size === stream.length) continue;
    const leaves = stream.map(leafOf);
    const root = rootOf(leaves);
    const body = checkpointBody({ origin: originOf(deps.config.exchange.nodeId, peer.nodeId), size: stream.length, rootHash: root });
    const note = signAll(body, await noteSigners(deps));
    const now = deps.clock.now();
    let answer: CheckpointAnswer | null = null;
    try {
      const res = await transport.send(peer, {
        method: 'POST',
        path: '/exchange/v1/checkpoints',
        body: JSON.stringify({ note }),
        contentType: 'application/json',
      });
      if (res.status === 200) answer = JSON.parse(res.body) as CheckpointAnswer;
    } catch {
      answer = null;
    }
    const row = {
      peerId: peer.id,
      direction: 'out' as const,
      size: stream.length,
      root: root.toString('hex'),
      note,
      at: now,
      ...(deps.tsa ? { timestampState: 'pending' as const, timestampNextAttemptAt: now } : {}),
    };
    if (answer?.status === 'agreed') {
      const ok = validAt(peer.keys, now).some((k) => verifyCosignature(body, answer.cosignature, { name: peer.nodeId, publicKey: publicKeyOf(k) }) !== null);
      await repo.insertCheckpoint(deps.db, { ...row, status: ok ? 'agreed' : 'unanswered', cosignature: ok ? answer.cosignature : null });
      results.push({ peer: peer.nodeId, status: ok ? 'agreed' : 'unanswered' });
    } else if (answer?.status === 'incomplete') {
      // Reconciliation: what the peer lacks goes again, under the same message ids, before anything else is asked of it.
      await repo.requeueIndexes(
        deps.db,
        peer.id,
        answer.missing.filter((i) => Number.isInteger(i) && i >= 1 && i <= stream.length),
        now,
      );
      await repo.insertCheckpoint(deps.db, { ...row, status: 'incomplete' });
      results.push({ peer: peer.nodeId, status: 'incomplete' });
    } else if (answer?.status === 'differs') {
      const first = await locateDivergence(
        stream.length,
        (start, end) => rootOf(leaves, start, end),
        async (start, end) => {
          const ask = JSON.stringify({ size: stream.length, start, end });
          const res = await transport.send(peer, {
            method: 'POST',
            path: '/exchange/v1/range-root',
            body: ask,
            contentType: 'application/json',
            headers: { 'x-bc-proof': await peerProof(deps, peer.nodeId, 'range-root', ask) },
          });
          return Buffer.from((JSON.parse(res.body) as { root: string }).root, 'hex');
        },
      ).catch(() => null);
      const at = first === null ? null : stream[first]!;
      await repo.insertCheckpoint(deps.db, { ...row, status: 'differs', firstDifference: at?.index ?? null });
      await repo.insertAlert(deps.db, {
        peerId: peer.id,
        kind: 'checkpoint_mismatch',
        messageId: at?.messageId ?? null,
        details: { direction: 'out', size: stream.length, firstDifference: at?.index ?? null },
        at: now,
      });
      results.push({ peer: peer.nodeId, status: 'differs', ...(at ? { firstDifference: at.index } : {}) });
    } else {
      await repo.insertCheckpoint(deps.db, { ...row, status: 'unanswered' });
      results.push({ peer: peer.nodeId, status: 'unanswered' });
    }
  }
  return results;
}

/** The receiving side: checks a peer's checkpoint against this node's view of its stream. */
export async function answerCheckpoint(deps: Deps, text: string): Promise<CheckpointAnswer> {
  let note: string;
  let body: string;
  let origin: string;
  let size: number;
  let rootHash: Buffer;
  try {
    note = String((JSON.parse(text) as { note?: unknown }).note);
    body = note.slice(0, note.lastIndexOf('\n\n') + 1);
    ({ origin, size, rootHash } = parseCheckpoint(body));
  } catch {
    return { status: 'refused', reason: 'malformed' };
  }
  const [, , from, to] = origin.split('/');
  const peer = from ? await repo.findPeer(deps.db, { nodeId: from }) : undefined;
  if (!peer || to !== deps.config.exchange.nodeId || origin !== originOf(from!, to)) return { status: 'refused', reason: 'unknown_origin' };
  const now = deps.clock.now();
  let opened;
  try {
    opened = openNote(
      note,
      peer.keys.map((k) => ({ name: peer.nodeId, publicKey: publicKeyOf(k) })),
    );
  } catch {
    return { status: 'refused', reason: 'malformed' };
  }
  if (!opened.signatures.some((s) => s.status === 'verified') || opened.signatures.some((s) => s.status === 'invalid'))
    return { status: 'refused', reason: 'bad_signature' };
  await repo.touchPeer(deps.db, peer.id, 'lastHeardAt', now);
  const view = await repo.inStream(deps.db, peer.id, size);
  const row = { peerId: peer.id, direction: 'in' as const, size, root: rootHash.toString('hex'), note, at: now };
  if (view.length < size) {
    const have = new Set(view.map((m) => m.index));
    const missing: number[] = [];
    for (let i = 1; i <= size && missing.length < 1000; i++) if (!have.has(i)) missing.push(i);
    await repo.insertCheckpoint(deps.db, { ...row, status: 'incomplete' });
    return { status: 'incomplete', missing };
  }
  const ours = rootOf(view.map(leafOf));
  if (!ours.equals(rootHash)) {
    await repo.insertCheckpoint(deps.db, { ...row, status: 'differs' });
    await repo.insertAlert(deps.db, { peerId: peer.id, kind: 'checkpoint_mismatch', details: { direction: 'in', size }, at: now });
    return { status: 'differs' };
  }
  const [signer] = await noteSigners(deps);
  const cosignature = cosign(body, signer!, Math.floor(now.getTime() / 1000));
  await repo.insertCheckpoint(deps.db, { ...row, status: 'agreed', cosignature });
  return { status: 'agreed', cosignature };
}

/** The root of a range of the peer's stream as this node holds it: what the peer bisects with. */
export async function rangeRoot(deps: Deps, peerId: string, q: { size: number; start: number; end: number }): Promise<string | null> {
  const view = await repo.inStream(deps.db, peerId, q.size);
  if (!(0 <= q.start && q.start < q.end && q.end <= view.length)) return null;
  return rootOf(view.map(leafOf), q.start, q.end).toString('hex');
}

/** Retry delay of a time-stamp after `attempts` failures: 1, 2, 4 … minutes, at most an hour. */
export const timestampBackoffMs = (attempts: number): number => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/**
 * The time-stamp job: asks the authority for each due pending checkpoint, stores the token once it
 * verifies over the note's digest. A failure postpones that checkpoint with back-off; an unreachable
 * authority ends the pass (the others wait their turn without a request each).
 */
export async function stampCheckpoints(deps: Deps, limit = 100): Promise<{ stamped: number; failed: number }> {
  const tsa = deps.tsa;
  if (!tsa) return { stamped: 0, failed: 0 };
  const now = deps.clock.now();
  let stamped = 0;
  let failed = 0;
  for (const c of await repo.dueTimestamps(deps.db, now, limit)) {
    const digest = noteDigest(c.note);
    let code: string;
    try {
      const token = await tsa.stamp(digest);
      const v = await verifyTimestampToken(token, digest);
      if (v.ok) {
        await repo.markStamped(deps.db, c.id, token, v.value.genTime);
        stamped++;
        continue;
      }
      code = v.reason;
    } catch (err) {
      code = err instanceof TimestampError ? err.code : 'unreachable';
    }
    failed++;
    const attempts = c.attempts + 1;
    await repo.postponeTimestamp(deps.db, c.id, attempts, new Date(now.getTime() + timestampBackoffMs(attempts)));
    if (code === 'unreachable' || code === 'http_status') break;
  }
  return { stamped, failed };
}
