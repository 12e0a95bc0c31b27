import { z } from 'zod';
import { MarkReadBody, NotificationPage, NotificationQuery, type NotificationView } from '../../../domain/schemas/notifications.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, type App } from '../../lib/http.ts';
import type { NotificationRow } from './notifications.repository.ts';
import { markMyNotificationsRead, myNotifications, myUnreadCount } from './notifications.service.ts';

const present = (n: NotificationRow): NotificationView => ({
  id: n.id,
  kind: n.kind,
  officeId: n.officeId,
  subjectType: n.subjectType,
  subjectId: n.subjectId,
  payload: n.payload,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

export function registerNotificationRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        querystring: NotificationQuery,
        response: { 200: NotificationPage, ...commonErrors },
      },
    },
    async (request) => {
      const page = await myNotifications(deps, actorOf(request), request.query);
      return { items: page.rows.map(present), total: page.total, unread: page.unread };
    },
  );

  app.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Number of my unread notifications (the bell)',
        response: { 200: z.object({ unread: z.number() }), ...commonErrors },
      },
    },
    async (request) => ({ unread: await myUnreadCount(deps, actorOf(request)) }),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark my notifications read: the listed ones, or all',
        body: MarkReadBody,
        response: { 200: z.object({ updated: z.number() }), ...commonErrors },
      },
    },
    async (request) => {
      const body = request.body;
      const updated = await markMyNotificationsRead(deps, actorOf(request), 'all' in body ? 'all' : body.ids);
      return { updated };
    },
  );
}
