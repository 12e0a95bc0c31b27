/**
 * The password policy beyond its length (domain/schemas/auth.ts Password: at least 12 characters):
 * a password that is easy to guess is refused with the rule it breaks, so the user learns why.
 */
export const PASSWORD_RULES = ['password_contains_login', 'password_one_character', 'password_sequence', 'password_common'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

/** Runs on a keyboard or in an alphabet: a password that is one stretch of them is guessed first. */
const SEQUENCES = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
  'йцукенгшщзхъ',
  'фывапролджэ',
  'ячсмитьбю',
  'йцукенгшщзхъфывапролджэячсмитьбю',
];

/** Words at the top of every leaked-password list, also as their letters with digits and signs around them («Password2026!»). */
const COMMON_WORDS = new Set([
  'password',
  'passw',
  'pass',
  'пароль',
  'parol',
  'qwerty',
  'йцукен',
  'admin',
  'administrator',
  'администратор',
  'welcome',
  'letmein',
  'iloveyou',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'princess',
  'football',
  'prokuratura',
  'прокуратура',
]);

const isRun = (p: string) => SEQUENCES.some((s) => s.repeat(4).includes(p) || [...s].reverse().join('').repeat(4).includes(p));

export function passwordWeaknesses(password: string, login: string): PasswordRule[] {
  const lowered = password.toLowerCase();
  const rules: PasswordRule[] = [];
  if (login && lowered.includes(login.toLowerCase())) rules.push('password_contains_login');
  if (/^(.)\1+$/u.test(password)) rules.push('password_one_character');
  else if (isRun(lowered)) rules.push('password_sequence');
  if (COMMON_WORDS.has(lowered.replace(/[^\p{L}]/gu, ''))) rules.push('password_common');
  return rules;
}
