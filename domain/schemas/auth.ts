import { z } from 'zod';
import { ROLES } from '../access.ts';
import { NODE_PARTIES } from '../node.ts';
import { PARTIES } from '../registry.ts';
import { Locale } from './common.ts';
import { OptionalPhone } from './contacts.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const LoginName = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^[a-z0-9][a-z0-9._-]{2,63}$/.test(v), {
    message: 'Login: 3–64 Latin letters, digits, dot, dash or underscore',
    params: { rule: 'login_format' },
  });

export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `At least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH);

export const LoginBody = z.object({
  // Login is not format-checked here: a malformed login must answer exactly like a wrong one.
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const Role = z.enum(ROLES);

export const SessionUser = z.object({
  id: z.string(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  /** The work telephone printed as the executor's under the letters the user prepares. */
  phone: z.string().nullable(),
  locale: Locale,
  roles: z.array(Role),
  mustChangePassword: z.boolean(),
  office: z.object({
    id: z.string(),
    code: z.string(),
    party: z.enum(PARTIES),
    kind: z.string(),
    name: z.object({ ru: z.string(), kk: z.string(), en: z.string() }),
    timeZone: z.string(),
  }),
  /** The node the user works on: `RU`/`KZ` keeps one Party's record, `both` the two (NODE_PARTY). */
  nodeParty: z.enum(NODE_PARTIES),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({ user: SessionUser, csrfToken: z.string() });

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: Password,
});

export const UpdateMeBody = z.object({ locale: Locale.optional(), phone: OptionalPhone.optional() });
