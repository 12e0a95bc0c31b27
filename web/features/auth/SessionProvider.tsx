import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../../domain/schemas/common.ts';
import { api, ApiError, onSessionError, setCsrfToken } from '../../api/client.ts';
import type { LoginResponse, SessionUser } from '../../api/types.ts';
import { applyLocale, rememberLocale } from '../../i18n/index.ts';
import { SessionContext, type Session } from './session-context.ts';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionUser | null> {
  try {
    const res = await api.get<LoginResponse>('/api/v1/auth/me', { quiet401: true });
    setCsrfToken(res.csrfToken);
    return res.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/**
 * Holds the logged-in user (GET /auth/me) and reacts to the API's session answers: a 401 anywhere
 * drops the user, so the router sends them to /login and back afterwards; a
 * PASSWORD_CHANGE_REQUIRED shows the password form.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: 1 });
  const user = query.data;
  const { refetch } = query;

  const dropSession = useCallback(() => {
    setCsrfToken(null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    qc.setQueryData(SESSION_KEY, null);
  }, [qc]);

  useEffect(
    () =>
      onSessionError((error) => {
        if (error.status === 401) dropSession();
        else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
          qc.setQueryData<SessionUser | null>(SESSION_KEY, (u) => (u ? { ...u, mustChangePassword: true } : u));
        }
      }),
    [qc, dropSession],
  );

  // The interface follows the user's remembered language after login and on every change.
  const userLocale = user?.locale;
  useEffect(() => {
    if (userLocale) {
      rememberLocale(userLocale);
      void applyLocale(userLocale);
    }
  }, [userLocale]);

  const signIn = useCallback(
    (res: LoginResponse) => {
      setCsrfToken(res.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      qc.setQueryData(SESSION_KEY, res.user);
    },
    [qc],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { quiet401: true });
    } catch {
      /* the session may already be gone; the user is logged out either way */
    }
    dropSession();
  }, [dropSession]);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      rememberLocale(locale);
      await applyLocale(locale);
      if (qc.getQueryData(SESSION_KEY)) {
        const res = await api.patch<LoginResponse>('/api/v1/auth/me', { locale });
        setCsrfToken(res.csrfToken);
        qc.setQueryData(SESSION_KEY, res.user);
      }
    },
    [qc],
  );

  const passwordChanged = useCallback(() => {
    qc.setQueryData<SessionUser | null>(SESSION_KEY, (u) => (u ? { ...u, mustChangePassword: false } : u));
    void qc.invalidateQueries({ queryKey: SESSION_KEY });
  }, [qc]);

  const value = useMemo<Session>(
    () => ({ user, loading: query.isPending, error: query.error, retry: () => void refetch(), signIn, signOut, changeLocale, passwordChanged }),
    [user, query.isPending, query.error, refetch, signIn, signOut, changeLocale, passwordChanged],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
