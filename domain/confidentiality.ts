import { CONFIDENTIALITY_LEVELS, confidentialityRank, type Confidentiality } from './items.ts';

/**
 * A-9.1, A-9.2: the degree of confidentiality is a property of every piece of information a Party
 * provides — the request's content (with its files), the answer (with its documents), each
 * consultation message, each attachment — and is set by the Party that provides it. This file is the
 * one statement of who may read a piece and who may change its level; the server (item page,
 * messages, downloads, documents, timeline, notifications, lists) and the web ask it, never
 * their own copy. The journals' SQL (items.repository visibleSql) states the same rule for the
 * request's content, per row, so that lists and search apply it in the database; the access matrix
 * checks that both agree for every fixture user.
 */

/** Which piece of an item a level belongs to. */
export const PIECES = ['request', 'answer', 'message', 'attachment'] as const;
export type Piece = (typeof PIECES)[number];

/** The two sides of an item: the requesting (sending) office and the requested one. */
export type ItemSide = 'sender' | 'receiver';

/** How a viewer who may see an item at all stands to it. */
export interface ReaderRelation {
  /** Staff of the sending or the requested office (for a routed matter, the coordinator as addressee). */
  side: ItemSide | null;
  /** Head or deputy head of that office. */
  head: boolean;
  /** The coordinator as the addressee of a matter routed to it (O-3.4): it decides on the matter. */
  routedAddressee: boolean;
  /** Assigned to the item (item_participants): prepared, signed, registered, executes or consulted on it. */
  assigned: boolean;
}

/**
 * may this viewer read the content of a piece of this level? Open and «for official use»
 * pieces are read by everyone who may see the item; a restricted piece only by the users of the two
 * offices assigned to the item, their heads and deputies, and the coordinator deciding a routed
 * matter. Everyone else (an unassigned officer, an overseeing coordinator) sees that it exists, its
 * level and where the item stands — never its text, file names or hashes.
 */
export function mayReadPiece(level: Confidentiality, r: ReaderRelation): boolean {
  if (level !== 'restricted') return true;
  if (r.side !== null && r.head) return true;
  if (r.routedAddressee) return true;
  return r.assigned;
}

/** every read of the content of a piece that is not open is written to the audit log. */
export const readIsAudited = (level: Confidentiality): boolean => level !== 'open';

/** The highest of the levels given (open when none): what the journal shows for an item. */
export function highestLevel(...levels: (Confidentiality | null | undefined)[]): Confidentiality {
  let best = 0;
  for (const l of levels) if (l) best = Math.max(best, confidentialityRank(l));
  return CONFIDENTIALITY_LEVELS[best]!;
}

/**
 * A piece is never less protected than the request it belongs to or answers: a file than its piece
 * (the request's content, the answer; a consultation file the request), an answer or a message than
 * the request — they carry it or speak of it. Its level may be set higher; a file's effective level
 * follows its piece if the piece's level is raised later.
 */
export const attachmentLevel = (own: Confidentiality, piece: Confidentiality | null | undefined): Confidentiality => highestLevel(own, piece);

/** Who provides a piece: the request's content is the sender's, the answer the requested office's. */
export function providerOf(piece: 'request' | 'answer'): ItemSide {
  return piece === 'request' ? 'sender' : 'receiver';
}

export type LevelRefusal = 'SET_BY_PROVIDER' | 'CANNOT_BE_LOWERED' | 'BELOW_PIECE';

/**
 * may `actor` set a piece's level from `current` to `requested`? Only the providing side
 * sets it (the receiving side gives it, whatever it asks); once provided, the provider may raise
 * it but not lower it; a piece is never below the one it belongs to or answers (`floor`).
 */
export function levelChangeRefusal(p: {
  provider: ItemSide;
  actor: ItemSide | null;
  current: Confidentiality;
  requested: Confidentiality;
  /** Already given to the other side (a request once sent; an answer, a message or a file once recorded). */
  provided: boolean;
  floor?: Confidentiality | null | undefined;
}): LevelRefusal | null {
  if (p.actor !== p.provider) return 'SET_BY_PROVIDER';
  if (p.floor && confidentialityRank(p.requested) < confidentialityRank(p.floor)) return 'BELOW_PIECE';
  if (p.provided && confidentialityRank(p.requested) < confidentialityRank(p.current)) return 'CANNOT_BE_LOWERED';
  return null;
}
