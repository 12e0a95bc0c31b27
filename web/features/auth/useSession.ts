import { useContext } from 'react';
import type { SessionUser } from '../../api/types.ts';
import { SessionContext, type Session } from './session-context.ts';

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The logged-in user, inside pages that only render after login. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
}

/**
 * The i18n context of the user's Party: texts that name a coordinator, an order or a deadline
 * have a variant per Party (`key_RU`, `key_KZ`), e.g. t('contacts:saved.designated', partyContext).
 */
export function usePartyContext(): { context: 'RU' | 'KZ' } {
  return { context: useUser().office.party };
}
