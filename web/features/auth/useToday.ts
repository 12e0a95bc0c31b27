import { localDate } from '../../../domain/time.ts';
import { useUser } from './useSession.ts';

/**
 * "Today" in the user's office time zone, the day the server also takes as today: Orenburg is
 * already on the next day while the browser (or Moscow) may not be.
 */
export function useToday(): string {
  return localDate(new Date(), useUser().office.timeZone);
}
