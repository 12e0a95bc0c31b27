import { currentReminder } from '../../../domain/deadlines.ts';
import { EVENT_REPORT_SCHEDULE } from '../../../domain/events.ts';
import type { Deps } from '../../lib/deps.ts';
import { tryJobLock } from '../items/index.ts';
import { findOfficeById } from '../registry/index.ts';
import * as repo from './events.repository.ts';
import { notifyAbout } from './events.service.ts';

const JOB_LOCK = 7_240_311;
const BATCH = 500;

/**
 * O-3.5: reminds the office 3 days and 1 day before its report on an event is due, and tells the
 * office and its coordinator when it is overdue. Each reminder is claimed in event_reminders_sent,
 * so no instance sends one twice; an advisory lock lets one instance work at a time.
 */
export async function runEventReminders(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<{ sent: number; skipped: boolean }> {
  return deps.db.transaction(async (tx) => {
    if (!(await tryJobLock(tx, JOB_LOCK))) return { sent: 0, skipped: true };
    const now = deps.clock.now();
    let sent = 0;
    for (const row of await repo.reportsDue(tx, now, BATCH)) {
      const dueAt = row.dueAt!;
      const key = currentReminder(EVENT_REPORT_SCHEDULE, dueAt, now);
      if (!key || !(await repo.claimReminder(tx, row.id, key, now))) continue;
      const event = await repo.findEvent(tx, row.id);
      const office = event && (await findOfficeById(tx, event.officeId));
      if (!event || !office) continue;
      const overdue = key === EVENT_REPORT_SCHEDULE.overdue;
      const extra = { dueAt: dueAt.toISOString() };
      await notifyAbout(tx, deps, event, office, 'office', overdue ? 'event.report_overdue' : 'event.report_due', extra);
      if (overdue) await notifyAbout(tx, deps, event, office, 'coordinator', 'event.report_overdue', extra);
      sent++;
    }
    return { sent, skipped: false };
  });
}
