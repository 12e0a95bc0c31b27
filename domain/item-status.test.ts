import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from './access.ts';
import { REFUSAL_GROUNDS } from './items.ts';
import { applyAction, availableActions, initialState, invariantViolations, ITEM_ACTIONS, refusalOf, type ActorView, type ItemState } from './item-status.ts';

const officer: ActorView = { side: 'sender', roles: ['officer'] };
const head: ActorView = { side: 'sender', roles: ['head'] };
const deputy: ActorView = { side: 'sender', roles: ['deputy_head'] };
const rOfficer: ActorView = { side: 'receiver', roles: ['officer'] };
const rHead: ActorView = { side: 'receiver', roles: ['head'] };
const outsider: ActorView = { side: null, roles: ['head', 'officer'] };

const run = (s: ItemState, steps: [ActorView, Parameters<typeof applyAction>[1], Parameters<typeof applyAction>[3]?][]) =>
  steps.reduce((acc, [a, act, p]) => applyAction(acc, act, a, p), s);

describe('the request status machine', () => {
  it('A-6.4 only the head or a deputy of the sending office signs; an officer prepares and sends', () => {
    const s = initialState('direct', true);
    expect(refusalOf(s, 'sign', officer)).toBe('ROLE_REQUIRED');
    expect(refusalOf(s, 'sign', rHead)).toBe('NOT_YOUR_SIDE');
    expect(refusalOf(s, 'sign', deputy)).toBeNull();
    const signed = applyAction(s, 'sign', head);
    expect(applyAction(signed, 'send', officer).status).toBe('sent');
  });

  it('A-6.4 nothing is sent unsigned, and any change after signing voids the signature', () => {
    const s = initialState('direct', true);
    expect(refusalOf(s, 'send', officer)).toBe('NOT_ALLOWED_IN_STATUS');
    const signed = applyAction(s, 'sign', head);
    const edited = applyAction(signed, 'update', officer);
    expect(edited).toMatchObject({ status: 'draft', signed: false });
    expect(refusalOf(edited, 'send', officer)).toBe('NOT_ALLOWED_IN_STATUS');
  });

  it('A-6.4 saving the signed content unchanged keeps the signature and the status', () => {
    const signed = applyAction(initialState('direct', true), 'sign', head);
    expect(applyAction(signed, 'update', officer, { contentChanged: false })).toEqual(signed);
    expect(applyAction(signed, 'update', officer, { contentChanged: true })).toMatchObject({ status: 'draft', signed: false });
  });

  it('O-1 P-5 A-15 while direct exchange with the addressee is not allowed, nothing is offered that would fail: no signing, sending or oral sending', () => {
    const lapsed = { ...initialState('direct', true), exchangeAllowed: false };
    expect(refusalOf(lapsed, 'sign', head)).toBe('EXCHANGE_NOT_ALLOWED');
    expect(refusalOf(lapsed, 'send_oral', officer)).toBe('EXCHANGE_NOT_ALLOWED');
    expect(availableActions(lapsed, head)).toEqual(['update']);
    const signedThenLapsed = { ...applyAction(initialState('direct', true), 'sign', head), exchangeAllowed: false };
    expect(refusalOf(signedThenLapsed, 'send', officer)).toBe('EXCHANGE_NOT_ALLOWED');
    expect(availableActions(signedThenLapsed, officer)).toEqual(['update']);
    // The draft stays editable: a new addressee is the way out.
    expect(applyAction(lapsed, 'update', officer).status).toBe('draft');
  });

  it('A-6.3 an item with missing mandatory content cannot be signed', () => {
    expect(refusalOf(initialState('direct', false), 'sign', head)).toBe('CONTENT_INCOMPLETE');
  });

  it('A-6.2a an oral request is sent at once; its signed written confirmation is recorded later', () => {
    const oral = applyAction(initialState('direct', false), 'send_oral', officer);
    expect(oral).toMatchObject({ status: 'sent', mode: 'oral', signed: false });
    const registered = applyAction(oral, 'register', rOfficer); // the requested office may start work at once
    expect(refusalOf(registered, 'confirm_in_writing', head)).toBe('CONTENT_INCOMPLETE');
    const written = applyAction(registered, 'update', officer, { contentComplete: true });
    expect(refusalOf(written, 'confirm_in_writing', officer)).toBe('ROLE_REQUIRED');
    const confirmed = applyAction(written, 'confirm_in_writing', head);
    expect(confirmed).toMatchObject({ status: 'registered', oralConfirmed: true, signed: true });
    expect(refusalOf(confirmed, 'confirm_in_writing', head)).toBe('ALREADY_CONFIRMED');
    expect(refusalOf(confirmed, 'update', officer)).toBe('NOT_ALLOWED_IN_STATUS');
  });

  it('A-6.2b the requested office puts an item on hold; the sender’s confirmation returns it to where it was', () => {
    const sent = run(initialState('direct', true), [
      [head, 'sign'],
      [officer, 'send'],
      [rOfficer, 'register'],
    ]);
    const held = applyAction(sent, 'doubt_authenticity', rOfficer);
    expect(held).toMatchObject({ status: 'on_hold', heldFrom: 'registered' });
    expect(refusalOf(held, 'confirm_authenticity', officer)).toBe('ROLE_REQUIRED');
    expect(applyAction(held, 'confirm_authenticity', head)).toMatchObject({ status: 'registered', heldFrom: null });
    expect(applyAction(held, 'withdraw', head).status).toBe('withdrawn');
  });

  it('A-6.2b an oral request in doubt is confirmed in writing before its authenticity is', () => {
    const held = run(initialState('direct', true), [
      [officer, 'send_oral'],
      [rOfficer, 'doubt_authenticity'],
    ]);
    expect(refusalOf(held, 'confirm_authenticity', head)).toBe('ORAL_CONFIRMATION_REQUIRED');
    const confirmed = run(held, [
      [head, 'confirm_in_writing'],
      [head, 'confirm_authenticity'],
    ]);
    expect(confirmed.status).toBe('sent');
  });

  it('A-7.1 a full or partial refusal needs at least one ground', () => {
    const reg = run(initialState('direct', true), [
      [head, 'sign'],
      [officer, 'send'],
      [rOfficer, 'register'],
    ]);
    expect(refusalOf(reg, 'record_outcome', rHead, { outcome: 'refused', refusalGrounds: [] })).toBe('GROUNDS_REQUIRED');
    expect(refusalOf(reg, 'record_outcome', rOfficer, { outcome: 'executed' })).toBe('ROLE_REQUIRED');
    expect(applyAction(reg, 'record_outcome', rHead, { outcome: 'partially_executed', refusalGrounds: ['security'] })).toMatchObject({
      status: 'partially_executed',
      refusalGrounds: ['security'],
    });
  });

  it('A-7.2 consultations: conditions proposed by the requested office are accepted or rejected by the requester', () => {
    const c = run(initialState('direct', true), [
      [head, 'sign'],
      [officer, 'send'],
      [rOfficer, 'register'],
      [rOfficer, 'open_consultation'],
    ]);
    expect(refusalOf(c, 'accept_conditions', head)).toBe('NO_CONDITIONS');
    const p = applyAction(c, 'propose_conditions', rOfficer);
    expect(refusalOf(p, 'accept_conditions', rHead)).toBe('NOT_YOUR_SIDE');
    expect(applyAction(p, 'accept_conditions', head).conditions).toBe('accepted');
    expect(applyAction(p, 'reject_conditions', deputy).conditions).toBe('rejected');
  });

  it('O-3.4 a routed matter is forwarded or returned by the coordinator, never answered as a direct request', () => {
    const coordinator: ActorView = { side: 'receiver', roles: ['coordinator'] };
    const sent = run(initialState('coordinator', true), [
      [head, 'sign'],
      [officer, 'send'],
    ]);
    expect(availableActions(sent, coordinator).sort()).toEqual(
      ['assign', 'doubt_authenticity', 'forward', 'register', 'return'].filter((a) => a !== 'assign').sort(),
    );
    expect(refusalOf(sent, 'record_outcome', coordinator)).toBe('NOT_ALLOWED_IN_STATUS');
    const returned = applyAction(sent, 'return', coordinator);
    expect(applyAction(returned, 'revise', officer)).toMatchObject({ status: 'draft', signed: false });
  });

  it('offers no action to a user of neither office', () => {
    const sent = run(initialState('direct', true), [
      [head, 'sign'],
      [officer, 'send'],
    ]);
    expect(availableActions(sent, outsider)).toEqual([]);
  });

  it('property: random actions by random users never break an invariant', () => {
    const roleSets: Role[][] = [['officer'], ['head'], ['deputy_head'], ['coordinator'], ['auditor'], ['officer', 'head']];
    const actor = fc.record({ side: fc.constantFrom<'sender' | 'receiver' | null>('sender', 'receiver', null), roles: fc.constantFrom(...roleSets) });
    const step = fc.record({
      actor,
      action: fc.constantFrom(...ITEM_ACTIONS),
      outcome: fc.constantFrom('executed' as const, 'partially_executed' as const, 'refused' as const),
      grounds: fc.subarray([...REFUSAL_GROUNDS]),
      complete: fc.boolean(),
      // The registry may change between steps: a pairing lapses or comes back.
      exchange: fc.boolean(),
      changed: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<'direct' | 'coordinator'>('direct', 'coordinator'),
        fc.boolean(),
        fc.array(step, { maxLength: 40 }),
        (route, complete, steps) => {
          let s = initialState(route, complete);
          for (const st of steps) {
            s = { ...s, exchangeAllowed: st.exchange };
            const payload = { outcome: st.outcome, refusalGrounds: st.grounds, contentComplete: st.complete, contentChanged: st.changed };
            const before = s;
            const refusal = refusalOf(s, st.action, st.actor, payload);
            if (refusal === null) s = applyAction(s, st.action, st.actor, payload);
            else expect(() => applyAction(s, st.action, st.actor, payload)).toThrow(refusal);
            // Nothing is signed or sent while direct exchange is not allowed.
            if (!before.exchangeAllowed && ['sign', 'send', 'send_oral'].includes(st.action)) expect(s).toBe(before);
            expect(invariantViolations(s)).toEqual([]);
            // The web shows exactly these actions: each one listed is really allowed.
            for (const a of availableActions(s, st.actor)) expect(refusalOf(s, a, st.actor)).toBeNull();
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
