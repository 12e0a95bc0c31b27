import { OVERDUE_REMINDERS, remindersToSend } from '../../../domain/deadlines.ts';
import type { Deps } from '../../lib/deps.ts';
import * as repo from './items.repository.ts';
import { notifyOffice } from './items.service.ts';
import { answersDue, claimReminder, tryJobLock, unconfirmedOral } from './reminders.repository.ts';

const JOB_LOCK = 7_240_302;
const BATCH = 500;

/**
 * A-6.2a and: reminds the sender 24 h and 6 h before an oral request's written confirmation
 * is due and flags it overdue after; reminds the requested office 3 days and 1 day before an answer
 * is due, and tells both offices when it is overdue. Each reminder is claimed in reminders_sent, so
 * no instance sends one twice; a transaction-scoped advisory lock lets one instance work at a time.
 */
export async function runReminders(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<{ sent: number; skipped: boolean }> {
  return deps.db.transaction(async (tx) => {
    if (!(await tryJobLock(tx, JOB_LOCK))) return { sent: 0, skipped: true };
    const now = deps.clock.now();
    let sent = 0;
    for (const row of await unconfirmedOral(tx, now, BATCH)) {
      const keys = remindersToSend('confirmation', row.dueAt!, now);
      for (const key of keys) {
        if (!(await claimReminder(tx, row.id, key, now))) continue;
        const found = await repo.findItem(tx, row.id);
        if (!found) continue;
        const hoursLeft = Math.max(0, Math.round((row.dueAt!.getTime() - now.getTime()) / 3_600_000));
        await notifyOffice(tx, deps, found, found.from.id, key === OVERDUE_REMINDERS.confirmation ? 'item.overdue' : 'item.confirmation_due', {
          reminder: key,
          hoursLeft,
          dueAt: row.dueAt!.toISOString(),
        });
        sent++;
      }
    }
    for (const row of await answersDue(tx, now, BATCH)) {
      const keys = remindersToSend('answer', row.dueAt!, now);
      for (const key of keys) {
        if (!(await claimReminder(tx, row.id, key, now))) continue;
        const found = await repo.findItem(tx, row.id);
        if (!found) continue;
        if (key === OVERDUE_REMINDERS.answer) {
          await notifyOffice(tx, deps, found, found.to.id, 'item.overdue', { reminder: key, dueAt: row.dueAt!.toISOString() });
          await notifyOffice(tx, deps, found, found.from.id, 'item.overdue', { reminder: key, dueAt: row.dueAt!.toISOString() });
        } else {
          await notifyOffice(tx, deps, found, found.to.id, 'item.answer_due', { reminder: key, dueAt: row.dueAt!.toISOString() });
        }
        sent++;
      }
    }
    return { sent, skipped: false };
  });
}
