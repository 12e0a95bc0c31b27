import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AttachmentRole, Confidentiality } from '../../../domain/items.ts';
import type { FileFault } from '../../../domain/schemas/files.ts';
import type { Db } from '../../db/client.ts';
import { attachments, eventAttachments, events, items, offices } from '../../db/schema.ts';

/**
 * The attachments a stored file backs, of requests and of events, with what names them for an
 * administrator (number, office, attachment id) and never what they contain. Removed attachments
 * are left out: nobody can read them any more.
 */
const uploader = alias(offices, 'uploader');

export interface FileUseRow {
  kind: 'item' | 'event';
  attachmentId: string;
  parentId: string;
  sha256: string;
  role: AttachmentRole | 'proposal' | 'report' | 'letter';
  /** The file's own level (items only; an event's documents carry none). */
  confidentiality: Confidentiality | null;
  /** The item's levels, for the file's effective level (items only). */
  itemConfidentiality: Confidentiality | null;
  itemOutcomeConfidentiality: Confidentiality | null;
  number: number;
  numberYear: number;
  officeId: string;
  officeCode: string;
  officeName: { ru: string; kk: string; en: string };
  uploadedByOfficeId: string | null;
  uploadedByOfficeCode: string | null;
  damagedAt: Date | null;
  damage: FileFault | null;
}

export interface UsesFilter {
  sha256?: string;
  damagedOnly?: boolean;
}

export async function fileUses(db: Db, f: UsesFilter): Promise<FileUseRow[]> {
  const itemConds: SQL[] = [isNull(attachments.removedAt)];
  const eventConds: SQL[] = [isNull(eventAttachments.removedAt)];
  if (f.sha256) {
    itemConds.push(eq(attachments.sha256, f.sha256));
    eventConds.push(eq(eventAttachments.sha256, f.sha256));
  }
  if (f.damagedOnly) {
    itemConds.push(isNotNull(attachments.damagedAt));
    eventConds.push(isNotNull(eventAttachments.damagedAt));
  }
  const [itemRows, eventRows] = await Promise.all([
    db
      .select({
        attachmentId: attachments.id,
        parentId: attachments.itemId,
        sha256: attachments.sha256,
        role: attachments.role,
        confidentiality: attachments.confidentiality,
        itemConfidentiality: items.confidentiality,
        itemOutcomeConfidentiality: items.outcomeConfidentiality,
        number: items.number,
        numberYear: items.numberYear,
        officeId: offices.id,
        officeCode: offices.code,
        nameRu: offices.nameRu,
        nameKk: offices.nameKk,
        nameEn: offices.nameEn,
        uploadedByOfficeId: attachments.officeId,
        uploadedByOfficeCode: uploader.code,
        damagedAt: attachments.damagedAt,
        damage: attachments.damage,
      })
      .from(attachments)
      .innerJoin(items, eq(items.id, attachments.itemId))
      .innerJoin(offices, eq(offices.id, items.fromOfficeId))
      .leftJoin(uploader, eq(uploader.id, attachments.officeId))
      .where(and(...itemConds))
      .orderBy(asc(attachments.damagedAt), asc(attachments.id)),
    db
      .select({
        attachmentId: eventAttachments.id,
        parentId: eventAttachments.eventId,
        sha256: eventAttachments.sha256,
        role: eventAttachments.role,
        number: events.number,
        numberYear: events.numberYear,
        officeId: offices.id,
        officeCode: offices.code,
        nameRu: offices.nameRu,
        nameKk: offices.nameKk,
        nameEn: offices.nameEn,
        uploadedByOfficeId: eventAttachments.officeId,
        uploadedByOfficeCode: uploader.code,
        damagedAt: eventAttachments.damagedAt,
        damage: eventAttachments.damage,
      })
      .from(eventAttachments)
      .innerJoin(events, eq(events.id, eventAttachments.eventId))
      .innerJoin(offices, eq(offices.id, events.officeId))
      .leftJoin(uploader, eq(uploader.id, eventAttachments.officeId))
      .where(and(...eventConds))
      .orderBy(asc(eventAttachments.damagedAt), asc(eventAttachments.id)),
  ]);
  const name = (r: { nameRu: string; nameKk: string; nameEn: string }) => ({ ru: r.nameRu, kk: r.nameKk, en: r.nameEn });
  return [
    ...itemRows.map(({ nameRu, nameKk, nameEn, ...r }) => ({ ...r, kind: 'item' as const, officeName: name({ nameRu, nameKk, nameEn }) })),
    ...eventRows.map(({ nameRu, nameKk, nameEn, ...r }) => ({
      ...r,
      kind: 'event' as const,
      confidentiality: null,
      itemConfidentiality: null,
      itemOutcomeConfidentiality: null,
      officeName: name({ nameRu, nameKk, nameEn }),
    })),
  ];
}

/**
 * Marks every row the file backs that is not marked yet, and returns the ids it marked. Concurrent
 * callers queue on the rows' locks and the later one finds them marked: a fault is recorded (and
 * told) once, however many readers meet it.
 */
export async function markDamaged(tx: Db, sha256: string, fault: FileFault, at: Date): Promise<string[]> {
  const a = await tx
    .update(attachments)
    .set({ damagedAt: at, damage: fault })
    .where(and(eq(attachments.sha256, sha256), isNull(attachments.damagedAt), isNull(attachments.removedAt)))
    .returning({ id: attachments.id });
  const e = await tx
    .update(eventAttachments)
    .set({ damagedAt: at, damage: fault })
    .where(and(eq(eventAttachments.sha256, sha256), isNull(eventAttachments.damagedAt), isNull(eventAttachments.removedAt)))
    .returning({ id: eventAttachments.id });
  return [...a, ...e].map((r) => r.id);
}

/** Clears the mark of every row the file backs (it verified again); returns the ids cleared. */
export async function clearDamage(tx: Db, sha256: string, at: Date): Promise<string[]> {
  const a = await tx
    .update(attachments)
    .set({ damagedAt: null, damage: null, checkedAt: at })
    .where(and(eq(attachments.sha256, sha256), isNotNull(attachments.damagedAt)))
    .returning({ id: attachments.id });
  const e = await tx
    .update(eventAttachments)
    .set({ damagedAt: null, damage: null, checkedAt: at })
    .where(and(eq(eventAttachments.sha256, sha256), isNotNull(eventAttachments.damagedAt)))
    .returning({ id: eventAttachments.id });
  return [...a, ...e].map((r) => r.id);
}

/**
 * The periodic check: claims the files least recently checked (never checked first) that were not
 * checked since `notSince`, by stamping their rows, so another instance picks others.
 */
export async function claimFilesToCheck(tx: Db, notSince: Date, limit: number, at: Date): Promise<string[]> {
  const due = (checkedAt: typeof attachments.checkedAt | typeof eventAttachments.checkedAt) => or(isNull(checkedAt), lt(checkedAt, notSince));
  const result = await tx.execute<{ sha256: string }>(sql`
    select sha256 from (
      select ${attachments.sha256} as sha256, ${attachments.checkedAt} as checked_at from ${attachments}
        where ${attachments.removedAt} is null and ${attachments.damagedAt} is null and ${due(attachments.checkedAt)}
      union all
      select ${eventAttachments.sha256}, ${eventAttachments.checkedAt} from ${eventAttachments}
        where ${eventAttachments.removedAt} is null and ${eventAttachments.damagedAt} is null and ${due(eventAttachments.checkedAt)}
    ) f
    group by sha256
    order by bool_or(checked_at is null) desc, min(checked_at) asc nulls first, sha256
    limit ${limit}`);
  const shas = (result as unknown as { rows: { sha256: string }[] }).rows.map((r) => r.sha256);
  if (shas.length) {
    await tx.update(attachments).set({ checkedAt: at }).where(inArray(attachments.sha256, shas));
    await tx.update(eventAttachments).set({ checkedAt: at }).where(inArray(eventAttachments.sha256, shas));
  }
  return shas;
}
