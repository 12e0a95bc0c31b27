import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NotificationView } from '../../api/types.ts';
import { loadResources } from '../../i18n/index.ts';
import { notificationText } from './notification-text.ts';

/** The kinds the server sends, read from its source (as web/i18n/i18n.test.ts does). */
const source =
  Object.values(
    import.meta.glob<string>('../../../server/modules/notifications/notifications.service.ts', { eager: true, query: '?raw', import: 'default' }),
  )[0] ?? '';
const KINDS = [...(/NOTIFICATION_KINDS = \[([\s\S]*?)\] as const/.exec(source)?.[1] ?? '').matchAll(/'([a-z_.]+)'/g)].map((m) => m[1]!);

const note = (payload: Record<string, unknown>): NotificationView => ({
  id: 'n1',
  kind: 'file.damaged',
  officeId: null,
  subjectType: 'attachment',
  subjectId: 'a1',
  payload: { ...payload, link: '/admin/files' },
  createdAt: '2026-03-02T05:00:00.000Z',
  readAt: null,
});
const officeName = { ru: 'Прокуратура Оренбургской области', kk: 'Орынбор облысының прокуратурасы', en: 'Orenburg Region Prosecutor’s Office' };

/** One i18n instance per language, for both groups of tests. */
const t: Record<string, TFunction> = {};
beforeAll(async () => {
  for (const lng of ['ru', 'kk', 'en']) {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng, fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    t[lng] = i18n.t;
  }
});

describe('notifications: a damaged stored file', () => {
  it('security: tells the administrators which document or event, office and attachment, in their language', () => {
    const item = note({ context: 'item', number: 42, officeCode: 'RU-ORE', officeName, attachmentId: '0190-a' });
    const event = note({ context: 'event', number: 7, officeCode: 'RU-ORE', officeName, attachmentId: '0190-b' });
    expect(notificationText(t.ru!, item, 'ru')).toBe(
      'Файл на сервере повреждён или отсутствует: вложение 0190-a к документу № 42 (Прокуратура Оренбургской области).',
    );
    expect(notificationText(t.ru!, event, 'ru')).toBe(
      'Файл на сервере повреждён или отсутствует: вложение 0190-b к мероприятию № 7 (Прокуратура Оренбургской области).',
    );
    expect(notificationText(t.kk!, item, 'kk')).toContain('№ 42 құжаттың 0190-a қосымшасы (Орынбор облысының прокуратурасы)');
    expect(notificationText(t.en!, event, 'en')).toBe(
      'A file on the server is damaged or missing: attachment 0190-b of event No. 7 (Orenburg Region Prosecutor’s Office).',
    );
  });
});

describe('notifications: every kind reads as a sentence', () => {
  const akt = { ru: 'Прокуратура Актюбинской области', kk: 'Ақтөбе облысының прокуратурасы', en: 'Aktobe Region Prosecutor’s Office' };
  const payload = {
    officeName: akt,
    number: 2,
    itemKind: 'request',
    outcome: 'refused',
    decision: 'granted',
    title: 'Семинар',
    year: 2026,
    code: 'AGREEMENT-2009',
    lastDayInForce: '2027-01-31',
    changeKind: 'designated',
    effectiveFrom: '2026-03-02',
    attachmentId: '0190-a',
    peer: 'ru-node',
    kid: 'Xq3bT9kLm2Pa',
  };

  it('in ru, kk and en: no code, no missing word, a full stop at the end', () => {
    expect(KINDS.length).toBeGreaterThan(30);
    for (const lng of ['ru', 'kk', 'en'] as const) {
      for (const kind of KINDS) {
        const text = notificationText(t[lng]!, { ...note(payload), kind }, lng);
        expect(text, `${lng} ${kind}`).toMatch(/[.]$/);
        expect(text, `${lng} ${kind}`).not.toMatch(/\{\{|notifications:|AGREEMENT-|_/);
      }
    }
  });

  it('A-7.3 A-8.2 an outcome, a consent and a condition are told as sentences', () => {
    const text = (kind: string, p: Record<string, unknown> = {}, lng: 'ru' | 'kk' | 'en' = 'ru') =>
      notificationText(t[lng]!, { ...note({ ...payload, ...p }), kind }, lng);
    expect(text('item.outcome')).toBe('Прокуратура Актюбинской области сообщила результат рассмотрения запроса № 2: в исполнении отказано.');
    expect(text('item.outcome', {}, 'en')).toBe('Aktobe Region Prosecutor’s Office has reported the outcome of request No. 2: execution refused.');
    expect(text('item.consent_decided')).toBe('Прокуратура Актюбинской области дала согласие на иное использование сведений по запросу № 2.');
    expect(text('item.conditions_decided', { accepted: false, itemKind: 'proposal' })).toBe(
      'Прокуратура Актюбинской области отклонила предложенные условия исполнения инициативного предложения № 2.',
    );
    expect(text('legal_basis.termination')).toBe(
      'Зарегистрировано уведомление о прекращении действия Соглашения 2009 г.; последний день действия — 31.01.2027.',
    );
    expect(text('item.received', {}, 'kk')).toBe('Ақтөбе облысының прокуратурасы Сізге № 2 сұрау салуды жіберді.');
    expect(text('contact.changed', { backdatedDays: 30 })).toBe(
      'Прокуратура Актюбинской области сообщает об изменении контактных лиц (назначено) с 02.03.2026 — внесено задним числом, на 30 дней позже указанной даты.',
    );
  });
});
