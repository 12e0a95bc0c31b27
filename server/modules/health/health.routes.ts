import { z } from 'zod';
import { ErrorBody } from '../../../domain/errors.ts';
import type { Deps } from '../../lib/deps.ts';
import { loggableError } from '../../lib/log-safe.ts';
import type { App } from '../../lib/http.ts';
import { checkDatabase } from './health.service.ts';

export const HealthBody = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
});

export function registerHealthRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'Liveness and database reachability', security: [], response: { 200: HealthBody, 503: ErrorBody } },
    },
    async (request, reply) => {
      try {
        await checkDatabase(deps);
      } catch (err) {
        request.log.error({ err: loggableError(err) }, 'health check: database unreachable');
        return reply.status(503).send({ code: 'SERVICE_UNAVAILABLE', message: 'Database unreachable' });
      }
      return { status: 'ok' as const, database: deps.driver, version: deps.config.version };
    },
  );
}
