import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { settings } from '../../db/schema.ts';

export async function readAllSettings(db: Db): Promise<Record<string, unknown>> {
  const rows = await db.select().from(settings);
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function writeSetting(tx: Db, key: string, value: unknown, userId: string | null, at: Date): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value, updatedBy: userId, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedBy: userId, updatedAt: at } });
}
