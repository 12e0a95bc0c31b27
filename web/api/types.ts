import type { z } from 'zod';
import type { SessionUser } from '../../domain/schemas/auth.ts';
import type { CommunicationView as CommunicationViewSchema, ComplianceRow, ContactView } from '../../domain/schemas/contacts.ts';
import type { OfficeRef, PairingView } from '../../domain/schemas/registry.ts';

/**
 * Response types. Most come from the zod schemas shared with the server (domain/schemas); the few
 * whose schemas live only in the server's route files are mirrored here by hand.
 */
export type { SessionUser } from '../../domain/schemas/auth.ts';
export type { ComplianceRow, ContactChangeView, ContactView } from '../../domain/schemas/contacts.ts';
export type { HistoryEntry, LegalBasisView, OfficeRef, OfficeView, PairingView } from '../../domain/schemas/registry.ts';
export type { UserView } from '../../domain/schemas/users.ts';
export type { LocalizedText, Locale } from '../../domain/schemas/common.ts';
export type { Settings } from '../../domain/settings.ts';
export type CommunicationView = z.infer<typeof CommunicationViewSchema>;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface LoginResponse {
  user: SessionUser;
  csrfToken: string;
}

/** GET /api/v1/offices/:id/counterparts (server/modules/registry/registry.routes.ts). */
export interface CounterpartsView {
  on: string;
  items: { office: OfficeRef; pairing: PairingView; directExchange: { allowed: boolean; reason: string | null } }[];
}

/** GET /api/v1/offices/:id/contacts. */
export interface OfficeContactsView {
  on: string;
  items: ContactView[];
  total: number;
}

/** GET /api/v1/contacts/compliance. */
export interface ComplianceView {
  items: ComplianceRow[];
  summary: Record<string, number>;
}

/** GET /api/v1/notifications (server/modules/notifications/notifications.routes.ts). */
export interface NotificationView {
  id: string;
  kind: string;
  officeId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<NotificationView> {
  unread: number;
}

/** GET /api/v1/audit (server/modules/audit/audit.routes.ts). */
export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actor: { id: string | null; login: string | null; fullName: string | null };
  officeId: string | null;
  officeCode: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  hash: string;
}

/** POST /api/v1/audit/verify. */
export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  headSeq?: number;
  firstBadSeq?: number;
  reason?: string;
}
