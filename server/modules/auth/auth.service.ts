import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { passwordWeaknesses, type PasswordRule } from '../../../domain/passwords.ts';
import type { Actor } from '../../../domain/access.ts';
import { AppError, fieldError, fieldIssue, validationError } from '../../../domain/errors.ts';
import { isHostedHere } from '../../../domain/node.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import type { Deps, RequestMeta } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { getSettings } from '../settings/index.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './auth.passwords.ts';
import { presentSessionUser } from './auth.presenter.ts';
import {
  clearThrottle,
  findSession,
  findUserById,
  findUserByLogin,
  insertSession,
  readThrottle,
  recordLoginFailure,
  revokeSession,
  revokeUserSessions,
  touchSession,
  updateUserFields,
  type OfficeRow,
  type UserRow,
} from './auth.repository.ts';

export const SESSION_COOKIE = 'bc_session';
/** lastSeenAt is written at most this often: idle timeouts are minutes, a write per request is waste. */
const TOUCH_INTERVAL_MS = 60_000;

export const sessionIdOf = (token: string): string => createHash('sha256').update(token).digest('hex');
export const normalizeLogin = (login: string): string => login.trim().toLowerCase();

export function actorFrom(user: UserRow, office: OfficeRow, ip: string | null = null): Actor {
  return {
    userId: user.id,
    login: user.login,
    officeId: office.id,
    officeCode: office.code,
    party: office.party,
    officeTimeZone: office.timeZone,
    roles: user.roles,
    ip,
  };
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  maxAgeSeconds: number;
  body: { user: ReturnType<typeof presentSessionUser>; csrfToken: string };
}

/**
 * Login that does not reveal whether a login exists: unknown, disabled and wrong-password attempts
 * take the same time, give the same answer and count towards the same lockout (kept in the
 * database, so every instance sees it).
 */
export async function login(deps: Deps, meta: RequestMeta & { userAgent: string | null }, input: { login: string; password: string }): Promise<LoginResult> {
  const s = await getSettings(deps.db);
  const key = normalizeLogin(input.login).slice(0, 100);
  const now = deps.clock.now();
  const throttle = await readThrottle(deps.db, key);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts; try again later', { retryAfter: throttle.lockedUntil.toISOString() });
  }
  const found = await findUserByLogin(deps.db, key);
  // A user of an office not hosted on this node cannot log in (start-up disables such users; this
  // holds even if one slipped through), and is answered exactly like a wrong password.
  const mayLogIn = found && !found.user.disabledAt && isHostedHere(found.office);
  const ok = mayLogIn ? await verifyPassword(found.user.passwordHash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!ok || !found) {
    const row = await deps.db.transaction(async (tx) => {
      const r = await recordLoginFailure(tx, key, now, s.loginMaxFailures, s.loginLockMinutes * 60_000);
      await recordAudit(
        tx,
        deps,
        null,
        {
          action: 'auth.login_failed',
          objectType: 'user',
          objectId: found?.user.id ?? null,
          officeId: found?.office.id ?? null,
          after: {
            login: key,
            failures: r.failures,
            locked: Boolean(r.lockedUntil && r.lockedUntil > now),
            ...(found && !isHostedHere(found.office) ? { reason: 'office_not_hosted' } : {}),
          },
        },
        meta.ip,
      );
      return r;
    });
    if (row.lockedUntil && row.lockedUntil > now) {
      throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts; try again later', { retryAfter: row.lockedUntil.toISOString() });
    }
    throw new AppError('INVALID_CREDENTIALS', 'Wrong login or password');
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const maxAgeSeconds = s.sessionAbsoluteHours * 3600;
  await deps.db.transaction(async (tx) => {
    await clearThrottle(tx, key);
    await insertSession(tx, {
      id: sessionIdOf(token),
      userId: found.user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await updateUserFields(tx, found.user.id, { lastLoginAt: now });
    await recordAudit(tx, deps, actorFrom(found.user, found.office, meta.ip), { action: 'auth.login', objectType: 'user', objectId: found.user.id });
  });
  return { token, csrfToken, maxAgeSeconds, body: { user: presentSessionUser(found.user, found.office, deps.config.nodeParty), csrfToken } };
}

export type SessionCheck =
  { ok: true; actor: Actor; sessionId: string; csrfToken: string; mustChangePassword: boolean } | { ok: false; code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' };

/** Resolves a session cookie: revoked, expired (idle or absolute) or disabled users are refused. */
export async function resolveSession(deps: Deps, token: string, ip: string | null): Promise<SessionCheck> {
  const id = sessionIdOf(token);
  const row = await findSession(deps.db, id);
  if (!row || row.session.revokedAt || row.user.disabledAt || !isHostedHere(row.office)) return { ok: false, code: 'UNAUTHENTICATED' };
  const s = await getSettings(deps.db);
  const now = deps.clock.now();
  const idleDeadline = row.session.lastSeenAt.getTime() + s.sessionIdleMinutes * 60_000;
  const absoluteDeadline = Math.min(row.session.expiresAt.getTime(), row.session.createdAt.getTime() + s.sessionAbsoluteHours * 3_600_000);
  if (now.getTime() >= idleDeadline || now.getTime() >= absoluteDeadline) return { ok: false, code: 'SESSION_EXPIRED' };
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(deps.db, id, now);
  return {
    ok: true,
    actor: actorFrom(row.user, row.office, ip),
    sessionId: id,
    csrfToken: row.session.csrfToken,
    mustChangePassword: row.user.mustChangePassword,
  };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await revokeSession(tx, sessionId, deps.clock.now());
    await recordAudit(tx, deps, actor, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
  });
}

export async function me(deps: Deps, actor: Actor, csrfToken: string) {
  const found = await findUserById(deps.db, actor.userId);
  if (!found) throw new AppError('UNAUTHENTICATED');
  return { user: presentSessionUser(found.user, found.office, deps.config.nodeParty), csrfToken };
}

export async function changeOwnPassword(deps: Deps, actor: Actor, sessionId: string, input: { currentPassword: string; newPassword: string }) {
  const found = await findUserById(deps.db, actor.userId);
  if (!found) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(found.user.passwordHash, input.currentPassword))) {
    throw validationError(fieldIssue('body.currentPassword', 'current_password_wrong', 'The current password is wrong'), 'The current password is wrong');
  }
  if (input.currentPassword === input.newPassword) {
    throw fieldError(
      'PASSWORD_REUSED',
      'The new password must differ from the current one',
      fieldIssue('body.newPassword', 'password_reused', 'The new password must differ from the current one'),
    );
  }
  assertPasswordStrength(input.newPassword, found.user.login, 'body.newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await updateUserFields(tx, actor.userId, { passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now });
    // Other sessions may belong to whoever knew the old password.
    await revokeUserSessions(tx, actor.userId, now, sessionId);
    await recordAudit(tx, deps, actor, { action: 'auth.password_change', objectType: 'user', objectId: actor.userId });
  });
}

/** Own preferences: the interface language, and the work telephone printed as the executor's under letters. */
export async function updateOwnProfile(deps: Deps, actor: Actor, change: { locale?: Locale | undefined; phone?: string | null | undefined }) {
  const found = await findUserById(deps.db, actor.userId);
  if (!found) throw new AppError('UNAUTHENTICATED');
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    // Each field changed is its own audited action (user.locale, user.phone).
    for (const field of ['locale', 'phone'] as const) {
      if (change[field] === undefined) continue;
      await updateUserFields(tx, actor.userId, { [field]: change[field], updatedAt: now });
      await recordAudit(tx, deps, actor, {
        action: `user.${field}`,
        objectType: 'user',
        objectId: actor.userId,
        before: { [field]: found.user[field] },
        after: { [field]: change[field] },
      });
    }
  });
}

/** Beyond the length rule: domain/passwords.ts; each broken rule is an issue on the password's field, so the user reads why. */
export function assertPasswordStrength(password: string, login: string, field = 'body.password'): void {
  const rules = passwordWeaknesses(password, login);
  if (rules.length === 0) return;
  throw fieldError(
    'PASSWORD_TOO_WEAK',
    `The password is too easy to guess (${rules.join(', ')})`,
    rules.map((rule) => fieldIssue(field, rule, PASSWORD_RULE_MESSAGES[rule])),
  );
}

/** English fallbacks; the web shows validation:<rule> in the user's language. */
const PASSWORD_RULE_MESSAGES: Record<PasswordRule, string> = {
  password_contains_login: 'The password must not contain the login',
  password_one_character: 'The password must not be one character repeated',
  password_sequence: 'The password must not be a run of keys or letters (123456…, qwerty…)',
  password_common: 'The password must not be a common word such as «password» with digits around it',
};
