import type { Actor } from '../../../domain/access.ts';
import { attachmentLevel, highestLevel, type ItemSide } from '../../../domain/confidentiality.ts';
import type { AttachmentRole, Confidentiality } from '../../../domain/items.ts';
import type { Db } from '../../db/client.ts';
import { mayRead } from './items.policy.ts';
import * as repo from './items.repository.ts';

/**
 * The pieces of information of an item and their levels, and what one viewer may read of
 * them. Every view of an item — the page, the thread, a download, a document, the timeline,
 * the lists — asks a Reader, which asks domain/confidentiality.ts mayReadPiece.
 */

type LevelsOf = Pick<repo.ItemRow, 'confidentiality' | 'outcomeConfidentiality'>;

/** The level of the piece a file of this role belongs to: the answer for its documents (the request until answered), else the request. */
export function pieceLevelOf(item: LevelsOf, role: AttachmentRole): Confidentiality {
  if (role === 'outcome') return item.outcomeConfidentiality ?? item.confidentiality;
  return item.confidentiality;
}

/** A file's effective level: its own, never below the piece it belongs to. */
export function effectiveLevel(item: LevelsOf, a: Pick<repo.AttachmentRow, 'role' | 'confidentiality'>): Confidentiality {
  return attachmentLevel(a.confidentiality, pieceLevelOf(item, a.role));
}

/** The side that provided a file: content is the sender's, the answer's documents the requested office's, a consultation file its uploader's. */
export function attachmentProvider(item: Pick<repo.ItemRow, 'fromOfficeId'>, a: Pick<repo.AttachmentRow, 'role' | 'officeId'>): ItemSide {
  if (a.role === 'content') return 'sender';
  if (a.role === 'outcome') return 'receiver';
  return a.officeId === item.fromOfficeId ? 'sender' : 'receiver';
}

export interface Reader {
  /** The request's content: its text, the oral record, the resolution, its files' names. */
  request: boolean;
  /** The answer: outcome text, reason, legal basis applied. */
  answer: boolean;
  /** A piece of the given level. */
  level(l: Confidentiality | null | undefined): boolean;
  attachment(a: Pick<repo.AttachmentRow, 'role' | 'confidentiality'>): boolean;
}

/**
 * What the actor may read of this item. The participation lookup runs only when some level is
 * restricted (the item's highest level, kept with its pieces, says so without reading them).
 */
export async function readerFor(db: Db, actor: Actor, item: repo.ItemRow, extraLevels: (Confidentiality | null | undefined)[] = []): Promise<Reader> {
  const restricted = [item.confidentiality, item.outcomeConfidentiality, item.highestConfidentiality, ...extraLevels].includes('restricted');
  const assigned = restricted ? await repo.isParticipant(db, item.id, actor.userId) : false;
  const read = (l: Confidentiality | null | undefined) => mayRead(actor, item, assigned, l);
  return {
    request: read(item.confidentiality),
    answer: read(item.outcomeConfidentiality),
    level: read,
    attachment: (a) => read(effectiveLevel(item, a)),
  };
}

/** The highest level of an item's pieces, with the item's own levels as they are about to be written. */
export async function highestOf(db: Db, item: Pick<repo.ItemRow, 'id'> & LevelsOf): Promise<Confidentiality> {
  return highestLevel(item.confidentiality, item.outcomeConfidentiality, ...(await repo.pieceLevels(db, item.id)));
}
