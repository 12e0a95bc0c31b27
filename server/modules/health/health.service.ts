import type { Deps } from '../../lib/deps.ts';
import { pingDatabase } from './health.repository.ts';

/** Liveness: the database answers a trivial statement (public; nothing is read). */
export async function checkDatabase(deps: Pick<Deps, 'db'>): Promise<void> {
  await pingDatabase(deps.db);
}
