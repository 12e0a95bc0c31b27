import { strToU8, zipSync } from 'fflate';
import type { Actor } from '../../../domain/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { translate } from '../../lib/i18n.ts';
import { recordAudit } from '../audit/index.ts';
import { loadVisible, readerFor } from '../items/index.ts';
import { actionsOf, toJsonAction, type ActionRow } from './exchange.kernel.ts';
import type { Receipt, Rejection } from './exchange.envelope.ts';
import { publishedKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';
import {
  EVIDENCE_FORMAT,
  EVIDENCE_VERSION,
  inPath,
  manifestEntries,
  outPath,
  receiptPath,
  responsePath,
  type EvidenceManifest,
  type ManifestMessage,
  type NodeKeys,
} from './exchange.verify.ts';

/**
 * The evidence bundle of an item for a court or an audit (issue 12 §5): the action log as this node
 * holds it, every signed envelope that crossed with the signed answer to it, the keys that verify
 * them, the files by hash, and a readable account in Russian and Kazakh — one ZIP that
 * `npm run evidence:verify` checks offline.
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
  for (const { row, nodeId: peer } of outbox) {
    const m: ManifestMessage = {
      direction: 'out',
      from: nodeId,
      to: peer,
      streamIndex: row.streamIndex,
      messageId: row.messageId,
      payloadHash: row.payloadHash,
      state: row.state,
    };
    messages.push(m);
    if (complete) out[outPath(m)] = strToU8(row.envelope);
    if (row.receipt) out[receiptPath(m.messageId)] = strToU8(row.receipt);
  }
  for (const { row, nodeId: peer } of inbox) {
    const m: ManifestMessage = {
      direction: 'in',
      from: peer,
      to: nodeId,
      streamIndex: row.streamIndex,
      messageId: row.messageId,
      payloadHash: row.payloadHash,
      state: row.state,
    };
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
      }),
    );
  }

  const manifest: EvidenceManifest = {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    item: { id: item.id, kind: item.kind, number: item.number ?? null, numberYear: item.numberYear ?? null },
    node: { nodeId, party },
    generatedAt: generatedAt.toISOString(),
    complete,
    messages,
    files: manifestEntries(out),
  };
  out['manifest.json'] = json(manifest);
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
    }
    for (const o of sent) {
      lines.push(`   ${t('signedHere', { node: s.nodeId, peer: o.nodeId })}`);
      const answer = answerOf(o.receipt);
      if (!answer) lines.push(`   ${t('noReceipt')}`);
      else if (answer.type === 'receipt')
        lines.push(`   ${t(answer.status === 'applied' ? 'receiptApplied' : 'receiptHeld', { node: answer.node, at: minute(answer.receivedAt) })}`);
      else lines.push(`   ${t('rejected', { node: answer.node, code: answer.code, at: minute(answer.at) })}`);
    }
    if (!received && sent.length === 0) lines.push(`   ${t('local')}`);
  }
  lines.push('', t('verify'), '');
  return lines.join('\n');
}
