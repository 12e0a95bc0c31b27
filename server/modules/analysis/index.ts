export { registerAnnualRoutes } from './annual.routes.ts';
export { runBlockReminders } from './annual.service.ts';
export { registerOversightRoutes } from './oversight.routes.ts';
export { registerAnalysisRoutes } from './analysis.routes.ts';
export { lawFigures } from './analysis.service.ts';
