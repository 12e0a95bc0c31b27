import { describe, expect, it } from 'vitest';
import {
  backdatedDays,
  complianceStatus,
  contactDateIssue,
  designationBasis,
  designationDeadline,
  initialsAndSurname,
  isCurrentOn,
  MAX_YEARS_AHEAD,
  normalizePhone,
  recordedOn,
  summarizeDesignations,
} from './contacts.ts';
import fc from 'fast-check';
import { addDays, calendarDaysDeadline } from './time.ts';

describe('contact persons (O-3.1)', () => {
  it('O-3.1 the 15-day deadline from the Order of 10.03.2022 falls on 25.03.2022', () => {
    const d = designationDeadline({ orderDate: '2022-03-10', authorizedFrom: '2022-03-10', timeZone: 'Asia/Yekaterinburg', days: 15 });
    expect(d.lastDay).toBe('2022-03-25');
    expect(d.rule).toBe('calendarDays:15');
  });

  it('O-3.1 the deadline ends at midnight in the office’s own time zone (UTC+3 … UTC+7)', () => {
    const moscow = designationDeadline({ orderDate: '2022-03-10', authorizedFrom: null, timeZone: 'Europe/Moscow', days: 15 });
    const barnaul = designationDeadline({ orderDate: '2022-03-10', authorizedFrom: null, timeZone: 'Asia/Barnaul', days: 15 });
    expect(moscow.dueAt.toISOString()).toBe('2022-03-25T21:00:00.000Z');
    expect(barnaul.dueAt.toISOString()).toBe('2022-03-25T17:00:00.000Z');
  });

  it('O-3.1 an office authorized later gets 15 days from its own authorization', () => {
    const d = designationDeadline({ orderDate: '2022-03-10', authorizedFrom: '2022-06-08', timeZone: 'Asia/Almaty', days: 15 });
    expect(d.start).toBe('2022-06-08');
    expect(d.lastDay).toBe('2022-06-23');
  });

  it('O-3.1 Kazakh deadlines use UTC+6 before 01.03.2024 and UTC+5 after it', () => {
    expect(calendarDaysDeadline('2024-02-10', 15, 'Asia/Qostanay').dueAt.toISOString()).toBe('2024-02-25T18:00:00.000Z');
    expect(calendarDaysDeadline('2024-03-10', 15, 'Asia/Qostanay').dueAt.toISOString()).toBe('2024-03-25T19:00:00.000Z');
  });

  it('O-3.1 statuses: pending before the deadline, overdue after, ok or late once designated, lapsed without a current contact', () => {
    const deadline = designationDeadline({ orderDate: '2022-03-10', authorizedFrom: null, timeZone: 'Europe/Moscow', days: 15 });
    const before = new Date('2022-03-25T20:59:59Z');
    const after = new Date('2022-03-25T21:00:00Z');
    const today = '2022-03-26';
    expect(complianceStatus({ deadline, firstInformedOn: null, currentContacts: 0, now: before, today: '2022-03-25' })).toBe('pending');
    expect(complianceStatus({ deadline, firstInformedOn: null, currentContacts: 0, now: after, today })).toBe('overdue');
    expect(complianceStatus({ deadline, firstInformedOn: '2022-03-25', currentContacts: 1, now: after, today })).toBe('ok');
    expect(complianceStatus({ deadline, firstInformedOn: '2022-03-26', currentContacts: 1, now: after, today })).toBe('late');
    expect(complianceStatus({ deadline, firstInformedOn: '2022-03-20', currentContacts: 0, now: after, today })).toBe('lapsed');
    expect(complianceStatus({ deadline: null, firstInformedOn: null, currentContacts: 0, now: after, today })).toBe('missing');
  });

  it('O-3.1 answers who was the contact on a date from the designation period', () => {
    const c = { designatedFrom: '2022-03-20', designatedTo: '2023-12-31' };
    expect(isCurrentOn(c, '2022-04-01')).toBe(true);
    expect(isCurrentOn(c, '2022-03-19')).toBe(false);
    expect(isCurrentOn(c, '2024-01-01')).toBe(false);
    expect(isCurrentOn({ designatedFrom: '2022-03-20', designatedTo: null }, '2030-01-01')).toBe(true);
  });

  it('O-3.1 validates and normalizes work telephone numbers of both Parties', () => {
    expect(normalizePhone('8 (3532) 44-55-66')).toEqual({ e164: '+73532445566', display: '+7 (3532) 44-55-66' });
    expect(normalizePhone('+7 7132 55 00 11')?.e164).toBe('+77132550011');
    expect(normalizePhone('+7 3532 44-55-66 доб. 12')?.e164).toBe('+73532445566;ext=12');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('not a phone')).toBeNull();
  });

  it('O-3.1 a telephone number keeps the area code as the user grouped it: Orenburg 3532, Aktobe 7132, mobiles', () => {
    const display = (raw: string) => normalizePhone(raw)?.display;
    expect(display('+7 3532 44-55-66')).toBe('+7 3532 44-55-66');
    expect(display('+7 3532 44-55-66 доб. 12')).toBe('+7 3532 44-55-66');
    expect(display('8 3532 445566')).toBe('+7 3532 445566');
    expect(display('+7(3532)44-55-66')).toBe('+7 (3532) 44-55-66');
    expect(display('+7 7132 55-66-77')).toBe('+7 7132 55-66-77');
    expect(display('+7 912 345-67-89')).toBe('+7 912 345-67-89');
    expect(display('+7 701 234 56 78')).toBe('+7 701 234 56 78');
    // No grouping of the user's own: the numbering plan's.
    expect(display('+79123456789')).toBe('+7 912 345 67 89');
    expect(normalizePhone('+7 7012345678')).toEqual({ e164: '+77012345678', display: '+7 701 234 5678' });
  });

  it('formats initials before the surname for signature blocks', () => {
    expect(initialsAndSurname({ surname: 'Иванов', firstName: 'Иван', patronymic: 'Петрович' })).toBe('И.П. Иванов');
    expect(initialsAndSurname({ surname: 'Серикбаев', firstName: 'Нурлан', patronymic: null })).toBe('Н. Серикбаев');
  });

  it('O-3.1 a back-dated designation is judged by the day it was recorded (when ГУМПС was informed), not by its stated first day', () => {
    const deadline = designationDeadline({ orderDate: '2022-03-10', authorizedFrom: null, timeZone: 'Asia/Yekaterinburg', days: 15 });
    // Entered on 02.04.2022 (Orenburg time) as designated from 20.03.2022.
    const recorded = recordedOn(new Date('2022-04-01T20:30:00Z'), 'Asia/Yekaterinburg');
    expect(recorded).toBe('2022-04-02');
    const s = summarizeDesignations([{ designatedFrom: '2022-03-20', recordedOn: recorded }]);
    expect(s).toEqual({ firstDesignatedOn: '2022-03-20', firstInformedOn: '2022-04-02', backdatedDays: 13 });
    const now = new Date('2022-04-02T05:00:00Z');
    expect(complianceStatus({ deadline, firstInformedOn: s.firstInformedOn, currentContacts: 1, now, today: '2022-04-02' })).toBe('late');
    // The same designation entered on the day it begins is in time.
    const honest = summarizeDesignations([{ designatedFrom: '2022-03-20', recordedOn: '2022-03-20' }]);
    expect(honest.backdatedDays).toBe(0);
    expect(complianceStatus({ deadline, firstInformedOn: honest.firstInformedOn, currentContacts: 1, now, today: '2022-04-02' })).toBe('ok');
  });

  it('O-3.1 a designation entered in time but starting after the deadline is late; before it starts the office has none yet', () => {
    const deadline = designationDeadline({ orderDate: '2022-03-10', authorizedFrom: null, timeZone: 'Europe/Moscow', days: 15 });
    const s = summarizeDesignations([{ designatedFrom: '2022-03-30', recordedOn: '2022-03-15' }]);
    expect(s).toEqual({ firstDesignatedOn: '2022-03-30', firstInformedOn: '2022-03-30', backdatedDays: 0 });
    expect(
      complianceStatus({ deadline, firstInformedOn: s.firstInformedOn, currentContacts: 0, now: new Date('2022-03-15T09:00:00Z'), today: '2022-03-15' }),
    ).toBe('pending');
    expect(
      complianceStatus({ deadline, firstInformedOn: s.firstInformedOn, currentContacts: 0, now: new Date('2022-03-27T09:00:00Z'), today: '2022-03-27' }),
    ).toBe('overdue');
    expect(
      complianceStatus({ deadline, firstInformedOn: s.firstInformedOn, currentContacts: 1, now: new Date('2022-03-30T09:00:00Z'), today: '2022-03-30' }),
    ).toBe('late');
  });

  it('O-3.1 the earliest informed designation decides, whichever was entered first', () => {
    const s = summarizeDesignations([
      { designatedFrom: '2022-03-01', recordedOn: '2022-04-10' }, // back-dated by 40 days
      { designatedFrom: '2022-03-20', recordedOn: '2022-03-20' },
    ]);
    expect(s).toEqual({ firstDesignatedOn: '2022-03-01', firstInformedOn: '2022-03-20', backdatedDays: 19 });
    expect(summarizeDesignations([])).toEqual({ firstDesignatedOn: null, firstInformedOn: null, backdatedDays: 0 });
  });

  it('O-3.1 property: back-dating never makes a designation earlier for compliance than the day it was recorded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: -200, max: 60 }), (recordedOffset, stated) => {
        const recorded = addDays('2022-03-10', recordedOffset);
        const from = addDays(recorded, stated);
        const s = summarizeDesignations([{ designatedFrom: from, recordedOn: recorded }]);
        expect(s.firstInformedOn! >= recorded).toBe(true);
        expect(s.firstInformedOn! >= from).toBe(true);
        expect(s.backdatedDays).toBe(Math.max(0, -stated));
        expect(backdatedDays(from, recorded)).toBe(Math.max(0, -stated));
      }),
    );
  });

  it('O-3.1 refuses designation dates before the Order (Russia) or the Protocol (Kazakhstan), before authorization, or too far ahead', () => {
    const docs = [
      { code: 'AGREEMENT-2009', kind: 'agreement', party: null, inForceFrom: '2009-06-23', enablesDirectExchange: false },
      { code: 'PROTOCOL-2022', kind: 'protocol', party: null, inForceFrom: '2022-01-12', enablesDirectExchange: true },
      { code: 'ORDER-136-2022', kind: 'order', party: 'RU' as const, inForceFrom: '2022-03-10', enablesDirectExchange: false },
    ];
    const ru = designationBasis(docs, 'RU');
    const kz = designationBasis(docs, 'KZ');
    expect(ru).toMatchObject({ code: 'ORDER-136-2022', inForceFrom: '2022-03-10' });
    expect(kz).toMatchObject({ code: 'PROTOCOL-2022', inForceFrom: '2022-01-12' });
    const today = '2026-12-06';
    expect(contactDateIssue('2022-03-09', { basis: ru, authorizedFrom: '2022-03-10', today })).toMatchObject({
      rule: 'before_legal_basis',
      params: { date: '10.03.2022', code: 'ORDER-136-2022' },
    });
    expect(contactDateIssue('2022-03-10', { basis: ru, authorizedFrom: '2022-03-10', today })).toBeNull();
    expect(contactDateIssue('2022-01-11', { basis: kz, authorizedFrom: null, today })).toMatchObject({
      rule: 'before_legal_basis',
      params: { date: '12.01.2022', code: 'PROTOCOL-2022' },
    });
    expect(contactDateIssue('2022-01-12', { basis: kz, authorizedFrom: null, today })).toBeNull();
    expect(contactDateIssue('2022-06-01', { basis: ru, authorizedFrom: '2022-06-08', today })).toMatchObject({
      rule: 'before_authorization',
      params: { date: '08.06.2022' },
    });
    expect(MAX_YEARS_AHEAD).toBe(1);
    expect(contactDateIssue('2027-12-06', { basis: ru, authorizedFrom: null, today })).toBeNull(); // a planned end within the year
    expect(contactDateIssue('2027-12-07', { basis: ru, authorizedFrom: null, today })).toMatchObject({
      rule: 'too_far_ahead',
      params: { date: '06.12.2027', years: 1 },
    });
    expect(contactDateIssue('2030-01-01', { basis: ru, authorizedFrom: null, today })?.rule).toBe('too_far_ahead');
    expect(designationBasis([], 'RU')).toBeNull();
  });
});
