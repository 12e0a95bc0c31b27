export { getSettings, invalidateSettings } from './settings.service.ts';
export { registerSettingsRoutes } from './settings.routes.ts';
