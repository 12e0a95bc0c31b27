import { ITEM_MACHINE, type Side } from '../../../domain/item-status.ts';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../domain/items.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { forkWinner, type ForkAction } from '../../../domain/forks.ts';
import {
  actionAt,
  actionHash,
  actionsOf,
  GENESIS,
  replayActions,
  supersededByHash,
  supersedeFrom,
  applyChanges,
  findSubject,
  insertAction,
  insertSubject,
  lastAction,
  SUBJECT_TABLES,
  updateSubject,
  type SubjectTable,
} from '../../kernel/index.ts';
import { recordAudit } from '../audit/index.ts';
import { checkItemSignature, findItem, notifyOffice } from '../items/index.ts';
import { attestationFits, type ReceivedAttestation } from '../../../domain/signatures.ts';
import {
  ENVELOPE_TYPE,
  RECEIPT_TYPE,
  signJws,
  verifyJws,
  type ActionEnvelope,
  type Receipt,
  type RecordEnvelope,
  type Rejection,
  type RejectionCode,
} from './exchange.envelope.ts';
import { applyNodeKeys } from './exchange.nodekeys.ts';
import { OPEN_AFTER_RECEIPT, RECEIPT_AFTER, RECEIPT_COLUMNS, recordReceipt } from './exchange.receipt.ts';
import { applyRecord } from './exchange.records.ts';
import { signingKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';

/**
 * The receiving half. A message is verified (the peer's node signature, its address), stored in the
 * inbox under (peer, message id) with the answer given — a duplicate gets that same answer back, the
 * same id with other content is refused and raises an alert — and applied in its subject's order:
 * a message whose predecessor has not arrived is held (and asked for); its arrival applies the held
 * ones behind it. Applying writes the action exactly as the peer's log holds it (same id, seq and
 * hashes: both nodes keep the same chain), the side rows it carries, the row through the function
 * replay uses, the audit row and the notifications — one transaction.
 */

export interface Answer {
  status: number;
  body: string;
  contentType: string;
}

const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body), contentType: 'application/json' });

function peekPayload(text: string): Partial<ActionEnvelope> | null {
  try {
    return JSON.parse(Buffer.from(JSON.parse(text).payload, 'base64url').toString('utf8')) as Partial<ActionEnvelope>;
  } catch {
    return null;
  }
}

/** What a receiver does with a message: the HTTP answer (a signed receipt or rejection when the sender is known). */
export async function receive(deps: Deps, text: string): Promise<Answer> {
  const peek = peekPayload(text);
  const peer = peek?.stream?.from ? await repo.findPeer(deps.db, { nodeId: peek.stream.from }) : undefined;
  if (!peer) return json(403, { code: 'UNKNOWN_PEER', message: 'The sending node is not a configured peer' });
  const verified = await verifyJws<ActionEnvelope>(text, peer.keys, ENVELOPE_TYPE);
  const now = deps.clock.now();
  if (!verified.ok) {
    // Nothing unsigned is stored or answered with a signature: the sender may not be who it says.
    await repo.insertAlert(deps.db, { peerId: peer.id, kind: 'bad_signature', messageId: null, details: { reason: verified.reason }, at: now });
    return json(401, { code: 'BAD_SIGNATURE', message: 'The message does not verify with the peer’s keys', details: { reason: verified.reason } });
  }
  const received = verified.value.payload as ActionEnvelope | RecordEnvelope;
  const hash = verified.value.payloadHash;
  // A key the peer revoked (its signed record said so) signs nothing new: a message signed only by
  // revoked keys is refused like a bad signature, whatever time it states — unless it is one this
  // node already answered (a retry gets its stored answer).
  if (verified.value.kids.every((kid) => revokedBy(peer, kid, now))) {
    const stored = typeof received.messageId === 'string' ? await repo.findInbox(deps.db, peer.id, received.messageId) : undefined;
    if (stored?.payloadHash !== hash) {
      await repo.insertAlert(deps.db, { peerId: peer.id, kind: 'bad_signature', messageId: null, details: { reason: 'key_revoked' }, at: now });
      return json(401, { code: 'BAD_SIGNATURE', message: 'The message is signed only by revoked keys of the peer', details: { reason: 'key_revoked' } });
    }
  }
  await repo.touchPeer(deps.db, peer.id, 'lastHeardAt', now);
  if (received.type === 'record') {
    if (typeof received.messageId !== 'string' || !received.record || !received.stream)
      return json(400, { code: 'MALFORMED', message: 'Not a record envelope' });
    return { status: 200, body: await receiveRecord(deps, peer, received, text, hash, verified.value.kids, now), contentType: 'application/json' };
  }
  const env = received;
  if (env.type !== 'action' || typeof env.messageId !== 'string' || !env.subject || !env.action || !env.stream) {
    return json(400, { code: 'MALFORMED', message: 'Not an action envelope' });
  }
  // Files first: a message naming bytes this node has not received is not taken yet (the sender pushes them and retries).
  const missing = [...new Set((env.files ?? []).map((f) => f.sha256))].filter((sha) => !deps.files.exists(sha));
  if (missing.length > 0) return json(409, { code: 'FILES_MISSING', message: 'Send the files first', details: { missing } });

  const result = await deps.db.transaction(async (tx) => {
    const stored = await repo.findInbox(tx, peer.id, env.messageId);
    if (stored) {
      if (stored.payloadHash === hash) return { answer: stored.response, held: null as number | null };
      await repo.insertAlert(tx, {
        peerId: peer.id,
        kind: 'message_id_reused',
        messageId: env.messageId,
        subjectId: stored.subjectId,
        details: { stored: stored.payloadHash, received: hash },
        at: now,
      });
      const { jws } = signJws(rejection(deps, env, hash, 'MESSAGE_ID_REUSED', null, now), await signingKeys(deps, tx), deps.signer, RECEIPT_TYPE);
      return { answer: jws, held: null };
    }
    // One subject at a time: its messages queue on this lock, other subjects run in parallel.
    await repo.lockSubject(tx, env.subject.id);
    const outcome =
      env.stream.to !== deps.config.exchange.nodeId
        ? ({ refuse: 'NOT_ADDRESSED_HERE', detail: env.stream.to } as const)
        : await place(tx, deps, peer, env, now);
    const keys = await signingKeys(deps, tx);
    let answer: string;
    let state: 'applied' | 'held' | 'rejected';
    if ('refuse' in outcome) {
      answer = signJws(rejection(deps, env, hash, outcome.refuse, outcome.detail ?? null, now), keys, deps.signer, RECEIPT_TYPE).jws;
      state = 'rejected';
      // A lost fork is the protocol working (the people concerned are told), not a security matter.
      if (outcome.refuse !== 'FORK_LOST')
        await repo.insertAlert(tx, {
          peerId: peer.id,
          kind: outcome.refuse === 'SEQUENCE_CONFLICT' ? 'sequence_conflict' : 'rejected_from_peer',
          messageId: env.messageId,
          subjectId: env.subject.id,
          details: { code: outcome.refuse },
          at: now,
        });
    } else {
      state = outcome.state;
      answer = signJws(receiptOf(deps, env, hash, state, now), keys, deps.signer, RECEIPT_TYPE).jws;
    }
    const inserted = await repo.insertInbox(tx, {
      peerId: peer.id,
      messageId: env.messageId,
      streamIndex: env.stream.index,
      subjectType: env.subject.type,
      subjectId: env.subject.id,
      seq: env.subject.seq,
      envelope: text,
      payloadHash: hash,
      state,
      response: answer,
      rejectionCode: 'refuse' in outcome ? outcome.refuse : null,
      receivedAt: now,
      appliedAt: state === 'applied' ? now : null,
    });
    if (!inserted) throw new Error('exchange: inbox row appeared under the subject lock');
    // The held messages behind this one apply now, in order.
    if (state !== 'held') await settleHeld(tx, deps, peer, env.subject.id, now);
    return { answer, held: state === 'held' ? env.subject.seq : null };
  });
  return { status: 200, body: result.answer, contentType: 'application/json' };
}

const revokedBy = (peer: repo.PeerRow, kid: string, now: Date) => {
  const at = peer.keys.find((k) => k.kid === kid)?.revokedAt;
  return typeof at === 'string' && Date.parse(at) <= now.getTime();
};

/**
 * A record (a contact change, a notice, a change of the peer's own keys): no order to keep; stored
 * and answered like an action, duplicates get the same answer. `kids`: the peer's keys, trusted
 * here before this message, that its signatures verified with.
 */
async function receiveRecord(
  deps: Deps,
  peer: repo.PeerRow,
  env: RecordEnvelope,
  text: string,
  hash: string,
  kids: readonly string[],
  now: Date,
): Promise<string> {
  return deps.db.transaction(async (tx) => {
    await repo.lockSubject(tx, env.messageId);
    const stored = await repo.findInbox(tx, peer.id, env.messageId);
    const keys = await signingKeys(deps, tx);
    if (stored) {
      if (stored.payloadHash === hash) return stored.response;
      await repo.insertAlert(tx, {
        peerId: peer.id,
        kind: 'message_id_reused',
        messageId: env.messageId,
        details: { stored: stored.payloadHash, received: hash },
        at: now,
      });
      return signJws(rejection(deps, env, hash, 'MESSAGE_ID_REUSED', null, now), keys, deps.signer, RECEIPT_TYPE).jws;
    }
    // The peer's keys as they stand under a lock of their own: two key records never merge into stale keys.
    if (env.record.kind === 'node_key') await repo.lockSubject(tx, `node_key:${peer.id}`);
    const current = (await repo.findPeer(tx, { id: peer.id })) ?? peer;
    const refusal =
      env.stream.to !== deps.config.exchange.nodeId
        ? { code: 'NOT_ADDRESSED_HERE' as const, detail: env.stream.to }
        : env.record.kind === 'node_key'
          ? await applyNodeKeys(tx, deps, current, env, text, kids)
          : await applyRecord(tx, deps, peer, env);
    const answer = refusal
      ? signJws(rejection(deps, env, hash, refusal.code, refusal.detail, now), keys, deps.signer, RECEIPT_TYPE).jws
      : signJws(receiptOf(deps, env, hash, 'applied', now), keys, deps.signer, RECEIPT_TYPE).jws;
    if (refusal)
      await repo.insertAlert(tx, { peerId: peer.id, kind: 'rejected_from_peer', messageId: env.messageId, details: { code: refusal.code }, at: now });
    await repo.insertInbox(tx, {
      peerId: peer.id,
      messageId: env.messageId,
      streamIndex: env.stream.index,
      subjectType: env.record.kind as never,
      subjectId: env.messageId,
      seq: 0,
      envelope: text,
      payloadHash: hash,
      state: refusal ? 'rejected' : 'applied',
      response: answer,
      rejectionCode: refusal?.code ?? null,
      receivedAt: now,
      appliedAt: refusal ? null : now,
    });
    return answer;
  });
}

/** The technical receipt: received, verified, stored (and applied or held), by this node, at this index of the sender's stream. */
function receiptOf(deps: Deps, env: ActionEnvelope | RecordEnvelope, payloadHash: string, status: Receipt['status'], now: Date): Receipt {
  return {
    v: 1,
    type: 'receipt',
    messageId: env.messageId,
    payloadHash,
    node: deps.config.exchange.nodeId,
    from: env.stream.from,
    streamIndex: env.stream.index,
    status,
    receivedAt: now.toISOString(),
  };
}

function rejection(deps: Deps, env: ActionEnvelope | RecordEnvelope, payloadHash: string, code: RejectionCode, detail: string | null, now: Date): Rejection {
  return {
    v: 1,
    type: 'rejection',
    messageId: env.messageId,
    payloadHash,
    node: deps.config.exchange.nodeId,
    from: env.stream?.from ?? '',
    streamIndex: env.stream?.index ?? 0,
    code,
    detail,
    at: now.toISOString(),
  };
}

type Placement = { state: 'applied' | 'held' } | { refuse: RejectionCode; detail?: string | null };

/**
 * Where a message stands against its subject's log here: the next action (apply), ahead (hold), one
 * this node already holds (the same action again), or a fork — this node holds another action at
 * the same place, both continuing the same predecessor: resolved as domain/forks.ts decides — or
 * the continuation of a branch this chain does not hold.
 */
async function place(tx: Db, deps: Deps, peer: repo.PeerRow, env: ActionEnvelope, receivedAt: Date): Promise<Placement> {
  const id = env.subject.id;
  const last = await lastAction(tx, id);
  const lastSeq = last?.seq ?? 0;
  if (env.subject.seq <= lastSeq) {
    const mine = await actionAt(tx, id, env.subject.seq);
    if (mine?.hash === env.subject.hash) return { state: 'applied' };
    const before = env.subject.seq === 1 ? GENESIS : (await actionAt(tx, id, env.subject.seq - 1))?.hash;
    if (mine && before === env.subject.prevHash) return resolveFork(tx, deps, peer, env, receivedAt);
    return branchOf(tx, peer, env);
  }
  // Ahead: held until its predecessor settles — unless that one already lost a fork here.
  if (env.subject.seq > lastSeq + 1 || (last?.hash ?? GENESIS) !== env.subject.prevHash) return branchOf(tx, peer, env);
  const refusal = await apply(tx, deps, peer, env, receivedAt);
  return refusal ? { refuse: refusal.code, detail: refusal.detail } : { state: 'applied' };
}

/**
 * A message whose predecessor is not this node's: it continues a branch that lost a fork here
 * (refused the same way), or its predecessor has not arrived yet (held until it does). A branch
 * built on an action this node superseded, or on one it refused for another reason, cannot be.
 */
async function branchOf(tx: Db, peer: repo.PeerRow, env: ActionEnvelope): Promise<Placement> {
  if (await supersededByHash(tx, env.subject.id, env.subject.prevHash)) return { refuse: 'SEQUENCE_CONFLICT', detail: null };
  for (const row of await repo.inboxOfSubject(tx, peer.id, env.subject.id)) {
    const prev = peekPayload(row.envelope) as ActionEnvelope | null;
    if (prev?.subject?.hash !== env.subject.prevHash) continue;
    if (row.state === 'held') return { state: 'held' };
    if (row.state === 'rejected' && row.rejectionCode === 'FORK_LOST') return { refuse: 'FORK_LOST', detail: prev.messageId };
    return { refuse: 'SEQUENCE_CONFLICT', detail: prev.messageId };
  }
  return { state: 'held' };
}

/**
 * Both nodes acted on the subject while apart. If this node's action stays, the peer's is refused
 * (`FORK_LOST`; the peer decides the same when this node's action reaches it). If the peer's stays,
 * this node's actions from that place on leave the chain for action_forks, the row is rebuilt from
 * the log that remains, the side rows become the winner's, the peer's action applies, and the
 * people whose actions were superseded are told — all or nothing (a savepoint: a winner that does
 * not apply here leaves everything as it was and is refused).
 */
async function resolveFork(tx: Db, deps: Deps, peer: repo.PeerRow, env: ActionEnvelope, receivedAt: Date): Promise<Placement> {
  const id = env.subject.id;
  const mine = (await actionsOf(tx, id)).filter((a) => a.seq >= env.subject.seq);
  // Only this node's own actions taken apart can lose a fork; the peer's applied here never do.
  if (mine.some((a) => a.actorParty === peer.party || a.channel === 'peer')) return { refuse: 'SEQUENCE_CONFLICT', detail: mine[0]!.id };
  const theirs: ForkAction = { id: env.messageId, at: String((env.action as { at: unknown }).at) };
  if (forkWinner(theirs, { id: mine[0]!.id, at: mine[0]!.at }) !== theirs) return { refuse: 'FORK_LOST', detail: mine[0]!.id };
  const now = deps.clock.now();
  const refused = Symbol('refused');
  let refusal: { code: RejectionCode; detail: string | null } | null = null;
  try {
    await tx.transaction(async (sp) => {
      const gone = await supersedeFrom(sp, id, env.subject.seq, { actionId: env.messageId, peerNodeId: peer.nodeId, at: now });
      const table = SUBJECT_TABLES.item as SubjectTable;
      await updateSubject(sp, table, id, replayActions(table, await actionsOf(sp, id)));
      await repo.pruneItemSideRows(sp, id, env.sideRows ?? {});
      refusal = await apply(sp, deps, peer, env, receivedAt);
      if (refusal) throw refused;
      // A receipt of this node lost its place: it is recorded again after the winner, at its own time (the term still runs from it).
      const receipt = gone.find((a) => a.kind === 'receipt');
      const after = (await findItem(sp, id))?.item.status;
      if (receipt && after && OPEN_AFTER_RECEIPT.includes(after))
        await recordReceipt(sp, deps, id, receipt.at, String((receipt.details as { messageId?: unknown } | null)?.messageId ?? receipt.id));
      await recordAudit(sp, deps, null, {
        action: 'exchange.fork_resolved',
        objectType: 'item',
        objectId: id,
        officeId: null,
        after: { seq: env.subject.seq, superseded: gone.map((a) => ({ id: a.id, kind: a.kind, seq: a.seq })), by: env.messageId, peer: peer.nodeId },
      });
      const found = await findItem(sp, id);
      if (!found) return;
      // People are told of their own actions; the node's own (a receipt) is redone by the node itself.
      const people = gone.filter((a) => a.actorUserId && a.actorOfficeId);
      for (const officeId of new Set(people.map((a) => a.actorOfficeId!)))
        await notifyOffice(sp, deps, found, officeId, 'item.superseded', {
          actions: people.filter((a) => a.actorOfficeId === officeId).map((a) => a.kind),
          by: String((env.action as { kind: unknown }).kind),
        });
    });
  } catch (e) {
    if (e !== refused) throw e;
  }
  const r = refusal as { code: RejectionCode; detail: string | null } | null;
  return r ? { refuse: r.code, detail: r.detail } : { state: 'applied' };
}

/**
 * The messages held behind a settled one: each is placed again, in order, until none moves — the
 * next ones apply, those continuing a branch that lost a fork are refused the same way.
 */
async function settleHeld(tx: Db, deps: Deps, peer: repo.PeerRow, subjectId: string, now: Date): Promise<void> {
  for (let moved = true; moved;) {
    moved = false;
    for (const held of await repo.heldOf(tx, peer.id, subjectId)) {
      // Received (and receipted as held) when it came: that is its time of receipt.
      const outcome = await place(tx, deps, peer, peekPayload(held.envelope) as ActionEnvelope, held.receivedAt);
      if ('state' in outcome && outcome.state === 'held') continue;
      moved = true;
      if ('state' in outcome) {
        await repo.setInbox(tx, peer.id, held.messageId, { state: 'applied', appliedAt: now });
        continue;
      }
      // The held message was receipted as stored; its refusal is recorded here (and raised unless it lost a fork).
      await repo.setInbox(tx, peer.id, held.messageId, { state: 'rejected', rejectionCode: outcome.refuse });
      if (outcome.refuse !== 'FORK_LOST')
        await repo.insertAlert(tx, {
          peerId: peer.id,
          kind: 'rejected_from_peer',
          messageId: held.messageId,
          subjectId,
          details: { code: outcome.refuse },
          at: now,
        });
    }
  }
}

const LEVEL = (l: unknown) => CONFIDENTIALITY_LEVELS.indexOf(l as Confidentiality);

/**
 * Applies one action of the peer. The peer may act only as its own offices, on a subject shared
 * with an office hosted here, by a transition of the subject's machine open to its side and roles;
 * the action's hash must be its own; and no piece this node's side provided may come back at a
 * lower level of confidentiality.
 */
async function apply(
  tx: Db,
  deps: Deps,
  peer: repo.PeerRow,
  env: ActionEnvelope,
  receivedAt: Date,
): Promise<{ code: RejectionCode; detail: string | null } | null> {
  const a = env.action as Record<string, unknown>;
  if (env.subject.type !== 'item' || a.subjectType !== 'item') return { code: 'SUBJECT_NOT_SHARED', detail: 'type' };
  const table = SUBJECT_TABLES.item as SubjectTable;
  const action = {
    ...(a as object),
    at: new Date(String(a.at)),
  } as Parameters<typeof insertAction>[1] & { at: Date; actorRoles: string[] };
  if (
    action.id !== env.messageId ||
    action.subjectId !== env.subject.id ||
    action.seq !== env.subject.seq ||
    action.prevHash !== env.subject.prevHash ||
    action.hash !== env.subject.hash
  )
    return { code: 'MALFORMED', detail: 'subject' };
  if (actionHash(String(action.prevHash), action as never) !== action.hash) return { code: 'HASH_MISMATCH', detail: null };
  if (action.actorParty !== peer.party || !action.actorOfficeId) return { code: 'ACTION_NOT_ALLOWED', detail: 'party' };
  const actorOffice = (await repo.officesByIds(tx, [String(action.actorOfficeId)]))[0];
  if (!actorOffice || actorOffice.hosting !== 'peer' || actorOffice.peerName !== peer.name) return { code: 'ACTION_NOT_ALLOWED', detail: 'office' };

  const current = (await findSubject(tx, table, env.subject.id)) as Record<string, unknown> | undefined;
  const fresh = !current;
  const changes = (action.changes ?? {}) as Record<string, unknown>;
  const next = applyChanges<Record<string, unknown>>(table, current ?? {}, changes);
  const offices = await repo.officesByIds(
    tx,
    [next.fromOfficeId, next.toOfficeId, next.intendedOfficeId].filter((x): x is string => typeof x === 'string'),
  );
  if (!offices.some((o) => o.hosting === 'here')) return { code: 'SUBJECT_NOT_SHARED', detail: null };
  const side: Side | null = action.actorOfficeId === next.fromOfficeId ? 'sender' : action.actorOfficeId === next.toOfficeId ? 'receiver' : null;
  if (!side) return { code: 'ACTION_NOT_ALLOWED', detail: 'side' };
  // The machine: a transition from the status here, for this side, open to the roles that allowed it there.
  const status = current?.status ?? null;
  if (fresh ? action.kind !== 'create' || side !== 'sender' : action.fromStatus !== status) return { code: 'ACTION_NOT_ALLOWED', detail: 'status' };
  const machineAction = ITEM_MACHINE.transitions.some((t) => t.action === action.kind);
  if (!fresh && machineAction) {
    const allowed = ITEM_MACHINE.transitions.some(
      (t) =>
        t.action === action.kind &&
        t.side === side &&
        (t.from as readonly string[]).includes(String(status)) &&
        t.roles.some((r) => action.actorRoles.includes(r)),
    );
    if (!allowed) return { code: 'ACTION_NOT_ALLOWED', detail: 'transition' };
  }
  // The peer's record of a receipt (exchange.receipt.ts): by the receiving office, changing only the term.
  if (action.kind === 'receipt' && (side !== 'receiver' || action.toStatus !== status || Object.keys(changes).some((k) => !RECEIPT_COLUMNS.includes(k))))
    return { code: 'ACTION_NOT_ALLOWED', detail: 'receipt' };
  // a level our side set is never lowered by the other side.
  const ourSide = (officeId: unknown) => offices.some((o) => o.id === officeId && o.hosting === 'here');
  if (current) {
    if (ourSide(current.fromOfficeId) && LEVEL(next.confidentiality) < LEVEL(current.confidentiality))
      return { code: 'CONFIDENTIALITY_LOWERED', detail: 'confidentiality' };
    if (ourSide(current.toOfficeId) && current.outcomeConfidentiality && LEVEL(next.outcomeConfidentiality) < LEVEL(current.outcomeConfidentiality))
      return { code: 'CONFIDENTIALITY_LOWERED', detail: 'outcomeConfidentiality' };
  }
  const sideRows = env.sideRows ?? {};
  for (const [name, rows] of Object.entries(sideRows)) {
    if (!(name in repo.ITEM_SIDE_TABLES)) return { code: 'MALFORMED', detail: name };
    if (rows.some((r) => r.itemId !== env.subject.id)) return { code: 'MALFORMED', detail: name };
  }
  if (!attestationsWellFormed(env)) return { code: 'MALFORMED', detail: 'attestations' };
  for (const name of ['attachments', 'item_messages'] as const) {
    const local = new Map(((await repo.itemSideRows(tx, env.subject.id).catch(() => null))?.[name] ?? []).map((r) => [r.id, r]));
    for (const r of sideRows[name] ?? []) {
      const mine = local.get(r.id);
      if (mine && ourSide(mine.officeId) && LEVEL(r.confidentiality) < LEVEL(mine.confidentiality))
        return { code: 'CONFIDENTIALITY_LOWERED', detail: `${name}.confidentiality` };
    }
  }

  // The people and the signature keys it names that this node does not have: the peer's own, never able to log in here.
  const known = await repo.knownUserIds(
    tx,
    (env.people ?? []).map((p) => p.id),
  );
  for (const p of env.people ?? []) {
    if (known.has(p.id)) continue;
    const office = await repo.officeByCode(tx, p.officeCode);
    if (!office || office.hosting !== 'peer' || office.peerName !== peer.name) continue;
    await repo.insertPeerUser(tx, { id: p.id, fullName: p.fullName, officeId: office.id, roles: p.roles }, action.at);
  }
  for (const k of env.signingKeys ?? []) await repo.insertPeerSigningKey(tx, k);

  if (fresh) await insertSubject(tx, table, next);
  for (const name of Object.keys(repo.ITEM_SIDE_TABLES) as repo.SideTableName[]) await repo.upsertSideRows(tx, name, sideRows[name] ?? []);
  if (!fresh) await updateSubject(tx, table, env.subject.id, Object.fromEntries(Object.keys(changes).map((k) => [k, next[k]])));
  await keepAttestations(tx, deps, peer, env);
  await insertAction(tx, action as never);
  await recordAudit(tx, deps, null, {
    action: `exchange.applied`,
    objectType: 'item',
    objectId: env.subject.id,
    officeId: null,
    after: { kind: action.kind, seq: action.seq, messageId: action.id, peer: peer.nodeId, status: next.status },
  });
  await notifyLocal(tx, deps, env.subject.id, String(action.kind), side);
  // The request reached its office here: its receipt is recorded at the signed receipt's time.
  if (RECEIPT_AFTER.includes(String(action.kind))) await recordReceipt(tx, deps, env.subject.id, receivedAt, env.messageId);
  return null;
}

/**
 * Issue 12: the attestations a message carries are the sender's, each of a signature among the
 * side rows it carries, with that row's key and signed content.
 */
function attestationsWellFormed(env: ActionEnvelope): boolean {
  const list = env.attestations ?? [];
  if (!Array.isArray(list)) return false;
  const rows = new Map((env.sideRows?.signatures ?? []).map((r) => [String(r.id), r]));
  return list.every((a) => {
    if (!a || typeof a !== 'object') return false;
    const texts = [a.signatureId, a.keyId, a.algorithm, a.contentHash, a.checkedAt, a.node];
    if (!texts.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 200) || Number.isNaN(Date.parse(a.checkedAt))) return false;
    const row = rows.get(a.signatureId);
    return (a.result === 'valid' || a.result === 'invalid') && a.node === env.stream.from && row?.keyId === a.keyId && row.contentHash === a.contentHash;
  });
}

/**
 * Keeps the sender's attested check with each of its signers' signatures (the latest message's;
 * local to this node, never a side row). Where this node has a provider for the key's algorithm it
 * checks the signature itself too: a different result raises `signature_check_mismatch`.
 */
async function keepAttestations(tx: Db, deps: Deps, peer: repo.PeerRow, env: ActionEnvelope): Promise<void> {
  const list = env.attestations ?? [];
  if (list.length === 0) return;
  const found = await findItem(tx, env.subject.id);
  if (!found) return;
  const now = deps.clock.now();
  for (const a of list) {
    const row = await repo.signatureWithSigner(tx, env.subject.id, a.signatureId);
    // A node attests only its own signers' signatures: those of offices it hosts.
    if (!row || row.hosting !== 'peer' || row.peerName !== peer.name) continue;
    if (!attestationFits(a, { id: row.s.id, keyId: row.s.keyId, algorithm: row.key.algorithm, contentHash: row.s.contentHash })) continue;
    const attestation: ReceivedAttestation = {
      signatureId: a.signatureId,
      keyId: a.keyId,
      algorithm: a.algorithm,
      contentHash: a.contentHash,
      result: a.result,
      checkedAt: a.checkedAt,
      node: a.node,
      messageId: env.messageId,
      receivedAt: now.toISOString(),
    };
    await repo.setAttestation(tx, row.s.id, attestation);
    const check = await checkItemSignature(deps, tx, found.item, row.s, row.key, { rehash: false });
    const here = check.contentMatches ? check.local : 'invalid';
    // Once per change of the attested result: every later message carries the same attestation again.
    const before = row.s.attestation;
    if (here !== null && here !== a.result && before?.result !== a.result)
      await repo.insertAlert(tx, {
        peerId: peer.id,
        kind: 'signature_check_mismatch',
        messageId: env.messageId,
        subjectId: env.subject.id,
        details: { signatureId: row.s.id, keyId: row.s.keyId, algorithm: row.key.algorithm, attested: a.result, here },
        at: now,
      });
  }
}

/** The notice the local workflow would have sent for the same action, to the office hosted here. */
const NOTICES: Record<string, { to: 'from' | 'to'; kind: string; extra?: Record<string, unknown> }> = {
  send: { to: 'to', kind: 'item.received' },
  send_oral: { to: 'to', kind: 'item.received', extra: { oral: true } },
  confirm_in_writing: { to: 'to', kind: 'item.oral_confirmed' },
  withdraw: { to: 'to', kind: 'item.withdrawn' },
  doubt_authenticity: { to: 'from', kind: 'item.on_hold' },
  confirm_authenticity: { to: 'to', kind: 'item.authenticity_confirmed' },
  accept_conditions: { to: 'to', kind: 'item.conditions_decided', extra: { accepted: true } },
  reject_conditions: { to: 'to', kind: 'item.conditions_decided', extra: { accepted: false } },
  record_outcome: { to: 'from', kind: 'item.outcome' },
  forward: { to: 'from', kind: 'item.forwarded' },
  return: { to: 'from', kind: 'item.returned' },
};

async function notifyLocal(tx: Db, deps: Deps, itemId: string, kind: string, side: Side): Promise<void> {
  const found = await findItem(tx, itemId);
  if (!found) return;
  const notice =
    NOTICES[kind] ??
    (['open_consultation', 'message', 'propose_conditions'].includes(kind) ? { to: side === 'sender' ? 'to' : 'from', kind: 'item.consultation' } : null);
  if (!notice) return;
  const office = notice.to === 'from' ? found.from : found.to;
  if (office.hosting !== 'here') return;
  await notifyOffice(tx, deps, found, office.id, notice.kind as never, {
    ...notice.extra,
    ...(kind === 'record_outcome' ? { outcome: found.item.outcome } : {}),
  });
}
