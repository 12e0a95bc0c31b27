import type { Actor } from '../../../domain/access.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { translate } from '../../lib/i18n.ts';
import { recordAudit } from '../audit/index.ts';
import { findRecipients, insertNotifications, insertOutbox, listForUser, markRead, unreadCount, type RecipientQuery } from './notifications.repository.ts';

export const NOTIFICATION_KINDS = [
  'contact.changed',
  'registry.coordinator_changed',
  'legal_basis.termination',
  'item.received',
  'item.withdrawn',
  'item.on_hold',
  'item.authenticity_confirmed',
  'item.oral_confirmed',
  'item.consultation',
  'item.conditions_decided',
  'item.outcome',
  'item.forwarded',
  'item.returned',
  /** To the office whose actions on a shared item were superseded: the other Party acted first while the nodes were apart. */
  'item.superseded',
  'item.assigned',
  'item.consent_requested',
  'item.consent_decided',
  'item.confirmation_due',
  'item.answer_due',
  'item.overdue',
  'event.submitted',
  'event.approved',
  'event.returned',
  'event.rejected',
  'event.cancelled',
  'event.reported',
  'event.report_returned',
  'event.report_due',
  'event.report_overdue',
  /** Issue 12: to a counterpart office's staff, a peer node's joint event shared with it, or changed; to the event's office, the counterpart's statement. */
  'event.shared',
  'event.shared_changed',
  'event.counterpart_stated',
  'annual.due',
  'annual.overdue',
  'annual.returned',
  /** To the administrators: a stored file no longer matches its SHA-256 or is missing (once per file). */
  'file.damaged',
  /** To the administrators and coordinators: the other Party's node rotated or revoked a key (its signed record, issue 12). */
  'exchange.peer_key_rotated',
  'exchange.peer_key_revoked',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotifySpec {
  recipients: RecipientQuery;
  kind: NotificationKind;
  officeId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  /**
   * Facts for the message text. Never personal data: e-mail leaves the system, and the
   * notification only points to the page where an authorized reader sees the details.
   */
  payload: Record<string, unknown>;
  /** Link inside the web UI, e.g. `/offices/<id>`. */
  link: string;
}

/**
 * Creates in-app notifications and, where SMTP is configured, queues one e-mail per recipient in
 * the outbox, all inside the caller's transaction: a change is never committed without its
 * notifications, and a mail-server outage only delays the e-mails.
 */
export async function notify(tx: Db, deps: Pick<Deps, 'clock' | 'config'>, spec: NotifySpec): Promise<number> {
  const recipients = await findRecipients(tx, spec.recipients);
  if (recipients.length === 0) return 0;
  const now = deps.clock.now();
  const payload = { ...spec.payload, link: spec.link };
  await insertNotifications(
    tx,
    recipients.map((r) => ({
      userId: r.id,
      kind: spec.kind,
      officeId: spec.officeId ?? null,
      subjectType: spec.subjectType ?? null,
      subjectId: spec.subjectId ?? null,
      payload,
      createdAt: now,
    })),
  );
  if (deps.config.smtpUrl) {
    const url = new URL(spec.link, deps.config.publicUrl).toString();
    await insertOutbox(
      tx,
      recipients
        .filter((r) => r.email)
        .map((r) => {
          // The recipient's Party picks the text that names its coordinator and its legal basis (`text_RU`, `text_KZ`),
          // unless the notice picks its own variant (a damaged file of a request or of an event).
          const vars = {
            ...spec.payload,
            officeName: localized(spec.payload.officeName, r.locale),
            // A legal-basis document by its name, as the web shows it (web/i18n/format.ts legalBasisName).
            ...(typeof spec.payload.code === 'string'
              ? { code: translate(r.locale, `registry:legalBasisNames.${spec.payload.code}.of`, { defaultValue: spec.payload.code }) }
              : {}),
            url,
            context: typeof spec.payload.context === 'string' ? spec.payload.context : r.party,
          };
          return {
            topic: 'email',
            payload: {
              to: r.email!,
              subject: translate(r.locale, `notifications:email.${spec.kind}.subject`, vars),
              text: `${translate(r.locale, `notifications:email.${spec.kind}.text`, vars)}\n\n${url}\n\n${translate(r.locale, 'notifications:email.footer')}`,
            },
            createdAt: now,
            nextAttemptAt: now,
          };
        }),
    );
  }
  return recipients.length;
}

function localized(value: unknown, locale: string): string {
  if (value && typeof value === 'object') return String((value as Record<string, string>)[locale] ?? (value as Record<string, string>).ru ?? '');
  return String(value ?? '');
}

export async function myNotifications(deps: Deps, actor: Actor, q: { unread?: boolean; limit: number; offset: number }) {
  const page = await listForUser(deps.db, actor.userId, q.unread ?? false, q.limit, q.offset);
  return { ...page, unread: await unreadCount(deps.db, actor.userId) };
}

export async function myUnreadCount(deps: Deps, actor: Actor): Promise<number> {
  return unreadCount(deps.db, actor.userId);
}

/** Reading is scoped to the actor's own notifications; ids of others are silently ignored. */
export async function markMyNotificationsRead(deps: Deps, actor: Actor, ids: string[] | 'all'): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const n = await markRead(tx, actor.userId, ids, deps.clock.now());
    if (n > 0)
      await recordAudit(tx, deps, actor, {
        action: 'notification.read',
        objectType: 'notification',
        objectId: ids === 'all' ? null : ids.join(',').slice(0, 500),
        after: { count: n },
      });
    return n;
  });
}
