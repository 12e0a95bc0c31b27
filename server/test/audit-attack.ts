import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditHead, auditLog } from '../db/schema.ts';
import { chainHash, GENESIS_HASH } from '../modules/audit/audit.chain.ts';

export type Row = typeof auditLog.$inferSelect;

/**
 * The attack of issue 9 as the owner of the table: disable the append-only trigger, rewrite the
 * rows as `edit` likes, renumber them, recompute every hash and the head, enable the trigger again.
 * Afterwards the table is a perfectly consistent chain.
 */
export async function rewriteLog(owner: Db, edit: (rows: Row[]) => Row[]) {
  await owner.execute(sql`alter table audit_log disable trigger user`);
  try {
    const rows = edit(await owner.select().from(auditLog).orderBy(asc(auditLog.seq)));
    let prev = GENESIS_HASH;
    const rebuilt = rows.map((r, i) => {
      const row = { ...r, seq: i + 1, prevHash: prev };
      row.hash = chainHash(prev, row);
      prev = row.hash;
      return row;
    });
    await owner.transaction(async (tx) => {
      await tx.delete(auditLog);
      for (let i = 0; i < rebuilt.length; i += 500) await tx.insert(auditLog).values(rebuilt.slice(i, i + 500));
      await tx.update(auditHead).set({ seq: rebuilt.length, hash: prev }).where(eq(auditHead.id, 1));
    });
  } finally {
    await owner.execute(sql`alter table audit_log enable trigger user`);
  }
}
