export { registerItemRoutes } from './items.routes.ts';
export { runReminders } from './reminders.ts';
