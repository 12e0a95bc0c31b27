import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../domain/errors.ts';
import type { Deps } from '../../lib/deps.ts';
import type { App } from '../../lib/http.ts';
import { csrfMatches, resolveSession, SESSION_COOKIE } from './auth.service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every /api route needs a live session unless it is marked public; a state change also needs the
 * X-CSRF-Token that login returned. Runs before validation, so an anonymous caller learns nothing
 * about a route's input.
 */
export function registerAuthHook(app: App, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const config = request.routeOptions.config;
    const token = request.cookies[SESSION_COOKIE];
    if (config.public) return;
    // Unknown API paths (no route, or only the static files' wildcard) get the not-found handler's 404.
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    if (!token) throw new AppError('UNAUTHENTICATED', 'Log in first');
    const check = await resolveSession(deps, token, request.ip ?? null);
    if (!check.ok) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError(check.code, check.code === 'SESSION_EXPIRED' ? 'The session has expired; log in again' : 'Log in first');
    }
    request.actor = check.actor;
    request.sessionId = check.sessionId;
    request.csrfToken = check.csrfToken;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (!csrfMatches(check.csrfToken, Array.isArray(header) ? header[0] : header)) {
        throw new AppError('CSRF_TOKEN_INVALID', 'Missing or wrong X-CSRF-Token header');
      }
    }
    if (check.mustChangePassword && !config.duringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Change your password first');
    }
  });
}
