import type { Role } from './access.ts';
import { TRANSITIONS, type ItemAction, type Side } from './item-status.ts';
import { worksInSystem, type Hosting } from './node.ts';

/**
 * Counterparts off the system (issue 10, part 3). An office that is not hosted on this node answers
 * by letter — post, e-mail, fax, courier ("technical means of text transmission", A-6.2) or, for a
 * consultation, by telephone. A local user records what its letter says as the counterpart's own
 * action: the same action of the same machine, on its behalf, "recorded from its letter No. … of …",
 * so deadlines, journals, the annual block and the analysis count it exactly like an action taken in
 * the system. These are the only statement of those rules; the server and the web import them.
 */

/** How an action reached this node: done here; recorded from a counterpart's letter, e-mail, fax, call or courier; from a peer node; by a migration. */
export const ACTION_CHANNELS = ['system', 'letter', 'email', 'fax', 'phone', 'courier', 'peer', 'migration'] as const;
export type ActionChannel = (typeof ACTION_CHANNELS)[number];

/** The means a counterpart off the system answers by (`letter`: by post). */
export const LETTER_CHANNELS = ['letter', 'email', 'fax', 'courier', 'phone'] as const satisfies readonly ActionChannel[];
export type LetterChannel = (typeof LETTER_CHANNELS)[number];

/** How a local office dispatches its signed letter to a counterpart off the system (the letter's DOCX exists already). */
export const DISPATCH_METHODS = ['letter', 'email', 'fax', 'courier'] as const satisfies readonly LetterChannel[];
export type DispatchMethod = (typeof DISPATCH_METHODS)[number];

/** A counterpart's letter as the recording user reads it. */
export interface LetterRef {
  channel: LetterChannel;
  /** Its outgoing number; none for a telephone call. */
  number: string | null;
  /** The date it bears (of the call, for a telephone call). */
  date: string;
  /** Who signed it and in which position, as printed. */
  signerName: string | null;
  signerPosition: string | null;
}

/**
 * The counterpart's actions a letter may carry, by the side the counterpart has on the item. Its
 * internal steps (the executor it assigns, its drafts) are its own record, not ours; routing to a
 * coordinator (O-3.4) stays within one Party, never off the system.
 */
/** A machine action, or the decision on a consent the providing office was asked for (A-9.3: on either side, as the provider is). */
export type LetterActionKind = ItemAction | 'consent_decision';
const RECEIVER_LETTER_ACTIONS = [
  'register',
  'doubt_authenticity',
  'open_consultation',
  'message',
  'propose_conditions',
  'close_consultation',
  'record_outcome',
  'consent_decision',
] as const satisfies readonly LetterActionKind[];
const SENDER_LETTER_ACTIONS = [
  'withdraw',
  'confirm_in_writing',
  'confirm_authenticity',
  'message',
  'accept_conditions',
  'reject_conditions',
  'consent_decision',
] as const satisfies readonly LetterActionKind[];
export type LetterAction = (typeof RECEIVER_LETTER_ACTIONS)[number] | (typeof SENDER_LETTER_ACTIONS)[number];
export const LETTER_ACTIONS: Record<Side, readonly LetterAction[]> = { receiver: RECEIVER_LETTER_ACTIONS, sender: SENDER_LETTER_ACTIONS };
export const ALL_LETTER_ACTIONS: readonly LetterAction[] = [...new Set([...RECEIVER_LETTER_ACTIONS, ...SENDER_LETTER_ACTIONS])];

/**
 * A letter speaks with the authority of the office that signed it (A-6.4: its head or deputy): the
 * machine sees the counterpart's side with the roles of its staff and signers; that the letter names
 * its signer is checked by letterIssues.
 */
export const LETTER_ROLES: readonly Role[] = ['head', 'deputy_head', 'officer'];

const SIGNERS: readonly Role[] = ['head', 'deputy_head'];
/** An action only a head or deputy may take (the outcome, a withdrawal, a confirmation, a consent, A-9.3) is recorded from a signed letter that names its signer. */
export function letterNeedsSigner(action: LetterActionKind): boolean {
  if (action === 'consent_decision') return true;
  const ts = TRANSITIONS.filter((t) => t.action === action);
  return ts.length > 0 && ts.every((t) => t.roles.every((r) => SIGNERS.includes(r)));
}

/** The counterpart's side on an item, or null when neither end of it is off this node. */
export function offSystemSide(item: { from: { hosting: Hosting }; to: { hosting: Hosting } }): Side | null {
  if (!worksInSystem(item.to)) return 'receiver';
  if (!worksInSystem(item.from)) return 'sender';
  return null;
}

export type LetterIssue = { field: 'channel' | 'number' | 'date' | 'signerName' | 'signerPosition' | 'action' | 'scans'; rule: string; message: string };

/** Where an issue stands in the request that records the letter: its action, its scans (the files), or the letter's own field. */
export function letterIssuePath(field: LetterIssue['field']): string[] {
  return field === 'action' ? ['action'] : field === 'scans' ? ['file'] : ['letter', field];
}

/** A letter, e-mail, fax or courier delivery is kept as its scan (or the e-mail itself); a call leaves none. */
function scanIssues(letter: LetterRef, scans: number): LetterIssue[] {
  return letter.channel !== 'phone' && scans === 0 ? [{ field: 'scans', rule: 'required', message: 'Attach the scan of the letter or the e-mail' }] : [];
}

/**
 * What is wrong with a letter recorded as `action` of the counterpart: a number except for a call, a
 * date not after the recording day in the recording office's zone (`today`), the signer of a signed
 * decision, a call only for what may be said in a consultation, and the scan of anything written.
 */
export function letterIssues(letter: LetterRef, action: LetterActionKind, side: Side, today: string, scans: number): LetterIssue[] {
  const issues: LetterIssue[] = scanIssues(letter, scans);
  if (!(LETTER_ACTIONS[side] as readonly LetterActionKind[]).includes(action))
    issues.push({ field: 'action', rule: 'letter_action', message: 'Not an action the counterpart on this side takes by letter' });
  if (letter.channel === 'phone' && action !== 'message' && action !== 'open_consultation' && action !== 'propose_conditions') {
    issues.push({ field: 'channel', rule: 'letter_in_writing', message: 'Only a consultation may be held by telephone; this decision comes in writing' });
  }
  if (letter.channel !== 'phone' && !letter.number?.trim()) issues.push({ field: 'number', rule: 'required', message: 'The letter’s outgoing number' });
  if (letter.date > today) issues.push({ field: 'date', rule: 'not_in_future', message: 'Not after today' });
  if (letterNeedsSigner(action)) {
    if (!letter.signerName?.trim()) issues.push({ field: 'signerName', rule: 'required', message: 'Who signed the letter, as printed' });
    if (!letter.signerPosition?.trim()) issues.push({ field: 'signerPosition', rule: 'required', message: 'The signer’s position, as printed' });
  }
  return issues;
}

/** A request or proposal received by letter names the office's signer as printed. */
export function receivedLetterIssues(letter: LetterRef, today: string, scans: number): LetterIssue[] {
  const issues: LetterIssue[] = scanIssues(letter, scans);
  if (letter.channel === 'phone')
    issues.push({ field: 'channel', rule: 'letter_in_writing', message: 'A request received orally is registered once its written text arrives (A-6.2)' });
  if (!letter.number?.trim()) issues.push({ field: 'number', rule: 'required', message: 'The letter’s outgoing number' });
  if (letter.date > today) issues.push({ field: 'date', rule: 'not_in_future', message: 'Not after today' });
  if (!letter.signerName?.trim()) issues.push({ field: 'signerName', rule: 'required', message: 'Who signed the letter, as printed' });
  if (!letter.signerPosition?.trim()) issues.push({ field: 'signerPosition', rule: 'required', message: 'The signer’s position, as printed' });
  return issues;
}

/**
 * A signed letter of ours (a request sent, its written confirmation, an answer) to a counterpart off
 * the system says how it was dispatched; to a counterpart in the system it is delivered here.
 */
export function dispatchIssue(counterpart: { hosting: Hosting }, method: DispatchMethod | undefined): LetterIssue | null {
  if (!worksInSystem(counterpart) && !method)
    return { field: 'channel', rule: 'dispatch_required', message: 'How the letter is dispatched: the addressee works outside the system' };
  if (worksInSystem(counterpart) && method)
    return { field: 'channel', rule: 'dispatch_not_needed', message: 'The addressee works in the system: it receives the item here' };
  return null;
}
