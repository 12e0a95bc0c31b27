import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NotificationView } from '../../api/types.ts';
import { loadResources } from '../../i18n/index.ts';
import { notificationText } from './notification-text.ts';

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

describe('notifications: a damaged stored file', () => {
  const t: Record<string, TFunction> = {};
  beforeAll(async () => {
    for (const lng of ['ru', 'kk', 'en']) {
      const i18n = i18next.createInstance();
      await i18n.init({ resources: loadResources(), lng, fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
      t[lng] = i18n.t;
    }
  });

  it('security: tells the administrators which document or event, office and attachment, in their language', () => {
    const item = note({ context: 'item', number: 42, officeCode: 'RU-ORE', officeName, attachmentId: '0190-a' });
    const event = note({ context: 'event', number: 7, officeCode: 'RU-ORE', officeName, attachmentId: '0190-b' });
    expect(notificationText(t.ru!, item, 'ru')).toBe(
      'Файл на сервере повреждён или отсутствует: вложение 0190-a к документу № 42 (Прокуратура Оренбургской области)',
    );
    expect(notificationText(t.ru!, event, 'ru')).toBe(
      'Файл на сервере повреждён или отсутствует: вложение 0190-b к мероприятию № 7 (Прокуратура Оренбургской области)',
    );
    expect(notificationText(t.kk!, item, 'kk')).toContain('№ 42 құжаттың 0190-a қосымшасы (Орынбор облысының прокуратурасы)');
    expect(notificationText(t.en!, event, 'en')).toBe(
      'A file on the server is damaged or missing: attachment 0190-b of event No. 7 (Orenburg Region Prosecutor’s Office)',
    );
  });
});
