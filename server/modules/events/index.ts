export { registerEventRoutes } from './events.routes.ts';
export { runEventReminders } from './events.reminders.ts';
