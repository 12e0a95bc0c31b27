export { registerContactRoutes } from './contacts.routes.ts';
export { erasePersonalDataPastRetention } from './contacts.service.ts';
export { compliance, complianceCounts } from './contacts.service.ts';
