import { medianOf } from './annual.ts';

/**
 * The coordinator's consolidated analysis of a year (O-4.3): the Party's traffic with the other
 * Party, composed from aggregate rows. "Sent" is what the Party's offices sent to the other Party's
 * offices; "received" what they received from them; each item exchanged counts once.
 */

export interface PartyStatsRow {
  month: string;
  officeId: string;
  direction: string;
  counterpartId: string;
  kind: string;
  form: string;
  status: string;
  mode: string;
  n: number;
  answered: number;
  answeredInTime: number;
  answerDaysSum: number;
  oralConfirmedInTime: number;
  oralConfirmedLate: number;
  conditionsProposed: number;
  conditionsAccepted: number;
}

export interface PartyEventRow {
  officeId: string;
  type: string | null;
  proposed: number;
  held: number;
  reported: number;
}

export interface YearInput {
  stats: readonly PartyStatsRow[];
  areas: readonly { direction: string; area: string; n: number }[];
  grounds: readonly { direction: string; ground: string; n: number }[];
  days: readonly { direction: string; days: number; n: number }[];
  events: readonly PartyEventRow[];
}

export interface Summary {
  sent: number;
  received: number;
  requestsSent: number;
  proposalsSent: number;
  requestsReceived: number;
  proposalsReceived: number;
  /** How the Party's offices answered the requests they received. */
  answeredByUs: number;
  inTimeByUs: number;
  lateByUs: number;
  medianDaysByUs: number | null;
  /** How the other Party answered the Party's requests. */
  answeredToUs: number;
  inTimeToUs: number;
  medianDaysToUs: number | null;
  refusedByUs: number;
  refusedToUs: number;
  oralSent: number;
  oralUnconfirmed: number;
  conditionsProposed: number;
  conditionsAccepted: number;
  eventsProposed: number;
  eventsHeld: number;
  eventsReported: number;
}

const total = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);
const isOut = (r: { direction: string }) => r.direction === 'out';
const isIn = (r: { direction: string }) => r.direction === 'in';

export function summarize(y: YearInput): Summary {
  const out = y.stats.filter(isOut);
  const inn = y.stats.filter(isIn);
  const answeredByUs = total(inn, (r) => r.answered);
  const inTimeByUs = total(inn, (r) => r.answeredInTime);
  const oral = out.filter((r) => r.mode === 'oral');
  return {
    sent: total(out, (r) => r.n),
    received: total(inn, (r) => r.n),
    requestsSent: total(
      out.filter((r) => r.kind === 'request'),
      (r) => r.n,
    ),
    proposalsSent: total(
      out.filter((r) => r.kind === 'proposal'),
      (r) => r.n,
    ),
    requestsReceived: total(
      inn.filter((r) => r.kind === 'request'),
      (r) => r.n,
    ),
    proposalsReceived: total(
      inn.filter((r) => r.kind === 'proposal'),
      (r) => r.n,
    ),
    answeredByUs,
    inTimeByUs,
    lateByUs: answeredByUs - inTimeByUs,
    medianDaysByUs: medianOf(y.days.filter(isIn)),
    answeredToUs: total(out, (r) => r.answered),
    inTimeToUs: total(out, (r) => r.answeredInTime),
    medianDaysToUs: medianOf(y.days.filter(isOut)),
    refusedByUs: total(
      inn.filter((r) => r.status === 'refused' || r.status === 'partially_executed'),
      (r) => r.n,
    ),
    refusedToUs: total(
      out.filter((r) => r.status === 'refused' || r.status === 'partially_executed'),
      (r) => r.n,
    ),
    oralSent: total(oral, (r) => r.n),
    oralUnconfirmed: total(oral, (r) => r.n - r.oralConfirmedInTime - r.oralConfirmedLate),
    conditionsProposed: total(y.stats, (r) => r.conditionsProposed),
    conditionsAccepted: total(y.stats, (r) => r.conditionsAccepted),
    eventsProposed: total(y.events, (r) => r.proposed),
    eventsHeld: total(y.events, (r) => r.held),
    eventsReported: total(y.events, (r) => r.reported),
  };
}

/** Sent and received by a key, largest first. */
export function breakdown<T extends { direction: string; n: number }>(
  rows: readonly T[],
  key: (r: T) => string,
): { key: string; sent: number; received: number }[] {
  const m = new Map<string, { key: string; sent: number; received: number }>();
  for (const r of rows) {
    const k = key(r);
    const e = m.get(k) ?? { key: k, sent: 0, received: 0 };
    if (isOut(r)) e.sent += r.n;
    else e.received += r.n;
    m.set(k, e);
  }
  return [...m.values()].filter((e) => e.sent || e.received).sort((a, b) => b.sent + b.received - (a.sent + a.received) || a.key.localeCompare(b.key));
}

export const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;

export function byMonth(rows: readonly PartyStatsRow[]): { month: string; sent: number; received: number }[] {
  return MONTHS.map((m) => {
    const of = rows.filter((r) => r.month.slice(5, 7) === m);
    return { month: m, sent: total(of.filter(isOut), (r) => r.n), received: total(of.filter(isIn), (r) => r.n) };
  });
}

/** Change from the comparison year, in percent (null when there is nothing to compare with). */
export function change(now: number, before: number | null | undefined): number | null {
  if (before === null || before === undefined || before === 0) return null;
  return Math.round(((now - before) / before) * 1000) / 10;
}
