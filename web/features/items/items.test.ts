import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ItemView } from '../../api/types.ts';
import { loadResources } from '../../i18n/index.ts';
import { SendBody } from '../../../domain/schemas/items.ts';
import { issueText, zodFieldIssues } from '../../components/form-issues.ts';
import { countdown, deadlineEnd, deadlineRule, durationText, formatInZone } from './deadline.ts';
import { documentsOf, fileFloor, infoRoles, levelsFrom, needsPurpose, registrationDateOf, uploadRoles, withDateRule } from './item-rules.ts';

type Rules = Pick<
  ItemView,
  'kind' | 'status' | 'mode' | 'outcome' | 'side' | 'confidentiality' | 'isPublic' | 'contentVisible' | 'availableActions' | 'conditions'
>;
const outcome = (
  o: 'executed' | 'partially_executed' | 'refused',
  confidentiality: 'open' | 'official_use' | 'restricted' = 'official_use',
  contentVisible = true,
): ItemView['outcome'] => ({
  outcome: o,
  refusalGrounds: o === 'executed' ? [] : ['security'],
  reason: null,
  text: 'x',
  legalBasisApplied: null,
  confidentiality,
  contentVisible,
  at: '2026-03-10T05:00:00.000Z',
});
const noConditions: ItemView['conditions'] = { status: 'none', text: null, confidentiality: null, contentVisible: true };
const item = (over: Partial<Rules>): Rules => ({
  kind: 'request',
  status: 'draft',
  mode: 'written',
  outcome: null,
  side: 'sender',
  confidentiality: 'open',
  isPublic: false,
  contentVisible: true,
  availableActions: [],
  conditions: noConditions,
  ...over,
});

describe('item page: deadlines explain themselves', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    t = i18n.t;
  });

  it('A-8.2: the answer term names its rule, start, zone and last day', () => {
    const d = { start: '2026-03-02', rule: 'calendarDays:30', timeZone: 'Asia/Aqtobe', lastDay: '2026-04-01', dueAt: '2026-04-01T19:00:00.000Z' };
    expect(deadlineRule(t, d)).toBe('30 календарных дней с 02.03.2026, по времени Актобе (UTC+5)');
    expect(deadlineEnd(t, d)).toBe('по 01.04.2026 включительно');
  });

  it('A-6.2: the 72 hours of an oral request run from its recorded time, shown in the sender’s zone', () => {
    const d = { start: '2026-03-02T05:00:00.000Z', rule: 'hours:72', timeZone: 'Asia/Yekaterinburg', lastDay: '2026-03-05', dueAt: '2026-03-05T05:00:00.000Z' };
    expect(deadlineRule(t, d)).toBe('72 часа с 02.03.2026 10:00, по времени Екатеринбурга (UTC+5)');
    expect(deadlineEnd(t, d)).toBe('до 05.03.2026 10:00 по времени Екатеринбурга');
    expect(formatInZone('2026-03-02T05:00:00.000Z', 'Asia/Novosibirsk')).toBe('02.03.2026 12:00');
  });

  it('countdowns: time left, then how long overdue, in words with Russian plurals', () => {
    const now = Date.parse('2026-03-02T05:00:00.000Z');
    expect(countdown(t, '2026-03-04T10:00:00.000Z', now)).toEqual({ overdue: false, soon: false, text: 'осталось 2 дня 5 часов' });
    expect(countdown(t, '2026-03-02T08:30:00.000Z', now)).toEqual({ overdue: false, soon: true, text: 'осталось 3 часа 30 минут' });
    expect(countdown(t, '2026-03-01T05:00:00.000Z', now)).toEqual({ overdue: true, soon: false, text: 'просрочено на 1 день' });
    expect(durationText(t, 21 * 86_400_000)).toBe('21 день');
    expect(durationText(t, 60_000)).toBe('1 минуту');
  });
});

describe('item page: what is offered', () => {
  it('A-9.3: a request’s answer is received by the requester; a proposal by its addressee', () => {
    expect(infoRoles(item({ status: 'sent' }))).toEqual({ received: false, isRecipient: true, isProvider: false });
    expect(infoRoles(item({ status: 'executed', outcome: outcome('executed') })).received).toBe(true);
    expect(infoRoles(item({ status: 'refused', outcome: outcome('refused') })).received).toBe(false);
    expect(infoRoles(item({ kind: 'proposal', status: 'sent', side: 'receiver' }))).toEqual({ received: true, isRecipient: true, isProvider: false });
    expect(infoRoles(item({ side: null })).isProvider).toBe(false);
  });

  it('A-7.3: letters exist as the item goes: the request, a refusal notice, the outcome letter', () => {
    expect(documentsOf(item({}))).toEqual(['request']);
    expect(documentsOf(item({ outcome: outcome('partially_executed') }))).toEqual(['request', 'refusal', 'outcome']);
    expect(documentsOf(item({ outcome: outcome('executed') }))).toEqual(['request', 'outcome']);
    expect(documentsOf(item({ contentVisible: false }))).toEqual([]);
  });

  it('A-6.2: an oral request offers its written confirmation instead of the request letter; a held one the authenticity question', () => {
    expect(documentsOf(item({ mode: 'oral', status: 'sent' }))).toEqual(['confirmation']);
    expect(documentsOf(item({ status: 'on_hold' }))).toEqual(['request', 'authenticity']);
    expect(documentsOf(item({ mode: 'oral', status: 'refused', outcome: outcome('refused') }))).toEqual(['confirmation', 'refusal', 'outcome']);
  });

  it('A-9.1: a letter is offered only to one who may read every piece it carries (request, answer, conditions)', () => {
    expect(documentsOf(item({ outcome: outcome('refused', 'restricted', false) }))).toEqual(['request']);
    expect(
      documentsOf(item({ outcome: outcome('executed'), conditions: { status: 'accepted', text: null, confidentiality: 'restricted', contentVisible: false } })),
    ).toEqual(['request']);
  });

  it('A-9.2: a new answer, message or file is offered levels from its piece upwards, starting at it', () => {
    expect(levelsFrom('open')).toEqual(['open', 'official_use', 'restricted']);
    expect(levelsFrom('official_use')).toEqual(['official_use', 'restricted']);
    expect(fileFloor(item({ confidentiality: 'official_use' }), 'content')).toBe('official_use');
    expect(fileFloor(item({ outcome: outcome('executed', 'restricted') }), 'outcome')).toBe('restricted');
    expect(fileFloor(item({ confidentiality: 'official_use' }), 'outcome')).toBe('official_use');
  });

  it('A-9.3: exporting confidential information received asks for a purpose; one’s own text does not', () => {
    const answered = item({ status: 'executed', outcome: outcome('executed') });
    expect(needsPurpose(answered, 'request')).toBe(false);
    expect(needsPurpose(answered, 'outcome')).toBe(true);
    expect(needsPurpose({ ...answered, outcome: outcome('executed', 'open') }, 'outcome')).toBe(false);
    expect(needsPurpose({ ...answered, isPublic: true }, 'outcome')).toBe(false);
    expect(needsPurpose({ ...answered, side: 'receiver' }, 'outcome')).toBe(false);
    expect(needsPurpose(item({ kind: 'proposal', status: 'sent', side: 'receiver', confidentiality: 'official_use' }), 'request')).toBe(true);
  });

  it('A-6.4: content files only on an editable draft of the sender; the answer’s files by the receiver', () => {
    expect(uploadRoles(item({ availableActions: ['update', 'sign'] }))).toEqual(['content']);
    expect(uploadRoles(item({ status: 'sent' }))).toEqual([]);
    expect(uploadRoles(item({ status: 'consultation', side: 'receiver' }))).toEqual(['outcome', 'consultation']);
    expect(uploadRoles(item({ status: 'consultation', side: 'sender' }))).toEqual(['consultation']);
  });
});

describe('item dialogs: registration dates that can be true (O-3.3, P-4)', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    t = i18n.t;
  });
  const window = {
    timeZone: 'Asia/Yekaterinburg',
    min: '2026-03-01',
    minRule: 'date_before_draft' as const,
    max: '2026-03-10',
    gaps: [{ from: '2026-03-05', to: '2026-03-06', rule: 'date_no_direct_exchange' as const, reason: 'PAIRING_NOT_IN_FORCE' as const, officeCode: null }],
  };
  const dates = { outgoing: window, incoming: null };

  it('O-3.3 each action takes its own date and window; others take none', () => {
    expect(registrationDateOf({ registrationDates: dates }, 'send')).toEqual({ field: 'outgoingDate', window });
    expect(registrationDateOf({ registrationDates: dates }, 'confirm_in_writing')?.field).toBe('outgoingDate');
    expect(registrationDateOf({ registrationDates: dates }, 'register')).toBeNull();
    expect(registrationDateOf({ registrationDates: dates }, 'withdraw')).toBeNull();
  });

  it('O-1 P-5 the form refuses the days the server would, in words, with the registry’s reason', () => {
    const schema = withDateRule(SendBody, 'outgoingDate', window);
    const text = (outgoingDate: string) => {
      const r = schema.safeParse({ outgoingNumber: '7-1', outgoingDate, version: 1 });
      return r.success ? null : issueText(t, zodFieldIssues(r.error)[0]!);
    };
    expect(text('2026-03-04')).toBeNull();
    expect(text('2030-01-01')).toBe('Дата ещё не наступила: по времени прокуратуры сегодня 10.03.2026');
    expect(text('2009-06-23')).toBe('Дата раньше дня подготовки проекта документа (01.03.2026)');
    expect(text('2026-03-05')).toBe(
      'С 05.03.2026 по 06.03.2026 непосредственное взаимодействие с этой прокуратурой не допускалось: Пара не действует на эту дату',
    );
  });
});
