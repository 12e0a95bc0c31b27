import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../domain/time.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { fileStore } from './lib/storage.ts';
import { runScheduledCheckpoint } from './modules/audit/index.ts';
import { loggableError } from './lib/log-safe.ts';
import { erasePersonalDataPastRetention } from './modules/contacts/index.ts';
import { runBlockReminders } from './modules/analysis/index.ts';
import { runEventReminders } from './modules/events/index.ts';
import { runFileChecks } from './modules/files/index.ts';
import { runReminders } from './modules/items/index.ts';
import { deliverDueEmails, type Mailer } from './modules/mail/index.ts';
import {
  checkpointPeers,
  escalateWaiting,
  httpTransport,
  nodeRequestSigner,
  readNodeTls,
  relayOnce,
  requestGaps,
  stampCheckpoints,
  timestampAuthority,
} from './modules/exchange/index.ts';
import { resolveSigningSecret } from './lib/secrets.ts';
import { ed25519Provider } from './modules/signing/index.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Background jobs of one instance. Safe with several instances: the outbox is claimed with
 * SKIP LOCKED leases, and the retention job is idempotent; audit checkpoints of several instances
 * append to one shared file (a head signed twice is harmless); the file check claims its batch under
 * an advisory lock. A job never overlaps itself.
 */
export function startScheduler(opts: { db: Db; clock: Clock; config: Config; mailer: Mailer | null; log: FastifyBaseLogger }): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  function every(name: string, ms: number, job: () => Promise<unknown>) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const p = job()
        .catch((err: unknown) => opts.log.error({ job: name, err: loggableError(err) }, 'scheduled job failed'))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    timers.push(setInterval(tick, ms));
    setImmediate(tick);
  }

  if (opts.mailer) {
    const mailer = opts.mailer;
    every('outbox.email', opts.config.outboxPollMs, () => deliverDueEmails(opts.db, mailer, opts.clock, opts.log));
  }
  every('contacts.retention', 6 * 3_600_000, () => erasePersonalDataPastRetention({ db: opts.db, clock: opts.clock }));
  every('items.reminders', 60_000, () => runReminders({ db: opts.db, clock: opts.clock, config: opts.config }));
  every('events.reminders', 5 * 60_000, () => runEventReminders({ db: opts.db, clock: opts.clock, config: opts.config }));
  every('annual.reminders', 30 * 60_000, () => runBlockReminders({ db: opts.db, clock: opts.clock, config: opts.config }));
  // Stored files re-verified at a modest pace, so damage is found before someone needs the file.
  const files = fileStore(opts.config.filesDir);
  every('files.integrity', 10 * 60_000, () => runFileChecks({ db: opts.db, clock: opts.clock, config: opts.config, files }));
  // The exchange with peer nodes: deliver the outbox (SKIP LOCKED leases), ask for gaps, escalate long waits.
  const exchangeDeps = {
    db: opts.db,
    driver: 'postgresql' as const,
    clock: opts.clock,
    config: opts.config,
    signer: ed25519Provider(resolveSigningSecret(opts.config)),
    files,
    tsa: timestampAuthority(opts.config),
  };
  const transport = httpTransport({ tls: readNodeTls(opts.config), signer: nodeRequestSigner(exchangeDeps) });
  every('exchange.relay', opts.config.exchange.pollMs, async () => {
    while ((await relayOnce(exchangeDeps, transport)).delivered > 0);
    await requestGaps(exchangeDeps, transport);
  });
  every('exchange.escalation', 5 * 60_000, () => escalateWaiting(exchangeDeps));
  // Both records prove they agree: a checkpoint of each grown stream, countersigned by the peer.
  every('exchange.checkpoint', 10 * 60_000, () => checkpointPeers(exchangeDeps, transport));
  // RFC 3161 time-stamps of the checkpoints signed here (TSA_URL): pending ones, with back-off; never in the way of the exchange.
  if (exchangeDeps.tsa) every('exchange.timestamp', 60_000, () => stampCheckpoints(exchangeDeps));
  // Signed checkpoints of the audit chain, outside the database; the first right at start.
  const checkpointMinutes = opts.config.audit.checkpointIntervalMinutes;
  if (checkpointMinutes > 0)
    every('audit.checkpoint', checkpointMinutes * 60_000, () => runScheduledCheckpoint({ db: opts.db, clock: opts.clock, config: opts.config, log: opts.log }));

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled(running);
    },
  };
}
