import { isOfficeStaff, type Actor } from '../../../domain/access.ts';
import { AppError, fieldIssue, validationError } from '../../../domain/errors.ts';
import type { Side } from '../../../domain/item-status.ts';
import type { Confidentiality } from '../../../domain/items.ts';
import {
  ALL_LETTER_ACTIONS,
  letterIssuePath,
  letterIssues,
  offSystemSide,
  type LetterAction,
  type LetterIssue,
  type LetterRef,
} from '../../../domain/letters.ts';
import { localDate } from '../../../domain/time.ts';
import type { ActionContext } from '../../kernel/index.ts';
import { storeAttachments, type IncomingFile } from './items.files.ts';
import { sideOf } from './items.policy.ts';
import * as repo from './items.repository.ts';

/**
 * Letters of counterparts off the system (issue 10, part 3): the checks before a letter is recorded
 * as the counterpart's action, and its row and scans. The rules themselves are domain/letters.ts.
 */

export interface LetterInput {
  letter: LetterRef;
  scans: IncomingFile[];
}

const isLetterAction = (a: string): a is LetterAction => (ALL_LETTER_ACTIONS as readonly string[]).includes(a);

/** A letter's issues as field issues of the request body (`body.letter.number`, `body.file` for the scans). */
export function letterFieldIssues(issues: LetterIssue[]) {
  return issues.map((i) => fieldIssue(['body', ...letterIssuePath(i.field)].join('.'), i.rule, i.message));
}

/** The side of the item's counterpart off the system, when the user may record its letters: one of the staff of the item's other office. */
export function counterpartOffSystem(actor: Actor, found: repo.ItemWithOffices): Side {
  if (!isOfficeStaff(actor)) throw new AppError('FORBIDDEN', 'The counterpart’s letters are recorded by the staff of an office');
  const side = offSystemSide(found);
  if (!side) throw new AppError('COUNTERPART_IN_SYSTEM', 'The counterpart works on this node: its officials take its actions');
  const own = sideOf(actor, found.item);
  if (own === null || own === side) throw new AppError('FORBIDDEN', 'The counterpart’s letters are recorded by the staff of the other office of the item');
  return side;
}

/**
 * May the user record this letter as the counterpart's `action` on the item? The counterpart must be
 * off this node (a counterpart here acts itself), the user one of the staff of the item's other
 * office, and the letter complete. Returns the counterpart's side and office.
 */
export function letterSide(actor: Actor, found: repo.ItemWithOffices, action: string, input: LetterInput, at: Date): { side: Side; officeId: string } {
  const side = counterpartOffSystem(actor, found);
  const issues = isLetterAction(action)
    ? letterIssues(input.letter, action, side, localDate(at, actor.officeTimeZone), input.scans.length)
    : [{ field: 'action' as const, rule: 'letter_action', message: 'Not an action a letter carries' }];
  if (issues.length > 0) throw validationError(letterFieldIssues(issues), 'The letter is not complete');
  return { side, officeId: side === 'receiver' ? found.to.id : found.from.id };
}

/** Stores the letter (who recorded it, its number, date and signer as printed) and its scans, provided by the counterpart. */
export async function storeLetter(
  c: ActionContext,
  actor: Actor,
  itemId: string,
  officeId: string,
  action: string,
  input: LetterInput,
  item: repo.ItemRow,
  level?: Confidentiality,
): Promise<{ letter: repo.LetterRow; scans: string[] }> {
  const l = input.letter;
  const letter = await repo.insertLetter(c.tx, {
    itemId,
    direction: 'in',
    officeId,
    action,
    channel: l.channel,
    number: l.number?.trim() || null,
    date: l.date,
    signerName: l.signerName?.trim() || null,
    signerPosition: l.signerPosition?.trim() || null,
    recordedBy: actor.userId,
    recordedAt: c.at,
  });
  const rows = await storeAttachments(c.tx, c.deps, actor, item, 'letter', input.scans, level, { officeId, letterId: letter.id });
  return { letter, scans: rows.map((r) => r.id) };
}

/** A local office's own letter to a counterpart off the system: how it was dispatched. */
export async function recordDispatch(
  c: ActionContext,
  actor: Actor,
  found: repo.ItemWithOffices,
  action: string,
  d: { method: LetterRef['channel']; number: string | null; date: string },
) {
  const counterpart = found.from.id === actor.officeId ? found.to : found.from;
  return repo.insertLetter(c.tx, {
    itemId: found.item.id,
    direction: 'out',
    officeId: counterpart.id,
    action,
    channel: d.method,
    number: d.number,
    date: d.date,
    recordedBy: actor.userId,
    recordedAt: c.at,
  });
}

/** What the timeline and the audit row say of a letter: its facts, never its scans' names. */
export function letterFacts(l: repo.LetterRow) {
  return { id: l.id, direction: l.direction, channel: l.channel, number: l.number, date: l.date, signerName: l.signerName, signerPosition: l.signerPosition };
}
