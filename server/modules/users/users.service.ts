import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { can, type Actor, type Role } from '../../../domain/access.ts';
import { AppError, fieldError, fieldIssue, validationError } from '../../../domain/errors.ts';
import { bootstrapAdminOffice, userOfficeRefusal, type NodeParty } from '../../../domain/node.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import type { CreateUserBody, UpdateUserBody, UserListQuery } from '../../../domain/schemas/users.ts';
import type { Db } from '../../db/client.ts';
import { lockStartupWork } from '../../db/migrate.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { assertPasswordStrength, hashPassword, revokeUserSessions } from '../auth/index.ts';
import { findOfficeByCode, type OfficeRow } from '../registry/index.ts';
import { presentUser } from './users.presenter.ts';
import * as repo from './users.repository.ts';

function assertAdmin(actor: Actor): void {
  if (!can(actor, 'users.manage')) throw new AppError('FORBIDDEN', 'Only an administrator manages users');
}

/** Role ↔ office rules: the coordinator role belongs to a coordinating unit. */
export function assertRolesFitOffice(roles: readonly Role[], office: OfficeRow): void {
  const issues = [];
  if (roles.includes('coordinator') && office.kind !== 'coordinator') {
    issues.push({
      field: 'body.roles',
      rule: 'role_office_kind',
      message: 'The coordinator role requires a coordinating unit',
      params: { role: 'coordinator' },
    });
  }
  if (roles.includes('leadership') && !['leadership', 'coordinator'].includes(office.kind)) {
    issues.push({
      field: 'body.roles',
      rule: 'role_office_kind',
      message: 'The leadership role requires a Prosecutor General’s Office unit',
      params: { role: 'leadership' },
    });
  }
  if (issues.length) throw new AppError('OFFICE_NOT_ELIGIBLE', issues.map((i) => i.message).join('; '), { issues });
}

async function officeOrFail(db: Db, code: string): Promise<OfficeRow> {
  const office = await findOfficeByCode(db, code.toUpperCase());
  if (!office) throw validationError(fieldIssue('body.officeCode', 'office_exists', 'No such office'), 'No such office');
  return office;
}

/** A user belongs to an office hosted on this node: the other Party's officials are addressees here, not users. */
function assertOfficeHostedHere(office: OfficeRow, field: string): void {
  const refusal = userOfficeRefusal(office);
  if (refusal) {
    throw fieldError(
      refusal,
      `${office.code} is not hosted on this node (${office.hosting})`,
      fieldIssue(field, 'office_hosted_here', 'The office is not hosted on this node', { officeCode: office.code, hosting: office.hosting }),
      { officeCode: office.code, hosting: office.hosting },
    );
  }
}

export async function listUsers(deps: Deps, actor: Actor, q: z.infer<typeof UserListQuery>) {
  assertAdmin(actor);
  const { rows, total } = await repo.listUsers(deps.db, q);
  const now = deps.clock.now();
  return { items: rows.map((r) => presentUser(r, now)), total };
}

export async function getUser(deps: Deps, actor: Actor, id: string) {
  assertAdmin(actor);
  const row = await repo.findUserView(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such user');
  return presentUser(row, deps.clock.now());
}

interface NewUser {
  login: string;
  password: string;
  fullName: string;
  office: OfficeRow;
  roles: Role[];
  email: string | null;
  phone?: string | null;
  locale: Locale;
  mustChangePassword: boolean;
}

async function insertNewUser(tx: Db, deps: Pick<Deps, 'clock'>, actor: Actor | null, u: NewUser) {
  const now = deps.clock.now();
  const row = await repo.insertUser(tx, {
    login: u.login,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone ?? null,
    officeId: u.office.id,
    roles: u.roles,
    locale: u.locale,
    passwordHash: await hashPassword(u.password),
    mustChangePassword: u.mustChangePassword,
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(tx, deps, actor, {
    action: 'user.create',
    objectType: 'user',
    objectId: row.id,
    officeId: u.office.id,
    after: { login: u.login, fullName: u.fullName, email: u.email, officeCode: u.office.code, roles: u.roles },
  });
  return row;
}

export async function createUser(deps: Deps, actor: Actor, body: z.infer<typeof CreateUserBody>) {
  assertAdmin(actor);
  const office = await officeOrFail(deps.db, body.officeCode);
  assertOfficeHostedHere(office, 'body.officeCode');
  assertRolesFitOffice(body.roles, office);
  assertPasswordStrength(body.password, body.login);
  if (await repo.loginExists(deps.db, body.login)) {
    throw fieldError('LOGIN_TAKEN', 'This login is taken', fieldIssue('body.login', 'unique', 'This login is taken'));
  }
  const row = await deps.db.transaction((tx) =>
    // An administrator sets a first password; its owner must replace it at first login.
    insertNewUser(tx, deps, actor, { ...body, office, mustChangePassword: true }),
  );
  return getUser(deps, actor, row.id);
}

export async function updateUser(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateUserBody>) {
  assertAdmin(actor);
  const current = await repo.findUserView(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'No such user');
  const office = body.officeCode ? await officeOrFail(deps.db, body.officeCode) : undefined;
  // Moving a user into an office not hosted here, or enabling one whose office is not, would make a user of the other Party.
  if (office) assertOfficeHostedHere(office, 'body.officeCode');
  else if (body.disabled === false) assertOfficeHostedHere(await officeOrFail(deps.db, current.officeCode), 'body.disabled');
  const roles = body.roles ?? current.user.roles;
  if (office || body.roles) assertRolesFitOffice(roles, office ?? (await officeOrFail(deps.db, current.officeCode)));
  if (id === actor.userId && (body.disabled === true || (body.roles && !body.roles.includes('admin')))) {
    throw fieldError(
      'UNPROCESSABLE',
      'You cannot disable yourself or remove your own administrator role',
      fieldIssue(body.disabled ? 'body.disabled' : 'body.roles', 'self_lockout', 'You cannot lock yourself out'),
    );
  }
  if (body.version !== current.user.version) throw new AppError('VERSION_CONFLICT', 'Someone else has changed this user; reload and try again');
  const now = deps.clock.now();
  const before = {
    fullName: current.user.fullName,
    email: current.user.email,
    phone: current.user.phone,
    officeCode: current.officeCode,
    roles: current.user.roles,
    disabled: current.user.disabledAt !== null,
  };
  await deps.db.transaction(async (tx) => {
    const disabledAt = body.disabled === undefined ? current.user.disabledAt : body.disabled ? (current.user.disabledAt ?? now) : null;
    const updated = await repo.updateUserVersioned(tx, id, body.version, {
      fullName: body.fullName ?? current.user.fullName,
      email: body.email !== undefined ? body.email : current.user.email,
      phone: body.phone !== undefined ? body.phone : current.user.phone,
      officeId: office?.id ?? current.user.officeId,
      roles,
      disabledAt,
      // Whoever disables or enables by hand owns the state now: the node's reason no longer applies.
      disabledReason: body.disabled === undefined ? current.user.disabledReason : null,
      updatedAt: now,
    });
    if (!updated) throw new AppError('VERSION_CONFLICT', 'Someone else has changed this user; reload and try again');
    // A disabled user or one moved to another office must not keep a session of the old standing.
    if (body.disabled || office) await revokeUserSessions(tx, id, now);
    await recordAudit(tx, deps, actor, {
      action:
        body.disabled === true && !current.user.disabledAt
          ? 'user.disable'
          : body.disabled === false && current.user.disabledAt
            ? 'user.enable'
            : 'user.update',
      objectType: 'user',
      objectId: id,
      before,
      after: {
        fullName: updated.fullName,
        email: updated.email,
        phone: updated.phone,
        officeCode: office?.code ?? current.officeCode,
        roles: updated.roles,
        disabled: updated.disabledAt !== null,
      },
    });
  });
  return getUser(deps, actor, id);
}

export async function resetPassword(deps: Deps, actor: Actor, id: string, password: string) {
  assertAdmin(actor);
  const current = await repo.findUserView(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'No such user');
  assertPasswordStrength(password, current.user.login);
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await repo.updateUser(tx, id, { passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now });
    await revokeUserSessions(tx, id, now);
    await repo.clearLoginThrottle(tx, current.user.login);
    await recordAudit(tx, deps, actor, { action: 'user.reset_password', objectType: 'user', objectId: id });
  });
  return getUser(deps, actor, id);
}

export async function unlockUser(deps: Deps, actor: Actor, id: string) {
  assertAdmin(actor);
  const current = await repo.findUserView(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'No such user');
  await deps.db.transaction(async (tx) => {
    await repo.clearLoginThrottle(tx, current.user.login);
    await recordAudit(tx, deps, actor, { action: 'user.unlock', objectType: 'user', objectId: id });
  });
  return getUser(deps, actor, id);
}

/**
 * First start: with ADMIN_LOGIN/ADMIN_PASSWORD that administrator is created; otherwise `admin` with a
 * generated one-time password, which the caller prints once. The administrator belongs to the node's
 * own coordinating unit (on a Kazakh node the Department). Does nothing while an active administrator
 * exists. The same happens on a database switched to another NODE_PARTY whose administrators all
 * belonged to offices that left the node (disabled at start): otherwise nobody could log in to
 * manage it. Their login stays taken, so the new one is `admin-<node>` unless ADMIN_LOGIN names a free one.
 */
export async function bootstrapAdmin(
  deps: Pick<Deps, 'db' | 'clock'>,
  admin: { login: string; password: string } | undefined,
  node: NodeParty = 'both',
): Promise<{ login: string; password: string; generated: boolean } | null> {
  return deps.db.transaction(async (tx) => {
    await lockStartupWork(tx);
    if ((await repo.countActiveAdmins(tx)) > 0) return null;
    const code = bootstrapAdminOffice(node);
    const office = await findOfficeByCode(tx, code);
    if (!office) throw new Error(`Reference office ${code} is missing; cannot create the first administrator`);
    if (userOfficeRefusal(office)) throw new Error(`Office ${code} is not hosted on this node; cannot create the first administrator there`);
    const generated = !admin;
    let login = admin?.login.trim().toLowerCase() ?? 'admin';
    if (await repo.loginExists(tx, login)) {
      if (admin) throw new Error(`ADMIN_LOGIN ${login} is taken by a user who cannot log in on this node; choose another ADMIN_LOGIN`);
      login = `admin-${node.toLowerCase()}`;
      if (await repo.loginExists(tx, login))
        throw new Error(`No active administrator and the logins admin and ${login} are taken; set ADMIN_LOGIN and ADMIN_PASSWORD`);
    }
    const password = admin?.password ?? randomBytes(12).toString('base64url');
    if (password.length < 12) throw new Error('ADMIN_PASSWORD must be at least 12 characters long');
    await insertNewUser(tx, deps, null, {
      login,
      password,
      fullName: 'Administrator',
      office,
      roles: ['admin'],
      email: null,
      locale: 'ru',
      mustChangePassword: generated,
    });
    return { login, password, generated };
  });
}

/**
 * A node has no users of offices it does not host: a user of such an office — one who existed before
 * NODE_PARTY was changed on this database, or whose office was moved to a peer — is disabled with the
 * reason `office_not_hosted`, their sessions ended, each audited. Runs at every start, inside the
 * start-up transaction; an administrator may enable the user again once the office is hosted here.
 */
export async function disableUsersNotHostedHere(tx: Db, deps: Pick<Deps, 'clock'>): Promise<{ login: string; officeCode: string }[]> {
  const found = await repo.lockActiveUsersNotHostedHere(tx);
  const now = deps.clock.now();
  for (const u of found) {
    await repo.updateUser(tx, u.id, { disabledAt: now, disabledReason: 'office_not_hosted', updatedAt: now });
    await revokeUserSessions(tx, u.id, now);
    await recordAudit(tx, deps, null, {
      action: 'user.disable',
      objectType: 'user',
      objectId: u.id,
      officeId: u.officeId,
      before: { disabled: false },
      after: { disabled: true, reason: 'office_not_hosted', officeCode: u.officeCode, hosting: u.hosting },
    });
  }
  return found.map((u) => ({ login: u.login, officeCode: u.officeCode }));
}
