import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access.ts';
import { AppError, ErrorBody } from '../../domain/errors.ts';
import type { RequestMeta } from './deps.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Route answers without a session (health, login, OpenAPI). */
    public?: boolean;
    /** Route stays reachable while the user must change the password first. */
    duringPasswordChange?: boolean;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

export function metaOf(request: FastifyRequest): RequestMeta {
  return { ip: request.ip ?? null };
}

/** The error responses every authenticated route may give; listed so OpenAPI documents them. */
export const commonErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
} as const;

export const IdParams = z.object({ id: z.uuid() });
export const NoContent = z.null().describe('No content');
