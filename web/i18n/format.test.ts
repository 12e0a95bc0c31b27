import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { legalBasisName, userName, zoneCity } from './format.ts';
import { loadResources } from './index.ts';

describe('names shown in the reader’s language', () => {
  const t: Record<string, TFunction> = {};
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    for (const lng of ['ru', 'kk', 'en']) t[lng] = i18n.getFixedT(lng);
  });

  it('a time zone is its city: the Russian genitive after «по времени», the name alone elsewhere', () => {
    expect(zoneCity(t.ru!, 'Asia/Yekaterinburg')).toBe('Екатеринбурга');
    expect(zoneCity(t.ru!, 'Asia/Yekaterinburg', 'name')).toBe('Екатеринбург');
    expect(zoneCity(t.kk!, 'Asia/Aqtobe')).toBe('Ақтөбе');
    expect(zoneCity(t.en!, 'Europe/Samara')).toBe('Samara');
    expect(zoneCity(t.ru!, 'America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });

  it('A-12 a legal-basis document is named, not coded; one added later keeps its code', () => {
    expect(t.ru!('validation:before_legal_basis', { code: legalBasisName(t.ru!, 'ORDER-136-2022'), date: '10.03.2022' })).toBe(
      'Раньше вступления в силу приказа № 136 (10.03.2022): назначение на эту дату невозможно',
    );
    expect(legalBasisName(t.kk!, 'AGREEMENT-2009')).toBe('2009 жылғы Келісім');
    expect(legalBasisName(t.en!, 'PROTOCOL-2022', 'name')).toBe('the 2022 Additional Protocol');
    expect(legalBasisName(t.ru!, 'PROTOCOL-2031')).toBe('PROTOCOL-2031');
  });

  it('the built-in administrator is «Администратор», «Әкімші», «Administrator»; other users keep their names', () => {
    expect(userName(t.ru!, 'Administrator')).toBe('Администратор');
    expect(userName(t.kk!, 'Administrator')).toBe('Әкімші');
    expect(userName(t.en!, 'Administrator')).toBe('Administrator');
    expect(userName(t.ru!, 'Иванов Иван Иванович')).toBe('Иванов Иван Иванович');
    expect(userName(t.ru!, null)).toBe('');
  });
});
