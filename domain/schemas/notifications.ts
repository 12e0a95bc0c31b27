import { z } from 'zod';
import { PageQuery, QueryBoolean } from './common.ts';

export const NotificationView = z.object({
  id: z.string(),
  kind: z.string(),
  officeId: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationPage = z.object({ items: z.array(NotificationView), total: z.number(), unread: z.number() });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationQuery = PageQuery.extend({ unread: QueryBoolean.optional() });

export const MarkReadBody = z.union([z.object({ ids: z.array(z.uuid()).min(1).max(500) }), z.object({ all: z.literal(true) })]);
