export { registerFileRoutes } from './files.routes.ts';
export { watchedFileStore, recordFault, runFileChecks } from './files.service.ts';
