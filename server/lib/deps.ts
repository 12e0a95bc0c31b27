import type { Clock } from '../../domain/time.ts';
import type { Config } from '../config.ts';
import type { Db, DriverName } from '../db/client.ts';
import type { TimestampAuthority } from '../exchange/timestamp/rfc3161.ts';
import type { RegistryCache } from '../modules/registry/registry.cache.ts';
import type { SignatureProvider, SignatureProviders } from '../modules/signing/signer.ts';
import type { FileStore } from './storage.ts';

/**
 * What services need from the outside world, built once in buildApp and passed explicitly:
 * no service locator on the Fastify instance.
 */
export interface Deps {
  db: Db;
  driver: DriverName;
  clock: Clock;
  config: Config;
  /** The node's own keys (exchange, audit checkpoints) — Ed25519 — and, unless `signatures` says otherwise, document signatures. */
  signer: SignatureProvider;
  /** Document signature providers by algorithm (A-6.4; `providersOf`); absent: `signer` alone. */
  signatures?: SignatureProviders;
  files: FileStore;
  /** Registry reads cached under the registry's version (ETag/304), dropped on its NOTIFY; absent: not cached. */
  registry?: RegistryCache;
  /** The RFC 3161 time-stamp authority of exchange checkpoints (TSA_URL); absent: no time-stamps. */
  tsa?: TimestampAuthority;
  /**
   * Runs in the transaction of every action the kernel takes, after the action is appended: the
   * exchange puts the messages for peer nodes into its outbox here (modules/exchange). A hook, not
   * an import, because the exchange reads the kernel's log.
   */
  afterAction?: (tx: Db, deps: Deps, type: 'item' | 'event' | 'annual_block', row: Record<string, unknown>) => Promise<void>;
  /**
   * Puts a record for the other Party's node into the exchange's outbox, in the caller's
   * transaction: a contact change (P-3, O-4.2) or a notice to its coordinator.
   */
  sendRecord?: (tx: Db, deps: Deps, record: OutgoingRecord) => Promise<void>;
}

export interface OutgoingRecord {
  /** `joint_event`, `event_statement`: a joint event and a counterpart's statement on it (issue 12). */
  kind: 'contact_change' | 'party_notice' | 'joint_event' | 'event_statement';
  /** The change's or the notice's id: the message id (a fresh one for each record of an event). */
  id: string;
  /** The Party whose office it is about (the peers of the other Party get it). */
  party: 'RU' | 'KZ';
  /** The notification payload the sender's own coordinators got. */
  notice?: Record<string, unknown>;
  /** What the message is about when it is not itself (the event): the outbox lists it under it. */
  subjectId?: string;
  /** Only these peers (by name), not every peer of the other Party. */
  peers?: readonly string[];
  /** The office it is about (of the sending node) and the content, made by the module that owns it. */
  officeCode?: string;
  record?: Record<string, unknown>;
}

/** Request facts a service needs besides the actor (for the audit row). */
export interface RequestMeta {
  ip: string | null;
}
