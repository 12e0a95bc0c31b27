import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { validationError } from '../../domain/errors.ts';
import { inputIssue } from '../lib/input-text.ts';

/**
 * What a client sends is checked once for every route, before the route's own schema: text that
 * PostgreSQL cannot store (or that would be silently corrupted on the way) answers 400 naming the
 * field, and so does a query parameter the route does not declare. No route needs to remember it.
 */

/** Declared querystring objects become strict; a route without one takes no parameters at all. */
function strictQuery(routeOptions: RouteOptions): void {
  const url = routeOptions.url ?? '';
  if (!url.startsWith('/api/')) return;
  const schema = (routeOptions.schema ??= {}) as { querystring?: unknown };
  const query = schema.querystring;
  if (query === undefined) schema.querystring = z.object({}).strict();
  else if (query instanceof z.ZodObject) schema.querystring = query.strict();
  else if (query instanceof z.ZodPipe && query.in instanceof z.ZodObject)
    schema.querystring = query.in.strict().pipe(query.out as z.ZodType<unknown, Record<string, unknown>>);
  else throw new Error(`${routeOptions.method} ${url}: a querystring schema must be a zod object (so unknown parameters can be refused)`);
}

export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('onRoute', strictQuery);
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const issue = inputIssue('params', request.params) ?? inputIssue('querystring', request.query) ?? inputIssue('body', request.body);
    if (issue) throw validationError([issue]);
  });
}
