import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_ACTIONS, EVENT_FORMS, EVENT_MANDATORY, EVENT_STATUSES, EVENT_TYPES, EVENT_VENUES } from '../../../domain/events.ts';
import { EventStage } from '../../../domain/schemas/events.ts';
import { LOCALES } from '../../../domain/schemas/common.ts';
import { loadResources } from '../../i18n/index.ts';
import { eventDocuments, eventUploadRoles, missingInDraft, peerCopyView, peerStatementBody } from './event-rules.ts';
import {
  calendarRange,
  eventDays,
  formatLocal,
  offsetText,
  parseMonth,
  periodText,
  reportDueEnd,
  reportDueRule,
  zoneOffsetAt,
  zoneText,
} from './event-time.ts';
import { EVENT_ACTION_PATHS, REASON_ACTIONS } from './useEvents.ts';

const resources = loadResources() as Record<string, Record<string, Record<string, unknown>>>;
const at = (lng: string, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), resources[lng]?.events);

describe('events: times are the place’s wall clock, with its zone', () => {
  it('O-3.5: local times read as DD.MM.YYYY HH:mm, a one-day event shows its hours once', () => {
    expect(formatLocal('2026-11-12T10:00')).toBe('12.11.2026 10:00');
    expect(periodText('2026-11-12T10:00', '2026-11-12T18:30')).toBe('12.11.2026 10:00–18:30');
    expect(periodText('2026-11-12T10:00', '2026-11-13T13:00')).toBe('12.11.2026 10:00 – 13.11.2026 13:00');
    expect(periodText(null, null)).toBe('—');
  });

  it('offsets read as UTC+5, with the zone named', () => {
    expect(offsetText('+05:00')).toBe('+5');
    expect(offsetText('+05:30')).toBe('+5:30');
    expect(offsetText('-03:00')).toBe('-3');
    expect(zoneOffsetAt('Asia/Aqtobe', '2026-11-12T05:00:00.000Z')).toBe('+05:00');
    expect(zoneOffsetAt('Europe/Samara', '2026-11-12T05:00:00.000Z')).toBe('+04:00');
  });

  it('an event is on every day from its first to its last local day; the calendar asks for the whole grid', () => {
    expect(eventDays('2026-11-30T22:00', '2026-12-02T01:00')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(eventDays('2026-11-12T10:00', null)).toEqual(['2026-11-12']);
    expect(eventDays(null, '2026-11-12T10:00')).toEqual([]);
    expect(calendarRange('2026-11')).toEqual({ from: '2026-10-25', to: '2026-12-14' });
    expect(parseMonth('2026-11')).toBe('2026-11');
    expect(parseMonth('2026-13')).toBeNull();
  });
});

describe('events: the report deadline explains itself', () => {
  let t: TFunction;
  let kk: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    t = i18n.t;
    kk = i18n.getFixedT('kk');
  });

  it('O-3.5: ten days after the end, in the reporting office’s zone', () => {
    const d = { start: '2026-11-13', rule: 'calendarDays:10', timeZone: 'Asia/Yekaterinburg', lastDay: '2026-11-23', dueAt: '2026-11-23T19:00:00.000Z' };
    expect(reportDueRule(t, d)).toBe('Срок: 10 календарных дней после окончания мероприятия (13.11.2026), по времени Екатеринбурга (UTC+5)');
    expect(reportDueEnd(t, d)).toBe('Отчёт — по 23.11.2026 включительно');
    expect(reportDueRule(t, { ...d, rule: 'calendarDays:1' })).toMatch(/^Срок: 1 календарный день после/);
    expect(reportDueRule(kk, d)).toBe('Мерзімі: іс-шара аяқталғаннан (13.11.2026) кейін 10 күнтізбелік күн, Екатеринбург (UTC+5) уақыты бойынша');
  });
});

describe('events: a zone is named by its city in the reader’s language', () => {
  it('the city and the offset, never the IANA id', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    expect(zoneText(i18n.t, 'Asia/Aqtobe', '+05:00')).toBe('Актобе, UTC+5');
    expect(zoneText(i18n.getFixedT('kk'), 'Asia/Aqtobe', '+05:00')).toBe('Ақтөбе, UTC+5');
    expect(zoneText(i18n.getFixedT('en'), 'Asia/Oral', '+05:00')).toBe('Oral, UTC+5');
    // A zone outside the table: its city, not the id.
    expect(zoneText(i18n.t, 'America/New_York', '-05:00')).toBe('New York, UTC-5');
  });
});

describe('events: what the page offers', () => {
  it('O-3.5: proposal files while the proposal is editable, report files while the report is written, none for the coordinator', () => {
    expect(eventUploadRoles({ side: 'office', availableActions: ['update', 'submit'] })).toEqual(['proposal']);
    expect(eventUploadRoles({ side: 'office', availableActions: ['save_report'] })).toEqual(['report']);
    expect(eventUploadRoles({ side: 'coordinator', availableActions: ['approve'] })).toEqual([]);
  });

  it('the report DOCX exists once a report is written', () => {
    const report = { outcomes: null, agreements: null, followUp: null, reportedAt: null, reportedBy: null };
    expect(eventDocuments({ status: 'approved', report })).toEqual(['proposal']);
    expect(eventDocuments({ status: 'approved', report: { ...report, outcomes: 'Итоги' } })).toEqual(['proposal', 'report']);
    expect(eventDocuments({ status: 'reported', report })).toEqual(['proposal', 'report']);
  });

  it('O-3.5: the form names what a proposal lacks, by the domain’s rule', () => {
    expect(missingInDraft({})).toEqual([...EVENT_MANDATORY]);
    const full = {
      type: 'seminar',
      venue: 'abroad',
      form: 'experience_exchange',
      title: 'Семинар',
      country: 'Республика Казахстан',
      city: 'Актобе',
      timeZone: 'Asia/Aqtobe',
      startsLocal: '2026-11-12T10:00',
      endsLocal: '2026-11-12T18:00',
      counterpartOfficeCodes: ['KZ-AKT'],
      participants: [{ side: 'counterpart', fullName: 'Ахметов А.А.', position: '' }],
      agenda: 'Вопросы',
      priorityAreas: ['drug_trafficking'],
      costArrangement: 'agreed',
    };
    // Only counterpart participants and agreed costs without terms: both named.
    expect(missingInDraft(full)).toEqual(['participants', 'costTerms']);
    expect(missingInDraft({ ...full, participants: [...full.participants, { side: 'own', fullName: 'Иванов И.И.' }], costArrangement: 'each_own' })).toEqual(
      [],
    );
  });

  it('every action but the edit and the report form has its path; the reason actions are those of the domain', () => {
    expect(Object.keys(EVENT_ACTION_PATHS).sort()).toEqual(EVENT_ACTIONS.filter((a) => a !== 'update' && a !== 'save_report').sort());
    expect([...REASON_ACTIONS].sort()).toEqual(['cancel', 'reject', 'return', 'return_report']);
  });
});

describe('events: labels in every language', () => {
  const groups: [string, readonly string[]][] = [
    ['types', EVENT_TYPES],
    ['venues', EVENT_VENUES],
    ['venuesShort', EVENT_VENUES],
    ['statuses', EVENT_STATUSES],
    ['stages', EventStage.options],
    ['actions', EVENT_ACTIONS],
    ['done', EVENT_ACTIONS],
    ['timeline.actions', EVENT_ACTIONS],
    ['actionOk', Object.keys(EVENT_ACTION_PATHS)],
    ['dialogs', Object.keys(EVENT_ACTION_PATHS)],
    ['mandatory', [...EVENT_MANDATORY, 'costTerms']],
    ['decision.actions', ['approve', 'return', 'reject', 'cancel', 'return_report']],
  ];
  for (const [group, values] of groups) {
    it(`events:${group} labels every value`, () => {
      for (const lng of LOCALES) for (const v of values) expect(at(lng, `${group}.${v}`), `${lng} events:${group}.${v}`).toBeTruthy();
    });
  }

  it('the event forms reuse the items’ labels of forms 2 and 3', () => {
    for (const lng of LOCALES) for (const f of EVENT_FORMS) expect((resources[lng]?.items?.formsShort as Record<string, string> | undefined)?.[f]).toBeTruthy();
  });
});

describe('events: a peer’s joint event on the counterpart’s node (issue 12)', () => {
  it('O-3.5 A-6.1 the copy hides the proposing Party’s procedure and offers the counterpart what it may state now', () => {
    expect(peerCopyView({ peerCopy: false, statement: null })).toEqual({ internal: true, participants: false, outcomes: false });
    expect(peerCopyView({ peerCopy: true, statement: null })).toEqual({ internal: false, participants: false, outcomes: false });
    expect(peerCopyView({ peerCopy: true, statement: { officeCode: 'KZ-AKT', participants: true, outcomes: false } })).toEqual({
      internal: false,
      participants: true,
      outcomes: false,
    });
    expect(peerCopyView({ peerCopy: true, statement: { officeCode: 'KZ-AKT', participants: true, outcomes: true } }).outcomes).toBe(true);
  });

  it('O-3.5 the statement’s body: blank rows are no participants; no outcomes nor agreements, no statement', () => {
    expect(peerStatementBody({ participants: [{ fullName: ' ' }, undefined, { fullName: 'Жумабеков Е. М.', position: 'прокурор' }] })).toEqual({
      participants: [{ fullName: 'Жумабеков Е. М.', position: 'прокурор' }],
      statement: null,
    });
    expect(peerStatementBody({ statement: { outcomes: 'Итоги', agreements: '  ' } })).toEqual({
      participants: [],
      statement: { outcomes: 'Итоги', agreements: null },
    });
  });

  it('the copy’s texts exist in every language', () => {
    for (const lng of LOCALES) {
      for (const key of [
        'peer.tag',
        'peer.title',
        'peer.description',
        'peer.cardTitle',
        'peer.ok',
        'peer.statementLater',
        'letters.kinds.peer',
        'letters.refPeer',
        'timeline.actions.peer_copy',
      ])
        expect(at(lng, key), `${lng} ${key}`).toEqual(expect.any(String));
    }
  });
});
