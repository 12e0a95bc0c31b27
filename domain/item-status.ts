import type { Role } from './access.ts';
import type { Outcome, RefusalGround } from './items.ts';

/**
 * The life of a request or initiative proposal as data: statuses, the transitions with the side
 * and roles allowed for each, and the invariants. The server changes a status only through
 * `applyAction`; the web offers exactly `availableActions`.
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

export const FINAL_STATUSES: readonly ItemStatus[] = ['executed', 'partially_executed', 'refused', 'withdrawn', 'forwarded'];
/** Statuses in which the requested office works on the item and the answer deadline runs. */
export const OPEN_STATUSES: readonly ItemStatus[] = ['sent', 'registered', 'on_hold', 'consultation'];
export const isFinal = (s: ItemStatus) => FINAL_STATUSES.includes(s);

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

export interface Transition {
  action: ItemAction;
  from: readonly ItemStatus[];
  /** 'same': the status does not change; 'held': back to the status before the hold; 'outcome': the recorded outcome. */
  to: ItemStatus | 'same' | 'held' | 'outcome';
  side: Side;
  roles: readonly Role[];
  /** Only on items routed to the coordinator, or only on direct ones. */
  route?: 'direct' | 'coordinator';
}

const ACTIVE_AFTER_SEND: readonly ItemStatus[] = ['sent', 'registered', 'on_hold', 'consultation'];
const AFTER_SEND: readonly ItemStatus[] = [...ACTIVE_AFTER_SEND, 'executed', 'partially_executed', 'refused', 'forwarded', 'returned'];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'update', from: ['draft', 'signed'], to: 'draft', side: 'sender', roles: STAFF },
  // An oral request is completed in writing: its text may still be written up until confirmed.
  { action: 'update', from: ACTIVE_AFTER_SEND, to: 'same', side: 'sender', roles: STAFF },
  { action: 'sign', from: ['draft'], to: 'signed', side: 'sender', roles: SIGNERS },
  { action: 'send', from: ['signed'], to: 'sent', side: 'sender', roles: STAFF },
  { action: 'send_oral', from: ['draft'], to: 'sent', side: 'sender', roles: STAFF },
  { action: 'confirm_in_writing', from: AFTER_SEND, to: 'same', side: 'sender', roles: SIGNERS },
  { action: 'withdraw', from: ACTIVE_AFTER_SEND, to: 'withdrawn', side: 'sender', roles: SIGNERS },
  { action: 'register', from: ['sent'], to: 'registered', side: 'receiver', roles: RECEIVER_STAFF },
  { action: 'assign', from: ['registered', 'consultation', 'on_hold'], to: 'same', side: 'receiver', roles: RECEIVER_SIGNERS },
  { action: 'doubt_authenticity', from: ['sent', 'registered'], to: 'on_hold', side: 'receiver', roles: RECEIVER_STAFF },
  { action: 'confirm_authenticity', from: ['on_hold'], to: 'held', side: 'sender', roles: SIGNERS },
  { action: 'open_consultation', from: ['registered'], to: 'consultation', side: 'receiver', roles: STAFF, route: 'direct' },
  { action: 'message', from: ['consultation'], to: 'same', side: 'receiver', roles: STAFF },
  { action: 'message', from: ['consultation'], to: 'same', side: 'sender', roles: STAFF },
  { action: 'propose_conditions', from: ['consultation'], to: 'same', side: 'receiver', roles: STAFF },
  { action: 'accept_conditions', from: ['consultation'], to: 'same', side: 'sender', roles: SIGNERS },
  { action: 'reject_conditions', from: ['consultation'], to: 'same', side: 'sender', roles: SIGNERS },
  { action: 'close_consultation', from: ['consultation'], to: 'registered', side: 'receiver', roles: STAFF },
  { action: 'record_outcome', from: ['registered', 'consultation'], to: 'outcome', side: 'receiver', roles: SIGNERS, route: 'direct' },
  { action: 'forward', from: ['sent', 'registered'], to: 'forwarded', side: 'receiver', roles: ['coordinator'], route: 'coordinator' },
  { action: 'return', from: ['sent', 'registered'], to: 'returned', side: 'receiver', roles: ['coordinator'], route: 'coordinator' },
  { action: 'revise', from: ['returned'], to: 'draft', side: 'sender', roles: STAFF },
];

/** The facts of an item that decide what may happen to it next. */
export interface ItemState {
  status: ItemStatus;
  mode: 'written' | 'oral';
  route: 'direct' | 'coordinator';
  /** The status an item on hold returns to. */
  heldFrom: ItemStatus | null;
  /** A signature over the current content exists and is not void. */
  signed: boolean;
  /** content complete. */
  contentComplete: boolean;
  /** The oral request has its written, signed confirmation. */
  oralConfirmed: boolean;
  conditions: 'none' | 'proposed' | 'accepted' | 'rejected';
  outcome: Outcome | null;
  refusalGrounds: RefusalGround[];
  /**
   * O-1, P-5, A-15: direct exchange with the addressee is allowed today along a pairing and a legal
   * basis in force (always true for a matter routed to the coordinator). The server computes it once
   * from the registry; a pairing that lapsed after the draft was made leaves nothing to sign or send.
   */
  exchangeAllowed: boolean;
}

export interface ActorView {
  side: Side | null;
  roles: readonly Role[];
}

export type ActionRefusal =
  | 'NOT_ALLOWED_IN_STATUS'
  | 'NOT_YOUR_SIDE'
  | 'ROLE_REQUIRED'
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

function transitionsFor(state: ItemState, action: ItemAction, actor: ActorView): Transition[] {
  return TRANSITIONS.filter((t) => t.action === action && t.from.includes(state.status) && (!t.route || t.route === state.route) && t.side === actor.side && t.roles.some((r) => actor.roles.includes(r)));
}

/** Why `action` cannot be taken now, or null when it can (the payload is checked too when given). */
export function refusalOf(state: ItemState, action: ItemAction, actor: ActorView, payload: ActionPayload = {}): ActionRefusal | null {
  const byStatus = TRANSITIONS.filter((t) => t.action === action && t.from.includes(state.status) && (!t.route || t.route === state.route));
  if (byStatus.length === 0) return 'NOT_ALLOWED_IN_STATUS';
  if (!byStatus.some((t) => t.side === actor.side)) return 'NOT_YOUR_SIDE';
  if (transitionsFor(state, action, actor).length === 0) return 'ROLE_REQUIRED';
  switch (action) {
    case 'update':
      // After sending, only an oral request not yet confirmed in writing may still be written up.
      if (state.status !== 'draft' && state.status !== 'signed' && !(state.mode === 'oral' && !state.oralConfirmed)) return 'NOT_ALLOWED_IN_STATUS';
      return null;
    case 'sign':
      if (!state.exchangeAllowed) return 'EXCHANGE_NOT_ALLOWED';
      return state.contentComplete ? null : 'CONTENT_INCOMPLETE';
    case 'send':
      if (!state.exchangeAllowed) return 'EXCHANGE_NOT_ALLOWED';
      // Nothing is sent unsigned.
      if (!state.contentComplete) return 'CONTENT_INCOMPLETE';
      return state.signed ? null : 'NOT_SIGNED';
    case 'send_oral':
      return state.exchangeAllowed ? null : 'EXCHANGE_NOT_ALLOWED';
    case 'confirm_in_writing':
      if (state.mode !== 'oral') return 'NOT_ORAL';
      if (state.oralConfirmed) return 'ALREADY_CONFIRMED';
      return state.contentComplete ? null : 'CONTENT_INCOMPLETE';
    case 'confirm_authenticity':
      // Authenticity is confirmed by a signed text: an oral request is confirmed in writing first.
      return state.mode === 'oral' && !state.oralConfirmed ? 'ORAL_CONFIRMATION_REQUIRED' : null;
    case 'accept_conditions':
    case 'reject_conditions':
      return state.conditions === 'proposed' ? null : 'NO_CONDITIONS';
    case 'record_outcome': {
      const outcome = payload.outcome;
      if (outcome && outcome !== 'executed' && (payload.refusalGrounds ?? []).length === 0) return 'GROUNDS_REQUIRED';
      return null;
    }
    default:
      return null;
  }
}

export function availableActions(state: ItemState, actor: ActorView): ItemAction[] {
  return ITEM_ACTIONS.filter((a) => refusalOf(state, a, actor) === null);
}

/** The state after `action`; throws when refusalOf() says no. Pure: the server persists the result. */
export function applyAction(state: ItemState, action: ItemAction, actor: ActorView, payload: ActionPayload = {}): ItemState {
  const refusal = refusalOf(state, action, actor, payload);
  if (refusal) throw new Error(`${action} refused: ${refusal}`);
  // saving what is already there changes nothing, a signed item stays signed.
  if (action === 'update' && payload.contentChanged === false) return { ...state, contentComplete: payload.contentComplete ?? state.contentComplete };
  const t = transitionsFor(state, action, actor)[0]!;
  const next: ItemState = { ...state };
  if (t.to === 'held') {
    next.status = state.heldFrom ?? 'registered';
    next.heldFrom = null;
  } else if (t.to === 'outcome') {
    next.status = payload.outcome!;
    next.outcome = payload.outcome!;
    next.refusalGrounds = payload.outcome === 'executed' ? [] : [...(payload.refusalGrounds ?? [])];
  } else if (t.to !== 'same') {
    next.status = t.to;
  }
  switch (action) {
    case 'update':
      next.signed = false; // a change of the signed content voids the signature
      next.contentComplete = payload.contentComplete ?? state.contentComplete;
      break;
    case 'sign':
      next.signed = true;
      break;
    case 'send_oral':
      next.mode = 'oral';
      break;
    case 'confirm_in_writing':
      next.signed = true;
      next.oralConfirmed = true;
      break;
    case 'doubt_authenticity':
      next.heldFrom = state.status;
      break;
    case 'open_consultation':
      if (payload.proposesConditions) next.conditions = 'proposed';
      break;
    case 'propose_conditions':
      next.conditions = 'proposed';
      break;
    case 'accept_conditions':
      next.conditions = 'accepted';
      break;
    case 'reject_conditions':
      next.conditions = 'rejected';
      break;
    case 'revise':
      next.signed = false;
      break;
    default:
      break;
  }
  return next;
}

/** Invariants that hold after every step; the property test checks them on random histories. */
export function invariantViolations(s: ItemState): string[] {
  const v: string[] = [];
  const sentStatuses: ItemStatus[] = ['sent', 'registered', 'on_hold', 'consultation', 'executed', 'partially_executed', 'refused', 'forwarded'];
  if (s.mode === 'written' && sentStatuses.includes(s.status) && !s.signed) v.push('a written item left the office unsigned');
  if (s.mode === 'written' && sentStatuses.includes(s.status) && !s.contentComplete) v.push('an incomplete item was sent');
  if ((s.status === 'refused' || s.status === 'partially_executed') && s.refusalGrounds.length === 0) v.push('a refusal without a ground');
  if (s.status === 'executed' && s.refusalGrounds.length > 0) v.push('an executed item carries refusal grounds');
  if (s.oralConfirmed && (s.mode !== 'oral' || !s.signed)) v.push('a confirmed oral request without its signed written text');
  if (s.status === 'on_hold' && s.heldFrom === null) v.push('on hold without the status to return to');
  if (s.status !== 'on_hold' && s.heldFrom !== null) v.push('a hold mark outside on_hold');
  if (s.status === 'draft' && s.signed) v.push('a draft carries a signature');
  if (s.route === 'coordinator' && (s.status === 'executed' || s.status === 'partially_executed' || s.status === 'refused')) v.push('a routed matter answered as a direct request');
  return v;
}

export function initialState(route: 'direct' | 'coordinator', contentComplete: boolean): ItemState {
  return { status: 'draft', mode: 'written', route, heldFrom: null, signed: false, contentComplete, oralConfirmed: false, conditions: 'none', outcome: null, refusalGrounds: [], exchangeAllowed: true };
}
