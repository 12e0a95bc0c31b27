import { z } from 'zod';
import { Locale, PageQuery, QueryBoolean, Version } from './common.ts';
import { LoginName, Password, Role } from './auth.ts';
import { OptionalPhone } from './contacts.ts';

export const FullName = z.string().trim().min(2).max(200);
export const OptionalEmail = z
  .union([z.email().max(254), z.literal('')])
  .nullish()
  .transform((v) => (v ? v.toLowerCase() : null));

export const CreateUserBody = z.object({
  login: LoginName,
  password: Password,
  fullName: FullName,
  officeCode: z.string().trim().min(2).max(40),
  roles: z
    .array(Role)
    .min(1)
    .max(7)
    .transform((r) => [...new Set(r)]),
  email: OptionalEmail,
  phone: OptionalPhone,
  locale: Locale.default('ru'),
});

export const UpdateUserBody = z.object({
  fullName: FullName.optional(),
  officeCode: z.string().trim().min(2).max(40).optional(),
  roles: z
    .array(Role)
    .min(1)
    .max(7)
    .transform((r) => [...new Set(r)])
    .optional(),
  email: OptionalEmail.optional(),
  phone: OptionalPhone.optional(),
  disabled: z.boolean().optional(),
  version: Version,
});

export const ResetPasswordBody = z.object({ password: Password });

export const UserView = z.object({
  id: z.string(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: Locale,
  roles: z.array(Role),
  officeId: z.string(),
  officeCode: z.string(),
  disabled: z.boolean(),
  /** Why a disabled user is: null when an administrator did it; `office_not_hosted` when the office left this node. */
  disabledReason: z.enum(['office_not_hosted']).nullable(),
  /** Whether the user's office is hosted on this node (only such users may log in). */
  officeHostedHere: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type UserView = z.infer<typeof UserView>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  officeCode: z.string().max(40).optional(),
  role: Role.optional(),
  disabled: QueryBoolean.optional(),
});
