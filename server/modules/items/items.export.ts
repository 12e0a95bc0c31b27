import type { Actor } from '../../../domain/access.ts';
import { AppError, fieldIssue, validationError } from '../../../domain/errors.ts';
import { actionsOf } from '../../kernel/index.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { findUserById } from '../auth/index.ts';
import { providerAndRecipient, recordUse } from './items.consents.ts';
import { itemDocx } from './items.documents.ts';
import { highestLevel, readIsAudited } from '../../../domain/confidentiality.ts';
import { exportNeedsPurpose } from '../../../domain/information.ts';
import { isRefusal, type Confidentiality, type ItemDocument } from '../../../domain/items.ts';
import { readerFor } from './items.pieces.ts';
import { assertCanSee } from './items.policy.ts';
import * as repo from './items.repository.ts';

/**
 * A document of an item. The office that received confidential information states the purpose of
 * the export, which is checked like any other use and recorded.
 */
export async function itemDocument(deps: Deps, actor: Actor, id: string, document: ItemDocument, purpose: string | undefined) {
  const found = await repo.findItem(deps.db, id);
  if (!found) throw new AppError('NOT_FOUND', 'No such item');
  assertCanSee(actor, found.item, { fromParty: found.from.party, toParty: found.to.party });
  const item = found.item;
  if (document === 'refusal' && !(item.outcome && isRefusal(item.outcome))) throw new AppError('NOT_FOUND', 'There is no refusal on this item');
  if (document === 'outcome' && !item.outcome) throw new AppError('NOT_FOUND', 'No outcome is recorded yet');
  // a letter carries pieces of information (the request's subject and text; the answer; the
  // conditions) and is produced only for a caller who may read every one of them.
  const conditionsLevel = document !== 'request' && item.conditions && item.conditionsStatus !== 'none' ? await repo.conditionsLevel(deps.db, id) : null;
  const levels = (document === 'request' ? [item.confidentiality] : [item.confidentiality, item.outcomeConfidentiality, conditionsLevel]).filter(
    (l): l is Confidentiality => l !== null,
  );
  const reader = await readerFor(deps.db, actor, item, levels);
  if (!levels.every((l) => reader.level(l))) throw new AppError('NOT_FOUND', 'No such document');

  const { recipient } = providerAndRecipient(found);
  if (exportNeedsPurpose(item, document, actor.officeId === recipient.id)) {
    if (!purpose) {
      throw validationError(
        fieldIssue('querystring.purpose', 'purpose_required', 'State the purpose'),
        'State the purpose of exporting received confidential information',
      );
    }
    await recordUse(deps, actor, id, { purpose, kind: 'export' });
  }

  const log = await actionsOf(deps.db, id);
  let signerId: string | null = null;
  if (document === 'request' && item.signatureId) signerId = (await repo.findSignature(deps.db, item.signatureId))?.s.signerId ?? null;
  if (document !== 'request') signerId = log.filter((a) => a.kind === 'record_outcome').at(-1)?.actorUserId ?? null;
  const signer = signerId ? await findUserById(deps.db, signerId) : undefined;
  const executorId = document === 'request' ? item.createdBy : (item.executorId ?? signerId);
  const executor = executorId ? await findUserById(deps.db, executorId) : undefined;
  const attachments = (await repo.listAttachments(deps.db, id)).filter((a) => a.a.role === (document === 'request' ? 'content' : 'outcome'));
  const buffer = await itemDocx({
    found,
    document,
    signer: signer ? { fullName: signer.user.fullName, roles: signer.user.roles } : null,
    executorName: executor?.user.fullName ?? null,
    attachmentsCount: attachments.length,
    marking: highestLevel(...levels),
    now: deps.clock.now(),
  });
  // every export is audited with the levels it carried (the purpose is in the recorded use).
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, {
      action: 'item.document',
      objectType: 'item',
      objectId: id,
      after: { document, levels: levels.filter(readIsAudited), purposeStated: purpose !== undefined },
    }),
  );
  return { buffer, fileName: `${document}-${item.number}-${item.numberYear}.docx` };
}
