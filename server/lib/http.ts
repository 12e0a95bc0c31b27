import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access.ts';
import { AppError, ErrorBody, fieldIssue, validationError } from '../../domain/errors.ts';
import { displayFileName } from '../../domain/file-names.ts';
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

/**
 * A JSON document that came beside files in a multipart form, checked against its schema: the same
 * field issues (`body.<path>`) a JSON body's validation gives.
 */
export function parseData<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw validationError(
    r.error.issues.map((i) => fieldIssue(['body', ...i.path.map(String)].join('.'), (i as { params?: { rule?: string } }).params?.rule ?? i.code, i.message)),
  );
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

/** RFC 5987 attr-char: everything else in a `filename*` value is percent-encoded (UTF-8). */
const encodeRfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `Content-Disposition: attachment` for a download (RFC 6266): an ASCII `filename` for old clients
 * and the exact name as `filename*` (RFC 5987), both without characters that reorder or hide text,
 * so a name stored before that rule still cannot pose as another type (`invoice\u202Efdp.exe`).
 */
export function attachmentDisposition(fileName: string): string {
  const name = displayFileName(fileName) || 'file';
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
