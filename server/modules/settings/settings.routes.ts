import { SettingsSchema, UpdateSettingsBody, UploadLimits } from '../../../domain/settings.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, type App } from '../../lib/http.ts';
import { readSettings, updateSettings, uploadLimits } from './settings.service.ts';

export function registerSettingsRoutes(app: App, deps: Deps): void {
  const tags = ['settings'];
  app.get(
    '/api/v1/settings',
    {
      schema: {
        tags,
        summary: 'Administrator: run-time settings (timeouts, lockout, deadlines, retention)',
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => readSettings(deps, actorOf(request)),
  );
  app.get(
    '/api/v1/settings/uploads',
    {
      schema: {
        tags,
        summary: 'The limits of an upload (largest file, files at once), for the web to check before sending',
        response: { 200: UploadLimits, ...commonErrors },
      },
    },
    async (request) => uploadLimits(deps, actorOf(request)),
  );
  app.patch(
    '/api/v1/settings',
    {
      schema: {
        tags,
        summary: 'Administrator: change settings; applies on every instance within seconds',
        body: UpdateSettingsBody,
        response: { 200: SettingsSchema, ...commonErrors },
      },
    },
    async (request) => updateSettings(deps, actorOf(request), request.body),
  );
}
