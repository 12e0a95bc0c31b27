import path from 'node:path';
import { z } from 'zod';
import { NODE_PARTIES, type NodeParty } from '../domain/node.ts';

/**
 * The only reader of process.env. Parsed once at start; a bad value stops the process with a
 * message that names the variable. Every variable is documented in README.md.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The schema owner's URL: migrations run as it, the server as the DATABASE_URL role (README). */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ADMIN_LOGIN: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Border Cooperation <no-reply@border-cooperation.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  WEB_DIST: z.string().default('./dist/web'),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  /** ≥ 32 bytes, hex or base64: encrypts the signing keys at rest. Default: a file in DATA_DIR. */
  SIGNING_SECRET: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FILES_DIR: z.string().optional(),
  /** Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints; created once when missing. */
  AUDIT_CHECKPOINT_KEY_FILE: z.string().optional(),
  /** JSON-lines file the signed checkpoints are appended to. */
  AUDIT_CHECKPOINTS_FILE: z.string().optional(),
  /** Minutes between scheduled checkpoints (skipped while the chain head has not moved); 0 = only on demand. */
  AUDIT_CHECKPOINT_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /** The Party whose node this is, or `both` (demonstrations, training, one shared server): README, The node. */
  NODE_PARTY: z.enum(NODE_PARTIES).default('both'),
  /** The last CI run's Vitest JSON report (.ci/run writes it): the law page shows each test's result from it. */
  TEST_REPORT_FILE: z.string().min(1).default('./test-results/vitest.json'),
  /** This node's name in the exchange (what its envelopes name as sender); default `<party>-node`. */
  NODE_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,62}$/, 'lower-case letters, digits, dots and dashes')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * The port of the exchange listener: HTTPS with mutual TLS, only the node-to-node protocol. Unset:
   * the protocol is served on the main port (one process behind a proxy, tests), without mutual TLS.
   */
  EXCHANGE_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The address peers reach this node's exchange at (its trust bundle says it); default PUBLIC_URL. */
  EXCHANGE_URL: z.url().optional(),
  /** How often the exchange relay looks for messages to send (ms). */
  EXCHANGE_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /**
   * How long the relay holds a claimed message before another pass may take it (ms): longer than a
   * delivery takes. After a crash, the messages it held wait this long.
   */
  EXCHANGE_LEASE_MS: z.coerce.number().int().min(1000).max(3600_000).default(60_000),
  /** Hours after which an undelivered message raises an alert, escalating (the relay never gives up). */
  EXCHANGE_ALERT_HOURS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated whole hours')
    .default('1,24,72'),
  /**
   * The RFC 3161 time-stamp authority (HTTP) that stamps the exchange checkpoints this node signs;
   * unset = checkpoints are not time-stamped. An unreachable authority leaves them pending, retried.
   */
  TSA_URL: z
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Bearer token that GET /metrics asks for; unset = no /metrics (404). */
  METRICS_TOKEN: z
    .string()
    .min(16, 'at least 16 characters')
    .regex(/^\S+$/, 'no spaces (it travels in an Authorization header)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Owner role for migrations and grants; undefined = the DATABASE_URL role does both. */
  migrationDatabaseUrl: string | undefined;
  databasePoolSize: number;
  admin: { login: string; password: string } | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: Env['LOG_LEVEL'];
  trustProxy: boolean;
  cookieSecure: 'auto' | boolean;
  webDist: string;
  loginRateLimitPerMinute: number;
  outboxPollMs: number;
  scheduler: boolean;
  signingSecret: string | undefined;
  filesDir: string;
  audit: { checkpointKeyFile: string; checkpointsFile: string; checkpointIntervalMinutes: number };
  /** `RU` or `KZ`: this node keeps one Party's record and has only its users; `both`: the two in one. */
  nodeParty: NodeParty;
  /** The Vitest JSON report the law page reads its tests' last results from, when the file exists. */
  testReportFile: string;
  exchange: {
    nodeId: string;
    pollMs: number;
    leaseMs: number;
    alertHours: number[];
    port: number | undefined;
    url: string;
    /** This node's TLS key and certificate for the exchange (made on first start when missing). */
    tlsKeyFile: string;
    tlsCertFile: string;
    /** The RFC 3161 time-stamp authority of checkpoints; undefined = none. */
    tsaUrl: string | undefined;
  };
  /** The bearer token of GET /metrics; undefined = the route answers 404. */
  metricsToken: string | undefined;
  version: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, version = '0.0.0'): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.SIGNING_SECRET && decodeSecret(e.SIGNING_SECRET).length < 32) {
    throw new ConfigError('Invalid configuration:\n  SIGNING_SECRET: must be at least 32 bytes (64 hex characters or 44 base64 characters)');
  }
  if (Boolean(e.ADMIN_LOGIN) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_LOGIN and ADMIN_PASSWORD must be set together');
  }
  if (e.MIGRATION_DATABASE_URL && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  MIGRATION_DATABASE_URL: needs DATABASE_URL (the role the server runs as)');
  }
  const publicUrl = e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    admin: e.ADMIN_LOGIN && e.ADMIN_PASSWORD ? { login: e.ADMIN_LOGIN, password: e.ADMIN_PASSWORD } : undefined,
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    webDist: path.resolve(e.WEB_DIST),
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    outboxPollMs: e.OUTBOX_POLL_MS,
    scheduler: e.SCHEDULER === 'on',
    signingSecret: e.SIGNING_SECRET,
    filesDir: path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files')),
    audit: {
      checkpointKeyFile: path.resolve(e.AUDIT_CHECKPOINT_KEY_FILE ?? path.join(e.DATA_DIR, 'audit-checkpoint.key')),
      checkpointsFile: path.resolve(e.AUDIT_CHECKPOINTS_FILE ?? path.join(e.DATA_DIR, 'audit-checkpoints.jsonl')),
      checkpointIntervalMinutes: e.AUDIT_CHECKPOINT_INTERVAL_MINUTES,
    },
    nodeParty: e.NODE_PARTY,
    testReportFile: path.resolve(e.TEST_REPORT_FILE),
    exchange: {
      nodeId: e.NODE_ID ?? `${e.NODE_PARTY.toLowerCase()}-node`,
      pollMs: e.EXCHANGE_POLL_MS,
      leaseMs: e.EXCHANGE_LEASE_MS,
      alertHours: e.EXCHANGE_ALERT_HOURS.split(',')
        .map(Number)
        .sort((a, b) => a - b),
      port: e.EXCHANGE_PORT,
      url: e.EXCHANGE_URL ?? publicUrl,
      tlsKeyFile: path.resolve(path.join(e.DATA_DIR, 'exchange-tls.key')),
      tlsCertFile: path.resolve(path.join(e.DATA_DIR, 'exchange-tls.crt')),
      tsaUrl: e.TSA_URL,
    },
    metricsToken: e.METRICS_TOKEN,
    version,
  };
}

/** A secret given as hex (64+ characters) or base64. */
export function decodeSecret(value: string): Buffer {
  return /^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0 ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}
