import { strToU8, zipSync } from 'fflate';
import type { exchangeCheckpoints } from '../../db/schema.ts';
import { inclusionProof, rootOf } from '../../exchange/log/merkle.ts';
import { verifyTimestampToken } from '../../exchange/timestamp/rfc3161.ts';
import type { Actor } from '../../../domain/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { translate } from '../../lib/i18n.ts';
import { recordAudit } from '../audit/index.ts';
import { loadVisible, readerFor } from '../items/index.ts';
import { actionsOf, toJsonAction, type ActionRow } from './exchange.kernel.ts';
import { signJws, type Receipt, type Rejection } from './exchange.envelope.ts';
import { publishedKeys, signingKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';
import {
  EVIDENCE_FORMAT,
  EVIDENCE_VERSION,
  inPath,
  leafOf,
  MANIFEST_TYPE,
  manifestEntries,
  noteDigest,
  outPath,
  receiptPath,
  responsePath,
  type EvidenceManifest,
  type ManifestCheckpoint,
  type ManifestMessage,
  type NodeKeys,
} from './exchange.verify.ts';

/**
 * The evidence bundle of an item for a court or an audit (issue 12 §5): the action log as this node
 * holds it, every signed envelope that crossed with the signed answer to it, the keys that verify
 * them, the files by hash, and a readable account in Russian and Kazakh — one ZIP that
 * `npm run evidence:verify` checks offline.
 *
 * Each message comes with the first checkpoint of its stream that covers it (the signed note, the
 * peer's cosignature, the RFC 3161 token) and the inclusion proof of its leaf in that tree; the
 * manifest listing every file with its SHA-256 is signed by this node (JWS, like the envelopes).
 *
 * the envelopes and the action rows carry every piece of the item. A caller who may not read
 * all of them gets the bundle without the envelopes and with the actions reduced to their chain
 * (ids, kinds, times, offices, hashes): the receipts still prove what crossed and when.
 */

const HIDDEN = '—';
/** The columns of an action that carry no content: what every viewer of the item sees in its timeline. */
const CHAIN_FIELDS = [
  'id',
  'subjectType',
  'subjectId',
  'seq',
  'kind',
  'at',
  'actorOfficeId',
  'actorParty',
  'channel',
  'fromStatus',
  'toStatus',
  'prevHash',
  'hash',
] as const;

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const minute = (at: Date | string) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Reads the payload of a signed answer (verified when it was stored; the verifier checks it again). */
function answerOf(jws: string | null): Receipt | Rejection | null {
  if (!jws) return null;
  try {
    return JSON.parse(Buffer.from(JSON.parse(jws).payload, 'base64url').toString('utf8')) as Receipt | Rejection;
  } catch {
    return null;
  }
}

type ExchangeCheckpoint = typeof exchangeCheckpoints.$inferSelect;

/** What the readable account says of a message's checkpoint. */
interface CheckpointNote {
  from: string;
  to: string;
  size: number;
  at: Date;
  cosignedAt: Date | null;
  timestamp: 'pending' | 'stamped' | null;
  stampedAt: Date | null;
  tsa: string | null;
}

/** The time a cosignature/v1 line states (descriptive; the verifier checks the signature). */
function cosignatureTime(line: string | null): Date | null {
  const bytes = line ? Buffer.from(line.trim().split(' ').at(-1) ?? '', 'base64') : Buffer.alloc(0);
  return bytes.length >= 12 ? new Date(Number(bytes.readBigUInt64BE(4)) * 1000) : null;
}

/**
 * The checkpoints of the streams with the peers, for the messages of one item: for a message, the
 * first checkpoint that covers its index — countersigned ones first; for the peer's stream only
 * countersigned ones (the note is the peer's, its root over what this node holds) — whose root this
 * node's stream reproduces, with the inclusion proof of its leaf.
 */
function checkpointPicker(deps: Deps) {
  // The leaves of each stream as far as a checkpoint needed them (a stream is append-only: a longer read extends a shorter one).
  const streams = new Map<string, { leaves: Buffer[]; indexes: number[] }>();
  const reproduced = new Map<string, boolean>();
  const stream = async (peerId: string, direction: 'out' | 'in', size: number) => {
    const key = `${direction}:${peerId}`;
    const have = streams.get(key);
    if (have && have.leaves.length >= size) return have;
    const entries = direction === 'out' ? await repo.outStream(deps.db, peerId, size) : await repo.inStream(deps.db, peerId, size);
    const read = { leaves: entries.map(leafOf), indexes: entries.map((e) => e.index) };
    streams.set(key, read);
    return read;
  };
  return async (peerId: string, direction: 'out' | 'in', index: number) => {
    for (const row of await repo.coveringCheckpoints(deps.db, peerId, direction, index, direction === 'in')) {
      const { leaves, indexes } = await stream(peerId, direction, row.size);
      if (!reproduced.has(row.id))
        reproduced.set(row.id, leaves.length >= row.size && indexes[row.size - 1] === row.size && rootOf(leaves, 0, row.size).toString('hex') === row.root);
      if (reproduced.get(row.id) && indexes[index - 1] === index)
        return { row, proof: inclusionProof(leaves, index - 1, row.size).map((h) => h.toString('hex')) };
    }
    return null;
  };
}

export async function evidenceBundle(deps: Deps, actor: Actor, itemId: string): Promise<{ buffer: Uint8Array; fileName: string }> {
  const found = await loadVisible(deps, actor, itemId);
  const item = found.item;
  const files = await repo.itemFiles(deps.db, itemId);
  const reader = await readerFor(
    deps.db,
    actor,
    item,
    files.map((f) => f.confidentiality),
  );
  const complete = reader.request && reader.answer && reader.level(item.highestConfidentiality) && files.every((f) => reader.attachment(f));

  // The keys that sign the manifest first: the first use on a new node makes one, and keys/node.json must list it.
  const manifestKeys = await deps.db.transaction(async (tx) => signingKeys(deps, tx));
  const [log, outbox, inbox, nodeKeys, peers] = await Promise.all([
    actionsOf(deps.db, itemId),
    repo.evidenceOutbox(deps.db, itemId),
    repo.evidenceInbox(deps.db, itemId),
    publishedKeys(deps.db),
    repo.listPeers(deps.db),
  ]);
  const nodeId = deps.config.exchange.nodeId;
  const party = deps.config.nodeParty;
  const out: Record<string, Uint8Array> = {};

  out['actions.json'] = json(
    log.map((a) => {
      const row = toJsonAction(a);
      return complete ? row : Object.fromEntries(CHAIN_FIELDS.map((k) => [k, row[k] ?? null]));
    }),
  );

  const messages: ManifestMessage[] = [];
  const checkpoints = new Map<string, { row: ExchangeCheckpoint; entry: ManifestCheckpoint }>();
  const checkpointNotes = new Map<string, CheckpointNote>();
  const pick = checkpointPicker(deps);
  /** The checkpoint of a message: its files once per checkpoint, its proof in the message's entry. */
  const checkpointOf = async (m: Omit<ManifestMessage, 'checkpoint'>, peerId: string): Promise<ManifestMessage['checkpoint']> => {
    const found = await pick(peerId, m.direction, m.streamIndex);
    if (!found) return null;
    const { row } = found;
    let path = `checkpoints/${m.from}/${m.to}/${row.size}`;
    if (checkpoints.has(path) && checkpoints.get(path)!.row.id !== row.id) path = `${path}-${row.id.slice(0, 8)}`;
    if (!checkpoints.has(path)) {
      checkpoints.set(path, {
        row,
        entry: { path, from: m.from, to: m.to, size: row.size, status: row.status, at: row.at.toISOString(), timestamp: row.timestampState ?? null },
      });
      out[`${path}.note`] = strToU8(row.note);
      if (row.cosignature) out[`${path}.cosignature`] = strToU8(row.cosignature);
      let tsa: string | null = null;
      if (row.timestampState === 'stamped' && row.timestampToken) {
        const token = Buffer.from(row.timestampToken, 'base64');
        out[`${path}.tsr`] = token;
        const v = await verifyTimestampToken(token, noteDigest(row.note));
        tsa = v.ok ? v.value.tsa : null;
      }
      checkpointNotes.set(path, {
        from: m.from,
        to: m.to,
        size: row.size,
        at: row.at,
        cosignedAt: cosignatureTime(row.cosignature),
        timestamp: row.timestampState ?? null,
        stampedAt: row.timestampAt,
        tsa,
      });
    }
    return { path, leafIndex: m.streamIndex - 1, proof: found.proof };
  };
  for (const { row, nodeId: peer } of outbox) {
    const base = {
      direction: 'out' as const,
      from: nodeId,
      to: peer,
      streamIndex: row.streamIndex,
      messageId: row.messageId,
      payloadHash: row.payloadHash,
      state: row.state,
    };
    const m: ManifestMessage = { ...base, checkpoint: await checkpointOf(base, row.peerId) };
    messages.push(m);
    if (complete) out[outPath(m)] = strToU8(row.envelope);
    if (row.receipt) out[receiptPath(m.messageId)] = strToU8(row.receipt);
  }
  for (const { row, nodeId: peer } of inbox) {
    const base = {
      direction: 'in' as const,
      from: peer,
      to: nodeId,
      streamIndex: row.streamIndex,
      messageId: row.messageId,
      payloadHash: row.payloadHash,
      state: row.state,
    };
    const m: ManifestMessage = { ...base, checkpoint: await checkpointOf(base, row.peerId) };
    messages.push(m);
    if (complete) out[inPath(m)] = strToU8(row.envelope);
    out[responsePath(m.messageId)] = strToU8(row.response);
  }

  out['keys/node.json'] = json({ nodeId, party, keys: nodeKeys } satisfies NodeKeys);
  out['keys/peers.json'] = json(peers.map((p) => ({ nodeId: p.nodeId, name: p.name, party: p.party, url: p.url, keys: p.keys })));
  // A file's name and hash are pieces of information: hidden unless the caller may read the file; never the bytes.
  out['attachments.json'] = json(
    files.map((f) => {
      const readable = reader.attachment(f);
      return {
        id: f.id,
        name: readable ? f.fileName : HIDDEN,
        sha256: readable ? f.sha256 : HIDDEN,
        size: f.size,
        role: f.role,
        confidentiality: f.confidentiality,
        removedAt: f.removedAt?.toISOString() ?? null,
      };
    }),
  );

  const generatedAt = deps.clock.now();
  const officeIds = [...new Set([item.fromOfficeId, item.toOfficeId, ...log.map((a) => a.actorOfficeId).filter((x): x is string => !!x)])];
  const officeById = new Map((await repo.officeNames(deps.db, officeIds)).map((o) => [o.id, o]));
  for (const locale of ['ru', 'kk'] as const) {
    out[`summary.${locale}.txt`] = strToU8(
      summary(locale, {
        item,
        log,
        outbox: outbox.map((o) => ({ ...o.row, nodeId: o.nodeId })),
        inbox: inbox.map((i) => ({ ...i.row, nodeId: i.nodeId })),
        officeById,
        nodeId,
        party,
        generatedAt,
        complete,
        showSubject: reader.request,
        checkpointOf: (direction, peer, messageId) => {
          const m = messages.find((x) => x.direction === direction && x.messageId === messageId && (direction === 'out' ? x.to : x.from) === peer);
          return m?.checkpoint ? (checkpointNotes.get(m.checkpoint.path) ?? null) : m ? null : undefined;
        },
      }),
    );
  }

  const manifest: EvidenceManifest = {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    item: { id: item.id, kind: item.kind, number: item.number ?? null, numberYear: item.numberYear ?? null },
    node: { nodeId, party },
    at: generatedAt.toISOString(),
    complete,
    messages,
    checkpoints: [...checkpoints.values()].map((c) => c.entry),
    files: manifestEntries(out),
  };
  out['manifest.json'] = strToU8(`${signJws(manifest, manifestKeys, deps.signer, MANIFEST_TYPE).jws}\n`);
  const buffer = zipSync(out, { level: 6, mtime: generatedAt });

  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, { action: 'item.evidence', objectType: 'item', objectId: itemId, after: { complete, messages: messages.length } }),
  );
  const number = item.number ? `${item.number}-${item.numberYear}` : item.id;
  return { buffer, fileName: `evidence-${number}.zip` };
}

interface SummaryInput {
  item: Awaited<ReturnType<typeof loadVisible>>['item'];
  log: ActionRow[];
  outbox: (repo.OutRow & { nodeId: string })[];
  inbox: (repo.InRow & { nodeId: string })[];
  officeById: Map<string, { code: string; nameRu: string; nameKk: string }>;
  nodeId: string;
  party: string;
  generatedAt: Date;
  complete: boolean;
  showSubject: boolean;
  /** The checkpoint that covers a message (null: none yet; undefined: not a message of the bundle). */
  checkpointOf: (direction: 'out' | 'in', peer: string, messageId: string) => CheckpointNote | null | undefined;
}

/** The readable account: the item, then each action with its time, office, kind, where it was signed and what answer came back. */
function summary(locale: 'ru' | 'kk', s: SummaryInput): string {
  const t = (key: string, options: Record<string, unknown> = {}) => translate(locale, `exchange:evidence.${key}`, options);
  const office = (id: string | null) => {
    const o = id ? s.officeById.get(id) : undefined;
    return o ? `${o.code} ${locale === 'kk' ? o.nameKk : o.nameRu}` : translate(locale, 'items:timeline.system');
  };
  const lines = [
    t('title', { kind: translate(locale, `items:kinds.${s.item.kind}`), number: s.item.number ? `${s.item.number}/${s.item.numberYear}` : '—' }),
    t('node', { nodeId: s.nodeId, party: s.party, at: minute(s.generatedAt) }),
    t('offices', { from: office(s.item.fromOfficeId), to: office(s.item.toOfficeId) }),
    t('status', { status: translate(locale, `items:statuses.${s.item.status}`) }),
    ...(s.showSubject && s.item.subject ? [t('subject', { subject: s.item.subject })] : []),
    ...(s.complete ? [] : ['', t('partial')]),
    '',
    t('actions'),
  ];
  for (const a of s.log) {
    lines.push(
      t('action', {
        seq: a.seq,
        at: minute(a.at),
        kind: translate(locale, `items:timeline.actions.${a.kind}`, { defaultValue: a.kind }),
        office: office(a.actorOfficeId),
      }),
    );
    const sent = s.outbox.filter((o) => o.messageId === a.id);
    const received = s.inbox.find((i) => i.messageId === a.id);
    if (received) {
      lines.push(`   ${t('signedThere', { node: received.nodeId, at: minute(received.receivedAt) })}`);
      const key = received.state === 'applied' ? 'answeredApplied' : received.state === 'held' ? 'answeredHeld' : 'answeredRejected';
      lines.push(`   ${t(key, { code: received.rejectionCode ?? '' })}`);
      lines.push(...checkpointLines(t, s.checkpointOf('in', received.nodeId, a.id)));
    }
    for (const o of sent) {
      lines.push(`   ${t('signedHere', { node: s.nodeId, peer: o.nodeId })}`);
      const answer = answerOf(o.receipt);
      if (!answer) lines.push(`   ${t('noReceipt')}`);
      else if (answer.type === 'receipt')
        lines.push(`   ${t(answer.status === 'applied' ? 'receiptApplied' : 'receiptHeld', { node: answer.node, at: minute(answer.receivedAt) })}`);
      else lines.push(`   ${t('rejected', { node: answer.node, code: answer.code, at: minute(answer.at) })}`);
      lines.push(...checkpointLines(t, s.checkpointOf('out', o.nodeId, a.id)));
    }
    if (!received && sent.length === 0) lines.push(`   ${t('local')}`);
  }
  lines.push('', t('verify'), '');
  return lines.join('\n');
}

/** The lines of a message's checkpoint: where it is included, the countersignature, the time-stamp. */
function checkpointLines(t: (key: string, options?: Record<string, unknown>) => string, c: CheckpointNote | null | undefined): string[] {
  if (c === undefined) return [];
  if (c === null) return [`   ${t('notInCheckpoint')}`];
  const lines = [`   ${t('inCheckpoint', { from: c.from, to: c.to, size: c.size, at: minute(c.at) })}`];
  lines.push(`   ${c.cosignedAt ? t('cosigned', { node: c.to, at: minute(c.cosignedAt) }) : t('notCosigned')}`);
  if (c.timestamp === 'stamped' && c.stampedAt) lines.push(`   ${t('stamped', { tsa: c.tsa ?? '—', at: minute(c.stampedAt) })}`);
  else if (c.timestamp === 'pending') lines.push(`   ${t('timestampPending')}`);
  return lines;
}
