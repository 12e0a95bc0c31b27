import { z } from 'zod';
import type { ItemAction } from '../item-status.ts';
import { ALL_LETTER_ACTIONS, type LetterAction } from '../letters.ts';
import {
  AssignBody,
  ConfirmInWritingBody,
  ConsentDecisionBody,
  ForwardBody,
  LetterRefBody,
  MessageBody,
  NoteBody,
  OutcomeBody,
  OutcomeForm,
  ProposeForm,
  ReasonBody,
  RegisterBody,
  SendBody,
  SendOralBody,
  VersionBody,
} from './items.ts';

/** Every action of the item machine but `update` (the PATCH of the edit form) is posted to POST /api/v1/items/:id/<path>. */
export type PostedItemAction = Exclude<ItemAction, 'update'>;

export interface ItemActionSpec {
  /** The URL segment after /api/v1/items/:id/. */
  path: string;
  /** What the server accepts. */
  body: z.ZodType;
  /** The OpenAPI summary of the route. */
  summary: string;
  /** What the web's dialog asks where it asks more than the body: the same rules, on the fields. */
  form?: z.ZodType;
}

/** One route serves both: a message that carries conditions proposes them (see messageAction). */
const MESSAGES = { path: 'messages', body: MessageBody, summary: 'A consultation message; the requested office may propose conditions (A-7.2)' } as const;

/**
 * Each posted item action, declared once: the server registers its route from it, the web posts to
 * its path and validates its dialog with `form ?? body`.
 */
export const ITEM_ACTION_SPECS = {
  sign: { path: 'sign', body: VersionBody, summary: 'Sign (head or deputy of the sending office, A-6.4)' },
  send: { path: 'send', body: SendBody, summary: 'Send a signed item with its outgoing number (O-1: only along a pairing in force)' },
  send_oral: { path: 'send-oral', body: SendOralBody, summary: 'Record an urgent request made orally; written confirmation due in 72 hours (A-6.2)' },
  confirm_in_writing: {
    path: 'confirm-in-writing',
    body: ConfirmInWritingBody,
    summary: 'Sign and record the written confirmation of an oral request (A-6.2)',
  },
  withdraw: { path: 'withdraw', body: ReasonBody, summary: 'Withdraw the item' },
  register: { path: 'register', body: RegisterBody, summary: 'Register the item as incoming (requested office)' },
  assign: { path: 'assign', body: AssignBody, summary: 'Resolution: executor, instruction and due date' },
  doubt_authenticity: { path: 'doubt-authenticity', body: ReasonBody, summary: 'Hold the item: its authenticity is in doubt (A-6.2b)' },
  confirm_authenticity: { path: 'confirm-authenticity', body: NoteBody, summary: 'Confirm authenticity with a signature (A-6.2b)' },
  open_consultation: { path: 'consultation', body: MessageBody, summary: 'Open consultations before a refusal, optionally proposing conditions (A-7.2)' },
  message: MESSAGES,
  propose_conditions: { ...MESSAGES, form: ProposeForm },
  accept_conditions: { path: 'conditions/accept', body: NoteBody, summary: 'Accept the proposed conditions (A-7.2): they become obligations' },
  reject_conditions: { path: 'conditions/reject', body: NoteBody, summary: 'Reject the proposed conditions (A-7.2)' },
  close_consultation: { path: 'consultation/close', body: NoteBody, summary: 'Close consultations and return to execution' },
  record_outcome: {
    path: 'outcome',
    body: OutcomeBody,
    form: OutcomeForm,
    summary: 'Record the outcome: executed, partly executed or refused with grounds (A-7.1, A-7.3, A-8)',
  },
  forward: { path: 'forward', body: ForwardBody, summary: 'Coordinator: forward a routed matter through the official channel (O-3.4)' },
  return: { path: 'return', body: ReasonBody, summary: 'Coordinator: return a routed matter to the sender with a reason (O-3.4)' },
  revise: { path: 'revise', body: VersionBody, summary: 'Take a returned item back into draft' },
} as const satisfies Record<PostedItemAction, ItemActionSpec>;

export type ItemActionBody<A extends PostedItemAction> = z.output<(typeof ITEM_ACTION_SPECS)[A]['body']>;

/** The action a message posted to `messages` is: with conditions, their proposal. */
export const messageAction = (body: { proposedConditions?: string | undefined }): 'message' | 'propose_conditions' =>
  body.proposedConditions ? 'propose_conditions' : 'message';

/** The routes: each path once, with the actions posted to it (two share `messages`). */
export const ITEM_ACTION_ROUTES: readonly { path: string; actions: readonly PostedItemAction[] }[] = Object.values(
  Object.entries(ITEM_ACTION_SPECS).reduce<Record<string, { path: string; actions: PostedItemAction[] }>>((routes, [action, spec]) => {
    (routes[spec.path] ??= { path: spec.path, actions: [] }).actions.push(action as PostedItemAction);
    return routes;
  }, {}),
);

/** The action a body posted to a route is. */
export const postedAction = (route: { actions: readonly PostedItemAction[] }, body: { proposedConditions?: string | undefined }): PostedItemAction =>
  route.actions.length === 1 ? route.actions[0]! : messageAction(body);

/**
 * Issue 10: the counterpart's actions a letter may carry (domain/letters.ts), each with its own body
 * from the table above; POST /items/:id/letters takes the action and the letter, then that body.
 */
export type { LetterAction };
type MachineLetterAction = Exclude<LetterAction, 'consent_decision'>;
/** the provider's decision on a consent it was asked for, naming the request it decides. */
export const ConsentLetterBody = ConsentDecisionBody.extend({ consentId: z.uuid() });
export const LETTER_ACTION_BODIES = {
  ...(Object.fromEntries(ALL_LETTER_ACTIONS.filter((a) => a !== 'consent_decision').map((a) => [a, ITEM_ACTION_SPECS[a as MachineLetterAction].body])) as {
    [A in MachineLetterAction]: (typeof ITEM_ACTION_SPECS)[A]['body'];
  }),
  consent_decision: ConsentLetterBody,
};
/** The action and the letter; the action's own fields are checked against LETTER_ACTION_BODIES[action]. */
export const RecordLetterHead = z.object({ action: z.enum(ALL_LETTER_ACTIONS as unknown as [LetterAction, ...LetterAction[]]), letter: LetterRefBody });
