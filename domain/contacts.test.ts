import { describe, expect, it } from 'vitest';
import { complianceStatus, designationDeadline, initialsAndSurname, isCurrentOn, normalizePhone } from './contacts.ts';
import { calendarDaysDeadline } from './time.ts';

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
    expect(complianceStatus({ deadline, firstDesignatedOn: null, currentContacts: 0, now: before })).toBe('pending');
    expect(complianceStatus({ deadline, firstDesignatedOn: null, currentContacts: 0, now: after })).toBe('overdue');
    expect(complianceStatus({ deadline, firstDesignatedOn: '2022-03-25', currentContacts: 1, now: after })).toBe('ok');
    expect(complianceStatus({ deadline, firstDesignatedOn: '2022-03-26', currentContacts: 1, now: after })).toBe('late');
    expect(complianceStatus({ deadline, firstDesignatedOn: '2022-03-20', currentContacts: 0, now: after })).toBe('lapsed');
    expect(complianceStatus({ deadline: null, firstDesignatedOn: null, currentContacts: 0, now: after })).toBe('missing');
  });

  it('O-3.1 answers who was the contact on a date from the designation period', () => {
    const c = { designatedFrom: '2022-03-20', designatedTo: '2023-12-31' };
    expect(isCurrentOn(c, '2022-04-01')).toBe(true);
    expect(isCurrentOn(c, '2022-03-19')).toBe(false);
    expect(isCurrentOn(c, '2024-01-01')).toBe(false);
    expect(isCurrentOn({ designatedFrom: '2022-03-20', designatedTo: null }, '2030-01-01')).toBe(true);
  });

  it('O-3.1 validates and normalizes work telephone numbers of both Parties', () => {
    expect(normalizePhone('8 (3532) 44-55-66')).toEqual({ e164: '+73532445566', display: '+7 353 244 55 66' });
    expect(normalizePhone('+7 7132 55 00 11')?.e164).toBe('+77132550011');
    expect(normalizePhone('+7 3532 44-55-66 доб. 12')?.e164).toBe('+73532445566;ext=12');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('not a phone')).toBeNull();
  });

  it('formats initials before the surname for signature blocks', () => {
    expect(initialsAndSurname({ surname: 'Иванов', firstName: 'Иван', patronymic: 'Петрович' })).toBe('И.П. Иванов');
    expect(initialsAndSurname({ surname: 'Серикбаев', firstName: 'Нурлан', patronymic: null })).toBe('Н. Серикбаев');
  });
});
