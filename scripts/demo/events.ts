import { EVENT_TRANSITIONS, eventReportDeadline } from '../../domain/events.ts';
import { personName } from './people.ts';
import type { Rng } from './random.ts';
import { changesBetween, demoId, type Office, type Staff } from './simulate.ts';

/**
 * Demo international events (O-3.5) with their action logs: drafted, submitted, decided by the
 * coordinator, cancelled, reported — each step an action whose changes are what it set on the row,
 * as the kernel records them, so replaying a log rebuilds its event.
 */

type Row = Record<string, unknown>;
const DAY = 86_400_000;
const TYPES = ['working_meeting', 'conference', 'seminar', 'internship', 'consultation', 'other'] as const;
const AREAS = ['organized_crime', 'drug_trafficking', 'terrorism_extremism', 'ict_crime', 'corruption', 'economic_crime', 'environment', 'human_trafficking'];

export interface EventSimContext {
  rng: Rng;
  now: Date;
  startMs: number;
  reportDays: number;
  reporting: (Office & { partners: string[] })[];
  staff: Map<string, { officers: Staff[]; signers: Staff[]; coordinators: Staff[] }>;
  coordinatorOf(party: 'RU' | 'KZ'): Office | undefined;
}

const rolesFor = (action: string, side: 'office' | 'coordinator', user: Staff | null): string[] => {
  if (!user) return [];
  const t = EVENT_TRANSITIONS.find((x) => x.action === action && x.side === side);
  return t ? user.roles.filter((r) => t.roles.includes(r as never)) : user.roles;
};

export function simulateEvent(ctx: EventSimContext, i: number, out: { rows: Row[]; actions: Row[] }, tally: Record<string, number>): void {
  const { rng } = ctx;
  const nowMs = ctx.now.getTime();
  const office = rng.pick(ctx.reporting);
  const own = ctx.staff.get(office.id);
  const coordinatorOffice = ctx.coordinatorOf(office.party);
  const coordinator = ctx.staff.get(coordinatorOffice?.id ?? '')?.coordinators[0] ?? null;
  const author = own?.officers[0] ?? null;
  const signer = own?.signers[0] ?? null;
  const starts = ctx.startMs + rng.next() * (nowMs + 90 * DAY - ctx.startMs);
  const ends = starts + rng.int(1, 3) * DAY - 3 * 3_600_000;
  const submitted = starts - rng.int(20, 60) * DAY;
  // Proposals of events still far ahead are drafts made by now.
  const created = Math.min(submitted - 3 * DAY, nowMs - rng.int(5, 600) * 60_000);
  const id = demoId(rng, created);
  const event: Row = {
    id,
    office_id: office.id,
    status: 'draft',
    type: rng.pick(TYPES),
    venue: rng.chance(0.5) ? 'abroad' : 'home',
    form: rng.chance(0.6) ? 'experience_exchange' : 'working_meetings',
    title: `Рабочая встреча по вопросам сотрудничества № ${i + 1}`,
    country: office.party === 'RU' ? 'Казахстан' : 'Россия',
    city: office.party === 'RU' ? 'Актобе' : 'Оренбург',
    time_zone: office.timeZone,
    starts_at: new Date(starts),
    ends_at: new Date(ends),
    counterpart_office_ids: rng.sample(office.partners, 1),
    participants: [{ side: 'own', fullName: personName(rng, office.party), position: 'прокурор' }],
    agenda: 'Обмен опытом; согласование порядка взаимодействия.',
    priority_areas: rng.sample(AREAS, rng.int(1, 2)),
    cost_arrangement: 'each_own',
    cost_terms: null,
    submitted_at: null,
    submitted_by: null,
    decision_action: null,
    decision_reason: null,
    decided_by: null,
    decided_at: null,
    report_due_at: null,
    report_due: null,
    report_outcomes: null,
    report_agreements: null,
    report_follow_up: null,
    reported_at: null,
    reported_by: null,
    // Every generated counterpart works in the system: no letters, no statements of theirs.
    counterpart_statements: null,
    created_by: author?.id ?? null,
    version: 1,
    created_at: new Date(created),
    updated_at: new Date(created),
  };
  const log: { action: Row; before: Row }[] = [];
  let last = created;
  const step = (
    at: number,
    action: string,
    to: string | null,
    actor: Staff | null,
    side: 'office' | 'coordinator',
    set: Row,
    details: Row | null,
    input: Row = {},
  ): boolean => {
    if (at > nowMs) return false;
    at = Math.max(at, last + 1000);
    log.push({
      before: { ...event },
      action: {
        id: demoId(rng, at),
        subject_type: 'event',
        subject_id: id,
        seq: log.length + 1,
        kind: action,
        at: new Date(at),
        actor_user_id: actor?.id ?? null,
        actor_office_id: side === 'office' ? office.id : (coordinatorOffice?.id ?? null),
        actor_party: office.party,
        actor_roles: rolesFor(action, side, actor),
        on_behalf_of_office_id: null,
        channel: 'system',
        from_status: action === 'create' ? null : event.status,
        to_status: to ?? event.status,
        input,
        changes: {},
        details,
      },
    });
    Object.assign(event, set);
    if (to) event.status = to;
    if (action !== 'create') {
      event.version = (event.version as number) + 1;
      event.updated_at = new Date(at);
    }
    last = at;
    return true;
  };

  step(created, 'create', null, author, 'office', {}, null, { title: event.title, type: event.type, venue: event.venue, city: event.city });
  const decideAt = submitted + 5 * DAY;
  if (
    step(submitted, 'submit', 'submitted', signer, 'office', { submitted_at: new Date(Math.max(submitted, last + 1000)), submitted_by: signer?.id ?? null }, {})
  ) {
    event.submitted_at = new Date(last);
    const r = rng.next();
    if (r < 0.04) {
      const reason = 'Участие признано нецелесообразным';
      step(
        decideAt,
        'reject',
        'rejected',
        coordinator,
        'coordinator',
        { decision_action: 'reject', decision_reason: reason, decided_by: coordinator?.id ?? null, decided_at: new Date(decideAt) },
        { reason },
        { reason },
      );
    } else if (r < 0.07) {
      const reason = 'Мероприятие перенесено принимающей стороной';
      step(submitted + 2 * DAY, 'cancel', 'cancelled', signer, 'office', {}, { reason }, { reason });
    } else if (!(ends > nowMs && rng.chance(0.2))) {
      const due = eventReportDeadline(new Date(ends), ctx.reportDays, office.timeZone);
      const approved = step(
        decideAt,
        'approve',
        'approved',
        coordinator,
        'coordinator',
        {
          decision_action: 'approve',
          decision_reason: null,
          decided_by: coordinator?.id ?? null,
          decided_at: new Date(decideAt),
          report_due_at: due.dueAt,
          report_due: { ...due, dueAt: due.dueAt.toISOString() },
        },
        { reportDue: { ...due, dueAt: due.dueAt.toISOString() } },
      );
      if (approved) {
        // Reports: nearly all once overdue, about half while still due.
        const reportedAt = ends + rng.int(1, ctx.reportDays) * DAY;
        const reports = due.dueAt.getTime() < nowMs ? rng.chance(0.95) : rng.chance(0.5);
        const outcomes = 'Проведена встреча, достигнуты договорённости об обмене сведениями.';
        if (
          reports &&
          step(reportedAt - 3_600_000, 'save_report', null, author, 'office', { report_outcomes: outcomes }, {}, { outcomes, agreements: null, followUp: null })
        ) {
          step(
            reportedAt,
            'submit_report',
            'reported',
            signer,
            'office',
            { reported_at: new Date(Math.max(reportedAt, last + 1000)), reported_by: signer?.id ?? null },
            { late: reportedAt >= due.dueAt.getTime() },
          );
        }
      }
    }
  }
  // What a step set before its own instant was known (submitted_at, reported_at) is that instant.
  log.forEach((entry, k) => {
    const after = log[k + 1]?.before ?? event;
    entry.action.changes = k === 0 ? { ...after } : changesBetween(entry.before, after);
    out.actions.push(entry.action);
  });
  tally[event.status as string] = (tally[event.status as string] ?? 0) + 1;
  out.rows.push(event);
}
