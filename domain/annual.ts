import type { Role } from './access.ts';
import type { ItemStatus } from './item-status.ts';
import type { Form, ItemKind, PriorityArea, RefusalGround } from './items.ts';
import { availableActions, refusalOf, type ActorView, type BaseRefusal, type Machine } from './machine.ts';
import { localDate, startOfDayIn, type Deadline } from './time.ts';

/**
 * The office's annual block on its direct contacts with the other Party's prosecutors (O-3.6):
 * compiled from what was recorded, completed with the office's proposals, submitted to the
 * coordinator by 30 January of the next year in the office's own time zone.
 */

export const BLOCK_STATUSES = ['not_started', 'draft', 'submitted', 'returned'] as const;
export type BlockStatus = (typeof BLOCK_STATUSES)[number];

export const BLOCK_ACTIONS = ['save', 'submit', 'return'] as const;
export type BlockAction = (typeof BLOCK_ACTIONS)[number];

export type BlockSide = 'office' | 'coordinator';
export type BlockActor = ActorView<BlockSide>;

export interface BlockState {
  status: BlockStatus;
  /** The figures are fixed in the block (as they stood when it was submitted). */
  figuresFixed: boolean;
}

const STAFF: readonly Role[] = ['head', 'deputy_head', 'officer'];

/** The block's machine (O-3.6) in the one shape of domain/machine.ts: the office's staff prepare, its head or a deputy submits, the coordinator returns. */
export const BLOCK_MACHINE: Machine<BlockStatus, BlockAction, BlockSide, BlockState, Record<string, never>, BaseRefusal> = {
  statuses: BLOCK_STATUSES,
  actions: BLOCK_ACTIONS,
  transitions: [
    // Saving a not-started block starts it; a returned block stays returned while it is corrected.
    { action: 'save', from: ['not_started', 'draft'], to: 'draft', side: 'office', roles: STAFF, article: 'O-3.6' },
    { action: 'save', from: ['returned'], to: 'same', side: 'office', roles: STAFF, article: 'O-3.6' },
    // A block is submitted as saved: one never saved has nothing of the office's in it yet.
    { action: 'submit', from: ['draft', 'returned'], to: 'submitted', side: 'office', roles: ['head', 'deputy_head'], article: 'O-3.6' },
    { action: 'return', from: ['submitted'], to: 'returned', side: 'coordinator', roles: ['coordinator'], article: 'O-3.6' },
  ],
  // Who may do it is said before where the block stands.
  actorFirst: true,
  guards: {},
  rules: {},
  effects: {
    submit: () => ({ figuresFixed: true }),
    return: () => ({ figuresFixed: false }),
  },
  invariants: [
    { name: 'a submitted block without its figures fixed', holds: (s) => s.status !== 'submitted' || s.figuresFixed },
    { name: 'figures fixed in a block not submitted', holds: (s) => s.status === 'submitted' || !s.figuresFixed },
  ],
  emptyInput: {},
};

/** Who may do what with a block: the office's staff prepare, its head or a deputy submits, the coordinator returns. */
export function blockRefusalOf(status: BlockStatus, action: BlockAction, actor: BlockActor): 'NOT_ALLOWED_IN_STATUS' | 'FORBIDDEN' | null {
  const refusal = refusalOf(BLOCK_MACHINE, { status, figuresFixed: status === 'submitted' }, action, actor);
  return refusal === 'NOT_YOUR_SIDE' || refusal === 'ROLE_REQUIRED' ? 'FORBIDDEN' : refusal;
}

export function availableBlockActions(status: BlockStatus, actor: BlockActor): BlockAction[] {
  return availableActions(BLOCK_MACHINE, { status, figuresFixed: status === 'submitted' }, actor);
}

/** O-3.6: by 30 January of the year after the reporting year, in the office's zone. */
export function annualBlockDeadline(year: number, officeTimeZone: string): Deadline {
  return {
    start: `${year + 1}-01-01`,
    rule: 'annual:01-30',
    timeZone: officeTimeZone,
    lastDay: `${year + 1}-01-30`,
    dueAt: startOfDayIn(`${year + 1}-01-31`, officeTimeZone),
  };
}

/**
 * O-3.6: a block submitted at or after the start of 31 January in the office's zone was late, by
 * the number of the office's calendar days past 30 January (1 for a block submitted on 31 January).
 */
export function blockLateness(submittedAt: Date | null, year: number, officeTimeZone: string): { late: boolean; daysLate: number } {
  const due = annualBlockDeadline(year, officeTimeZone);
  if (!submittedAt || submittedAt.getTime() < due.dueAt.getTime()) return { late: false, daysLate: 0 };
  const daysLate = Math.round((Date.parse(localDate(submittedAt, officeTimeZone)) - Date.parse(due.lastDay)) / 86_400_000);
  return { late: true, daysLate };
}

/** Reminders from 15 January (local days), then overdue. */
export const BLOCK_REMINDER_DAYS = ['01-15', '01-22', '01-29'] as const;

export function dueBlockReminder(year: number, officeTimeZone: string, now: Date): string | null {
  const due = annualBlockDeadline(year, officeTimeZone);
  if (now.getTime() >= due.dueAt.getTime()) return 'overdue';
  let key: string | null = null;
  for (const day of BLOCK_REMINDER_DAYS) if (now.getTime() >= startOfDayIn(`${year + 1}-${day}`, officeTimeZone).getTime()) key = `remind_${day}`;
  return key;
}

/** The reporting year's bounds in the office's zone: what "sent in 2026" means for that office. */
export function yearBounds(year: number, timeZone: string): { from: Date; to: Date } {
  return { from: startOfDayIn(`${year}-01-01`, timeZone), to: startOfDayIn(`${year + 1}-01-01`, timeZone) };
}

// ─── the figures ─────────────────────────────────────────────────────────────

export type Direction = 'out' | 'in';

export interface StatsRow {
  direction: Direction;
  counterpartId: string;
  kind: string;
  form: string;
  status: string;
  mode: string;
  route: string;
  n: number;
  answered: number;
  answeredInTime: number;
  answerDaysSum: number;
  oralConfirmedInTime: number;
  oralConfirmedLate: number;
  conditionsProposed: number;
  conditionsAccepted: number;
}
export interface AreaRow {
  direction: Direction;
  counterpartId: string;
  area: string;
  n: number;
}
export interface GroundRow {
  direction: Direction;
  counterpartId: string;
  ground: string;
  n: number;
}
export interface DaysRow {
  direction: Direction;
  days: number;
  n: number;
}

export interface SideCounts {
  requests: number;
  proposals: number;
}
export interface Timeliness {
  answered: number;
  inTime: number;
  late: number;
  meanDays: number | null;
  medianDays: number | null;
}
export interface OralCounts {
  total: number;
  confirmedInTime: number;
  confirmedLate: number;
  unconfirmed: number;
}

export interface AnnualFigures {
  totals: Record<Direction, SideCounts>;
  byCounterpart: { counterpartId: string; out: SideCounts; in: SideCounts }[];
  byForm: { form: string; out: number; in: number }[];
  byArea: { area: string; out: number; in: number }[];
  byStatus: { status: string; out: number; in: number }[];
  /** `in`: how this office answered; `out`: how its requests were answered. */
  timeliness: Record<Direction, Timeliness>;
  oral: Record<Direction, OralCounts>;
  refusals: { ground: string; out: number; in: number }[];
  consultations: Record<Direction, { conditionsProposed: number; conditionsAccepted: number }>;
  consents: { requested: number; received: number; granted: number; refused: number; pending: number };
  events: { proposed: number; approved: number; held: number; reported: number; reportOverdue: number };
}

const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);

/** The median of a histogram of whole days (the mean of the two middle values when even). */
export function medianOf(hist: readonly { days: number; n: number }[]): number | null {
  const sorted = [...hist].filter((h) => h.n > 0).sort((a, b) => a.days - b.days);
  const total = sum(sorted, (h) => h.n);
  if (total === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (seen > k) return h.days;
    }
    return sorted[sorted.length - 1]!.days;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

function byKey<T>(rows: readonly T[], key: (r: T) => string, value: (r: T) => [number, number]): { key: string; out: number; in: number }[] {
  const m = new Map<string, { key: string; out: number; in: number }>();
  for (const r of rows) {
    const k = key(r);
    const e = m.get(k) ?? { key: k, out: 0, in: 0 };
    const [o, i] = value(r);
    e.out += o;
    e.in += i;
    m.set(k, e);
  }
  return [...m.values()].filter((e) => e.out !== 0 || e.in !== 0).sort((a, b) => b.out + b.in - (a.out + a.in) || a.key.localeCompare(b.key));
}

const split = (d: Direction, n: number): [number, number] => (d === 'out' ? [n, 0] : [0, n]);

export function composeFigures(input: {
  stats: readonly StatsRow[];
  areas: readonly AreaRow[];
  grounds: readonly GroundRow[];
  days: readonly DaysRow[];
  consents: AnnualFigures['consents'];
  events: AnnualFigures['events'];
}): AnnualFigures {
  const { stats } = input;
  const side = (d: Direction, rows = stats): SideCounts => ({
    requests: sum(
      rows.filter((r) => r.direction === d && r.kind === 'request'),
      (r) => r.n,
    ),
    proposals: sum(
      rows.filter((r) => r.direction === d && r.kind === 'proposal'),
      (r) => r.n,
    ),
  });
  const timeliness = (d: Direction): Timeliness => {
    const rows = stats.filter((r) => r.direction === d);
    const answered = sum(rows, (r) => r.answered);
    const inTime = sum(rows, (r) => r.answeredInTime);
    return {
      answered,
      inTime,
      late: answered - inTime,
      meanDays: answered ? Math.round((sum(rows, (r) => r.answerDaysSum) / answered) * 10) / 10 : null,
      medianDays: medianOf(input.days.filter((h) => h.direction === d)),
    };
  };
  const oral = (d: Direction): OralCounts => {
    const rows = stats.filter((r) => r.direction === d && r.mode === 'oral');
    const total = sum(rows, (r) => r.n);
    const confirmedInTime = sum(rows, (r) => r.oralConfirmedInTime);
    const confirmedLate = sum(rows, (r) => r.oralConfirmedLate);
    return { total, confirmedInTime, confirmedLate, unconfirmed: total - confirmedInTime - confirmedLate };
  };
  const counterparts = [...new Set(stats.map((r) => r.counterpartId))];
  return {
    totals: { out: side('out'), in: side('in') },
    byCounterpart: counterparts
      .map((c) => {
        const rows = stats.filter((r) => r.counterpartId === c);
        return { counterpartId: c, out: side('out', rows), in: side('in', rows) };
      })
      .filter((c) => c.out.requests + c.out.proposals + c.in.requests + c.in.proposals > 0)
      .sort((a, b) => b.out.requests + b.out.proposals + b.in.requests + b.in.proposals - (a.out.requests + a.out.proposals + a.in.requests + a.in.proposals)),
    byForm: byKey(
      stats,
      (r) => r.form,
      (r) => split(r.direction, r.n),
    ).map((e) => ({ form: e.key, out: e.out, in: e.in })),
    byArea: byKey(
      input.areas,
      (r) => r.area,
      (r) => split(r.direction, r.n),
    ).map((e) => ({ area: e.key, out: e.out, in: e.in })),
    byStatus: byKey(
      stats,
      (r) => r.status,
      (r) => split(r.direction, r.n),
    ).map((e) => ({ status: e.key, out: e.out, in: e.in })),
    timeliness: { out: timeliness('out'), in: timeliness('in') },
    oral: { out: oral('out'), in: oral('in') },
    refusals: byKey(
      input.grounds,
      (r) => r.ground,
      (r) => split(r.direction, r.n),
    ).map((e) => ({ ground: e.key, out: e.out, in: e.in })),
    consultations: {
      out: {
        conditionsProposed: sum(
          stats.filter((r) => r.direction === 'out'),
          (r) => r.conditionsProposed,
        ),
        conditionsAccepted: sum(
          stats.filter((r) => r.direction === 'out'),
          (r) => r.conditionsAccepted,
        ),
      },
      in: {
        conditionsProposed: sum(
          stats.filter((r) => r.direction === 'in'),
          (r) => r.conditionsProposed,
        ),
        conditionsAccepted: sum(
          stats.filter((r) => r.direction === 'in'),
          (r) => r.conditionsAccepted,
        ),
      },
    },
    consents: input.consents,
    events: input.events,
  };
}

// ─── drill-down: the items a figure counts ───────────────────────────────────

/** Which items a figure counts; the server turns it into the same predicates the aggregates use. */
export const FIGURE_MEASURES = [
  'all',
  'answered',
  'answered_in_time',
  'answered_late',
  'oral',
  'oral_confirmed_in_time',
  'oral_confirmed_late',
  'oral_unconfirmed',
  'conditions_proposed',
  'conditions_accepted',
  // Consent requests of the year: the items they concern, whatever the direction or the date of sending.
  'consent_requested',
  'consent_received',
  'consent_granted',
  'consent_refused',
  'consent_pending',
] as const;
export type FigureMeasure = (typeof FIGURE_MEASURES)[number];

export interface FigureFilter {
  direction: Direction;
  measure: FigureMeasure;
  counterpartId?: string;
  kind?: ItemKind;
  /** '' is "no form recorded". */
  form?: Form | '';
  status?: ItemStatus;
  area?: PriorityArea;
  ground?: RefusalGround;
}
