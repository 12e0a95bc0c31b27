import { isHostedHere, type Hosting } from '../../../domain/node.ts';
import type { UserView } from '../../../domain/schemas/users.ts';
import type { UserRow } from './users.repository.ts';

/** The password hash never leaves the server: the view lists what an administrator may see. */
export function presentUser(r: { user: UserRow; officeCode: string; officeHosting: Hosting; lockedUntil: Date | null }, now: Date): UserView {
  const u = r.user;
  return {
    id: u.id,
    login: u.login,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    locale: u.locale,
    roles: u.roles,
    officeId: u.officeId,
    officeCode: r.officeCode,
    disabled: u.disabledAt !== null,
    disabledReason: u.disabledAt !== null ? (u.disabledReason ?? null) : null,
    officeHostedHere: isHostedHere({ hosting: r.officeHosting }),
    mustChangePassword: u.mustChangePassword,
    lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}
