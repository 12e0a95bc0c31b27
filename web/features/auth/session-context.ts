import { createContext } from 'react';
import type { Locale } from '../../../domain/schemas/common.ts';
import type { LoginResponse, SessionUser } from '../../api/types.ts';

export interface Session {
  /** Null when nobody is logged in; undefined while the first check runs. */
  user: SessionUser | null | undefined;
  loading: boolean;
  /** Why the session could not be checked (server unreachable). */
  error: unknown;
  retry(): void;
  signIn(response: LoginResponse): void;
  signOut(): Promise<void>;
  /** Remembers the language per user (PATCH /auth/me); on the login page, in localStorage. */
  changeLocale(locale: Locale): Promise<void>;
  /** After a forced password change the API answers normally again. */
  passwordChanged(): void;
}

export const SessionContext = createContext<Session | null>(null);
