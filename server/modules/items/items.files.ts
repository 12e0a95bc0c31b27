import type { Actor } from '../../../domain/access.ts';
import { canonicalItem } from '../../../domain/canonical.ts';
import { AppError, fieldError, fieldIssue } from '../../../domain/errors.ts';
import type { SignatureView } from '../../../domain/schemas/items.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStoredFileError } from '../../lib/storage.ts';
import { cleanName, detectType, type IncomingFile } from '../../lib/uploads.ts';
import { recordAudit } from '../audit/index.ts';
import { providersOf, sha256Hex } from '../signing/index.ts';
import { attestationFits, signatureVerdict, type SignatureCheck } from '../../../domain/signatures.ts';
import { levelChangeRefusal } from '../../../domain/confidentiality.ts';
import { maySideAttach } from '../../../domain/item-status.ts';
import type { AttachmentRole, Confidentiality } from '../../../domain/items.ts';
import { effectiveLevel, pieceLevelOf, readerFor } from './items.pieces.ts';
import { actorView, assertCanSee } from './items.policy.ts';
import { perform, statedFiles } from './items.service.ts';
import { contentOf, presentAttachment } from './items.presenter.ts';
import * as repo from './items.repository.ts';

/**
 * Attachments: type checked by content, stored content-addressed, part of the signed content
 * (role `content`), every download checked against the caller's rights and audited.
 */
export type { IncomingFile };

/**
 * the level of a new file. The uploading side sets it; by default it is that of the piece the
 * file belongs to (the answer for its documents — the request's until answered — else the request),
 * and it is never below that piece.
 */
export function uploadLevel(item: repo.ItemRow, role: AttachmentRole, side: 'sender' | 'receiver', requested: Confidentiality | undefined): Confidentiality {
  const floor = pieceLevelOf(item, role);
  const level = requested ?? floor;
  const refusal = levelChangeRefusal({ provider: side, actor: side, current: level, requested: level, provided: false, floor });
  if (refusal) {
    throw fieldError(
      'CONFIDENTIALITY_CANNOT_BE_LOWERED',
      'A file is never less protected than the piece of information it belongs to',
      fieldIssue('querystring.confidentiality', 'confidentiality_below_piece', 'Not below the level of the piece it belongs to', { floor }),
      { piece: 'attachment', floor },
    );
  }
  return level;
}

/** Stores files and records them in the caller's transaction (content attachments go through the workflow). */
export async function storeAttachments(
  tx: Db,
  deps: Deps,
  actor: Actor,
  item: repo.ItemRow,
  role: AttachmentRole,
  files: IncomingFile[],
  requested?: Confidentiality,
  /** The scans of a counterpart's letter: provided by that office, kept with the letter. */
  letter?: { officeId: string; letterId: string },
  /** content files that are the request's translation. */
  translation = false,
) {
  const side = actorView(actor, item).side ?? 'sender';
  const confidentiality = uploadLevel(item, role, side, requested);
  const rows = [];
  for (const f of files) {
    const mimeType = await detectType(f);
    const { sha256, size } = await deps.files.put(f.data);
    rows.push(
      await repo.insertAttachment(tx, {
        itemId: item.id,
        role,
        fileName: cleanName(f.fileName),
        mimeType,
        size,
        sha256,
        confidentiality,
        translation,
        uploadedBy: actor.userId,
        officeId: letter?.officeId ?? actor.officeId,
        letterId: letter?.letterId ?? null,
        createdAt: deps.clock.now(),
      }),
    );
  }
  return rows;
}

/**
 * Outcome and consultation documents do not change the item's status: an `attach` action beside
 * the workflow (the item's version stays; its highest level follows the new files).
 */
export async function addSideAttachments(
  deps: Deps,
  actor: Actor,
  itemId: string,
  role: Exclude<AttachmentRole, 'content' | 'letter'>,
  files: IncomingFile[],
  level?: Confidentiality,
) {
  let stored: repo.AttachmentRow[] = [];
  return perform(
    deps,
    actor,
    itemId,
    'attach',
    {},
    async (c, found) => {
      const side = actorView(actor, found.item).side;
      const status = found.item.status;
      if (!maySideAttach(role, side, status)) throw new AppError('ITEM_ACTION_NOT_ALLOWED', `Attachments of this kind cannot be added now`, { role, status });
      stored = await storeAttachments(c.tx, c.deps, actor, found.item, role, files, level);
      return {
        touch: false,
        // Ids only: the timeline names a file for those who may read it, the audit row never does.
        details: { role, files: stored.map((r) => r.id) },
        audit: () => ({
          action: 'item.attach',
          objectType: 'item',
          objectId: itemId,
          after: { role, attachmentIds: stored.map((r) => r.id), confidentiality: stored[0]?.confidentiality ?? null },
        }),
      };
    },
    {
      stated: { role, confidentiality: level ?? null, files: statedFiles(files) },
      view: async (_c, found) => stored.map((a) => presentAttachment({ a, officeCode: actor.officeCode }, effectiveLevel(found.item, a))),
    },
  );
}

export async function downloadAttachment(deps: Deps, actor: Actor, attachmentId: string) {
  const a = await repo.findAttachment(deps.db, attachmentId);
  if (!a || a.removedAt) throw new AppError('NOT_FOUND', 'No such attachment');
  const found = await repo.findItem(deps.db, a.itemId);
  if (!found) throw new AppError('NOT_FOUND', 'No such attachment');
  assertCanSee(actor, found.item, { fromParty: found.from.party, toParty: found.to.party });
  // the file's own level (never below its piece), by the one rule.
  const reader = await readerFor(deps.db, actor, found.item, [a.confidentiality]);
  if (!reader.attachment(a)) throw new AppError('NOT_FOUND', 'No such attachment');
  // Every download is audited; the row names the file by id and level, never by its name or hash.
  const subject = { itemId: a.itemId, role: a.role, confidentiality: effectiveLevel(found.item, a) };
  // The store verifies the bytes against the file's SHA-256 (and records a fault once); a damaged or
  // missing file is refused with ATTACHMENT_DAMAGED, the refused attempt audited like a download.
  const data = await deps.files.get(a.sha256).catch(async (e: unknown) => {
    if (isStoredFileError(e)) {
      await deps.db.transaction((tx) =>
        recordAudit(tx, deps, actor, {
          action: 'attachment.download_refused',
          objectType: 'attachment',
          objectId: a.id,
          after: { ...subject, fault: e.fault },
        }),
      );
    }
    throw e;
  });
  await deps.db.transaction((tx) => recordAudit(tx, deps, actor, { action: 'attachment.download', objectType: 'attachment', objectId: a.id, after: subject }));
  return { attachment: a, data };
}

/**
 * This node's own check of a signature over the item's content as stored here: whether the content
 * and its files hash to what was signed (and the signature is not voided), and whether the signature
 * verifies with the provider for its key's algorithm — null when this node has none (issue 12).
 * `rehash`: hash the files again from the store (a changed or damaged file shows), else take their
 * recorded SHA-256 (cheap: the exchange's attestation, the files were checked when stored).
 */
export async function checkItemSignature(
  deps: Deps,
  db: Db,
  item: repo.ItemRow,
  sig: { contentHash: string; signature: string; voidedAt: Date | null },
  key: { algorithm: string; publicKey: string },
  opts: { rehash: boolean },
): Promise<{ contentMatches: boolean; local: SignatureCheck | null }> {
  const files = (await repo.listAttachments(db, item.id)).filter((r) => r.a.role === 'content');
  const hashed = opts.rehash
    ? await Promise.all(
        files.map(async (f) => {
          try {
            return { fileName: f.a.fileName, sha256: sha256Hex(await deps.files.get(f.a.sha256)) };
          } catch {
            return { fileName: f.a.fileName, sha256: 'missing' };
          }
        }),
      )
    : files.map((f) => ({ fileName: f.a.fileName, sha256: f.a.sha256 }));
  const bytes = Buffer.from(canonicalItem(item.id, contentOf(item), hashed), 'utf8');
  const contentMatches = !sig.voidedAt && sha256Hex(bytes) === sig.contentHash;
  const provider = providersOf(deps).forAlgorithm(key.algorithm);
  if (!provider) return { contentMatches, local: null };
  return { contentMatches, local: contentMatches && provider.verify(key.publicKey, bytes, sig.signature) ? 'valid' : 'invalid' };
}

/**
 * Verifies the current signature against what is stored now: the content in the database and the
 * files as they are on disk (hashed again), so a change to either shows as invalid. A file that
 * fails the store's own check (damaged or missing) is recorded by the store and counts as missing.
 * Issue 12: with no provider for the key's algorithm here, a peer's signature shows the sending
 * node's attested check, marked as such, or `unverifiable` (domain/signatures.ts).
 */
export async function verifySignature(deps: Deps, actor: Actor, itemId: string): Promise<SignatureView> {
  const found = await repo.findItem(deps.db, itemId);
  if (!found) throw new AppError('NOT_FOUND', 'No such item');
  assertCanSee(actor, found.item, { fromParty: found.from.party, toParty: found.to.party });
  const none: SignatureView = {
    status: 'none',
    signer: null,
    signedAt: null,
    algorithm: null,
    contentHash: null,
    publicKey: null,
    purpose: null,
    verifiedBy: null,
    attestation: null,
  };
  if (!found.item.signatureId) return none;
  const sig = await repo.findSignature(deps.db, found.item.signatureId);
  if (!sig) return none;
  const check = await checkItemSignature(deps, deps.db, found.item, sig.s, sig.key, { rehash: true });
  const received = sig.s.attestation;
  const attestation = received && attestationFits(received, { ...sig.s, algorithm: sig.key.algorithm }) ? received : null;
  const verdict = signatureVerdict({ ...check, attestation });
  return {
    status: verdict.status,
    signer: { id: sig.s.signerId, fullName: sig.signerName, officeCode: sig.officeCode },
    signedAt: sig.s.signedAt.toISOString(),
    algorithm: sig.s.algorithm,
    contentHash: sig.s.contentHash,
    publicKey: sig.key.publicKey,
    purpose: sig.s.purpose,
    verifiedBy: verdict.verifiedBy,
    attestation: attestation ? { node: attestation.node, checkedAt: attestation.checkedAt, result: attestation.result } : null,
  };
}
