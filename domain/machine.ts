import type { Role } from './access.ts';

/**
 * The one shape every workflow's status machine is written in (requests and proposals, events,
 * annual blocks): statuses, the transitions as data — from which statuses, to which, on which side,
 * for which roles, and the requirement that grants the move — named guards, named rules for a
 * status that depends on the state or the input, what else an action changes in the state, and
 * the invariants that hold after every step. `refusalOf`, `availableActions` and `applyAction` work
 * on any machine; the server's kernel asks them before every action and the web offers exactly
 * `availableActions`.
 */

/** Refusals every machine gives before its own guards. */
export type BaseRefusal = 'NOT_ALLOWED_IN_STATUS' | 'NOT_YOUR_SIDE' | 'ROLE_REQUIRED';

export interface Transition<S extends string, A extends string, Side extends string, G extends string, R extends string, State> {
  action: A;
  from: readonly S[];
  /** A status; 'same' (the status stays); or a named rule of the machine. */
  to: S | 'same' | R;
  side: Side;
  roles: readonly Role[];
  /** The requirement ID that grants the move (A-6.4, O-3.5, …). */
  article: string;
  /** Only when the state has these values (e.g. only on a matter routed to the coordinator). */
  only?: Partial<State>;
  /** Checked in order once status, side and role allow the move. */
  guards?: readonly G[];
}

export interface ActorView<Side extends string> {
  side: Side | null;
  roles: readonly Role[];
}

export interface Invariant<State> {
  /** What is broken when it does not hold. */
  name: string;
  holds(state: State): boolean;
}

export interface Machine<
  S extends string,
  A extends string,
  Side extends string,
  State extends { status: S },
  Input,
  Refusal extends string,
  G extends string = never,
  R extends string = never,
> {
  statuses: readonly S[];
  actions: readonly A[];
  transitions: readonly Transition<S, A, Side, G, R, State>[];
  /**
   * Whether the actor is checked before the status: a user who may never take the action is told
   * so (NOT_YOUR_SIDE, ROLE_REQUIRED) whatever the status. Otherwise the status is looked at first.
   */
  actorFirst?: boolean;
  guards: Record<G, (state: State, input: Input) => Refusal | null>;
  /**
   * Guards not applied when the actions to offer are listed: checks of what the user is about to
   * submit (a reason, a complete report), whose refusal the server explains when the action is taken.
   */
  unlisted?: readonly G[];
  /** The named rules of `to`. */
  rules: Record<R, (state: State, input: Input) => S>;
  /** What else an action changes in the state besides the status, from the state before it. */
  effects: Partial<Record<A, (before: State, input: Input) => Partial<State>>>;
  invariants: readonly Invariant<State>[];
  /** The input used when nothing is given (listing actions, a check before the input is known). */
  emptyInput: Input;
}

// oxlint-disable-next-line typescript/no-explicit-any -- a machine of any workflow
export type AnyMachine = Machine<any, any, any, any, any, any, any, any>;
type StatusOf<M> = M extends Machine<infer S, any, any, any, any, any, any, any> ? S : never;
type ActionOf<M> = M extends Machine<any, infer A, any, any, any, any, any, any> ? A : never;
type SideOf<M> = M extends Machine<any, any, infer Side, any, any, any, any, any> ? Side : never;
type StateOf<M> = M extends Machine<any, any, any, infer State, any, any, any, any> ? State : never;
type InputOf<M> = M extends Machine<any, any, any, any, infer I, any, any, any> ? I : never;
type RefusalOf<M> = M extends Machine<any, any, any, any, any, infer Rf, any, any> ? Rf : never;
type TransitionOf<M> = M extends Machine<infer S, infer A, infer Side, infer State, any, any, infer G, infer R> ? Transition<S, A, Side, G, R, State> : never;

function applies<M extends AnyMachine>(t: TransitionOf<M>, state: StateOf<M>): boolean {
  if (!t.only) return true;
  return Object.entries(t.only).every(([k, v]) => (state as Record<string, unknown>)[k] === v);
}

const byActor = <T extends { side: string; roles: readonly Role[] }>(ts: T[], actor: ActorView<string>) =>
  ts.filter((t) => t.side === actor.side && t.roles.some((r) => actor.roles.includes(r)));

/** The transitions this actor may take with this action from this state, the first being the one taken. */
export function transitionsFor<M extends AnyMachine>(m: M, state: StateOf<M>, action: ActionOf<M>, actor: ActorView<SideOf<M>>): TransitionOf<M>[] {
  const ts = (m.transitions as TransitionOf<M>[]).filter((t) => t.action === action && t.from.includes(state.status) && applies(t, state));
  return byActor(ts, actor);
}

/**
 * Why `action` cannot be taken now, or null when it can. `listing` leaves out the machine's
 * `unlisted` guards (what the web offers); the input is the machine's empty input when not given.
 */
export function refusalOf<M extends AnyMachine>(
  m: M,
  state: StateOf<M>,
  action: ActionOf<M>,
  actor: ActorView<SideOf<M>>,
  input?: InputOf<M>,
  opts: { listing?: boolean } = {},
): RefusalOf<M> | BaseRefusal | null {
  const forAction = (m.transitions as TransitionOf<M>[]).filter((t) => t.action === action && applies(t, state));
  const byStatus = forAction.filter((t) => t.from.includes(state.status));
  const actorRefusal = (ts: TransitionOf<M>[]): BaseRefusal | null => {
    if (!ts.some((t) => t.side === actor.side)) return 'NOT_YOUR_SIDE';
    return byActor(ts, actor).length === 0 ? 'ROLE_REQUIRED' : null;
  };
  if (m.actorFirst) {
    const who = actorRefusal(forAction);
    if (who) return who;
    if (byActor(byStatus, actor).length === 0) return 'NOT_ALLOWED_IN_STATUS';
  } else {
    if (byStatus.length === 0) return 'NOT_ALLOWED_IN_STATUS';
    const who = actorRefusal(byStatus);
    if (who) return who;
  }
  const t = byActor(byStatus, actor)[0]!;
  const given = (input ?? m.emptyInput) as InputOf<M>;
  for (const g of t.guards ?? []) {
    if (opts.listing && m.unlisted?.includes(g)) continue;
    const refusal = (m.guards as Record<string, (s: StateOf<M>, i: InputOf<M>) => RefusalOf<M> | null>)[g]!(state, given);
    if (refusal) return refusal;
  }
  return null;
}

/** The actions this actor may take now: what the web offers. */
export function availableActions<M extends AnyMachine>(m: M, state: StateOf<M>, actor: ActorView<SideOf<M>>): ActionOf<M>[] {
  return (m.actions as ActionOf<M>[]).filter((a) => refusalOf(m, state, a, actor, undefined, { listing: true }) === null);
}

/** The roles of the actor that the transition taken accepts: what allowed the action (recorded with it). */
export function grantingRoles<M extends AnyMachine>(m: M, state: StateOf<M>, action: ActionOf<M>, actor: ActorView<SideOf<M>>): Role[] {
  const t = transitionsFor(m, state, action, actor)[0];
  return t ? actor.roles.filter((r) => t.roles.includes(r)) : [];
}

/** The requirement that grants the move, or null when the action is not possible now. */
export function articleOf<M extends AnyMachine>(m: M, state: StateOf<M>, action: ActionOf<M>, actor: ActorView<SideOf<M>>): string | null {
  return transitionsFor(m, state, action, actor)[0]?.article ?? null;
}

/** The state after `action`; throws when refusalOf() says no. Pure: the server persists the result. */
export function applyAction<M extends AnyMachine>(m: M, state: StateOf<M>, action: ActionOf<M>, actor: ActorView<SideOf<M>>, input?: InputOf<M>): StateOf<M> {
  const given = (input ?? m.emptyInput) as InputOf<M>;
  const refusal = refusalOf(m, state, action, actor, given);
  if (refusal) throw new Error(`${String(action)} refused: ${refusal}`);
  const t = transitionsFor(m, state, action, actor)[0]!;
  const rules = m.rules as Record<string, (s: StateOf<M>, i: InputOf<M>) => StatusOf<M>>;
  const status: StatusOf<M> = t.to === 'same' ? state.status : Object.hasOwn(rules, t.to) ? rules[t.to]!(state, given) : (t.to as StatusOf<M>);
  const effect = (m.effects as Record<string, ((s: StateOf<M>, i: InputOf<M>) => Partial<StateOf<M>>) | undefined>)[action];
  return { ...state, status, ...effect?.(state, given) };
}

/** The names of the invariants the state breaks (none, after any sequence of allowed actions). */
export function invariantViolations<M extends AnyMachine>(m: M, state: StateOf<M>): string[] {
  return (m.invariants as Invariant<StateOf<M>>[]).filter((i) => !i.holds(state)).map((i) => i.name);
}
