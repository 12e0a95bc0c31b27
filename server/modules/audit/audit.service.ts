import { can, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Deps, RequestMeta } from '../../lib/deps.ts';
import { chainHash, GENESIS_HASH } from './audit.chain.ts';
import { appendAudit, distinctActions, listAudit, readChainBatch, readHead, type AuditFilter } from './audit.repository.ts';

export interface AuditInput {
  action: string;
  objectType: string;
  objectId: string | null;
  officeId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes an audit row for an action of `actor` inside the caller's transaction. */
export function recordAudit(tx: Db, deps: Pick<Deps, 'clock'>, actor: Actor | null, meta: RequestMeta | null, input: AuditInput) {
  return appendAudit(tx, {
    actorId: actor?.userId ?? null,
    actorLogin: actor?.login ?? null,
    officeId: input.officeId !== undefined ? input.officeId : (actor?.officeId ?? null),
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    before: input.before,
    after: input.after,
    ip: meta?.ip ?? null,
    at: deps.clock.now(),
  });
}

export type VerifyResult =
  | { ok: true; rows: number; headSeq: number }
  | { ok: false; rows: number; firstBadSeq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch' };

/** Walks the whole chain in order and names the first row that does not verify. */
export async function verifyChain(db: Db, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let rows = 0;
  for (;;) {
    const batch = await readChainBatch(db, prevSeq, batchSize);
    if (batch.length === 0) break;
    for (const r of batch) {
      if (r.seq !== prevSeq + 1) return { ok: false, rows, firstBadSeq: prevSeq + 1, reason: 'sequence_gap' };
      if (r.prevHash !== prevHash) return { ok: false, rows, firstBadSeq: r.seq, reason: 'prev_hash_mismatch' };
      const expected = chainHash(prevHash, r);
      if (expected !== r.hash) return { ok: false, rows, firstBadSeq: r.seq, reason: 'hash_mismatch' };
      prevHash = r.hash;
      prevSeq = r.seq;
      rows++;
    }
  }
  const head = await readHead(db);
  if (head.seq !== prevSeq || head.hash !== prevHash) return { ok: false, rows, firstBadSeq: prevSeq + 1, reason: 'head_mismatch' };
  return { ok: true, rows, headSeq: head.seq };
}

/** The trail holds personal data (before/after of contact changes): reading it is itself audited. */
export async function browseAudit(deps: Deps, actor: Actor, meta: RequestMeta, filter: AuditFilter) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  const page = await listAudit(deps.db, filter);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, meta, { action: 'audit.read', objectType: 'audit_log', objectId: null, after: { filter: { ...filter }, seqs: page.rows.map((r) => r.row.seq) } }),
  );
  return page;
}

export async function auditActions(deps: Deps, actor: Actor) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  return distinctActions(deps.db);
}

export async function verifyAuditForActor(deps: Deps, actor: Actor) {
  if (!can(actor, 'audit.read')) throw new AppError('FORBIDDEN');
  return verifyChain(deps.db);
}
