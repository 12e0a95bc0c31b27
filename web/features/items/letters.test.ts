import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { OutcomeForm, SendBody } from '../../../domain/schemas/items.ts';
import type { ItemView } from '../../api/types.ts';
import { issuePath, issueText, zodFieldIssues } from '../../components/form-issues.ts';
import { loadResources } from '../../i18n/index.ts';
import { dispatchNeeded, letterLine, receivedLetterSchema, recordLetterSchema, withDispatchRule } from './letter-rules.ts';

/**
 * Issue 10, part 3: the forms that record a counterpart's letters and the dispatch of ours refuse
 * what the server refuses, and the refusals land on the fields (the server names them the same way:
 * `body.letter.number`, `body.file`).
 */

const scan = { name: 'письмо.pdf', size: 1000 } as File;
const letter = (over: Record<string, unknown> = {}) => ({
  channel: 'email',
  number: '17-05/123',
  date: '2026-03-02',
  signerName: 'Ахметов С. Б.',
  signerPosition: 'прокурор области',
  ...over,
});
const today = '2026-03-02';

/** The fields a parse puts issues on, as the form names them, with their rules. */
function issues(r: { success: boolean; error?: Parameters<typeof zodFieldIssues>[0] }) {
  return r.success ? [] : zodFieldIssues(r.error!).map((i) => ({ field: issuePath(i).join('.'), rule: i.rule }));
}

describe('counterparts off the system: the letter forms (issue 10)', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    t = i18n.t;
  });

  it('A-6.2 a registration recorded from a letter: the letter’s number, a date not after today, the scan; the action’s own fields', () => {
    const schema = recordLetterSchema('register', 'receiver', today);
    const register = { action: 'register', incomingNumber: 'вх-1', incomingDate: today, version: 3 };
    const ok = schema.safeParse({ ...register, letter: letter(), file: [scan] });
    expect(ok.success).toBe(true);
    expect(ok.data).toMatchObject({ action: 'register', incomingNumber: 'вх-1', letter: { number: '17-05/123' }, file: [scan] });
    expect(issues(schema.safeParse({ ...register, letter: letter({ number: null }), file: [] }))).toEqual([
      { field: 'file', rule: 'required' },
      { field: 'letter.number', rule: 'required' },
    ]);
    expect(issues(schema.safeParse({ ...register, letter: letter({ date: '2026-03-03' }), file: [scan] }))).toEqual([
      { field: 'letter.date', rule: 'not_in_future' },
    ]);
    expect(issues(schema.safeParse({ ...register, incomingNumber: '', letter: letter(), file: [scan] }))).toEqual([
      { field: 'incomingNumber', rule: 'too_small' },
    ]);
    // The server's issues land on the same fields.
    expect(issuePath({ field: 'body.letter.number', rule: 'required', message: '' })).toEqual(['letter', 'number']);
    expect(issuePath({ field: 'body.file', rule: 'required', message: '' })).toEqual(['file']);
  });

  it('A-6.4 an answer recorded from a letter names its signer as printed; a call carries only a consultation', () => {
    const schema = recordLetterSchema('record_outcome', 'receiver', today);
    const answer = { action: 'record_outcome', outcome: 'executed', text: 'Сведения прилагаются', version: 4 };
    expect(issues(schema.safeParse({ ...answer, letter: letter({ signerName: null, signerPosition: ' ' }), file: [scan] }))).toEqual([
      { field: 'letter.signerName', rule: 'required' },
      { field: 'letter.signerPosition', rule: 'required' },
    ]);
    expect(issues(schema.safeParse({ ...answer, letter: letter({ channel: 'phone', number: null }), file: [] }))).toEqual([
      { field: 'letter.channel', rule: 'letter_in_writing' },
    ]);
    // A refusal recorded from a letter states its grounds, as in the system.
    expect(issues(schema.safeParse({ ...answer, outcome: 'refused', letter: letter(), file: [scan] }))).toContainEqual({
      field: 'refusalGrounds',
      rule: 'refusal_ground',
    });
    // A consultation message may come by telephone, without a scan or a signer.
    expect(
      recordLetterSchema('message', 'receiver', today).safeParse({
        action: 'message',
        body: 'Уточните период',
        version: 4,
        letter: letter({ channel: 'phone', number: null, signerName: null, signerPosition: null }),
        file: [],
      }).success,
    ).toBe(true);
  });

  it('A-6.2 a request received by letter: written, with its signer and scan, its number and date', () => {
    const schema = receivedLetterSchema(today, { attachmentMaxMb: 1, maxFiles: 2 });
    const received = {
      kind: 'request',
      fromOfficeCode: 'KZ-AKT',
      subject: 'О сведениях',
      essence: 'Суть',
      purpose: 'Цель',
      assistance: 'Содействие',
      form: 'crime_information',
    };
    expect(schema.safeParse({ ...received, letter: letter(), file: [scan] }).success).toBe(true);
    expect(issues(schema.safeParse({ ...received, letter: letter({ channel: 'phone', signerPosition: null }), file: [] }))).toEqual([
      { field: 'letter.channel', rule: 'letter_in_writing' },
      { field: 'letter.signerPosition', rule: 'required' },
    ]);
    expect(issues(schema.safeParse({ ...received, letter: letter({ number: '' }), file: [] }))).toEqual([
      { field: 'file', rule: 'required' },
      { field: 'letter.number', rule: 'required' },
    ]);
    // The administrator's limits are checked before anything travels.
    const big = { name: 'скан.tiff', size: 5 * 1024 * 1024 } as File;
    const refused = schema.safeParse({ ...received, letter: letter(), file: [big] });
    expect(issues(refused)).toEqual([{ field: 'file', rule: 'file_too_large' }]);
    expect(issueText(t, zodFieldIssues(refused.error!)[0]!)).toBe('Файл «скан.tiff» больше 1 МБ');
  });

  it('A-6.2 our letter to a counterpart off the system says how it is sent; to one in the system nothing is asked', () => {
    const off = (side: 'sender' | 'receiver'): ItemView['offSystem'] => ({ side, officeCode: 'KZ-AKT', letterActions: [], dispatchMethod: null, letters: [] });
    expect(dispatchNeeded({ side: 'sender', offSystem: off('receiver') }, 'send')).toBe(true);
    expect(dispatchNeeded({ side: 'sender', offSystem: off('receiver') }, 'confirm_in_writing')).toBe(true);
    expect(dispatchNeeded({ side: 'receiver', offSystem: off('sender') }, 'record_outcome')).toBe(true);
    expect(dispatchNeeded({ side: 'sender', offSystem: null }, 'send')).toBe(false);
    expect(dispatchNeeded({ side: 'sender', offSystem: off('receiver') }, 'sign')).toBe(false);
    expect(dispatchNeeded({ side: 'receiver', offSystem: off('sender') }, 'register')).toBe(false);
    const send = withDispatchRule(SendBody);
    const r = send.safeParse({ outgoingNumber: '7-1', outgoingDate: today, version: 2 });
    expect(issues(r)).toEqual([{ field: 'dispatchMethod', rule: 'dispatch_required' }]);
    expect(issueText(t, zodFieldIssues(r.error!)[0]!)).toBe('Укажите способ отправки: адресат работает вне системы');
    expect(send.safeParse({ outgoingNumber: '7-1', outgoingDate: today, dispatchMethod: 'email', version: 2 }).success).toBe(true);
    expect(withDispatchRule(OutcomeForm).safeParse({ outcome: 'executed', text: 'Ответ', dispatchMethod: 'letter', version: 2 }).success).toBe(true);
  });

  it('A-6.2 the timeline says which letter of which office an action was recorded from', () => {
    const item = {
      fromOffice: {
        id: '1',
        code: 'RU-ORE',
        party: 'RU' as const,
        name: { ru: 'Прокуратура Оренбургской области', kk: 'Орынбор облысының прокуратурасы', en: 'Orenburg' },
      },
      toOffice: {
        id: '2',
        code: 'KZ-AKT',
        party: 'KZ' as const,
        name: { ru: 'Прокуратура Актюбинской области', kk: 'Ақтөбе облысының прокуратурасы', en: 'Aktobe' },
      },
    };
    const entry = { channel: 'email', onBehalfOf: 'KZ-AKT', details: { letter: { number: '17-05/123', date: '2026-03-02', channel: 'email' } } };
    expect(letterLine(t, item, entry, 'ru')).toBe('внесено по письму № 17-05/123 от 02.03.2026, Прокуратура Актюбинской области (электронной почтой)');
    expect(letterLine(t, item, { ...entry, channel: 'phone', details: { letter: { number: null, date: '2026-03-02', channel: 'phone' } } }, 'ru')).toBe(
      'внесено по телефонному разговору 02.03.2026, Прокуратура Актюбинской области',
    );
    expect(letterLine(t, item, { channel: 'system', onBehalfOf: null, details: { outgoingNumber: '7-1' } }, 'ru')).toBeNull();
  });
});
