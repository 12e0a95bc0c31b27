import type { z } from 'zod';
import type { Actor } from '../../../domain/access.ts';
import { fieldIssue, validationError } from '../../../domain/errors.ts';
import type { LETTER_ACTION_BODIES, LetterAction } from '../../../domain/schemas/item-actions.ts';
import type { Deps } from '../../lib/deps.ts';
import { decideConsent } from './items.consents.ts';
import type { LetterInput } from './items.letters.ts';
import {
  closeConsultation,
  confirmAuthenticity,
  confirmInWriting,
  decideConditions,
  doubtAuthenticity,
  getItem,
  postMessage,
  recordOutcome,
  register,
  withdraw,
  type Presented,
} from './items.service.ts';

/**
 * Issue 10: a counterpart's letter recorded as its action — each action it may carry taken by the
 * same function as in the system (the letter passed along).
 */

type LetterHandler<A extends LetterAction> = (
  deps: Deps,
  actor: Actor,
  id: string,
  body: z.infer<(typeof LETTER_ACTION_BODIES)[A]>,
  letter: LetterInput,
) => Promise<Presented>;

/** Each action a counterpart's letter may carry, taken by the same function as in the system. */
const LETTER_HANDLERS: { [A in LetterAction]: LetterHandler<A> } = {
  register,
  doubt_authenticity: doubtAuthenticity,
  open_consultation: (d, a, id, b, l) => postMessage(d, a, id, b, true, l),
  message: (d, a, id, b, l) => postMessage(d, a, id, { ...b, proposedConditions: undefined }, false, l),
  propose_conditions: (d, a, id, b, l) => {
    if (!b.proposedConditions) throw validationError(fieldIssue('body.proposedConditions', 'required', 'The conditions the letter proposes'));
    return postMessage(d, a, id, b, false, l);
  },
  close_consultation: closeConsultation,
  record_outcome: recordOutcome,
  withdraw,
  confirm_in_writing: confirmInWriting,
  confirm_authenticity: confirmAuthenticity,
  accept_conditions: (d, a, id, b, l) => decideConditions(d, a, id, b, true, l),
  reject_conditions: (d, a, id, b, l) => decideConditions(d, a, id, b, false, l),
  // the provider's decision on a consent it was asked for; the item's page is the answer.
  consent_decision: async (d, a, id, b, l) => {
    await decideConsent(d, a, b.consentId, b, { ...l, itemId: id });
    return getItem(d, a, id);
  },
};

/**
 * Records a counterpart's letter as its action on the item: "recorded from its letter No. … of …"
 * by the user, with the scans; the machine, the deadlines and the figures treat it as the
 * counterpart's own action (channel and on-behalf-of in the log).
 */
export async function recordLetter<A extends LetterAction>(
  deps: Deps,
  actor: Actor,
  id: string,
  action: A,
  body: z.infer<(typeof LETTER_ACTION_BODIES)[A]>,
  letter: LetterInput,
) {
  return (LETTER_HANDLERS[action] as LetterHandler<A>)(deps, actor, id, body, letter);
}
