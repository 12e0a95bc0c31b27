import { formatNumber } from '../../../domain/numbering.ts';
import { can, type Actor } from '../../../domain/access.ts';
import { attachmentLevel } from '../../../domain/confidentiality.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Confidentiality } from '../../../domain/items.ts';
import type { DamagedFileList, FileCheckResult, FileFault } from '../../../domain/schemas/files.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStoredFileError, type FileStore } from '../../lib/storage.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { tryJobLock } from '../items/index.ts';
import { presentDamagedFiles } from './files.presenter.ts';
import * as repo from './files.repository.ts';

/**
 * Integrity of stored files when they are read. The FileStore verifies every read against the
 * file's address (server/lib/storage.ts); this module records what it finds, once per file:
 * every attachment the file backs is marked damaged, an audit row names each by id (and, for a
 * request's file, its level — never its name or hash), and the administrators are told in the app
 * and by e-mail with the number, the office and the attachment id only. Administrators list the
 * damaged files and check one again after restoring it from a backup, which clears the mark.
 */

type FaultDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** The level an audit row names for a request's file: its own, never below its piece (domain/confidentiality.ts). */
function levelOf(u: repo.FileUseRow): Confidentiality | null {
  if (u.kind !== 'item') return null;
  const piece = u.role === 'outcome' ? (u.itemOutcomeConfidentiality ?? u.itemConfidentiality) : u.itemConfidentiality;
  return attachmentLevel(u.confidentiality ?? 'open', piece);
}

/** What an audit row says about one attachment: ids and level, never the file's name or hash. */
function auditSubject(u: repo.FileUseRow) {
  return u.kind === 'item'
    ? { objectType: 'attachment', after: { itemId: u.parentId, role: u.role, confidentiality: levelOf(u) } }
    : { objectType: 'event_attachment', after: { eventId: u.parentId, role: u.role } };
}
const actionOf = (u: repo.FileUseRow, what: string) => (u.kind === 'item' ? `attachment.${what}` : `event.attachment.${what}`);

/**
 * Records a fault found in a stored file, in the caller's transaction: marks the rows not marked
 * yet; only if it marked any (the file was not known to be damaged) it audits them and tells the
 * administrators — once per damaged file, not once per attempt to read it.
 */
async function recordFaultIn(tx: Db, deps: FaultDeps, sha256: string, fault: FileFault): Promise<number> {
  const now = deps.clock.now();
  const marked = new Set(await repo.markDamaged(tx, sha256, fault, now));
  if (marked.size === 0) return 0;
  const uses = (await repo.fileUses(tx, { sha256 })).filter((u) => marked.has(u.attachmentId));
  for (const u of uses) {
    const s = auditSubject(u);
    // Found by the system while reading: no actor; the office of the uploader, so its Party's auditors read it.
    await recordAudit(tx, deps, null, {
      action: actionOf(u, 'damaged'),
      objectType: s.objectType,
      objectId: u.attachmentId,
      officeId: u.uploadedByOfficeId ?? u.officeId,
      after: { ...s.after, fault },
    });
  }
  const first = uses[0];
  if (first) {
    await notify(tx, deps, {
      recipients: { roles: ['admin'] },
      kind: 'file.damaged',
      officeId: first.officeId,
      subjectType: first.kind === 'item' ? 'attachment' : 'event_attachment',
      subjectId: first.attachmentId,
      // Number, office and attachment id only: nothing of the file (its name, its text, its hash).
      // `context` picks the text for a request or an event (i18next context).
      payload: {
        context: first.kind,
        number: formatNumber(first),
        officeCode: first.officeCode,
        officeName: first.officeName,
        attachmentId: first.attachmentId,
      },
      link: '/admin/files',
    });
  }
  return marked.size;
}

/** Records a fault in its own transaction (a read is never inside one). */
export function recordFault(deps: FaultDeps, sha256: string, fault: FileFault): Promise<number> {
  return deps.db.transaction((tx) => recordFaultIn(tx, deps, sha256, fault));
}

/**
 * The FileStore every service uses: a read that fails its integrity check is recorded (marks,
 * audit, administrators told) before the typed error goes on to the caller, so every reader —
 * downloads, the signature check, anything added later — is covered without a case of its own.
 * Must not be read inside a transaction: the record is written in one of its own.
 */
export function watchedFileStore(store: FileStore, deps: FaultDeps): FileStore {
  return {
    ...store,
    async get(sha256) {
      try {
        return await store.get(sha256);
      } catch (e) {
        if (isStoredFileError(e)) await recordFault(deps, e.sha256, e.fault);
        throw e;
      }
    },
  };
}

function assertMayManage(actor: Actor) {
  if (!can(actor, 'files.integrity')) throw new AppError('FORBIDDEN', 'Only an administrator checks stored files');
}

export async function listDamagedFiles(deps: Deps, actor: Actor): Promise<DamagedFileList> {
  assertMayManage(actor);
  const files = presentDamagedFiles(await repo.fileUses(deps.db, { damagedOnly: true }), deps.files);
  return { items: files, total: files.length };
}

/**
 * Checks a stored file again (after an administrator restored it from a backup): intact, it clears
 * the mark of every attachment it backs; still damaged or missing, it stays marked (and is recorded
 * if it was not known). Either way each attachment's check is audited.
 */
export async function checkFile(deps: Deps, actor: Actor, sha256: string): Promise<FileCheckResult> {
  assertMayManage(actor);
  const uses = await repo.fileUses(deps.db, { sha256 });
  if (uses.length === 0) throw new AppError('NOT_FOUND', 'No attachment is stored under this address');
  const result = await deps.files.check(sha256);
  const cleared = await deps.db.transaction(async (tx) => {
    const ids = result === 'ok' ? new Set(await repo.clearDamage(tx, sha256, deps.clock.now())) : new Set<string>();
    if (result !== 'ok') await recordFaultIn(tx, deps, sha256, result);
    for (const u of uses) {
      const s = auditSubject(u);
      await recordAudit(tx, deps, actor, {
        action: actionOf(u, 'check'),
        objectType: s.objectType,
        objectId: u.attachmentId,
        after: { ...s.after, result, cleared: ids.has(u.attachmentId) },
      });
    }
    return ids.size;
  });
  const [file] = result === 'ok' ? [] : presentDamagedFiles(await repo.fileUses(deps.db, { sha256, damagedOnly: true }), deps.files);
  return { result, cleared, file: file ?? null };
}

// ─── the periodic check ──────────────────────────────────────────────────────

const JOB_LOCK = 7_240_312;
/** A modest pace: this many files a round, each at most once a day. */
const BATCH = 100;
const RECHECK_AFTER_MS = 24 * 3_600_000;

/**
 * Re-verifies stored files in the background, the least recently checked first, so damage is found
 * before someone needs the file. One instance claims a batch at a time (transaction-scoped advisory
 * lock); the files are read after the claim is committed (never inside a transaction).
 */
export async function runFileChecks(deps: FaultDeps & { files: FileStore }): Promise<{ checked: number; faults: number; skipped: boolean }> {
  const now = deps.clock.now();
  const claimed = await deps.db.transaction(async (tx) => {
    if (!(await tryJobLock(tx, JOB_LOCK))) return null;
    return repo.claimFilesToCheck(tx, new Date(now.getTime() - RECHECK_AFTER_MS), BATCH, now);
  });
  if (!claimed) return { checked: 0, faults: 0, skipped: true };
  let faults = 0;
  for (const sha256 of claimed) {
    const result = await deps.files.check(sha256);
    if (result !== 'ok') {
      faults++;
      await recordFault(deps, sha256, result);
    }
  }
  return { checked: claimed.length, faults, skipped: false };
}
