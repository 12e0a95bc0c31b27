import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ItemView } from '../../api/types.ts';
import { loadResources } from '../../i18n/index.ts';
import { countdown, deadlineEnd, deadlineRule, durationText, formatInZone } from './deadline.ts';
import { documentsOf, fileFloor, infoRoles, levelsFrom, needsPurpose, uploadRoles } from './item-rules.ts';

type Rules = Pick<ItemView, 'kind' | 'status' | 'outcome' | 'side' | 'confidentiality' | 'isPublic' | 'contentVisible' | 'availableActions' | 'conditions'>;
const outcome = (o: 'executed' | 'partially_executed' | 'refused', confidentiality: 'open' | 'official_use' | 'restricted' = 'official_use', contentVisible = true): ItemView['outcome'] => ({
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
const item = (over: Partial<Rules>): Rules => ({ kind: 'request', status: 'draft', outcome: null, side: 'sender', confidentiality: 'open', isPublic: false, contentVisible: true, availableActions: [], conditions: noConditions, ...over });

describe('item page: deadlines explain themselves', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    t = i18n.t;
  });

  it('A-8.2: the answer term names its rule, start, zone and last day', () => {
    const d = { start: '2026-03-02', rule: 'calendarDays:30', timeZone: 'Asia/Aqtobe', lastDay: '2026-04-01', dueAt: '2026-04-01T19:00:00.000Z' };
    expect(deadlineRule(t, d)).toBe('30 календарных дней с 02.03.2026, часовой пояс Asia/Aqtobe (UTC+5)');
    expect(deadlineEnd(t, d)).toBe('по 01.04.2026 включительно');
  });

  it('A-6.2: the 72 hours of an oral request run from its recorded time, shown in the sender’s zone', () => {
    const d = { start: '2026-03-02T05:00:00.000Z', rule: 'hours:72', timeZone: 'Asia/Yekaterinburg', lastDay: '2026-03-05', dueAt: '2026-03-05T05:00:00.000Z' };
    expect(deadlineRule(t, d)).toBe('72 часа с 02.03.2026 10:00, часовой пояс Asia/Yekaterinburg (UTC+5)');
    expect(deadlineEnd(t, d)).toBe('до 05.03.2026 10:00 (Asia/Yekaterinburg)');
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

  it('A-9.1: a letter is offered only to one who may read every piece it carries (request, answer, conditions)', () => {
    expect(documentsOf(item({ outcome: outcome('refused', 'restricted', false) }))).toEqual(['request']);
    expect(documentsOf(item({ outcome: outcome('executed'), conditions: { status: 'accepted', text: null, confidentiality: 'restricted', contentVisible: false } }))).toEqual(['request']);
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
