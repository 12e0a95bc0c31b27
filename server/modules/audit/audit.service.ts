import { can, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import type { AuditCheckpoint, AuditCheckpointRef, AuditVerifyReason } from '../../../domain/schemas/audit.ts';
import type { Clock } from '../../../domain/time.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { chainHash, GENESIS_HASH } from './audit.chain.ts';
import {
  appendCheckpoint,
  checkpointFileBytes,
  checkpointSignatureValid,
  checkpointSigner,
  readCheckpointFiles,
  type CheckpointPublicKey,
  type ParsedCheckpoints,
} from './audit.checkpoints.ts';
import { appendAudit, distinctActions, listAudit, maxSeq, readChainBatch, readHead, type AuditFilter } from './audit.repository.ts';

export interface AuditInput {
  action: string;
  objectType: string;
  objectId: string | null;
  officeId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes an audit row for an action of `actor` inside the caller's transaction. */
/** The audit row of a change; the client address is the actor's (`ip` only for a request with no actor yet: a failed login). */
export function recordAudit(tx: Db, deps: Pick<Deps, 'clock'>, actor: Actor | null, input: AuditInput, ip: string | null = actor?.ip ?? null) {
  return appendAudit(tx, {
    actorId: actor?.userId ?? null,
    actorLogin: actor?.login ?? null,
    officeId: input.officeId !== undefined ? input.officeId : (actor?.officeId ?? null),
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    before: input.before,
    after: input.after,
    ip,
    at: deps.clock.now(),
  });
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  headSeq?: number;
  firstBadSeq?: number;
  reason?: AuditVerifyReason;
  checkpoints: { verified: number; invalid: number };
  lastGoodCheckpoint: AuditCheckpointRef | null;
  badCheckpoint?: AuditCheckpointRef;
}

type Located = { cp: AuditCheckpoint; line: number; file: string };
const refOf = (c: Located): AuditCheckpointRef => ({ seq: c.cp.seq, rows: c.cp.rows, hash: c.cp.hash, at: c.cp.at, line: c.line, file: c.file });

export interface VerifyOptions {
  /** Checkpoints whose signatures were checked (see `checkedCheckpoints`). */
  checkpoints?: readonly Located[];
  /** Checkpoint lines that are malformed or carry no valid signature: verification fails on them. */
  invalid?: readonly AuditCheckpointRef[];
  /** Start at this trusted checkpoint instead of the genesis (the incremental check before signing). */
  from?: Located;
  batchSize?: number;
}

/**
 * Walks the chain from the first row (or a trusted checkpoint) to the head and names the first row
 * that does not verify. Each row's hash is recomputed; each checkpoint must match the row at its
 * seq exactly (hash and row count), so a rewrite with every hash recomputed is still found; a
 * checkpoint beyond the head means the tail was cut off. Past the last good checkpoint nothing can be
 * proven, so a failing checkpoint names the row after the last good one as the first bad row.
 */
export async function verifyChain(db: Db, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? 5000;
  const pending = [...(opts.checkpoints ?? [])].sort((a, b) => a.cp.seq - b.cp.seq);
  if (opts.from) pending.unshift(opts.from);
  const counts = { verified: 0, invalid: opts.invalid?.length ?? 0 };
  let lastGood: Located | null = null;
  // The head first, then only rows up to it: rows appended meanwhile are not mistaken for tampering.
  const head = await readHead(db);
  let prevSeq = opts.from ? opts.from.cp.seq - 1 : 0;
  let prevHash: string | null = opts.from ? null : GENESIS_HASH;
  let rows = opts.from ? opts.from.cp.rows - 1 : 0;
  const fail = (firstBadSeq: number, reason: AuditVerifyReason, bad?: AuditCheckpointRef): VerifyResult => ({
    ok: false,
    rows,
    firstBadSeq,
    reason,
    checkpoints: counts,
    lastGoodCheckpoint: lastGood ? refOf(lastGood) : null,
    ...(bad ? { badCheckpoint: bad } : {}),
  });
  const failCheckpoint = (c: Located, reason: AuditVerifyReason) => fail((lastGood?.cp.seq ?? 0) + 1, reason, refOf(c));

  for (;;) {
    const batch = await readChainBatch(db, prevSeq, head.seq, batchSize);
    if (batch.length === 0) break;
    for (const r of batch) {
      if (r.seq !== prevSeq + 1) return fail(prevSeq + 1, 'sequence_gap');
      // From a checkpoint the first row's predecessor is not read: the checkpoint's hash covers it.
      if (prevHash !== null && r.prevHash !== prevHash) return fail(r.seq, 'prev_hash_mismatch');
      if (chainHash(r.prevHash, r) !== r.hash) return fail(r.seq, 'hash_mismatch');
      prevHash = r.hash;
      prevSeq = r.seq;
      rows++;
      while (pending.length && pending[0]!.cp.seq === r.seq) {
        const c = pending.shift()!;
        if (c.cp.hash !== r.hash || c.cp.rows !== rows) return failCheckpoint(c, 'checkpoint_mismatch');
        lastGood = c;
        if (c !== opts.from) counts.verified++;
      }
    }
  }
  // A signed checkpoint past what is left: the tail was cut off (whatever the head row says).
  if (pending.length) return failCheckpoint(pending[0]!, 'checkpoint_beyond_head');
  if (prevSeq !== head.seq || (head.seq > 0 && prevHash !== head.hash)) return fail(prevSeq + 1, 'head_mismatch');
  // A row past the head was written behind the application's back (legitimate appends move the head).
  const highest = await maxSeq(db);
  if (highest > (await readHead(db)).seq) return fail(head.seq + 1, 'head_mismatch');
  if (opts.invalid?.length) {
    return {
      ok: false,
      rows,
      headSeq: head.seq,
      reason: 'checkpoint_invalid',
      checkpoints: counts,
      lastGoodCheckpoint: lastGood ? refOf(lastGood) : null,
      badCheckpoint: opts.invalid[0],
    };
  }
  return { ok: true, rows, headSeq: head.seq, checkpoints: counts, lastGoodCheckpoint: lastGood ? refOf(lastGood) : null };
}

/** Splits parsed checkpoints into those signed by a trusted key and the rest (which fail verification). */
export function checkedCheckpoints(parsed: ParsedCheckpoints, keys: readonly CheckpointPublicKey[]) {
  const valid: Located[] = [];
  const invalid: AuditCheckpointRef[] = parsed.malformed.map((m) => ({ line: m.line, file: m.file, problem: m.problem }));
  for (const c of parsed.checkpoints) {
    if (checkpointSignatureValid(c.cp, keys)) valid.push(c);
    else invalid.push({ ...refOf(c), problem: keys.some((k) => k.keyId === c.cp.keyId) ? 'bad_signature' : 'unknown_key' });
  }
  return { valid, invalid };
}

/** Verifies the chain against checkpoint files under the given public keys (the API and the CLI). */
export async function verifyAgainstCheckpoints(db: Db, files: readonly string[], keys: readonly CheckpointPublicKey[]): Promise<VerifyResult> {
  const { valid, invalid } = checkedCheckpoints(readCheckpointFiles(files), keys);
  return verifyChain(db, { checkpoints: valid, invalid });
}

export type CheckpointOutcome =
  { created: true; checkpoint: AuditCheckpoint } | { created: false; why: 'empty' | 'unchanged' } | { created: false; why: 'broken'; result: VerifyResult };

/**
 * Signs the chain head and appends the checkpoint to the file. First the chain from the newest
 * trusted checkpoint to the head is verified: the server never signs a head that contradicts its own
 * earlier checkpoint. `skipIfUnchanged` (the scheduled run): nothing to do while the head is where
 * the newest checkpoint already is.
 */
export async function signCheckpoint(
  deps: { db: Db; clock: Clock; config: Pick<Config, 'audit'> },
  opts: { skipIfUnchanged: boolean },
): Promise<CheckpointOutcome> {
  const { checkpointKeyFile, checkpointsFile } = deps.config.audit;
  const signer = checkpointSigner(checkpointKeyFile);
  const head = await readHead(deps.db);
  if (head.seq === 0) return { created: false, why: 'empty' };
  // The newest checkpoint with a valid signature: checked from the top, so a long file costs little.
  const parsed = readCheckpointFiles([checkpointsFile]);
  const newest = [...parsed.checkpoints].sort((x, y) => y.cp.seq - x.cp.seq).find((c) => checkpointSignatureValid(c.cp, [signer]));
  if (opts.skipIfUnchanged && newest && newest.cp.seq === head.seq && newest.cp.hash === head.hash) return { created: false, why: 'unchanged' };
  const result = await verifyChain(deps.db, newest ? { from: newest } : {});
  // Broken: the whole chain against every checkpoint names the first bad row and the last good one.
  if (!result.ok)
    return { created: false, why: 'broken', result: newest ? await verifyChain(deps.db, { checkpoints: checkedCheckpoints(parsed, [signer]).valid }) : result };
  const checkpoint = signer.sign({
    seq: result.headSeq!,
    rows: result.rows,
    hash: (await headAt(deps.db, result.headSeq!)).hash,
    at: deps.clock.now().toISOString(),
  });
  appendCheckpoint(checkpointsFile, checkpoint);
  return { created: true, checkpoint };
}

/** The hash of the row at `seq`, as verified: the head may have moved on since. */
async function headAt(db: Db, seq: number) {
  const [row] = await readChainBatch(db, seq - 1, seq, 1);
  return { hash: row!.hash };
}

/** The scheduled job: a checkpoint when the head moved; a broken chain is logged, never signed. */
export async function runScheduledCheckpoint(deps: { db: Db; clock: Clock; config: Pick<Config, 'audit'>; log: { error(o: object, m: string): void } }) {
  const outcome = await signCheckpoint(deps, { skipIfUnchanged: true });
  if (!outcome.created && outcome.why === 'broken') {
    deps.log.error({ firstBadSeq: outcome.result.firstBadSeq, reason: outcome.result.reason }, 'audit chain does not verify: checkpoint not signed');
  }
  return outcome;
}

/** The trail holds personal data (before/after of contact changes): reading it is itself audited. */
export async function browseAudit(deps: Deps, actor: Actor, filter: AuditFilter) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  const page = await listAudit(deps.db, actor.party, filter);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, {
      action: 'audit.read',
      objectType: 'audit_log',
      objectId: null,
      after: { filter: { ...filter }, seqs: page.rows.map((r) => r.row.seq) },
    }),
  );
  return page;
}

export async function auditActions(deps: Deps, actor: Actor) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  return distinctActions(deps.db, actor.party);
}

export async function verifyAuditForActor(deps: Deps, actor: Actor) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  const signer = checkpointSigner(deps.config.audit.checkpointKeyFile);
  const result = await verifyAgainstCheckpoints(deps.db, [deps.config.audit.checkpointsFile], [signer]);
  // Server paths stay on the server; the line number names the checkpoint.
  const strip = ({ file: _file, ...ref }: AuditCheckpointRef) => ref;
  return {
    ...result,
    lastGoodCheckpoint: result.lastGoodCheckpoint ? strip(result.lastGoodCheckpoint) : null,
    ...(result.badCheckpoint ? { badCheckpoint: strip(result.badCheckpoint) } : {}),
  };
}

/** The auditor's "sign a checkpoint now"; the row that records it follows the checkpoint. */
export async function createCheckpointForActor(deps: Deps, actor: Actor) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  const outcome = await signCheckpoint(deps, { skipIfUnchanged: false });
  if (!outcome.created) {
    if (outcome.why === 'broken') {
      throw new AppError('AUDIT_CHAIN_BROKEN', 'The audit chain does not verify; no checkpoint was signed', {
        firstBadSeq: outcome.result.firstBadSeq,
        reason: outcome.result.reason,
      });
    }
    throw new AppError('AUDIT_LOG_EMPTY', 'The audit log is empty');
  }
  const cp = outcome.checkpoint;
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, { action: 'audit.checkpoint', objectType: 'audit_log', objectId: null, after: { seq: cp.seq, hash: cp.hash, at: cp.at } }),
  );
  return cp;
}

export function listCheckpointsForActor(deps: Deps, actor: Actor, q: { limit: number; offset: number }) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  const signer = checkpointSigner(deps.config.audit.checkpointKeyFile);
  const parsed = readCheckpointFiles([deps.config.audit.checkpointsFile]);
  const newestFirst = [...parsed.checkpoints].reverse();
  return {
    items: newestFirst.slice(q.offset, q.offset + q.limit).map((c) => ({ ...c.cp, line: c.line, signatureValid: checkpointSignatureValid(c.cp, [signer]) })),
    total: newestFirst.length,
    malformed: parsed.malformed.length,
    key: { algorithm: 'Ed25519' as const, keyId: signer.keyId },
  };
}

export function checkpointFileForActor(deps: Deps, actor: Actor): Buffer {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  return checkpointFileBytes(deps.config.audit.checkpointsFile);
}

export function checkpointKeyForActor(deps: Deps, actor: Actor): string {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  return checkpointSigner(deps.config.audit.checkpointKeyFile).pem;
}
