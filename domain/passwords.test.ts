import { describe, expect, it } from 'vitest';
import { passwordWeaknesses } from './passwords.ts';

describe('password policy', () => {
  it('security: says which rule a weak password breaks', () => {
    expect(passwordWeaknesses('ivanov-2026-secret', 'ivanov')).toEqual(['password_contains_login']);
    expect(passwordWeaknesses('aaaaaaaaaaaa', 'ivanov')).toEqual(['password_one_character']);
    expect(passwordWeaknesses('123456789012', 'ivanov')).toEqual(['password_sequence']);
    expect(passwordWeaknesses('qwertyuiopas', 'ivanov')).toEqual(['password_sequence']);
    expect(passwordWeaknesses('йцукенгшщзхъ', 'ivanov')).toEqual(['password_sequence']);
    expect(passwordWeaknesses('Password2026!', 'ivanov')).toEqual(['password_common']);
    expect(passwordWeaknesses('Пароль-2026-01', 'ivanov')).toEqual(['password_common']);
    expect(passwordWeaknesses('admin-password', 'admin')).toEqual(['password_contains_login']);
  });

  it('security: a password of words, digits and signs passes', () => {
    expect(passwordWeaknesses('Fixture-Password-2026!', 'ivanov')).toEqual([]);
    expect(passwordWeaknesses('Степь-Ветер-Орал-2026', 'ivanov')).toEqual([]);
    expect(passwordWeaknesses('839274619305', 'ivanov')).toEqual([]);
  });
});
