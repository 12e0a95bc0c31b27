import type { z } from 'zod';
import type { SessionUser } from '../../domain/schemas/auth.ts';
import type {
  ConsentView as ConsentViewSchema,
  MessageView as MessageViewSchema,
  TimelineEntry as TimelineEntrySchema,
  UseView as UseViewSchema,
} from '../../domain/schemas/items.ts';

/** Response types: inferred from the zod schemas the server's routes validate with (domain/schemas). */
export type { SessionUser } from '../../domain/schemas/auth.ts';
export type { CommunicationView, ComplianceRow, ContactChangeView, ContactView } from '../../domain/schemas/contacts.ts';
export type {
  EndOfForceView,
  HistoryEntry,
  HostedOfficeRef,
  LegalBasisView,
  OfficeRef,
  OfficeView,
  PairingView,
  PartyNoticeView,
} from '../../domain/schemas/registry.ts';
export type { UserView } from '../../domain/schemas/users.ts';
export type { LawRequirement, LawView } from '../../domain/schemas/law.ts';
export type { LocalizedText, Locale } from '../../domain/schemas/common.ts';
export type { Settings } from '../../domain/settings.ts';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface LoginResponse {
  user: SessionUser;
  csrfToken: string;
}

export type { CounterpartsView } from '../../domain/schemas/registry.ts';
export type { ComplianceView, OfficeContactsView } from '../../domain/schemas/contacts.ts';
export type { NotificationPage, NotificationView } from '../../domain/schemas/notifications.ts';
export type { AuditCheckpoint, AuditCheckpointList, AuditCheckpointView, AuditEntry, AuditVerifyResult } from '../../domain/schemas/audit.ts';
export type { AttachmentView, ItemAttachmentView, ItemListRow, ItemView, SignatureView } from '../../domain/schemas/items.ts';

export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
export type MessageView = z.infer<typeof MessageViewSchema>;
export type ConsentView = z.infer<typeof ConsentViewSchema>;
export type UseView = z.infer<typeof UseViewSchema>;
