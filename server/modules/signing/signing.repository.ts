import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signingKeys, users } from '../../db/schema.ts';

/** The keys of every signer of an office, by name, oldest key first. */
export async function keysOfOffice(db: Db, officeId: string) {
  return db
    .select({ k: signingKeys, fullName: users.fullName })
    .from(signingKeys)
    .innerJoin(users, eq(users.id, signingKeys.userId))
    .where(eq(users.officeId, officeId))
    .orderBy(asc(users.fullName), asc(signingKeys.createdAt));
}
