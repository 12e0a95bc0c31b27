import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from './access.ts';
import { BLOCK_MACHINE, type BlockState } from './annual.ts';
import { EVENT_MACHINE, type EventState } from './events.ts';
import { ITEM_MACHINE, initialState, type ItemState } from './item-status.ts';
import { REFUSAL_GROUNDS } from './items.ts';
import { applyAction, articleOf, availableActions, grantingRoles, invariantViolations, refusalOf, type AnyMachine } from './machine.ts';

const ROLE_SETS: Role[][] = [
  ['officer'],
  ['head'],
  ['deputy_head'],
  ['coordinator'],
  ['leadership'],
  ['auditor'],
  ['officer', 'head'],
  ['head', 'coordinator'],
];

interface Step {
  actor: { side: string | null; roles: readonly Role[] };
  action: string;
  input: Record<string, unknown>;
}

/**
 * Runs random action sequences on a machine: an action is taken exactly when refusalOf allows it
 * (applyAction refuses otherwise), every invariant holds after every step, every action offered
 * is allowed, and an allowed action names the requirement granting it and the actor's roles that
 * allowed it. `drift` changes the facts the machine does not own (time passing, the registry).
 * Returns the statuses reached, so a test can see the sequences went somewhere.
 */
function explore<State extends { status: string }>(
  m: AnyMachine,
  initial: fc.Arbitrary<State>,
  step: fc.Arbitrary<Step>,
  drift: (s: State, k: number) => State = (s) => s,
): Set<string> {
  const reached = new Set<string>();
  const sides = [...new Set((m.transitions as readonly { side: string }[]).map((t) => t.side)), null];
  const everyone = sides.flatMap((side) => ROLE_SETS.map((roles) => ({ side, roles })));
  fc.assert(
    fc.property(initial, fc.array(fc.tuple(step, fc.nat(), fc.boolean()), { maxLength: 40 }), (start, steps) => {
      let s = start;
      expect(invariantViolations(m, s)).toEqual([]);
      for (const [random, k, guided] of steps) {
        s = drift(s, k);
        // Half the steps are some action someone may take now, so the sequences go deep; the others anything at all.
        const allowed = guided
          ? everyone.flatMap((actor) =>
              (m.actions as string[]).filter((a) => refusalOf(m, s, a, actor, random.input) === null).map((action) => ({ actor, action, input: random.input })),
            )
          : [];
        const st = allowed.length > 0 ? allowed[k % allowed.length]! : random;
        const refusal = refusalOf(m, s, st.action, st.actor, st.input);
        if (refusal === null) {
          expect(articleOf(m, s, st.action, st.actor)).toMatch(/^[AOP]-\d/);
          const roles = grantingRoles(m, s, st.action, st.actor);
          expect(roles.length).toBeGreaterThan(0);
          for (const r of roles) expect(st.actor.roles).toContain(r);
          const next = applyAction(m, s, st.action, st.actor, st.input);
          expect(m.statuses).toContain(next.status);
          s = next;
          reached.add(s.status);
        } else {
          expect(() => applyAction(m, s, st.action, st.actor, st.input)).toThrow(refusal);
        }
        expect(invariantViolations(m, s)).toEqual([]);
        for (const a of availableActions(m, s, st.actor)) expect(refusalOf(m, s, a, st.actor, undefined, { listing: true })).toBeNull();
      }
    }),
    { numRuns: 1500 },
  );
  return reached;
}

/**
 * Every state reachable from the initial ones by any allowed action of anyone with any of the
 * inputs, or by a drift: an exhaustive search, so that «every status can be reached» does not
 * depend on what the random runs happened to try.
 */
function reachableStatuses<State extends { status: string }>(
  m: AnyMachine,
  initial: readonly State[],
  inputs: readonly Record<string, unknown>[],
  drifts: readonly ((s: State) => State)[] = [],
): Set<string> {
  const sides = [...new Set((m.transitions as readonly { side: string }[]).map((t) => t.side)), null];
  const everyone = sides.flatMap((side) => ROLE_SETS.map((roles) => ({ side, roles })));
  const seen = new Map<string, State>();
  const queue = [...initial];
  while (queue.length > 0) {
    const s = queue.pop()!;
    const key = JSON.stringify(s);
    if (seen.has(key)) continue;
    seen.set(key, s);
    for (const drift of drifts) queue.push(drift(s));
    for (const actor of everyone)
      for (const action of m.actions as string[])
        for (const input of inputs) if (refusalOf(m, s, action, actor, input) === null) queue.push(applyAction(m, s, action, actor, input) as State);
  }
  return new Set([...seen.values()].map((s) => s.status));
}

const bools = [false, true];

const actorOf = <Side extends string>(...sides: Side[]) =>
  fc.record({ side: fc.constantFrom<Side | null>(...sides, null), roles: fc.constantFrom(...ROLE_SETS) });

describe('one machine shape for the three workflows', () => {
  it('every action of every machine has a transition, and every transition names the requirement that grants it', () => {
    for (const m of [ITEM_MACHINE, EVENT_MACHINE, BLOCK_MACHINE] as AnyMachine[]) {
      for (const a of m.actions as string[])
        expect(
          (m.transitions as readonly { action: string }[]).some((t) => t.action === a),
          String(a),
        ).toBe(true);
      for (const t of m.transitions as readonly { article: string; from: readonly string[]; to: string }[]) {
        expect(t.article).toMatch(/^[AOP]-\d/);
        for (const f of t.from) expect(m.statuses).toContain(f);
        expect([...m.statuses, 'same', ...Object.keys(m.rules)]).toContain(t.to);
      }
    }
  });

  it('property: random actions by random users on requests and proposals never break an invariant (A-6 … A-8, O-3.4)', () => {
    const input = fc.record({
      outcome: fc.constantFrom('executed' as const, 'partially_executed' as const, 'refused' as const),
      refusalGrounds: fc.subarray([...REFUSAL_GROUNDS]),
      contentComplete: fc.boolean(),
      contentChanged: fc.boolean(),
      proposesConditions: fc.boolean(),
    });
    const step = fc.record({ actor: actorOf('sender', 'receiver'), action: fc.constantFrom(...ITEM_MACHINE.actions), input });
    const initial = fc
      .tuple(fc.constantFrom<'direct' | 'coordinator'>('direct', 'coordinator'), fc.boolean())
      .map(([route, complete]) => initialState(route, complete));
    // The registry may change between steps: a pairing lapses or comes back.
    const reached = explore<ItemState>(ITEM_MACHINE, initial, step, (s, k) => ({ ...s, exchangeAllowed: k % 4 !== 0 }));
    expect(reached.size).toBeGreaterThan(3);
  });

  it('every status of a request can be reached by someone allowed to act (A-6 … A-8, O-3.4)', () => {
    const inputs = (['executed', 'partially_executed', 'refused'] as const).flatMap((outcome) =>
      [[], [REFUSAL_GROUNDS[0]]].flatMap((refusalGrounds) =>
        bools.flatMap((contentComplete) =>
          bools.flatMap((contentChanged) =>
            bools.map((proposesConditions) => ({ outcome, refusalGrounds, contentComplete, contentChanged, proposesConditions })),
          ),
        ),
      ),
    );
    const initial = (['direct', 'coordinator'] as const).flatMap((route) => bools.map((complete) => initialState(route, complete)));
    const pairing = [(s: ItemState) => ({ ...s, exchangeAllowed: !s.exchangeAllowed })];
    expect(reachableStatuses<ItemState>(ITEM_MACHINE, initial, inputs, pairing)).toEqual(new Set(ITEM_MACHINE.statuses));
  });

  it('property: random actions on events never break an invariant (O-3.5): submitted complete, reported after the end and with outcomes', () => {
    const input = fc.record({ reason: fc.constantFrom(undefined, '', 'ок', 'Уточните состав'), complete: fc.boolean(), reportComplete: fc.boolean() });
    const step = fc.record({ actor: actorOf('office', 'coordinator'), action: fc.constantFrom(...EVENT_MACHINE.actions), input });
    const initial = fc.boolean().map((complete): EventState => ({ status: 'draft', ended: false, complete, reportComplete: false }));
    // Time passes: once over, an event stays over.
    expect(explore<EventState>(EVENT_MACHINE, initial, step, (s, k) => (k % 5 === 0 ? { ...s, ended: true } : s)).size).toBeGreaterThan(2);
  });

  it('every status of an event can be reached by someone allowed to act (O-3.5)', () => {
    const inputs = [undefined, '', 'Уточните состав'].flatMap((reason) =>
      bools.flatMap((complete) => bools.map((reportComplete) => ({ reason, complete, reportComplete }))),
    );
    const initial = bools.map((complete): EventState => ({ status: 'draft', ended: false, complete, reportComplete: false }));
    const timePasses = [(s: EventState) => ({ ...s, ended: true })];
    expect(reachableStatuses<EventState>(EVENT_MACHINE, initial, inputs, timePasses)).toEqual(new Set(EVENT_MACHINE.statuses));
  });

  it('property: random actions on annual blocks never break an invariant (O-3.6): figures fixed exactly while submitted', () => {
    const step = fc.record({ actor: actorOf('office', 'coordinator'), action: fc.constantFrom(...BLOCK_MACHINE.actions), input: fc.constant({}) });
    expect(explore<BlockState>(BLOCK_MACHINE, fc.constant({ status: 'not_started', figuresFixed: false }), step)).toEqual(
      new Set(['draft', 'submitted', 'returned']),
    );
  });

  it('O-3.6 the block machine says who may act before where the block stands', () => {
    const officer = { side: 'office' as const, roles: ['officer'] as Role[] };
    expect(refusalOf(BLOCK_MACHINE, { status: 'draft', figuresFixed: false }, 'return', officer)).toBe('NOT_YOUR_SIDE');
    expect(refusalOf(BLOCK_MACHINE, { status: 'submitted', figuresFixed: true }, 'submit', officer)).toBe('ROLE_REQUIRED');
    expect(refusalOf(BLOCK_MACHINE, { status: 'submitted', figuresFixed: true }, 'submit', { side: 'office', roles: ['head'] })).toBe('NOT_ALLOWED_IN_STATUS');
  });
});
