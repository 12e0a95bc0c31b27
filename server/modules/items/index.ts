export { registerItemRoutes } from './items.routes.ts';
