import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  counterpartIdsOn,
  endOfForce,
  isInForce,
  lastDayInForce,
  mayExchangeDirectly,
  terminationLastDay,
  type LegalBasisDocument,
  type RegistryOffice,
  type RegistryPairing,
} from './registry.ts';
import { addDays } from './time.ts';

const office = (id: string, party: 'RU' | 'KZ', extra: Partial<RegistryOffice> = {}): RegistryOffice => ({
  id,
  code: id,
  party,
  kind: 'territorial',
  validFrom: null,
  validTo: null,
  authorized: true,
  authorizedFrom: party === 'RU' ? '2022-03-10' : null,
  ...extra,
});

const agreement: LegalBasisDocument = {
  code: 'AGREEMENT-2009',
  kind: 'agreement',
  inForceFrom: '2009-06-23',
  inForceTo: null,
  terminationNoticeReceivedOn: null,
  parentCode: null,
  enablesDirectExchange: false,
};
const protocol: LegalBasisDocument = {
  code: 'PROTOCOL-2022',
  kind: 'protocol',
  inForceFrom: '2022-01-12',
  inForceTo: null,
  terminationNoticeReceivedOn: null,
  parentCode: 'AGREEMENT-2009',
  enablesDirectExchange: true,
};
const order: LegalBasisDocument = {
  code: 'ORDER-136-2022',
  kind: 'order',
  inForceFrom: '2022-03-10',
  inForceTo: null,
  terminationNoticeReceivedOn: null,
  parentCode: 'PROTOCOL-2022',
  enablesDirectExchange: false,
};
const basis = [agreement, protocol, order];

const ore = office('RU-ORE', 'RU');
const akt = office('KZ-AKT', 'KZ');
const alt = office('RU-ALT', 'RU');
const vos = office('KZ-VOS', 'KZ');
const aba = office('KZ-ABA', 'KZ', { validFrom: '2022-06-08', authorizedFrom: '2022-06-08' });
const pairings: RegistryPairing[] = [
  { id: 'p1', ruOfficeId: 'RU-ORE', kzOfficeId: 'KZ-AKT', active: true, validFrom: null, validTo: null },
  { id: 'p2', ruOfficeId: 'RU-ALT', kzOfficeId: 'KZ-VOS', active: true, validFrom: null, validTo: null },
  { id: 'p3', ruOfficeId: 'RU-ALT', kzOfficeId: 'KZ-ABA', active: true, validFrom: '2022-06-08', validTo: null },
  { id: 'p4', ruOfficeId: 'RU-ORE', kzOfficeId: 'KZ-VOS', active: false, validFrom: null, validTo: null },
];

const ask = (from: RegistryOffice, to: RegistryOffice, on: string, legalBasis = basis) => mayExchangeDirectly({ from, to, on, pairings, legalBasis });

describe('direct exchange along pairings (O-1, P-5, A-15)', () => {
  it('O-1 allows exchange along an active pairing in force, both directions', () => {
    expect(ask(ore, akt, '2023-05-10')).toEqual({ allowed: true, pairingId: 'p1', basis: ['AGREEMENT-2009', 'PROTOCOL-2022'] });
    expect(ask(akt, ore, '2023-05-10').allowed).toBe(true);
  });

  it('A-5.1 offices communicate directly with each other; a coordinating unit is not a direct-exchange party', () => {
    expect(ask(ore, akt, '2023-05-10')).toMatchObject({ allowed: true });
    const gumps = office('RU-GP-GUMPS', 'RU', { kind: 'coordinator', authorized: false, authorizedFrom: null });
    const p = [...pairings, { id: 'pg', ruOfficeId: 'RU-GP-GUMPS', kzOfficeId: 'KZ-AKT', active: true, validFrom: null, validTo: null }];
    expect(mayExchangeDirectly({ from: gumps, to: akt, on: '2023-05-10', pairings: p, legalBasis: basis })).toEqual({
      allowed: false,
      reason: 'OFFICE_NOT_AUTHORIZED',
      officeCode: 'RU-GP-GUMPS',
    });
  });

  it('O-1 refuses offices that are not paired', () => {
    expect(ask(ore, office('KZ-ATY', 'KZ'), '2023-05-10')).toEqual({ allowed: false, reason: 'NO_PAIRING' });
  });

  it('O-1 refuses a pairing that the coordinator has not activated', () => {
    expect(ask(ore, vos, '2023-05-10')).toEqual({ allowed: false, reason: 'PAIRING_INACTIVE' });
  });

  it('O-1 refuses two offices of the same Party', () => {
    expect(ask(ore, alt, '2023-05-10')).toEqual({ allowed: false, reason: 'SAME_PARTY' });
  });

  it('O-1 refuses a Russian office not authorized by item 1 of the Order', () => {
    const other = office('RU-MOW', 'RU', { authorized: false, authorizedFrom: null });
    const p = [...pairings, { id: 'px', ruOfficeId: 'RU-MOW', kzOfficeId: 'KZ-AKT', active: true, validFrom: null, validTo: null }];
    expect(mayExchangeDirectly({ from: other, to: akt, on: '2023-05-10', pairings: p, legalBasis: basis })).toEqual({
      allowed: false,
      reason: 'OFFICE_NOT_AUTHORIZED',
      officeCode: 'RU-MOW',
    });
  });

  it('O-1 gives Altai Krai the Abai counterpart only from 08.06.2022, when the region was created', () => {
    expect(ask(alt, aba, '2022-06-07')).toMatchObject({ allowed: false, reason: 'OFFICE_NOT_IN_FORCE', officeCode: 'KZ-ABA' });
    expect(ask(alt, aba, '2022-06-08')).toMatchObject({ allowed: true, pairingId: 'p3' });
    expect(ask(alt, vos, '2022-04-01')).toMatchObject({ allowed: true, pairingId: 'p2' });
    expect(counterpartIdsOn('RU-ALT', '2022-04-01', pairings)).toEqual(['KZ-VOS']);
    expect(counterpartIdsOn('RU-ALT', '2022-06-08', pairings).sort()).toEqual(['KZ-ABA', 'KZ-VOS']);
  });

  it('P-5 refuses direct exchange dated before the Protocol entered into force on 12.01.2022', () => {
    expect(ask(ore, akt, '2022-01-11')).toEqual({ allowed: false, reason: 'LEGAL_BASIS_NOT_IN_FORCE' });
    expect(ask(ore, akt, '2022-03-10').allowed).toBe(true);
  });

  it('O-1 refuses a Russian office before the Order authorized it on 10.03.2022', () => {
    expect(ask(ore, akt, '2022-03-09')).toEqual({ allowed: false, reason: 'OFFICE_NOT_AUTHORIZED', officeCode: 'RU-ORE' });
  });

  it('A-15 ends the Agreement 60 days after receipt of the notice of termination', () => {
    expect(terminationLastDay('2026-01-10')).toBe('2026-03-11');
    const terminated = [{ ...agreement, terminationNoticeReceivedOn: '2026-01-10' }, protocol, order];
    expect(lastDayInForce(terminated[0]!, terminated)).toBe('2026-03-11');
    expect(ask(ore, akt, '2026-03-11', terminated).allowed).toBe(true);
    expect(ask(ore, akt, '2026-03-12', terminated)).toEqual({ allowed: false, reason: 'AGREEMENT_TERMINATED' });
  });

  it('P-5 the Protocol ends with the Agreement it amends (A-12 chain)', () => {
    const terminated = [{ ...agreement, terminationNoticeReceivedOn: '2026-01-10' }, protocol, order];
    expect(lastDayInForce(protocol, terminated)).toBe('2026-03-11');
    expect(isInForce(protocol, terminated, '2026-03-12')).toBe(false);
    expect(isInForce(order, terminated, '2026-03-12')).toBe(false);
  });

  it('A-12 an amending protocol that enables exchange keeps it open when the first Protocol expires', () => {
    const expiring = { ...protocol, inForceTo: '2025-12-31' };
    const amending: LegalBasisDocument = {
      code: 'PROTOCOL-2025',
      kind: 'amending_protocol',
      inForceFrom: '2026-01-01',
      inForceTo: null,
      terminationNoticeReceivedOn: null,
      parentCode: 'AGREEMENT-2009',
      enablesDirectExchange: true,
    };
    expect(ask(ore, akt, '2026-02-01', [agreement, expiring])).toEqual({ allowed: false, reason: 'LEGAL_BASIS_NOT_IN_FORCE' });
    expect(ask(ore, akt, '2026-02-01', [agreement, expiring, amending])).toMatchObject({ allowed: true, basis: ['AGREEMENT-2009', 'PROTOCOL-2025'] });
  });

  it('A-15 property: any day up to receipt + 60 is in force, any later day is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -200, max: 200 }), (startOffset, delta) => {
        const received = addDays('2010-01-01', startOffset);
        const docs = [{ ...agreement, terminationNoticeReceivedOn: received }];
        const day = addDays(received, 60 + delta);
        expect(isInForce(docs[0]!, docs, day)).toBe(delta <= 0);
      }),
    );
  });

  it('A-15 a notice received on 10.01.2026: day 1 of the 60 is 11.01, day 60 is 11.03.2026, the last day in force; from 12.03.2026 it is no longer in force', () => {
    const docs = [{ ...agreement, terminationNoticeReceivedOn: '2026-01-10' }, protocol, order];
    expect(endOfForce(docs[0]!, docs)).toEqual({
      cause: 'termination_notice',
      receivedOn: '2026-01-10',
      days: 60,
      firstCountedDay: '2026-01-11',
      lastDay: '2026-03-11',
      firstDayNotInForce: '2026-03-12',
    });
    // Across a year end and February: 31.12.2026 + 60 days = 01.03.2027.
    expect(endOfForce({ ...agreement, terminationNoticeReceivedOn: '2026-12-31' }, [])).toMatchObject({
      lastDay: '2027-03-01',
      firstDayNotInForce: '2027-03-02',
    });
    // The Protocol and the Order end with the Agreement and say so.
    expect(endOfForce(order, docs)).toMatchObject({
      cause: 'parent',
      parentCode: 'PROTOCOL-2022',
      lastDay: '2026-03-11',
      firstDayNotInForce: '2026-03-12',
      parent: { cause: 'parent', parentCode: 'AGREEMENT-2009', parent: { cause: 'termination_notice' } },
    });
    expect(endOfForce(agreement, basis)).toBeNull();
    // A stated last day earlier than the notice's end is the end, and says so.
    expect(endOfForce({ ...agreement, inForceTo: '2026-02-01', terminationNoticeReceivedOn: '2026-01-10' }, [])).toEqual({
      cause: 'in_force_to',
      lastDay: '2026-02-01',
      firstDayNotInForce: '2026-02-02',
    });
  });

  it('A-15 property: direct exchange is allowed on the last day in force and refused from the first day no longer in force — one definition everywhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (startOffset) => {
        const received = addDays('2022-03-10', startOffset);
        const docs = [{ ...agreement, terminationNoticeReceivedOn: received }, protocol, order];
        const end = endOfForce(docs[0]!, docs)!;
        expect(end.lastDay).toBe(lastDayInForce(docs[0]!, docs));
        expect(end.firstDayNotInForce).toBe(addDays(end.lastDay, 1));
        expect(isInForce(docs[0]!, docs, end.lastDay)).toBe(true);
        expect(isInForce(docs[0]!, docs, end.firstDayNotInForce)).toBe(false);
        expect(ask(ore, akt, end.lastDay, docs).allowed).toBe(true);
        expect(ask(ore, akt, end.firstDayNotInForce, docs)).toEqual({ allowed: false, reason: 'AGREEMENT_TERMINATED' });
      }),
      { numRuns: 200 },
    );
  });
});
