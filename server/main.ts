import { systemClock } from '../domain/time.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/lock.ts';
import { roleCanRewriteAuditLog } from './modules/audit/index.ts';
import { smtpMailer } from './modules/mail/index.ts';
import { prepareDatabase } from './prepare.ts';
import { buildExchangeListener, enqueueForPeers, enqueueRecord, ensureNodeTls, timestampAuthority } from './modules/exchange/index.ts';
import { ed25519Provider } from './modules/signing/index.ts';
import { resolveSigningSecret } from './lib/secrets.ts';
import { fileStore } from './lib/storage.ts';
import { startScheduler } from './scheduler.ts';
import { APP_VERSION } from './paths.ts';

/** The only file that listens: load config, open the database, build the app, close on signals. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig(process.env, APP_VERSION);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  const clock = systemClock;
  let closing = false;
  const app = await buildApp({ config, database, clock });
  if (database.recoveredLock) {
    app.log.warn(
      { pid: database.recoveredLock.pid, since: database.recoveredLock.acquiredAt },
      'took over the data directory lock of a process that is gone (crash?)',
    );
  }
  const prepared = await prepareDatabase(database, config, clock);
  if (database.driver === 'postgresql' && (await roleCanRewriteAuditLog(database.db))) {
    app.log.warn(
      config.migrationDatabaseUrl
        ? 'the DATABASE_URL role owns the audit log or may alter it (superuser, owner, or member of the owner role): the audit log is only protected by its trigger; give the server a role that owns nothing (README, PostgreSQL)'
        : 'no MIGRATION_DATABASE_URL: the server runs as the owner of the audit log, which is then only protected by its trigger; run migrations as an owner role and the server as a role that owns nothing (README, PostgreSQL)',
    );
  }
  if (prepared.seeded) app.log.info('reference data loaded');
  if (prepared.node.previous !== null && prepared.node.previous !== prepared.node.party) {
    // Codes of offices only: no personal data in the log.
    app.log.warn(
      {
        from: prepared.node.previous,
        to: prepared.node.party,
        offices: prepared.node.moved.map((m) => `${m.code}:${m.from}→${m.to}`),
        usersDisabled: prepared.node.disabledUsers.length,
      },
      'NODE_PARTY changed on this database: offices re-hosted and users of offices not hosted here disabled (see the offices’ history and the audit log)',
    );
  } else if (prepared.node.disabledUsers.length) {
    app.log.warn({ usersDisabled: prepared.node.disabledUsers.length }, 'users of offices not hosted on this node were disabled');
  }
  app.log.info({ nodeParty: config.nodeParty }, 'node');
  if (prepared.admin?.generated) {
    // Printed once, to the console only: the one-time password is not kept anywhere else.
    process.stdout.write(
      `\n  First start: administrator created.\n    login:    ${prepared.admin.login}\n    password: ${prepared.admin.password}\n  Change it at first login. It will not be shown again.\n\n`,
    );
  } else if (prepared.admin) {
    app.log.info('administrator created from ADMIN_LOGIN'); // the login stays out of the log like every name
  }

  // The exchange listener: mutual TLS on its own port (README, The exchange).
  let exchange: { close(): Promise<void> } | null = null;
  if (config.exchange.port) {
    const tls = await ensureNodeTls(config);
    const listener = await buildExchangeListener(
      {
        db: database.db,
        driver: database.driver,
        clock,
        config,
        signer: ed25519Provider(resolveSigningSecret(config)),
        files: fileStore(config.filesDir),
        tsa: timestampAuthority(config),
        // What applying a peer's message may start in turn (a joint event sent back, a receipt): the app's own hooks.
        afterAction: enqueueForPeers,
        sendRecord: enqueueRecord,
      },
      tls,
    );
    await listener.app.listen({ host: config.host, port: config.exchange.port });
    app.log.info({ port: config.exchange.port }, 'exchange listener (mutual TLS)');
    exchange = listener;
  }

  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  const scheduler = config.scheduler ? startScheduler({ db: database.db, clock, config, mailer, log: app.log }) : null;

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await exchange?.close();
      await scheduler?.stop();
      mailer?.close();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  app.log.info({ url: config.publicUrl, database: database.driver, readyMs: Math.round(performance.now() - startedAt) }, 'Border Cooperation is ready');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Start-up failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
