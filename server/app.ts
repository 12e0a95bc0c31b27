import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../domain/errors.ts';
import type { Clock } from '../domain/time.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Deps } from './lib/deps.ts';
import { loggableError } from './lib/log-safe.ts';
import { resolveSigningSecret } from './lib/secrets.ts';
import { fileStore, type FileStore } from './lib/storage.ts';
import { ed25519Provider, type SignatureProvider, type SignatureProviders } from './modules/signing/signer.ts';
import type { App } from './lib/http.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerInputGuards } from './plugins/input.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { databaseRateLimitStore, registerAuthHook, registerAuthRoutes } from './modules/auth/index.ts';
import { registerContactRoutes } from './modules/contacts/index.ts';
import { registerHealthRoutes } from './modules/health/index.ts';
import { registerAnalysisRoutes, registerAnnualRoutes, registerOversightRoutes } from './modules/analysis/index.ts';
import { registerEventRoutes } from './modules/events/index.ts';
import { enqueueForPeers, enqueueRecord, registerExchangeRoutes, timestampAuthority } from './modules/exchange/index.ts';
import { registerFileRoutes, watchedFileStore } from './modules/files/index.ts';
import { registerItemRoutes } from './modules/items/index.ts';
import { registerLawRoutes } from './modules/law/index.ts';
import { registerNotificationRoutes } from './modules/notifications/index.ts';
import { openRegistryCache, registerRegistryRoutes } from './modules/registry/index.ts';
import { registerSettingsRoutes } from './modules/settings/index.ts';
import { registerSigningRoutes } from './modules/signing/index.ts';
import { registerUserRoutes } from './modules/users/index.ts';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  clock: Clock;
  /** Defaults: Ed25519 under the configured secret; files under FILES_DIR. */
  signer?: SignatureProvider;
  /** Document signature providers by algorithm (default: `signer` alone). */
  signatures?: SignatureProviders;
  files?: FileStore;
  logger?: FastifyServerOptions['logger'];
}

/**
 * Personal data must never reach technical logs: log the route, not the query string or body; an
 * error as its type and place (a database error as SQLSTATE, constraint and table), not its text.
 */
export const serializers = {
  req(req: { method: string; url: string; routeOptions?: { url?: string }; ip?: string }) {
    return { method: req.method, url: req.routeOptions?.url ?? req.url.split('?')[0], ip: req.ip };
  },
  // Typed as pino's error shape; the object logged is loggableError's (no message text of the data).
  err: loggableError as unknown as (err: Error) => { type: string; message: string; stack: string },
};

function badUrl(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.statusCode === 414;
  void reply.code(tooLong ? 414 : 400).send({ code: 'BAD_REQUEST', message: tooLong ? 'A path parameter is too long' : 'The address is not valid' });
}

export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const { config, database, clock } = opts;
  const app = Fastify({
    logger: opts.logger !== undefined ? opts.logger : config.logLevel === 'silent' ? false : { level: config.logLevel, serializers },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    // A path the router cannot decode (`%ED%A0%80`) or a parameter over its length answers in the API's own shape, without echoing the path.
    frameworkErrors: badUrl,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const deps: Deps = {
    db: database.db,
    driver: database.driver,
    clock,
    config,
    signer: opts.signer ?? ed25519Provider(resolveSigningSecret(config)),
    ...(opts.signatures ? { signatures: opts.signatures } : {}),
    files: opts.files ?? fileStore(config.filesDir),
    tsa: timestampAuthority(config),
    afterAction: enqueueForPeers,
    sendRecord: enqueueRecord,
    registry: await openRegistryCache(database),
  };
  app.addHook('onClose', async () => deps.registry?.close());
  // Every read is verified by the store; a fault it finds is recorded once for all readers.
  deps.files = watchedFileStore(deps.files, deps);

  const spaIndex = webIndex(config.webDist);
  registerErrorHandling(app, { spaIndex });
  // Before any route: it makes every route's querystring strict and checks every input's text.
  registerInputGuards(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time; scripts stay strictly 'self'.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https:'),
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // A route that may be cached (with its ETag) says so itself.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifyCookie);
  // Attachment limits are checked per request against the current setting; this is the hard ceiling.
  await app.register(fastifyMultipart, { limits: { fileSize: 200 * 1024 * 1024, files: 10, fields: 10 } });
  await app.register(fastifyRateLimit, {
    global: false,
    // Counters live in the database, so instances sharing it enforce one limit.
    store: databaseRateLimitStore(deps),
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Border Cooperation API',
        description:
          'Direct cooperation of Russian and Kazakh border prosecutor’s offices. Authenticate with POST /api/v1/auth/login; ' +
          'send the returned csrfToken as X-CSRF-Token with every state-changing request. Errors are {code, message, details}.',
        version: config.version,
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bc_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerAuthHook(app, deps);

  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerRegistryRoutes(app, deps);
  registerContactRoutes(app, deps);
  registerItemRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerAnnualRoutes(app, deps);
  registerOversightRoutes(app, deps);
  registerAnalysisRoutes(app, deps);
  registerSigningRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerFileRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerLawRoutes(app, deps);
  registerExchangeRoutes(app, deps);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await registerWeb(app, config.webDist, spaIndex);
  return app;
}

/** The built web UI's index.html, if there is a build; read per request so a rebuild is picked up. */
function webIndex(webDist: string): (() => Buffer) | undefined {
  const index = path.join(webDist, 'index.html');
  return fs.existsSync(index) ? () => fs.readFileSync(index) : undefined;
}

/** Serves the built web UI's files; client-side routes fall back to index.html (see plugins/errors.ts). */
async function registerWeb(app: App, webDist: string, spaIndex: (() => Buffer) | undefined): Promise<void> {
  if (!spaIndex) return;
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    // Looked up per request (not a route per file found at start-up), so a rebuilt bundle is served at once.
    wildcard: true,
    index: false,
    // Vite names bundles by content hash: they never change, so browsers may keep them for a year.
    setHeaders: (reply, file) =>
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').header('cache-control', 'no-cache').send(spaIndex()));
}
