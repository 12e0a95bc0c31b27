import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, ERROR_STATUS, errorCodeOfSqlState, validationError, type ErrorCode, type FieldIssue } from '../../domain/errors.ts';
import { databaseErrorOf, framesOf, loggableError } from '../lib/log-safe.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'RATE_LIMITED',
  // @fastify/multipart
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PROTO_VIOLATION: 'MALFORMED_MULTIPART',
  FST_INVALID_JSON_FIELD_ERROR: 'MALFORMED_MULTIPART',
  FST_MP_PREMATURE_CLOSE: 'MALFORMED_MULTIPART',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Turns a zod issue (as Fastify reports it) into the field issues the web translates. */
function toFieldIssues(context: string, v: { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> }): FieldIssue[] {
  const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const field = path ? `${context}.${path}` : context;
  const params = { ...v.params } as Record<string, unknown>;
  const { rule: customRule, ...customParams } = (params.params ?? {}) as { rule?: string } & Record<string, unknown>;
  delete params.params;
  delete params.input;
  Object.assign(params, customParams);
  // A strict object (every querystring) names each key it does not know: one issue per parameter.
  if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
    const unknown = context === 'querystring' && !path;
    return (params.keys as unknown[]).map((k) => ({
      field: `${field}.${String(k).slice(0, 100)}`,
      rule: unknown ? 'unknown_parameter' : 'unrecognized_keys',
      message: unknown ? `Unknown query parameter "${String(k).slice(0, 100)}"` : 'Unknown field',
      params: {},
    }));
  }
  return [{ field, rule: customRule ?? v.keyword, message: v.message ?? v.keyword, params }];
}

/** What the client reads when the database refuses a statement: never the database's own words. */
const DATABASE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  DUPLICATE: 'Such a record already exists',
  DATA_REJECTED: 'A value cannot be stored',
  CONFLICT: 'The change conflicts with the stored data',
  TRY_AGAIN: 'A concurrent change got in the way; try again',
  SERVICE_UNAVAILABLE: 'The database is temporarily unavailable',
};

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
      const e = validationError(err.validation.flatMap((v) => toFieldIssues(context, v)));
      return reply.status(e.status).send({ code: e.code, message: e.message, details: e.details });
    }
    const fe = err as FastifyError;
    if (isResponseSerializationError(fe) && 'cause' in fe) {
      // Paths and codes only: the values could carry personal data.
      const issues = ((fe as unknown as { cause: z.ZodError }).cause?.issues ?? []).map((i) => ({ path: i.path.join('.'), code: i.code }));
      request.log.error({ err: { message: 'response does not match its schema', url: request.routeOptions.url, issues } }, 'response serialization failed');
      return reply.status(500).send({ code: 'INTERNAL', message: 'Internal error' });
    }
    const db = databaseErrorOf(err);
    if (db) {
      // The code, constraint and table only: the message and detail quote the values written.
      const code = errorCodeOfSqlState(db.sqlstate);
      if (code) {
        request.log.warn({ err: db }, 'database refused the statement');
        if (code === 'TRY_AGAIN') reply.header('retry-after', '1');
        return reply.status(ERROR_STATUS[code]).send({ code, message: DATABASE_MESSAGES[code] ?? 'The request cannot be carried out' });
      }
      // The server's own fault (a syntax error, an unknown column): where it happened helps, the values never.
      request.log.error({ err: { ...db, stack: framesOf(err) } }, 'database error');
      return reply.status(500).send({ code: 'INTERNAL', message: 'Internal error' });
    }
    const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (mapped) return reply.status(ERROR_STATUS[mapped]).send({ code: mapped, message: fe.message });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ code: fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: fe.message });
    }
    // Log what failed and where, never the request body nor a message that may quote it.
    request.log.error({ err: loggableError(err) }, 'unhandled error');
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
