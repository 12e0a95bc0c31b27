export { registerEventRoutes } from './events.routes.ts';
export { runEventReminders } from './events.reminders.ts';
export { oversightCounts as eventOversightCounts } from './events.repository.ts';
export { receiveEventStatement, receiveJointEvent } from './events.exchange.ts';
