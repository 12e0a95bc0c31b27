export { registerUserRoutes } from './users.routes.ts';
export { bootstrapAdmin, disableUsersNotHostedHere } from './users.service.ts';
