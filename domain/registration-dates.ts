import type { ExchangeDecision, ExchangeRefusal } from './registry.ts';
import { addDays, compareDates, formatDateDots, localDate, type IsoDate } from './time.ts';

/**
 * O-3.3, P-4: the registration dates of a request or proposal — the outgoing date the sending
 * office's records office gives its letter, the incoming date the receiving office registers it
 * on — checked against the item's own history and the registry (O-1, P-5, A-15).
 *
 * Each date is a calendar day in its own office's zone (offices span UTC+3…UTC+7): the outgoing
 * date in the sender's, the incoming date in the receiver's. So an incoming date is compared with
 * the instant the item was delivered, read in the receiver's zone, never with the outgoing date's
 * string: a letter sent from Barnaul (UTC+7) at 01:00 on 03.03 reaches Aktobe (UTC+5) on 02.03.
 *
 * The rules are one window per date — the first and the last allowed day and the stretches in
 * between on which the registry refused — built once on the server and sent to the web, which
 * disables in its date picker exactly the days the server would refuse.
 */

export const DATE_RULES = [
  /** After today in the office's zone. */
  'date_in_future',
  /** An outgoing date before the day the draft was created. */
  'date_before_draft',
  /** A written confirmation dated before the oral request it confirms (A-6.2a). */
  'date_before_oral',
  /** An incoming date before the day the item reached the office (in that office's zone). */
  'date_before_sending',
  /** On that day direct exchange along the pairing and the legal basis was not allowed (O-1, P-5, A-15). */
  'date_no_direct_exchange',
  /** On that day the office did not exist in the registry. */
  'date_office_not_in_force',
] as const;
export type DateRule = (typeof DATE_RULES)[number];

/** Every refusal reason of mayExchangeDirectly(), as a list (the Record type makes a new reason fail to compile here). */
export const EXCHANGE_REFUSALS = Object.keys({
  SAME_PARTY: 1,
  OFFICE_NOT_IN_FORCE: 1,
  OFFICE_NOT_AUTHORIZED: 1,
  NO_PAIRING: 1,
  PAIRING_INACTIVE: 1,
  PAIRING_NOT_IN_FORCE: 1,
  LEGAL_BASIS_NOT_IN_FORCE: 1,
  AGREEMENT_TERMINATED: 1,
} satisfies Record<ExchangeRefusal, 1>) as [ExchangeRefusal, ...ExchangeRefusal[]];

/** A stretch of days inside the window that the registry refuses, and why. */
export interface DateGap {
  from: IsoDate;
  to: IsoDate;
  rule: DateRule;
  /** For `date_no_direct_exchange`: the registry's reason. */
  reason: ExchangeRefusal | null;
  officeCode: string | null;
}

export interface DateWindow {
  /** The zone whose calendar the date is in: the sender's for an outgoing date, the receiver's for an incoming one. */
  timeZone: string;
  /** The first allowed day, and the rule that forbids the days before it. */
  min: IsoDate;
  minRule: DateRule;
  /** The last allowed day: today in `timeZone`. */
  max: IsoDate;
  /** Days within [min, max] the registry refuses, in order, not overlapping. */
  gaps: DateGap[];
}

export interface DateIssue {
  rule: DateRule;
  /** Dates as DD.MM.YYYY (the same in every language); the reason code of the registry. */
  params: Record<string, string>;
}

/** Why `date` cannot be the registration date, or null when it can. */
export function dateIssue(w: DateWindow, date: IsoDate): DateIssue | null {
  if (compareDates(date, w.max) > 0) return { rule: 'date_in_future', params: { limit: formatDateDots(w.max) } };
  if (compareDates(date, w.min) < 0) return { rule: w.minRule, params: { limit: formatDateDots(w.min) } };
  const gap = w.gaps.find((g) => compareDates(g.from, date) <= 0 && compareDates(date, g.to) <= 0);
  if (!gap) return null;
  return {
    rule: gap.rule,
    params: {
      from: formatDateDots(gap.from),
      to: formatDateDots(gap.to),
      ...(gap.reason ? { reason: gap.reason } : {}),
      ...(gap.officeCode ? { officeCode: gap.officeCode } : {}),
    },
  };
}

export const isDateAllowed = (w: DateWindow, date: IsoDate): boolean => dateIssue(w, date) === null;

/** The latest allowed day (today when allowed), for a form's initial value; null when none is. */
export function latestAllowedDate(w: DateWindow): IsoDate | null {
  for (let d = w.max; compareDates(d, w.min) >= 0; d = addDays(d, -1)) {
    const gap = w.gaps.find((g) => compareDates(g.from, d) <= 0 && compareDates(d, g.to) <= 0);
    if (!gap) return d;
    d = gap.from; // skip the stretch at once
  }
  return null;
}

type DayRefusal = Pick<DateGap, 'rule' | 'reason' | 'officeCode'>;

/** The window from its bounds and a check of each day; consecutive days refused alike form one gap. */
function windowOf(timeZone: string, min: IsoDate, minRule: DateRule, max: IsoDate, refusalOn: ((day: IsoDate) => DayRefusal | null) | null): DateWindow {
  const gaps: DateGap[] = [];
  if (refusalOn) {
    for (let d = min; compareDates(d, max) <= 0; d = addDays(d, 1)) {
      const r = refusalOn(d);
      const last = gaps.at(-1);
      if (!r) continue;
      if (last && last.to === addDays(d, -1) && last.rule === r.rule && last.reason === r.reason && last.officeCode === r.officeCode) last.to = d;
      else gaps.push({ from: d, to: d, ...r });
    }
  }
  return { timeZone, min, minRule, max, gaps };
}

/** The later of two lower bounds; on the same day the second names the rule (the oral request, being the nearer fact). */
const later = (a: { day: IsoDate; rule: DateRule }, b: { day: IsoDate; rule: DateRule } | null) => (b && compareDates(b.day, a.day) >= 0 ? b : a);

export interface OutgoingDateFacts {
  now: Date;
  /** The sending office's zone. */
  timeZone: string;
  /** When the draft was created. */
  createdAt: Date;
  /** For the written confirmation of an oral request: when the request was made. */
  oralAt?: Date | null;
  /**
   * The registry's decision for each day (O-1, P-5, A-15); null for a matter routed to the
   * coordinator (O-3.4), which goes along no pairing.
   */
  exchangeOn: ((day: IsoDate) => ExchangeDecision) | null;
  /** For a routed matter: whether the sending office existed on a day. */
  senderInForceOn?: ((day: IsoDate) => boolean) | null;
  senderCode?: string;
}

/**
 * The outgoing date (of sending, or of the written confirmation of an oral request): a day in the
 * sender's zone, not in the future, not before the draft was created (nor before the oral request
 * it confirms), and on which direct exchange along that pairing and legal basis was allowed.
 */
export function outgoingDateWindow(f: OutgoingDateFacts): DateWindow {
  const created = { day: localDate(f.createdAt, f.timeZone), rule: 'date_before_draft' as DateRule };
  const oral = f.oralAt ? { day: localDate(f.oralAt, f.timeZone), rule: 'date_before_oral' as DateRule } : null;
  const start = later(created, oral);
  const exchangeOn = f.exchangeOn;
  const senderInForceOn = f.senderInForceOn;
  const refusalOn = exchangeOn
    ? (day: IsoDate): DayRefusal | null => {
        const d = exchangeOn(day);
        return d.allowed
          ? null
          : {
              rule: d.reason === 'OFFICE_NOT_IN_FORCE' ? 'date_office_not_in_force' : 'date_no_direct_exchange',
              reason: d.reason,
              officeCode: d.officeCode ?? null,
            };
      }
    : senderInForceOn
      ? (day: IsoDate): DayRefusal | null =>
          senderInForceOn(day) ? null : { rule: 'date_office_not_in_force', reason: 'OFFICE_NOT_IN_FORCE', officeCode: f.senderCode ?? null }
      : null;
  return windowOf(f.timeZone, start.day, start.rule, localDate(f.now, f.timeZone), refusalOn);
}

export interface IncomingDateFacts {
  now: Date;
  /** The receiving office's zone. */
  timeZone: string;
  /** The instant the item reached the office: when it was sent, or for an oral request when it was made. */
  deliveredAt: Date;
  /** Whether the receiving office existed on a day. */
  receiverInForceOn: (day: IsoDate) => boolean;
  receiverCode: string;
}

/**
 * The incoming date: a day in the receiver's zone, not in the future there, not before the day
 * the item reached it (the instant of sending read in the receiver's zone), on which the receiving
 * office existed.
 */
export function incomingDateWindow(f: IncomingDateFacts): DateWindow {
  return windowOf(f.timeZone, localDate(f.deliveredAt, f.timeZone), 'date_before_sending', localDate(f.now, f.timeZone), (day) =>
    f.receiverInForceOn(day) ? null : { rule: 'date_office_not_in_force', reason: 'OFFICE_NOT_IN_FORCE', officeCode: f.receiverCode },
  );
}
