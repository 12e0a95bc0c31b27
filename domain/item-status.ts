import type { Role } from './access.ts';
import {
  applyAction as machineApply,
  availableActions as machineActions,
  invariantViolations as machineViolations,
  refusalOf as machineRefusal,
  type ActorView as MachineActor,
  type BaseRefusal,
  type Machine,
  type Transition as MachineTransition,
} from './machine.ts';
import { isRefusal, REFUSAL_OUTCOMES, type ConditionsStatus, type ItemMode, type Outcome, type RefusalGround, type Route } from './items.ts';

/**
 * The life of a request or initiative proposal as data (domain/machine.ts): statuses, the
 * transitions with the side, roles and article of each, guards, and the invariants. The server
 * changes a status only through the kernel, which applies the machine; the web offers exactly
 * `availableActions`.
 */
export const ITEM_STATUSES = [
  'draft', // prepared by the sending office
  'signed', // signed by its head or a deputy; a change of the signed content voids the signature
  'sent', // delivered to the requested office (or, O-3.4, to the coordinator)
  'registered', // registered as incoming; under execution
  'on_hold', // authenticity in doubt (A-6.2b): held until the sender confirms or withdraws
  'consultation', // consultations before a refusal, conditions proposed
  'executed',
  'partially_executed',
  'refused',
  'withdrawn',
  'forwarded', // the coordinator sent a routed matter on through the official channel (O-3.4)
  'returned', // the coordinator returned a routed matter to the sender
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const isItemStatus = (s: string): s is ItemStatus => (ITEM_STATUSES as readonly string[]).includes(s);

/**
 * The sets of statuses the rest of the system speaks of. Each is written here once: the SQL
 * (server/db/predicates.ts, the partial indexes of server/db/schema.ts), the presenters and the web
 * import them (a test fails on a copy written out elsewhere, server/db/predicates.test.ts).
 */
/** Not yet sent: the sending office's own (the addressee neither sees nor counts it). */
export const UNSENT_STATUSES: readonly ItemStatus[] = ['draft', 'signed'];
/** Statuses in which the requested office works on the item and the answer deadline runs. */
export const OPEN_STATUSES: readonly ItemStatus[] = ['sent', 'registered', 'on_hold', 'consultation'];
/** Closed for good: the item's `closedAt` is set when it reaches one. */
export const FINAL_STATUSES: readonly ItemStatus[] = ['executed', 'partially_executed', 'refused', 'withdrawn', 'forwarded'];
/** Where the requested office adds the answer's documents: while it works on the answer, and once answered. */
export const ANSWER_FILE_STATUSES: readonly ItemStatus[] = ['registered', 'consultation', 'executed', 'partially_executed', 'refused'];

/** The item has left the sending office (the addressee sees it; the content's level is provided, A-9.2). */
export const wasSent = (status: ItemStatus): boolean => !UNSENT_STATUSES.includes(status);
export const isOpen = (status: ItemStatus): boolean => OPEN_STATUSES.includes(status);

/** Files beside the workflow (the answer's, the consultation's): who may add them, and when. */
export function maySideAttach(role: 'outcome' | 'consultation', side: Side | null, status: ItemStatus): boolean {
  return role === 'outcome' ? side === 'receiver' && ANSWER_FILE_STATUSES.includes(status) : side !== null && status === 'consultation';
}

export const ITEM_ACTIONS = [
  'update',
  'sign',
  'send',
  'send_oral',
  'confirm_in_writing',
  'withdraw',
  'register',
  'assign',
  'doubt_authenticity',
  'confirm_authenticity',
  'open_consultation',
  'message',
  'propose_conditions',
  'accept_conditions',
  'reject_conditions',
  'close_consultation',
  'record_outcome',
  'forward',
  'return',
  'revise',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export type Side = 'sender' | 'receiver';

const STAFF: readonly Role[] = ['head', 'deputy_head', 'officer'];
const SIGNERS: readonly Role[] = ['head', 'deputy_head'];
/** On an item routed to the coordinator (O-3.4), the coordinator acts as the receiving staff. */
const RECEIVER_STAFF: readonly Role[] = [...STAFF, 'coordinator'];
const RECEIVER_SIGNERS: readonly Role[] = [...SIGNERS, 'coordinator'];

type ItemGuard =
  | 'writtenUpLater'
  | 'exchangeAllowed'
  | 'contentComplete'
  | 'signed'
  | 'oral'
  | 'notYetConfirmed'
  | 'oralConfirmedFirst'
  | 'conditionsProposed'
  | 'groundsNamed';
/** 'edited': a draft again unless the signed content stays as it was; 'held': back to the status before the hold; 'outcome': the recorded outcome. */
type ItemRule = 'edited' | 'held' | 'outcome';
export type Transition = MachineTransition<ItemStatus, ItemAction, Side, ItemGuard, ItemRule, ItemState>;

const ACTIVE_AFTER_SEND = OPEN_STATUSES;
const AFTER_SEND: readonly ItemStatus[] = [...ACTIVE_AFTER_SEND, 'executed', 'partially_executed', 'refused', 'forwarded', 'returned'];
const direct = { route: 'direct' } as const;
const routed = { route: 'coordinator' } as const;

export const TRANSITIONS: readonly Transition[] = [
  { action: 'update', from: ['draft', 'signed'], to: 'edited', side: 'sender', roles: STAFF, article: 'A-6.3' },
  // An oral request is completed in writing: its text may still be written up until confirmed.
  { action: 'update', from: ACTIVE_AFTER_SEND, to: 'same', side: 'sender', roles: STAFF, article: 'A-6.2a', guards: ['writtenUpLater'] },
  { action: 'sign', from: ['draft'], to: 'signed', side: 'sender', roles: SIGNERS, article: 'A-6.4', guards: ['exchangeAllowed', 'contentComplete'] },
  // Nothing is sent unsigned.
  { action: 'send', from: ['signed'], to: 'sent', side: 'sender', roles: STAFF, article: 'A-5.1', guards: ['exchangeAllowed', 'contentComplete', 'signed'] },
  { action: 'send_oral', from: ['draft'], to: 'sent', side: 'sender', roles: STAFF, article: 'A-6.2a', guards: ['exchangeAllowed'] },
  {
    action: 'confirm_in_writing',
    from: AFTER_SEND,
    to: 'same',
    side: 'sender',
    roles: SIGNERS,
    article: 'A-6.2a',
    guards: ['oral', 'notYetConfirmed', 'contentComplete'],
  },
  { action: 'withdraw', from: ACTIVE_AFTER_SEND, to: 'withdrawn', side: 'sender', roles: SIGNERS, article: 'A-6.1' },
  { action: 'register', from: ['sent'], to: 'registered', side: 'receiver', roles: RECEIVER_STAFF, article: 'O-3.3' },
  { action: 'assign', from: ['registered', 'consultation', 'on_hold'], to: 'same', side: 'receiver', roles: RECEIVER_SIGNERS, article: 'A-8.1' },
  { action: 'doubt_authenticity', from: ['sent', 'registered'], to: 'on_hold', side: 'receiver', roles: RECEIVER_STAFF, article: 'A-6.2b' },
  // Authenticity is confirmed by a signed text: an oral request is confirmed in writing first.
  { action: 'confirm_authenticity', from: ['on_hold'], to: 'held', side: 'sender', roles: SIGNERS, article: 'A-6.2b', guards: ['oralConfirmedFirst'] },
  { action: 'open_consultation', from: ['registered'], to: 'consultation', side: 'receiver', roles: STAFF, article: 'A-7.2', only: direct },
  { action: 'message', from: ['consultation'], to: 'same', side: 'receiver', roles: STAFF, article: 'A-7.2' },
  { action: 'message', from: ['consultation'], to: 'same', side: 'sender', roles: STAFF, article: 'A-7.2' },
  { action: 'propose_conditions', from: ['consultation'], to: 'same', side: 'receiver', roles: STAFF, article: 'A-7.2' },
  { action: 'accept_conditions', from: ['consultation'], to: 'same', side: 'sender', roles: SIGNERS, article: 'A-7.2', guards: ['conditionsProposed'] },
  { action: 'reject_conditions', from: ['consultation'], to: 'same', side: 'sender', roles: SIGNERS, article: 'A-7.2', guards: ['conditionsProposed'] },
  { action: 'close_consultation', from: ['consultation'], to: 'registered', side: 'receiver', roles: STAFF, article: 'A-7.2' },
  {
    action: 'record_outcome',
    from: ['registered', 'consultation'],
    to: 'outcome',
    side: 'receiver',
    roles: SIGNERS,
    article: 'A-8.2',
    only: direct,
    guards: ['groundsNamed'],
  },
  { action: 'forward', from: ['sent', 'registered'], to: 'forwarded', side: 'receiver', roles: ['coordinator'], article: 'O-3.4', only: routed },
  { action: 'return', from: ['sent', 'registered'], to: 'returned', side: 'receiver', roles: ['coordinator'], article: 'O-3.4', only: routed },
  { action: 'revise', from: ['returned'], to: 'draft', side: 'sender', roles: STAFF, article: 'O-3.4' },
];

/** The facts of an item that decide what may happen to it next. */
export interface ItemState {
  status: ItemStatus;
  mode: ItemMode;
  route: Route;
  /** The status an item on hold returns to. */
  heldFrom: ItemStatus | null;
  /** A signature over the current content exists and is not void. */
  signed: boolean;
  /** content complete. */
  contentComplete: boolean;
  /** The oral request has its written, signed confirmation. */
  oralConfirmed: boolean;
  conditions: ConditionsStatus;
  outcome: Outcome | null;
  refusalGrounds: RefusalGround[];
  /**
   * O-1, P-5, A-15: direct exchange with the addressee is allowed today along a pairing and a legal
   * basis in force (always true for a matter routed to the coordinator). The server computes it once
   * from the registry; a pairing that lapsed after the draft was made leaves nothing to sign or send.
   */
  exchangeAllowed: boolean;
}

export type ActorView = MachineActor<Side>;

export type ActionRefusal =
  | BaseRefusal
  | 'CONTENT_INCOMPLETE'
  | 'NOT_SIGNED'
  | 'NOT_ORAL'
  | 'ALREADY_CONFIRMED'
  | 'GROUNDS_REQUIRED'
  | 'NO_CONDITIONS'
  | 'ORAL_CONFIRMATION_REQUIRED'
  | 'EXCHANGE_NOT_ALLOWED';

export interface ActionPayload {
  /** For `update`: whether the edited content is complete. */
  contentComplete?: boolean;
  /** For `update`: false when the signed content stays as it was (A-6.4: then the signature stands). */
  contentChanged?: boolean;
  outcome?: Outcome;
  refusalGrounds?: RefusalGround[];
  /** For `open_consultation`: the opening message already proposes conditions. */
  proposesConditions?: boolean;
}

const SENT_STATUSES: readonly ItemStatus[] = ['sent', 'registered', 'on_hold', 'consultation', 'executed', 'partially_executed', 'refused', 'forwarded'];

/** The request's machine (A-6 … A-8, O-3.4) in the one shape of domain/machine.ts. */
export const ITEM_MACHINE: Machine<ItemStatus, ItemAction, Side, ItemState, ActionPayload, ActionRefusal, ItemGuard, ItemRule> = {
  statuses: ITEM_STATUSES,
  actions: ITEM_ACTIONS,
  transitions: TRANSITIONS,
  guards: {
    // After sending, only an oral request not yet confirmed in writing may still be written up.
    writtenUpLater: (s) => (s.mode === 'oral' && !s.oralConfirmed ? null : 'NOT_ALLOWED_IN_STATUS'),
    exchangeAllowed: (s) => (s.exchangeAllowed ? null : 'EXCHANGE_NOT_ALLOWED'),
    contentComplete: (s) => (s.contentComplete ? null : 'CONTENT_INCOMPLETE'),
    signed: (s) => (s.signed ? null : 'NOT_SIGNED'),
    oral: (s) => (s.mode === 'oral' ? null : 'NOT_ORAL'),
    notYetConfirmed: (s) => (s.oralConfirmed ? 'ALREADY_CONFIRMED' : null),
    oralConfirmedFirst: (s) => (s.mode === 'oral' && !s.oralConfirmed ? 'ORAL_CONFIRMATION_REQUIRED' : null),
    conditionsProposed: (s) => (s.conditions === 'proposed' ? null : 'NO_CONDITIONS'),
    // a full or partial refusal names a ground.
    groundsNamed: (_s, p) => (p.outcome && isRefusal(p.outcome) && (p.refusalGrounds ?? []).length === 0 ? 'GROUNDS_REQUIRED' : null),
  },
  rules: {
    // saving what is already there changes nothing, a signed item stays signed.
    edited: (s, p) => (p.contentChanged === false ? s.status : 'draft'),
    held: (s) => s.heldFrom ?? 'registered',
    outcome: (_s, p) => p.outcome!,
  },
  effects: {
    // A change of the signed content voids the signature; an unchanged save keeps it.
    update: (s, p) =>
      p.contentChanged === false
        ? { contentComplete: p.contentComplete ?? s.contentComplete }
        : { signed: false, contentComplete: p.contentComplete ?? s.contentComplete },
    sign: () => ({ signed: true }),
    send_oral: () => ({ mode: 'oral' }),
    confirm_in_writing: () => ({ signed: true, oralConfirmed: true }),
    // A withdrawal ends a hold too: nothing is left to return to (found by the property test).
    withdraw: () => ({ heldFrom: null }),
    doubt_authenticity: (s) => ({ heldFrom: s.status }),
    confirm_authenticity: () => ({ heldFrom: null }),
    open_consultation: (s, p) => (p.proposesConditions ? { conditions: 'proposed' } : { conditions: s.conditions }),
    propose_conditions: () => ({ conditions: 'proposed' }),
    accept_conditions: () => ({ conditions: 'accepted' }),
    reject_conditions: () => ({ conditions: 'rejected' }),
    record_outcome: (_s, p) => ({ outcome: p.outcome!, refusalGrounds: isRefusal(p.outcome!) ? [...(p.refusalGrounds ?? [])] : [] }),
    // A returned matter revised is a new written draft: an earlier oral sending and its confirmation stay in its log (found by the property test).
    revise: () => ({ signed: false, mode: 'written', oralConfirmed: false }),
  },
  invariants: [
    { name: 'a written item left the office unsigned', holds: (s) => !(s.mode === 'written' && SENT_STATUSES.includes(s.status) && !s.signed) },
    { name: 'an incomplete item was sent', holds: (s) => !(s.mode === 'written' && SENT_STATUSES.includes(s.status) && !s.contentComplete) },
    { name: 'a refusal without a ground', holds: (s) => !((REFUSAL_OUTCOMES as readonly string[]).includes(s.status) && s.refusalGrounds.length === 0) },
    { name: 'an executed item carries refusal grounds', holds: (s) => !(s.status === 'executed' && s.refusalGrounds.length > 0) },
    { name: 'a confirmed oral request without its signed written text', holds: (s) => !(s.oralConfirmed && (s.mode !== 'oral' || !s.signed)) },
    { name: 'on hold without the status to return to', holds: (s) => !(s.status === 'on_hold' && s.heldFrom === null) },
    { name: 'a hold mark outside on_hold', holds: (s) => !(s.status !== 'on_hold' && s.heldFrom !== null) },
    { name: 'a draft carries a signature', holds: (s) => !(s.status === 'draft' && s.signed) },
    {
      name: 'a routed matter answered as a direct request',
      holds: (s) => !(s.route === 'coordinator' && (s.status === 'executed' || s.status === 'partially_executed' || s.status === 'refused')),
    },
  ],
  emptyInput: {},
};

/** Why `action` cannot be taken now, or null when it can (the payload is checked too when given). */
export function refusalOf(state: ItemState, action: ItemAction, actor: ActorView, payload: ActionPayload = {}): ActionRefusal | null {
  return machineRefusal(ITEM_MACHINE, state, action, actor, payload);
}

export function availableActions(state: ItemState, actor: ActorView): ItemAction[] {
  return machineActions(ITEM_MACHINE, state, actor);
}

/** The state after `action`; throws when refusalOf() says no. Pure: the server persists the result. */
export function applyAction(state: ItemState, action: ItemAction, actor: ActorView, payload: ActionPayload = {}): ItemState {
  return machineApply(ITEM_MACHINE, state, action, actor, payload);
}

/** Invariants that hold after every step; the property tests check them on random histories. */
export function invariantViolations(s: ItemState): string[] {
  return machineViolations(ITEM_MACHINE, s);
}

export function initialState(route: Route, contentComplete: boolean): ItemState {
  return {
    status: 'draft',
    mode: 'written',
    route,
    heldFrom: null,
    signed: false,
    contentComplete,
    oralConfirmed: false,
    conditions: 'none',
    outcome: null,
    refusalGrounds: [],
    exchangeAllowed: true,
  };
}
