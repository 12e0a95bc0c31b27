import { can, type Capability } from '../../../domain/access.ts';
import { useUser } from './useSession.ts';

/** Whether the user's roles allow a capability (domain/access.ts); the server checks again. */
export function useCan(capability: Capability): boolean {
  return can(useUser(), capability);
}
