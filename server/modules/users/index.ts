export { registerUserRoutes } from './users.routes.ts';
export { bootstrapAdmin } from './users.service.ts';
