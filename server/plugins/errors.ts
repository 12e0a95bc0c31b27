import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldIssue } from '../../domain/errors.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
};

/** Turns a zod issue (as Fastify reports it) into the field issue the web translates. */
function toFieldIssue(context: string, v: { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> }): FieldIssue {
  const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const params = { ...(v.params ?? {}) } as Record<string, unknown>;
  const custom = params.params as { rule?: string } | undefined;
  delete params.params;
  delete params.input;
  return {
    field: path ? `${context}.${path}` : context,
    rule: custom?.rule ?? v.keyword,
    message: v.message ?? v.keyword,
    params,
  };
}

/** Validation issues from a zod error raised in a service (same shape as route validation). */
export function zodIssues(context: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) =>
    toFieldIssue(context, {
      instancePath: `/${i.path.join('/')}`,
      keyword: i.code,
      message: i.message,
      params: Object.fromEntries(Object.entries(i).filter(([k]) => !['path', 'code', 'message'].includes(k))),
    }),
  );
}

/**
 * One error handler: every error leaves as `{code, message, details}`. A 5xx never shows its
 * internal message; anything a client can send is answered with a 4xx.
 */
export function registerErrorHandling(app: FastifyInstance, opts: { spaIndex?: (() => Buffer) | undefined } = {}): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ code: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const context = (err as FastifyError).validationContext ?? 'body';
      const issues = err.validation.map((v) => toFieldIssue(context, v));
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
        details: { issues },
      });
    }
    const fe = err as FastifyError;
    if (isResponseSerializationError(fe) && 'cause' in fe) {
      // Paths and codes only: the values could carry personal data.
      const issues = ((fe as unknown as { cause: z.ZodError }).cause?.issues ?? []).map((i) => ({ path: i.path.join('.'), code: i.code }));
      request.log.error({ err: { message: 'response does not match its schema', url: request.routeOptions.url, issues } }, 'response serialization failed');
      return reply.status(500).send({ code: 'INTERNAL', message: 'Internal error' });
    }
    const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (mapped) return reply.status(ERROR_STATUS[mapped]).send({ code: mapped, message: fe.message });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ code: fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: fe.message });
    }
    // Log the error itself but never the request body: it may carry personal data.
    request.log.error({ err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: 'Internal error' });
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    // Client-side routes of the web UI (no file extension, not the API) get its index.html.
    if (opts.spaIndex && request.method === 'GET' && !url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(url)) {
      return reply.type('text/html').header('cache-control', 'no-cache').send(opts.spaIndex());
    }
    return reply.status(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${url}` });
  });
}
