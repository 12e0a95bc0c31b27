import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { exchangeReference } from '../../../domain/node.ts';
import { loadResources } from '../../i18n/index.ts';
import { shownReference } from './reference.ts';
import { ageParts } from './useExchange.ts';

describe('the age of the oldest waiting message', () => {
  it('is told in its largest whole unit: minutes under an hour, hours under two days, then days', () => {
    expect(ageParts(59)).toEqual({ unit: 'minutes', n: 0 });
    expect(ageParts(3599)).toEqual({ unit: 'minutes', n: 59 });
    expect(ageParts(3600)).toEqual({ unit: 'hours', n: 1 });
    expect(ageParts(47 * 3600 + 3599)).toEqual({ unit: 'hours', n: 47 });
    expect(ageParts(48 * 3600)).toEqual({ unit: 'days', n: 2 });
    expect(ageParts(10 * 86_400 + 5)).toEqual({ unit: 'days', n: 10 });
  });
});

describe('a change or notice delivered by the exchange', () => {
  it('P-3 O-4.2 its outgoing reference reads «by the exchange» in the reader’s language, a letter’s number as written', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    const ref = exchangeReference('01a24ede-3c03-72d4-83e3-e8ce7438a9bb');
    expect(shownReference(i18n.t, ref)).toBe('по каналу обмена между узлами');
    expect(shownReference(i18n.getFixedT('kk'), ref)).toBe('түйіндер арасындағы алмасу арнасы арқылы');
    expect(shownReference(i18n.t, '12/3-456')).toBe('12/3-456');
  });
});
