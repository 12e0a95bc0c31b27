import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from './access.ts';
import {
  counterpartActsInSystem,
  eventStatementIssues,
  eventStatementRefusal,
  eventStatementRoles,
  availableEventActions,
  EVENT_ACTIONS,
  EVENT_STATUSES,
  EVENT_LETTER_STATUSES,
  eventLetterIssues,
  eventLetterOffices,
  eventLetterRefusal,
  eventRefusalOf,
  eventReportDeadline,
  eventSideOf,
  eventStage,
  missingEventFields,
  nextEventStatus,
  participantsAfterLetter,
  statementsAfterLetter,
  type CounterpartStatement,
  type EventActor,
  type EventLetterContent,
  type EventContent,
  type EventState,
} from './events.ts';
import type { LetterRef } from './letters.ts';
import { instantOf, localDateTime } from './time.ts';

const office = (roles: Role[]): EventActor => ({ side: 'office', roles });
const coordinator: EventActor = { side: 'coordinator', roles: ['coordinator'] };
const state = (status: EventState['status'], more: Partial<EventState> = {}): EventState => ({
  status,
  ended: false,
  complete: true,
  reportComplete: true,
  ...more,
});

const complete: EventContent = {
  type: 'seminar',
  venue: 'abroad',
  form: 'experience_exchange',
  title: 'Семинар',
  country: 'Казахстан',
  city: 'Актобе',
  timeZone: 'Asia/Aqtobe',
  startsAt: new Date('2026-04-14T05:00:00Z'),
  endsAt: new Date('2026-04-15T12:00:00Z'),
  counterpartOfficeIds: ['x'],
  participants: [{ side: 'own', fullName: 'Иванов Иван', position: 'прокурор' }],
  agenda: 'Повестка',
  priorityAreas: ['drug_trafficking'],
  costArrangement: 'each_own',
  costTerms: null,
};

describe('events: the status machine (O-3.5)', () => {
  it('O-3.5 an officer prepares, only the head or a deputy submits; only the coordinator decides', () => {
    expect(eventRefusalOf(state('draft'), 'update', office(['officer']))).toBeNull();
    expect(eventRefusalOf(state('draft'), 'submit', office(['officer']))).toBe('ROLE_REQUIRED');
    expect(eventRefusalOf(state('draft'), 'submit', office(['deputy_head']))).toBeNull();
    expect(eventRefusalOf(state('submitted'), 'approve', office(['head']))).toBe('NOT_YOUR_SIDE');
    expect(eventRefusalOf(state('submitted'), 'approve', coordinator)).toBeNull();
    expect(eventRefusalOf(state('submitted'), 'reject', coordinator, {})).toBe('REASON_REQUIRED');
    expect(eventRefusalOf(state('submitted'), 'reject', coordinator, { reason: 'Нецелесообразно' })).toBeNull();
  });

  it('O-3.5 a proposal is submitted complete; a report only after the event and with its outcomes', () => {
    expect(eventRefusalOf(state('draft', { complete: false }), 'submit', office(['head']))).toBe('CONTENT_INCOMPLETE');
    expect(eventRefusalOf(state('approved', { ended: false }), 'save_report', office(['officer']))).toBe('NOT_ENDED');
    expect(eventRefusalOf(state('approved', { ended: true }), 'save_report', office(['officer']))).toBeNull();
    expect(eventRefusalOf(state('approved', { ended: true, reportComplete: false }), 'submit_report', office(['head']))).toBe('REPORT_INCOMPLETE');
    expect(nextEventStatus('approved', 'submit_report')).toBe('reported');
    expect(nextEventStatus('reported', 'return_report')).toBe('approved');
  });

  it('O-3.5 nobody outside the office and its coordinator acts, and leadership only reads (O-6)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EVENT_STATUSES), fc.constantFrom(...EVENT_ACTIONS), fc.boolean(), (status, action, ended) => {
        expect(eventRefusalOf(state(status, { ended }), action, { side: null, roles: ['leadership'] }, { reason: 'причина' })).not.toBeNull();
        expect(availableEventActions(state(status, { ended }), { side: null, roles: ['leadership', 'coordinator'] })).toEqual([]);
      }),
    );
  });

  it('O-3.5 rejected, cancelled and reported events are final for the office; every offered action is one the table allows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EVENT_STATUSES),
        fc.boolean(),
        fc.constantFrom<EventActor>(office(['officer']), office(['head']), office(['deputy_head']), coordinator),
        (status, ended, actor) => {
          const offered = availableEventActions(state(status, { ended }), actor);
          for (const a of offered) expect(eventRefusalOf(state(status, { ended }), a, actor, { reason: 'причина' })).toBeNull();
          if (['rejected', 'cancelled'].includes(status)) expect(offered).toEqual([]);
          if (status === 'reported') expect(offered).toEqual(actor.side === 'coordinator' ? ['return_report'] : []);
        },
      ),
    );
  });

  it('O-3.5 the side: staff of the proposing office, or a coordinator of its Party only', () => {
    const ev = { officeId: 'ore', party: 'RU' };
    expect(eventSideOf({ officeId: 'ore', party: 'RU', roles: ['officer'] }, ev)).toBe('office');
    expect(eventSideOf({ officeId: 'oms', party: 'RU', roles: ['officer'] }, ev)).toBeNull();
    expect(eventSideOf({ officeId: 'gumps', party: 'RU', roles: ['coordinator'] }, ev)).toBe('coordinator');
    expect(eventSideOf({ officeId: 'dms', party: 'KZ', roles: ['coordinator'] }, ev)).toBeNull();
  });
});

describe('events: content and deadlines (O-3.5, A-10, A-11)', () => {
  it('O-3.5 a proposal names type, place, dates, counterparts, participants of its own side, agenda and areas; agreed costs need their terms (A-10)', () => {
    expect(missingEventFields(complete)).toEqual([]);
    expect(missingEventFields({ ...complete, participants: [{ side: 'counterpart', fullName: 'Серикбаев', position: '' }] })).toEqual(['participants']);
    expect(missingEventFields({ ...complete, costArrangement: 'agreed', costTerms: ' ' })).toEqual(['costTerms']);
    expect(missingEventFields({ ...complete, counterpartOfficeIds: [], agenda: '' })).toEqual(['counterpartOfficeIds', 'agenda']);
  });

  it('O-3.5 the report is due N days after the day the event ends in the reporting office’s zone (UTC+3 … UTC+7)', () => {
    // Ends 23:30 in Aktobe on 15.04 = 15.04 18:30 UTC: still 15.04 in Moscow (21:30), already 16.04 in Omsk (00:30) and Barnaul (01:30).
    const endsAt = instantOf('2026-04-15T23:30', 'Asia/Aqtobe');
    expect(eventReportDeadline(endsAt, 10, 'Europe/Moscow')).toMatchObject({
      start: '2026-04-15',
      lastDay: '2026-04-25',
      dueAt: new Date('2026-04-25T21:00:00Z'),
    });
    expect(eventReportDeadline(endsAt, 10, 'Asia/Omsk')).toMatchObject({ start: '2026-04-16', lastDay: '2026-04-26', dueAt: new Date('2026-04-26T18:00:00Z') });
    expect(eventReportDeadline(endsAt, 10, 'Asia/Barnaul')).toMatchObject({
      start: '2026-04-16',
      lastDay: '2026-04-26',
      dueAt: new Date('2026-04-26T17:00:00Z'),
    });
    // Across a year end and a leap day.
    expect(eventReportDeadline(instantOf('2027-12-28T12:00', 'Asia/Yekaterinburg'), 10, 'Asia/Yekaterinburg').lastDay).toBe('2028-01-07');
    expect(eventReportDeadline(instantOf('2028-02-20T12:00', 'Asia/Yekaterinburg'), 10, 'Asia/Yekaterinburg').lastDay).toBe('2028-03-01');
  });

  it('O-3.5 the stage of an approved event: planned, awaiting the report, report overdue', () => {
    const endsAt = new Date('2026-04-15T12:00:00Z');
    const reportDueAt = new Date('2026-04-25T19:00:00Z');
    expect(eventStage({ status: 'approved', endsAt, reportDueAt }, new Date('2026-04-15T11:59:59Z'))).toBe('planned');
    expect(eventStage({ status: 'approved', endsAt, reportDueAt }, endsAt)).toBe('awaiting_report');
    expect(eventStage({ status: 'approved', endsAt, reportDueAt }, reportDueAt)).toBe('report_overdue');
    expect(eventStage({ status: 'reported', endsAt, reportDueAt }, reportDueAt)).toBeNull();
  });

  it('A-11 times are entered at the place: a wall-clock time and its zone name one instant, and read back the same', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Almaty', 'Asia/Aqtobe', 'Asia/Qostanay', 'Asia/Barnaul'),
        (d, zone) => {
          const minute = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
          expect(instantOf(localDateTime(minute, zone), zone).getTime()).toBe(minute.getTime());
        },
      ),
    );
  });
});

describe('events: letters of counterparts off the system (issue 10, part 3)', () => {
  const akt = { id: 'akt', hosting: 'off_system' as const };
  const peer = { id: 'kus', hosting: 'peer' as const };
  const here = { id: 'vos', hosting: 'here' as const };
  const ids = ['akt', 'kus', 'vos'];
  const ask = (s: EventState, actor: EventActor, office?: { id: string; hosting: 'here' | 'peer' | 'off_system' }, statement = false) =>
    eventLetterRefusal({ state: s, actor, counterpartOfficeIds: ids, office, statement });

  it('O-3.5 the event office’s staff record a letter once the event is approved, also after the report; not the coordinator, nor before approval or after a rejection or cancellation', () => {
    for (const status of EVENT_STATUSES) {
      const allowed = EVENT_LETTER_STATUSES.includes(status);
      expect(ask(state(status), office(['officer']), akt), status).toBe(allowed ? null : 'NOT_ALLOWED_IN_STATUS');
    }
    expect(EVENT_LETTER_STATUSES).toEqual(['approved', 'reported']);
    expect(ask(state('approved'), coordinator, akt)).toBe('NOT_YOUR_SIDE');
    expect(ask(state('approved'), { side: null, roles: ['leadership'] }, akt)).toBe('NOT_YOUR_SIDE');
    expect(ask(state('approved'), office(['auditor']), akt)).toBe('ROLE_REQUIRED');
  });

  it('O-3.5 only a counterpart of the event that is not hosted here; its statement of the outcomes after the event', () => {
    expect(ask(state('approved'), office(['head']), peer)).toBeNull();
    expect(ask(state('approved'), office(['head']), here)).toBe('COUNTERPART_IN_SYSTEM');
    expect(ask(state('approved'), office(['head']), { id: 'other', hosting: 'off_system' })).toBe('NOT_A_COUNTERPART');
    expect(ask(state('approved'), office(['officer']), akt, true)).toBe('NOT_ENDED');
    expect(ask(state('approved', { ended: true }), office(['officer']), akt, true)).toBeNull();
    // Before the body is read: who and when only.
    expect(ask(state('approved'), office(['officer']))).toBeNull();
    expect(eventLetterOffices(state('approved'), office(['officer']), [akt, peer, here]).map((o) => o.id)).toEqual(['akt', 'kus']);
    expect(eventLetterOffices(state('draft'), office(['officer']), [akt, peer, here])).toEqual([]);
  });

  it('O-3.5 a letter gives its number and scan (not a call), a date not after today, says something; a statement is written, signed and states the outcomes', () => {
    const letter: LetterRef = { channel: 'email', number: '2-15/1', date: '2026-03-05', signerName: null, signerPosition: null };
    const c = (more: Partial<EventLetterContent>, l: Partial<LetterRef> = {}): EventLetterContent => ({
      letter: { ...letter, ...l },
      participants: [{ fullName: 'Жумабеков', position: 'прокурор' }],
      statement: null,
      ...more,
    });
    const rules = (content: EventLetterContent, scans = 1) => eventLetterIssues(content, '2026-03-06', scans).map((i) => `${i.field} ${i.rule}`);
    expect(rules(c({}))).toEqual([]);
    expect(rules(c({}, { number: ' ' }), 0)).toEqual(['body.letter.number required', 'body.file scan_required']);
    expect(rules(c({}, { channel: 'phone', number: null }), 0)).toEqual([]);
    expect(rules(c({}, { date: '2026-03-07' }))).toEqual(['body.letter.date date_in_future']);
    expect(eventLetterIssues(c({}, { date: '2026-03-07' }), '2026-03-06', 1)[0]!.params).toEqual({ limit: '2026-03-06' });
    expect(rules(c({ participants: [] }))).toEqual(['body.participants letter_content']);
    const statement = { outcomes: 'Итоги', agreements: null };
    expect(rules(c({ participants: [], statement }))).toEqual(['body.letter.signerName required', 'body.letter.signerPosition required']);
    expect(rules(c({ participants: [], statement }, { signerName: 'Е. Жумабеков', signerPosition: 'прокурор' }))).toEqual([]);
    expect(rules(c({ statement: { outcomes: ' ', agreements: 'x' } }, { channel: 'phone', number: null, signerName: 'Е.', signerPosition: 'п' }))).toEqual([
      'body.letter.channel letter_in_writing',
      'body.statement.outcomes required',
    ]);
  });

  it('O-3.5 a later letter of an office replaces the participants and the statement its earlier letters gave; others stay', () => {
    const own = { side: 'own' as const, fullName: 'Иванов', position: 'прокурор' };
    const proposed = { side: 'counterpart' as const, fullName: 'Оспанов', position: 'заместитель' };
    const first = participantsAfterLetter([own, proposed], 'akt', [
      { fullName: 'А', position: 'a' },
      { fullName: 'Б', position: 'b' },
    ]);
    expect(first).toEqual([
      own,
      proposed,
      { side: 'counterpart', fullName: 'А', position: 'a', officeId: 'akt' },
      { side: 'counterpart', fullName: 'Б', position: 'b', officeId: 'akt' },
    ]);
    const other = participantsAfterLetter(first, 'kus', [{ fullName: 'В', position: 'c' }]);
    const again = participantsAfterLetter(other, 'akt', [{ fullName: 'Г', position: 'd' }]);
    expect(again.map((p) => p.fullName)).toEqual(['Иванов', 'Оспанов', 'В', 'Г']);
    expect(participantsAfterLetter(again, 'akt', [])).toEqual(again);

    const letter = { channel: 'letter' as const, number: '1', date: '2026-04-17', signerName: 'Е.', signerPosition: 'прокурор' };
    const st = (officeId: string, outcomes: string): CounterpartStatement => ({ officeId, outcomes, agreements: null, letter });
    const list = statementsAfterLetter(statementsAfterLetter(null, st('akt', 'первые')), st('kus', 'Костанай'));
    expect(statementsAfterLetter(list, st('akt', 'уточнённые')).map((x) => `${x.officeId}:${x.outcomes}`)).toEqual(['akt:уточнённые', 'kus:Костанай']);
  });
});

describe('events: counterparts at a peer node act through the exchange (issue 12)', () => {
  const ids = ['akt', 'kus'];
  const ask = (s: EventState, officeId: string, roles: Role[], statement = false) =>
    eventStatementRefusal({ state: s, actor: { officeId, roles }, counterpartOfficeIds: ids, statement });

  it('O-3.5 A-6.1 a counterpart office’s staff state participants on an approved (or reported) event; the outcomes after its end, by the head or a deputy (A-6.4)', () => {
    for (const status of EVENT_STATUSES) {
      const allowed = EVENT_LETTER_STATUSES.includes(status);
      expect(ask(state(status), 'akt', ['officer']), status).toBe(allowed ? null : 'NOT_ALLOWED_IN_STATUS');
    }
    expect(ask(state('approved'), 'other', ['head'])).toBe('NOT_YOUR_SIDE');
    expect(ask(state('approved'), 'akt', ['auditor'])).toBe('NOT_YOUR_SIDE');
    expect(ask(state('approved', { ended: true }), 'akt', ['officer'], true)).toBe('ROLE_REQUIRED');
    expect(ask(state('approved'), 'akt', ['deputy_head'], true)).toBe('NOT_ENDED');
    expect(ask(state('approved', { ended: true }), 'kus', ['deputy_head'], true)).toBeNull();
    expect(ask(state('reported', { ended: true }), 'akt', ['head'], true)).toBeNull();
    expect(eventStatementRoles(['officer', 'head'], true)).toEqual(['head']);
    expect(eventStatementRoles(['officer', 'head'], false)).toEqual(['officer', 'head']);
  });

  it('O-3.5 what it states says something, and a statement states the outcomes', () => {
    expect(eventStatementIssues({ participants: [], statement: null }).map((i) => i.field)).toEqual(['body.participants']);
    expect(eventStatementIssues({ participants: [], statement: { outcomes: ' ', agreements: 'x' } }).map((i) => i.field)).toEqual(['body.statement.outcomes']);
    expect(eventStatementIssues({ participants: [{ fullName: 'А', position: '' }], statement: null })).toEqual([]);
  });

  it('O-3.5 a peer-hosted counterpart acts in the system once the event went to its node: its letters are then refused', () => {
    expect(counterpartActsInSystem({ id: 'akt', hosting: 'peer' })).toBe(false);
    expect(counterpartActsInSystem({ id: 'akt', hosting: 'peer', viaExchange: true })).toBe(true);
    expect(counterpartActsInSystem({ id: 'akt', hosting: 'off_system', viaExchange: true })).toBe(false);
    expect(counterpartActsInSystem({ id: 'akt', hosting: 'here' })).toBe(true);
    const refusal = eventLetterRefusal({
      state: state('approved'),
      actor: office(['officer']),
      counterpartOfficeIds: ['akt'],
      office: { id: 'akt', hosting: 'peer', viaExchange: true },
    });
    expect(refusal).toBe('COUNTERPART_IN_SYSTEM');
  });
});
