import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, numberingYear } from './numbering.ts';
import { dateIssue, incomingDateWindow, isDateAllowed, latestAllowedDate, outgoingDateWindow, type DateWindow } from './registration-dates.ts';
import { mayExchangeDirectly, type LegalBasisDocument, type RegistryOffice, type RegistryPairing } from './registry.ts';
import { addDays, localDate } from './time.ts';

const office = (id: string, party: 'RU' | 'KZ', extra: Partial<RegistryOffice> = {}): RegistryOffice => ({
  id,
  code: id,
  party,
  kind: 'territorial',
  validFrom: null,
  validTo: null,
  authorized: true,
  authorizedFrom: null,
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
const ore = office('RU-ORE', 'RU');
const akt = office('KZ-AKT', 'KZ');
const exchange =
  (pairings: RegistryPairing[], legalBasis: LegalBasisDocument[] = [agreement, protocol]) =>
  (on: string) =>
    mayExchangeDirectly({ from: ore, to: akt, on, pairings, legalBasis });
const pairing = (extra: Partial<RegistryPairing> = {}): RegistryPairing => ({
  id: 'p1',
  ruOfficeId: 'RU-ORE',
  kzOfficeId: 'KZ-AKT',
  active: true,
  validFrom: null,
  validTo: null,
  ...extra,
});

/** Orenburg (UTC+5) sends; a draft created on 01.03.2026 local time. */
const outgoing = (now: string, extra: Partial<Parameters<typeof outgoingDateWindow>[0]> = {}) =>
  outgoingDateWindow({
    now: new Date(now),
    timeZone: 'Asia/Yekaterinburg',
    createdAt: new Date('2026-03-01T04:00:00Z'),
    exchangeOn: exchange([pairing()]),
    ...extra,
  });

describe('registration dates (O-3.3, P-4) against the item’s history and the registry (O-1, P-5, A-15)', () => {
  it('O-3.3 P-4 an outgoing date is neither in the future in the sender’s zone nor before the draft was created', () => {
    const w = outgoing('2026-03-05T10:00:00Z');
    expect(dateIssue(w, '2026-03-05')).toBeNull();
    expect(dateIssue(w, '2026-03-01')).toBeNull();
    expect(dateIssue(w, '2030-01-01')).toEqual({ rule: 'date_in_future', params: { limit: '05.03.2026' } });
    expect(dateIssue(w, '2026-02-28')).toEqual({ rule: 'date_before_draft', params: { limit: '01.03.2026' } });
    expect(dateIssue(w, '2009-06-23')?.rule).toBe('date_before_draft');
  });

  it('O-3.3 "today" is the office’s own: at 20:00 UTC it is already tomorrow in Orenburg (UTC+5) but not in Moscow (UTC+3)', () => {
    const now = '2026-03-05T20:00:00Z';
    expect(isDateAllowed(outgoing(now), '2026-03-06')).toBe(true);
    expect(dateIssue(outgoing(now, { timeZone: 'Europe/Moscow' }), '2026-03-06')?.rule).toBe('date_in_future');
  });

  it('O-3.3 P-4 an incoming date is judged against the instant of sending in the receiver’s zone, not against the outgoing date’s text', () => {
    // Sent from Barnaul (UTC+7) at 01:00 on 03.03 local: its outgoing date is 03.03, but in Aktobe (UTC+5) it is still 23:00 on 02.03.
    const sentAt = new Date('2026-03-02T18:00:00Z');
    expect(localDate(sentAt, 'Asia/Barnaul')).toBe('2026-03-03');
    const w = incomingDateWindow({
      now: new Date('2026-03-04T06:00:00Z'),
      timeZone: 'Asia/Aqtobe',
      deliveredAt: sentAt,
      receiverInForceOn: () => true,
      receiverCode: 'KZ-AKT',
    });
    expect(dateIssue(w, '2026-03-02')).toBeNull(); // earlier than the outgoing date's text, and true
    expect(dateIssue(w, '2026-03-01')).toEqual({ rule: 'date_before_sending', params: { limit: '02.03.2026' } });
    expect(dateIssue(w, '2026-03-05')?.rule).toBe('date_in_future');
    // Sent from Moscow at 23:30 on 02.03: in Aktobe it is 01:30 on 03.03 — an incoming 02.03 (equal to the outgoing date) is not true.
    const late = incomingDateWindow({
      now: new Date('2026-03-04T06:00:00Z'),
      timeZone: 'Asia/Aqtobe',
      deliveredAt: new Date('2026-03-02T20:30:00Z'),
      receiverInForceOn: () => true,
      receiverCode: 'KZ-AKT',
    });
    expect(dateIssue(late, '2026-03-02')?.rule).toBe('date_before_sending');
    expect(dateIssue(late, '2026-03-03')).toBeNull();
  });

  it('O-3.3 an incoming date on which the receiving office did not exist is refused', () => {
    const w = incomingDateWindow({
      now: new Date('2026-03-10T06:00:00Z'),
      timeZone: 'Asia/Aqtobe',
      deliveredAt: new Date('2026-03-02T06:00:00Z'),
      receiverInForceOn: (d) => d <= '2026-03-05',
      receiverCode: 'KZ-AKT',
    });
    expect(dateIssue(w, '2026-03-05')).toBeNull();
    expect(dateIssue(w, '2026-03-07')).toEqual({
      rule: 'date_office_not_in_force',
      params: { from: '06.03.2026', to: '10.03.2026', reason: 'OFFICE_NOT_IN_FORCE', officeCode: 'KZ-AKT' },
    });
  });

  it('O-1 P-5 on the outgoing date direct exchange along the pairing must have been allowed; the days it was not form one stretch with the reason', () => {
    const w = outgoing('2026-03-10T06:00:00Z', { exchangeOn: exchange([pairing({ validTo: '2026-03-04' })]) });
    expect(w.gaps).toEqual([{ from: '2026-03-05', to: '2026-03-10', rule: 'date_no_direct_exchange', reason: 'PAIRING_NOT_IN_FORCE', officeCode: null }]);
    expect(dateIssue(w, '2026-03-04')).toBeNull();
    expect(dateIssue(w, '2026-03-06')).toEqual({
      rule: 'date_no_direct_exchange',
      params: { from: '05.03.2026', to: '10.03.2026', reason: 'PAIRING_NOT_IN_FORCE' },
    });
    expect(latestAllowedDate(w)).toBe('2026-03-04');
    const paused = outgoing('2026-03-10T06:00:00Z', {
      exchangeOn: exchange([pairing({ validTo: '2026-03-03' }), pairing({ id: 'p2', validFrom: '2026-03-07' })]),
    });
    expect(paused.gaps.map((g) => [g.from, g.to])).toEqual([['2026-03-04', '2026-03-06']]);
    expect(latestAllowedDate(paused)).toBe('2026-03-10');
  });

  it('A-15 P-5 no outgoing date before the Protocol was in force or after the Agreement ended', () => {
    const before = outgoingDateWindow({
      now: new Date('2022-01-20T06:00:00Z'),
      timeZone: 'Asia/Yekaterinburg',
      createdAt: new Date('2022-01-05T06:00:00Z'),
      exchangeOn: exchange([pairing()]),
    });
    expect(dateIssue(before, '2022-01-11')).toMatchObject({ rule: 'date_no_direct_exchange', params: { reason: 'LEGAL_BASIS_NOT_IN_FORCE' } });
    expect(dateIssue(before, '2022-01-12')).toBeNull();
    const ended = exchange([pairing()], [{ ...agreement, terminationNoticeReceivedOn: '2026-03-02' }, protocol]);
    const after = outgoing('2026-05-05T06:00:00Z', { exchangeOn: ended });
    expect(dateIssue(after, '2026-05-01')).toBeNull(); // the last day in force
    expect(dateIssue(after, '2026-05-02')).toMatchObject({ rule: 'date_no_direct_exchange', params: { reason: 'AGREEMENT_TERMINATED' } });
  });

  it('O-3.4 a matter routed to the coordinator goes along no pairing: only its sender’s existence counts', () => {
    const w = outgoing('2026-03-10T06:00:00Z', { exchangeOn: null, senderInForceOn: (d) => d >= '2026-03-03', senderCode: 'RU-ORE' });
    expect(dateIssue(w, '2026-03-02')).toMatchObject({ rule: 'date_office_not_in_force', params: { officeCode: 'RU-ORE' } });
    expect(dateIssue(w, '2026-03-03')).toBeNull();
  });

  it('A-6.2a the written confirmation of an oral request is not dated before the request was made', () => {
    const w = outgoing('2026-03-10T06:00:00Z', { oralAt: new Date('2026-03-04T05:00:00Z') });
    expect(dateIssue(w, '2026-03-03')).toEqual({ rule: 'date_before_oral', params: { limit: '04.03.2026' } });
    expect(dateIssue(w, '2026-03-04')).toBeNull();
  });

  it('property: a date is allowed exactly when it lies in [min, max] outside every gap, and the latest allowed one is allowed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -10, max: 80 }),
        (lapse, resume, span, probe) => {
          const created = '2026-01-01';
          const pairings = [pairing({ validTo: addDays(created, lapse) }), pairing({ id: 'p2', validFrom: addDays(created, lapse + resume + 1) })];
          const w: DateWindow = outgoingDateWindow({
            now: new Date(`${addDays(created, span)}T06:00:00Z`),
            timeZone: 'Asia/Yekaterinburg',
            createdAt: new Date(`${created}T06:00:00Z`),
            exchangeOn: exchange(pairings),
          });
          const day = addDays(created, probe);
          const allowedByRegistry = mayExchangeDirectly({ from: ore, to: akt, on: day, pairings, legalBasis: [agreement, protocol] }).allowed;
          expect(isDateAllowed(w, day)).toBe(day >= w.min && day <= w.max && allowedByRegistry);
          const latest = latestAllowedDate(w);
          if (latest) expect(isDateAllowed(w, latest)).toBe(true);
          else for (let d = w.min; d <= w.max; d = addDays(d, 1)) expect(isDateAllowed(w, d)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('item and event numbers', () => {
  it('a number is written with its year, and the year is the office’s own at creation', () => {
    expect(formatNumber({ number: 12, numberYear: 2026 })).toBe('12/2026');
    // 31.12.2025 20:30 UTC is already 2026 in Orenburg (UTC+5), still 2025 in Moscow (UTC+3).
    const at = new Date('2025-12-31T20:30:00Z');
    expect(numberingYear(at, 'Asia/Yekaterinburg')).toBe(2026);
    expect(numberingYear(at, 'Europe/Moscow')).toBe(2025);
  });
});
