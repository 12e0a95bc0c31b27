import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChangePasswordBody } from '../../domain/schemas/auth.ts';
import { CreateContactBody, ReplaceContactBody } from '../../domain/schemas/contacts.ts';
import { CreateUserBody } from '../../domain/schemas/users.ts';
import { loadResources } from '../i18n/index.ts';
import { issuePath, issueText, zodFieldIssues } from './form-issues.ts';

/** The browser reports zod failures exactly as the server does, and both read the same way. */
describe('field issues', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    t = i18n.t;
  });

  const contact = { surname: 'Смирнова', firstName: 'Анна', position: 'старший помощник', phone: '+7 3532 44-55-66', email: 'a@orenprok.ru' };

  it('O-3.1: a bad telephone number is a `phone` issue on body.phone, in Russian', () => {
    const result = CreateContactBody.safeParse({ ...contact, phone: '12-34-56' });
    expect(result.success).toBe(false);
    const issues = zodFieldIssues(result.error!);
    expect(issues).toEqual([expect.objectContaining({ field: 'body.phone', rule: 'phone' })]);
    expect(issueText(t, issues[0]!)).toBe('Неверный номер телефона');
  });

  it('missing and empty values read as "required"; lengths are counted with the right plural', () => {
    const missing = zodFieldIssues(CreateContactBody.safeParse({ ...contact, surname: undefined }).error!);
    expect(missing[0]).toMatchObject({ field: 'body.surname', rule: 'invalid_type' });
    expect(issueText(t, missing[0]!)).toBe('Заполните поле');
    const empty = zodFieldIssues(CreateContactBody.safeParse({ ...contact, surname: '  ' }).error!);
    expect(issueText(t, empty[0]!)).toBe('Заполните поле');
    const short = zodFieldIssues(ChangePasswordBody.safeParse({ currentPassword: 'x', newPassword: 'short' }).error!);
    expect(short[0]).toMatchObject({ field: 'body.newPassword', rule: 'too_small' });
    expect(issueText(t, short[0]!)).toBe('Не менее 12 символов');
  });

  it('custom rules and formats: login format, e-mail', () => {
    const issues = zodFieldIssues(
      CreateUserBody.safeParse({ login: 'Я', password: 'Long-Enough-Pass-1', fullName: 'Иванов', officeCode: 'RU-ORE', roles: ['officer'], email: 'nope' })
        .error!,
    );
    const byField = Object.fromEntries(issues.map((i) => [i.field, issueText(t, i)]));
    expect(byField['body.login']).toMatch(/^Логин: от 3 до 64/);
    expect(byField['body.email']).toBe('Неверный адрес электронной почты');
  });

  it('nested fields map to nested form names; the server prefix is dropped', () => {
    const issues = zodFieldIssues(ReplaceContactBody.safeParse({ successor: { ...contact, email: 'x' }, version: 1 }).error!);
    expect(issuePath(issues[0]!)).toEqual(['successor', 'email']);
    expect(issuePath({ field: 'body.effectiveFrom', rule: 'date_range', message: 'x' })).toEqual(['effectiveFrom']);
  });

  it('a server rule with a role context, and an unknown rule falls back to the server message', () => {
    expect(issueText(t, { field: 'body.roles', rule: 'role_office_kind', message: 'x', params: { role: 'coordinator' } })).toMatch(
      /координирующего подразделения/,
    );
    expect(issueText(t, { field: 'body.x', rule: 'brand_new_rule', message: 'Server says so' })).toBe('Server says so');
  });

  it('security: a too simple password says which rule it breaks, at the new password', () => {
    const issue = { field: 'body.newPassword', rule: 'password_common', message: 'x' };
    expect(issuePath(issue)).toEqual(['newPassword']);
    expect(issueText(t, issue)).toBe('Пароль не должен быть распространённым словом вроде «password» или «пароль» с цифрами и знаками вокруг');
    expect(issueText(t, { ...issue, rule: 'password_contains_login' })).toBe('Пароль не должен содержать логин');
  });
});
