export { registerLawRoutes } from './law.routes.ts';
