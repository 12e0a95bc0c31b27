export { smtpMailer, type Mailer, type MailMessage } from './mailer.ts';
export { deliverDueEmails, backoffMs, MAX_ATTEMPTS } from './outbox.worker.ts';
export { outboxCounts } from './outbox.repository.ts';
