import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ChangePasswordBody, LoginBody, LoginResponse, UpdateMeBody } from '../../../domain/schemas/auth.ts';
import { ErrorBody } from '../../../domain/errors.ts';
import type { Config } from '../../config.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, metaOf, type App } from '../../lib/http.ts';
import { changeOwnPassword, login, logout, me, SESSION_COOKIE, updateOwnProfile } from './auth.service.ts';

/**
 * Users reach an https PUBLIC_URL over HTTPS whatever the hop to this process is (a proxy without
 * TRUST_PROXY makes every request look like http), so the cookie is then always Secure. Otherwise
 * `auto` follows the request's protocol.
 */
function cookieSecure(config: Pick<Config, 'cookieSecure' | 'publicUrl'>, request: Pick<FastifyRequest, 'protocol'>): boolean {
  if (config.publicUrl.startsWith('https:')) return true;
  return config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure;
}

export function registerAuthRoutes(app: App, deps: Deps): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the HttpOnly session cookie and returns the CSRF token',
        body: LoginBody,
        response: { 200: LoginResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const result = await login(deps, { ...metaOf(request), userAgent: request.headers['user-agent'] ?? null }, request.body);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: cookieSecure(deps.config, request),
        maxAge: result.maxAgeSeconds,
      });
      return result.body;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { duringPasswordChange: true },
      schema: { tags: ['auth'], summary: 'Log out: the session is revoked on every instance', response: { 204: z.null(), ...commonErrors } },
    },
    async (request, reply) => {
      await logout(deps, actorOf(request), request.sessionId!);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookieSecure(deps.config, request) });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { duringPasswordChange: true },
      schema: { tags: ['auth'], summary: 'The current user and the CSRF token of this session', response: { 200: LoginResponse, ...commonErrors } },
    },
    async (request) => me(deps, actorOf(request), request.csrfToken!),
  );

  app.patch(
    '/api/v1/auth/me',
    {
      config: { duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change own preferences (interface language, work telephone)',
        body: UpdateMeBody,
        response: { 200: LoginResponse, ...commonErrors },
      },
    },
    async (request) => {
      await updateOwnProfile(deps, actorOf(request), request.body);
      return me(deps, actorOf(request), request.csrfToken!);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { duringPasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change own password; other sessions are revoked',
        body: ChangePasswordBody,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(deps, actorOf(request), request.sessionId!, request.body);
      return reply.status(204).send(null);
    },
  );
}
