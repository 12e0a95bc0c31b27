import type { Actor } from '../../../domain/access.ts';
import { AppError, fieldIssue, validationError } from '../../../domain/errors.ts';
import { actionsOf } from '../../kernel/index.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { findUserById } from '../auth/index.ts';
import { providerAndRecipient, recordUse } from './items.consents.ts';
import { itemDocx, type Person } from './items.documents.ts';
import { highestLevel, readIsAudited } from '../../../domain/confidentiality.ts';
import { exportNeedsPurpose } from '../../../domain/information.ts';
import { carriesAnswer, carriesContent, isConsentDocument, isRefusal, type Confidentiality, type ItemDocument } from '../../../domain/items.ts';
import { localDate } from '../../../domain/time.ts';
import { sheetsOf } from '../../lib/sheets.ts';
import { readerFor } from './items.pieces.ts';
import { assertCanSee } from './items.policy.ts';
import * as repo from './items.repository.ts';

/**
 * A document of an item. The office that received confidential information states the purpose of
 * the export, which is checked like any other use and recorded. A consent's letters name
 * the consent (`consentId`).
 */
export async function itemDocument(deps: Deps, actor: Actor, id: string, document: ItemDocument, purpose: string | undefined, consentId?: string) {
  const found = await repo.findItem(deps.db, id);
  if (!found) throw new AppError('NOT_FOUND', 'No such item');
  assertCanSee(actor, found.item, { fromParty: found.from.party, toParty: found.to.party });
  const item = found.item;
  const log = await actionsOf(deps.db, id);
  const doubt = log.filter((a) => a.kind === 'doubt_authenticity').at(-1);
  if (document === 'confirmation' && item.mode !== 'oral') throw new AppError('NOT_FOUND', 'The request was not made orally');
  if (document === 'authenticity' && !doubt) throw new AppError('NOT_FOUND', 'The authenticity of this request was not questioned');
  if (document === 'refusal' && !(item.outcome && isRefusal(item.outcome))) throw new AppError('NOT_FOUND', 'There is no refusal on this item');
  if (document === 'outcome' && !item.outcome) throw new AppError('NOT_FOUND', 'No outcome is recorded yet');
  const consent = isConsentDocument(document) ? (consentId ? await repo.findConsent(deps.db, consentId) : undefined) : undefined;
  if (isConsentDocument(document) && (!consent || consent.itemId !== id || (document === 'consent_decision' && consent.status === 'pending')))
    throw new AppError('NOT_FOUND', 'No such consent decision');
  // a letter carries pieces of information (the request's subject and text; the answer; the
  // conditions) and is produced only for a caller who may read every one of them.
  const conditionsLevel = carriesAnswer(document) && item.conditions && item.conditionsStatus !== 'none' ? await repo.conditionsLevel(deps.db, id) : null;
  const levels = (carriesAnswer(document) ? [item.confidentiality, item.outcomeConfidentiality, conditionsLevel] : [item.confidentiality]).filter(
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

  const letter = await letterParties(deps, found, document, log, doubt, consent);
  const files = (await repo.listAttachments(deps.db, id)).filter((a) =>
    carriesContent(document) ? a.a.role === 'content' : document === 'refusal' || document === 'outcome' ? a.a.role === 'outcome' : false,
  );
  const attachments = await Promise.all(
    files.map(async ({ a }) => ({ name: a.fileName.replace(/\.[^.]+$/, ''), sheets: await sheetsOf(a.mimeType, () => deps.files.get(a.sha256)) })),
  );
  const buffer = await itemDocx({
    found,
    document,
    ...letter,
    attachments,
    marking: highestLevel(...levels),
    doubtReason: typeof doubt?.input?.reason === 'string' ? doubt.input.reason : null,
    oralDate: item.oralAt ? localDate(item.oralAt, found.from.timeZone) : null,
    consent,
  });
  // every export is audited with the levels it carried (the purpose is in the recorded use).
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, {
      action: 'item.document',
      objectType: 'item',
      objectId: id,
      after: { document, levels: levels.filter(readIsAudited), purposeStated: purpose !== undefined, ...(consent ? { consentId: consent.id } : {}) },
    }),
  );
  return { buffer, fileName: `${document}-${item.number}-${item.numberYear}.docx` };
}

const SIGNERS = ['head', 'deputy_head'];

async function person(deps: Deps, userId: string | null | undefined): Promise<Person | null> {
  const found = userId ? await findUserById(deps.db, userId) : undefined;
  return found ? { id: found.user.id, fullName: found.user.fullName, roles: found.user.roles, phone: found.user.phone } : null;
}

/**
 * Who signs each letter and who prepared it, and the letter's own date and number where the system
 * has them. The executor is the official who prepared the letter, never its signer: the request's
 * author, the requested office's assigned executor, the official who asked for a consent.
 */
async function letterParties(
  deps: Deps,
  found: repo.ItemWithOffices,
  document: ItemDocument,
  log: Awaited<ReturnType<typeof actionsOf>>,
  doubt: Awaited<ReturnType<typeof actionsOf>>[number] | undefined,
  consent: repo.ConsentRow | undefined,
): Promise<{ signer: Person | null; executor: Person | null; date: string | null; number: string | null }> {
  const item = found.item;
  const day = (at: Date | null | undefined, office: repo.OfficeRow) => (at ? localDate(at, office.timeZone) : null);
  const signerOf = async (userId: string | null | undefined) => {
    const p = await person(deps, userId);
    return p && p.roles.some((r) => SIGNERS.includes(r)) ? p : null;
  };
  const notSigner = (p: Person | null, signer: Person | null) => (p && p.id !== signer?.id ? p : null);
  let signer: Person | null;
  let executor: Person | null;
  let date: string | null = null;
  let number: string | null = null;
  if (carriesContent(document)) {
    signer = item.signatureId ? await person(deps, (await repo.findSignature(deps.db, item.signatureId))?.s.signerId) : null;
    executor = notSigner(await person(deps, item.createdBy), signer);
    date = item.outgoingDate;
    number = item.outgoingNumber;
  } else if (document === 'authenticity') {
    signer = await signerOf(doubt?.actorUserId);
    executor = notSigner(signer ? await person(deps, item.executorId) : await person(deps, doubt?.actorUserId), signer);
    date = day(doubt?.at, found.to);
  } else if (document === 'refusal' || document === 'outcome') {
    const recorded = log.filter((a) => a.kind === 'record_outcome').at(-1);
    signer = await person(deps, recorded?.actorUserId);
    executor = notSigner(await person(deps, item.executorId), signer);
    date = day(item.outcomeAt, found.to);
  } else if (document === 'consent_request') {
    signer = await signerOf(consent!.requestedBy);
    executor = notSigner(await person(deps, consent!.requestedBy), signer);
    date = day(consent!.requestedAt, found.from.id === consent!.requesterOfficeId ? found.from : found.to);
  } else {
    signer = await person(deps, consent!.decidedBy);
    executor = null;
    date = day(consent!.decidedAt, found.from.id === consent!.providerOfficeId ? found.from : found.to);
  }
  return { signer, executor, date, number };
}
