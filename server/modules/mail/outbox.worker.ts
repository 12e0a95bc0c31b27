import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../../domain/time.ts';
import type { Db } from '../../db/client.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { claimDue, markFailedAttempt, markSent } from './outbox.repository.ts';

export const MAX_ATTEMPTS = 12;
const LEASE_MS = 120_000;

/** 30 s, 1 min, 2 min … capped at 1 h: a mail-server outage of a day loses nothing. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** Delivers due e-mails once; returns how many were sent. At-least-once: a crash after sending resends. */
export async function deliverDueEmails(db: Db, mailer: Mailer, clock: Clock, log?: FastifyBaseLogger, batch = 20): Promise<{ sent: number; failed: number }> {
  const due = await claimDue(db, 'email', clock.now(), LEASE_MS, batch);
  let sent = 0;
  let failed = 0;
  for (const row of due) {
    try {
      await mailer.send(row.payload as unknown as MailMessage);
      await markSent(db, row.id, clock.now());
      sent++;
    } catch (err) {
      failed++;
      const e = err as { code?: string; responseCode?: number; message?: string };
      // The error text of an SMTP server may quote the recipient: keep only its code.
      const reason = [e.code, e.responseCode].filter(Boolean).join(' ') || 'send failed';
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      await markFailedAttempt(db, row.id, new Date(clock.now().getTime() + backoffMs(row.attempts)), reason, giveUp, clock.now());
      log?.warn({ outboxId: row.id, attempt: row.attempts, reason, giveUp }, 'e-mail delivery failed');
    }
  }
  return { sent, failed };
}
