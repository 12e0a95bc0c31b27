export { notify, type NotifySpec, type NotificationKind } from './notifications.service.ts';
export { registerNotificationRoutes } from './notifications.routes.ts';
export { findRecipients, type RecipientQuery } from './notifications.repository.ts';
