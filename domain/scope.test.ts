import { describe, expect, it } from 'vitest';
import { contentWarnings, missingMandatoryFields, translationIssues, type ItemContent } from './items.ts';
import { scopeOf } from './scope.ts';
import { answerDeadline, dueReminders, oralConfirmationDeadline } from './deadlines.ts';

const content: ItemContent = {
  kind: 'request',
  fromOfficeId: 'ore',
  toOfficeId: 'akt',
  subject: 'О предоставлении информации',
  essence: 'Существо дела',
  purpose: 'Цель',
  assistance: 'Содействие',
  otherInfo: null,
  form: 'crime_information',
  priorityAreas: ['drug_trafficking'],
  subjectMatter: 'within_protocol',
  language: 'ru',
  translationAttached: false,
  confidentiality: 'open',
  costArrangement: 'each_own',
  costTerms: null,
};

describe('scope, content and deadlines of requests', () => {
  it('O-3.4 a matter within the Protocol goes directly', () => {
    expect(scopeOf(content)).toEqual({ route: 'direct' });
  });

  it('O-3.4 legal assistance, extradition and matters outside the Protocol go to the coordinator, with the reason', () => {
    expect(scopeOf({ ...content, subjectMatter: 'legal_assistance' })).toEqual({ route: 'coordinator', reasons: ['LEGAL_ASSISTANCE'] });
    expect(scopeOf({ ...content, subjectMatter: 'extradition' })).toEqual({ route: 'coordinator', reasons: ['EXTRADITION'] });
    expect(scopeOf({ ...content, subjectMatter: 'outside_protocol' })).toEqual({ route: 'coordinator', reasons: ['OUTSIDE_PROTOCOL'] });
    expect(scopeOf({ ...content, priorityAreas: ['extradition_legal_assistance'] })).toEqual({
      route: 'coordinator',
      reasons: ['EXTRADITION_LEGAL_ASSISTANCE_AREA'],
    });
  });

  it('A-6.3 names every missing mandatory field', () => {
    expect(missingMandatoryFields(content)).toEqual([]);
    expect(missingMandatoryFields({ ...content, essence: ' ', purpose: '', toOfficeId: null, form: null })).toEqual([
      'toOfficeId',
      'essence',
      'purpose',
      'form',
    ]);
  });

  it('A-10 another cost arrangement must state its terms', () => {
    expect(missingMandatoryFields({ ...content, costArrangement: 'agreed' })).toEqual(['costTerms']);
    expect(missingMandatoryFields({ ...content, costArrangement: 'agreed', costTerms: 'расходы несёт запрашивающая Сторона' })).toEqual([]);
  });

  it('A-6.5 warns when the text is not in the requested state’s language and no translation is attached', () => {
    expect(contentWarnings(content, 'KZ')).toEqual(['TRANSLATION_MISSING']);
    expect(contentWarnings({ ...content, translationAttached: true }, 'KZ')).toEqual([]);
    expect(contentWarnings({ ...content, language: 'kk' }, 'KZ')).toEqual([]);
    expect(contentWarnings(content, 'RU')).toEqual([]);
  });

  it('A-6.5 the mark «translation attached» needs a content file marked as the translation', () => {
    const marked = { ...content, translationAttached: true };
    const issue = [expect.objectContaining({ field: 'translationAttached', rule: 'translation_file_required' })];
    expect(translationIssues(marked, [])).toEqual(issue);
    expect(translationIssues(marked, [{ role: 'content', translation: false }])).toEqual(issue);
    // An answer's file is not the request's translation.
    expect(translationIssues(marked, [{ role: 'outcome', translation: true }])).toEqual(issue);
    expect(translationIssues(marked, [{ role: 'content', translation: true }])).toEqual([]);
    expect(translationIssues(content, [])).toEqual([]);
    expect(contentWarnings(marked, 'KZ', [])).toEqual(['TRANSLATION_FILE_MISSING']);
    expect(contentWarnings(marked, 'KZ', null)).toEqual([]);
  });

  it('A-6.2a an Omsk request made orally at 10:00 local must be confirmed by 10:00 local three days later', () => {
    const oralAt = new Date('2025-05-12T04:00:00Z'); // 10:00 in Omsk (UTC+6)
    const d = oralConfirmationDeadline(oralAt, 'Asia/Omsk');
    expect(d.dueAt.toISOString()).toBe('2025-05-15T04:00:00.000Z'); // 10:00 in Omsk
    expect(d.lastDay).toBe('2025-05-15');
    expect(d.rule).toBe('hours:72');
  });

  it('A-6.2a reminds 24 h and 6 h before the confirmation is due, and not after', () => {
    const due = new Date('2025-05-15T04:00:00Z');
    expect(dueReminders('confirmation', due, new Date('2025-05-14T03:00:00Z'))).toEqual([]);
    expect(dueReminders('confirmation', due, new Date('2025-05-14T04:00:00Z'))).toEqual(['confirmation_24h']);
    expect(dueReminders('confirmation', due, new Date('2025-05-14T22:00:00Z'))).toEqual(['confirmation_24h', 'confirmation_6h']);
    expect(dueReminders('confirmation', due, due)).toEqual([]);
  });

  it('A-8.2 the answer is due 30 days after receipt in the requested office’s time zone; Kostanay uses UTC+5 after 01.03.2024', () => {
    const before = answerDeadline(new Date('2024-01-10T10:00:00Z'), 30, 'Asia/Qostanay');
    expect(before).toMatchObject({ start: '2024-01-10', lastDay: '2024-02-09', rule: 'calendarDays:30', timeZone: 'Asia/Qostanay' });
    expect(before.dueAt.toISOString()).toBe('2024-02-09T18:00:00.000Z'); // midnight at UTC+6
    const after = answerDeadline(new Date('2024-03-10T10:00:00Z'), 30, 'Asia/Qostanay');
    expect(after.lastDay).toBe('2024-04-09');
    expect(after.dueAt.toISOString()).toBe('2024-04-09T19:00:00.000Z'); // midnight at UTC+5
  });

  it('A-8.2 receipt late in the evening counts from the requested office’s own date', () => {
    // 23:30 in Moscow on 31 Jan is already 1 Feb in Aktobe (UTC+5).
    const d = answerDeadline(new Date('2025-01-31T20:30:00Z'), 30, 'Asia/Aqtobe');
    expect(d.start).toBe('2025-02-01');
    expect(d.lastDay).toBe('2025-03-03');
  });
});
