import fc from 'fast-check';
import { DateTime } from 'luxon';
import { ITEM_STATUSES, wasSent } from '../../domain/item-status.ts';
import { PRIORITY_AREAS, REFUSAL_GROUNDS } from '../../domain/items.ts';

/**
 * Random sent items for the tests of the aggregates and the annual figures: offices of both
 * Parties and a coordinator, dates across a year end, every status, oral requests confirmed in
 * time, late or never, answers in time or late, conditions, areas and refusal grounds.
 */
export const OFFICES = ['RU-ORE', 'RU-OMS', 'RU-AST', 'KZ-AKT', 'KZ-SEV', 'KZ-KUS', 'RU-GP-GUMPS'];
/** Every status of a sent item but `returned` (a matter returned by the coordinator counts nowhere yet). */
const STATUSES = ITEM_STATUSES.filter((s) => wasSent(s) && s !== 'returned');

const instant = fc.date({ min: new Date('2025-12-20T00:00:00Z'), max: new Date('2027-01-10T00:00:00Z'), noInvalidDate: true });
export const itemArb = fc.record({
  from: fc.constantFrom(...OFFICES),
  to: fc.constantFrom(...OFFICES),
  intended: fc.option(fc.constantFrom(...OFFICES), { nil: null }),
  kind: fc.constantFrom('request' as const, 'proposal' as const),
  form: fc.option(fc.constantFrom('crime_information' as const, 'experience_exchange' as const, 'other_assistance' as const), { nil: null }),
  status: fc.constantFrom(...STATUSES),
  mode: fc.constantFrom('written' as const, 'oral' as const),
  route: fc.constantFrom('direct' as const, 'coordinator' as const),
  sentAt: fc.option(instant, { nil: null, freq: 5 }),
  answerDays: fc.integer({ min: 0, max: 60 }),
  answeredAfterMs: fc.option(fc.integer({ min: 0, max: 50 * 86_400_000 }), { nil: null }),
  confirmedAfterMs: fc.option(fc.integer({ min: 0, max: 5 * 86_400_000 }), { nil: null }),
  conditions: fc.constantFrom('none' as const, 'proposed' as const, 'accepted' as const, 'rejected' as const),
  areas: fc.uniqueArray(fc.constantFrom(...PRIORITY_AREAS), { maxLength: 3 }),
  grounds: fc.uniqueArray(fc.constantFrom(...REFUSAL_GROUNDS), { maxLength: 2 }),
});
export type Gen = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

export function itemValues(g: Gen, officeIds: Map<string, string>, zones: Map<string, string>) {
  const sentAt = g.sentAt;
  const toId = officeIds.get(g.to)!;
  const tz = zones.get(toId)!;
  const start = sentAt ? DateTime.fromJSDate(sentAt, { zone: tz }).toISODate()! : null;
  const dueAt = start
    ? DateTime.fromISO(start, { zone: tz })
        .plus({ days: g.answerDays + 1 })
        .toJSDate()
    : null;
  const oralAt = sentAt;
  return {
    fromOfficeId: officeIds.get(g.from)!,
    toOfficeId: toId,
    intendedOfficeId: g.intended ? officeIds.get(g.intended)! : null,
    kind: g.kind,
    form: g.form,
    status: g.status,
    mode: g.mode,
    route: g.route,
    sentAt,
    answerDueAt: dueAt,
    answerDue: start && dueAt ? { start, rule: `calendarDays:${g.answerDays}`, timeZone: tz, lastDay: start, dueAt: dueAt.toISOString() } : null,
    outcomeAt: sentAt && g.answeredAfterMs !== null ? new Date(sentAt.getTime() + g.answeredAfterMs) : null,
    oralAt: g.mode === 'oral' ? oralAt : null,
    confirmationDueAt: g.mode === 'oral' && oralAt ? new Date(oralAt.getTime() + 72 * 3_600_000) : null,
    oralConfirmedAt: g.mode === 'oral' && oralAt && g.confirmedAfterMs !== null ? new Date(oralAt.getTime() + g.confirmedAfterMs) : null,
    conditionsStatus: g.conditions,
    priorityAreas: g.areas,
    refusalGrounds: g.grounds,
  };
}
