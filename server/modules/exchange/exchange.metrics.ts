import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Deps } from '../../lib/deps.ts';
import { keyExpiry, publishedKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';

/**
 * Prometheus metrics of the exchange, read from the database at scrape time (collect callbacks), so
 * every instance sharing the database reports the same figures and nothing is kept in memory. One
 * registry per app: tests run several apps in one process, and the global registry would mix them.
 */

/** What one scrape reads: a peer's figures keyed by its node id. */
interface Snapshot {
  peers: {
    nodeId: string;
    queued: number;
    oldestAgeSeconds: number;
    held: number;
    rejectedOut: number;
    rejectedIn: number;
    lastSuccessAt: Date | null;
    lastHeardAt: Date | null;
    keyExpiry: Date | null;
    timestampsPending: number;
  }[];
  alerts: { peer: string; kind: string; count: number }[];
  nodeKeyExpiry: Date | null;
}

async function readSnapshot(deps: Deps): Promise<Snapshot> {
  const now = deps.clock.now();
  const peers = await repo.listPeers(deps.db);
  const nodeIdOf = new Map(peers.map((p) => [p.id, p.nodeId]));
  const out: Snapshot['peers'] = [];
  for (const p of peers) {
    const o = await repo.outboxStats(deps.db, p.id);
    const i = await repo.inboxStats(deps.db, p.id);
    const c = await repo.checkpointStats(deps.db, p.id);
    out.push({
      nodeId: p.nodeId,
      queued: o.queued,
      oldestAgeSeconds: o.oldestQueuedAt ? Math.max(0, (now.getTime() - o.oldestQueuedAt.getTime()) / 1000) : 0,
      held: i.held,
      rejectedOut: o.rejected,
      rejectedIn: i.rejected,
      lastSuccessAt: p.lastSuccessAt,
      lastHeardAt: p.lastHeardAt,
      keyExpiry: keyExpiry(p.keys, now),
      timestampsPending: c.timestampsPending,
    });
  }
  const alerts = (await repo.openAlertCounts(deps.db)).map((a) => ({
    // An alert not tied to a configured peer (an unknown signer) is counted under an empty peer.
    peer: a.peerId ? (nodeIdOf.get(a.peerId) ?? '') : '',
    kind: a.kind,
    count: a.count,
  }));
  return { peers: out, alerts, nodeKeyExpiry: keyExpiry(await publishedKeys(deps.db), now) };
}

const seconds = (d: Date): number => d.getTime() / 1000;

export function exchangeMetricsRegistry(deps: Deps): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // Every gauge's collect runs in the same tick of one scrape: they share one read of the database.
  let inflight: Promise<Snapshot> | null = null;
  const snapshot = (): Promise<Snapshot> => {
    inflight ??= readSnapshot(deps).finally(() => {
      inflight = null;
    });
    return inflight;
  };

  /** A gauge with one series per peer; a peer without a value (never heard, no valid key) has no series. */
  const perPeer = (name: string, help: string, value: (p: Snapshot['peers'][number]) => number | null): void => {
    registry.registerMetric(
      new Gauge({
        name,
        help,
        labelNames: ['peer'] as const,
        registers: [],
        async collect() {
          const s = await snapshot();
          this.reset();
          for (const p of s.peers) {
            const v = value(p);
            if (v !== null) this.set({ peer: p.nodeId }, v);
          }
        },
      }),
    );
  };

  perPeer('bc_exchange_queue_depth', 'Messages to the peer waiting for delivery', (p) => p.queued);
  perPeer('bc_exchange_oldest_unacked_age_seconds', 'Age of the oldest message to the peer not yet acknowledged (0: none waits)', (p) => p.oldestAgeSeconds);
  perPeer('bc_exchange_held_messages', 'Messages from the peer held until their predecessors arrive', (p) => p.held);
  perPeer('bc_exchange_last_success_timestamp_seconds', 'When a message to the peer was last delivered', (p) =>
    p.lastSuccessAt ? seconds(p.lastSuccessAt) : null,
  );
  perPeer('bc_exchange_last_heard_timestamp_seconds', 'When the peer last sent a verified request', (p) => (p.lastHeardAt ? seconds(p.lastHeardAt) : null));
  perPeer(
    'bc_exchange_checkpoints_timestamp_pending',
    'Checkpoints of the stream to the peer signed here whose RFC 3161 time-stamp is still pending',
    (p) => p.timestampsPending,
  );
  perPeer('bc_exchange_peer_key_expiry_timestamp_seconds', 'When the last valid key of the peer expires', (p) => (p.keyExpiry ? seconds(p.keyExpiry) : null));

  registry.registerMetric(
    new Gauge({
      name: 'bc_exchange_rejected_messages',
      help: 'Messages refused with a signed rejection: out = by the peer, in = by this node',
      labelNames: ['peer', 'direction'] as const,
      registers: [],
      async collect() {
        const s = await snapshot();
        this.reset();
        for (const p of s.peers) {
          this.set({ peer: p.nodeId, direction: 'out' }, p.rejectedOut);
          this.set({ peer: p.nodeId, direction: 'in' }, p.rejectedIn);
        }
      },
    }),
  );

  registry.registerMetric(
    new Gauge({
      name: 'bc_exchange_open_alerts',
      help: 'Open exchange alerts by peer and kind (peer empty: not tied to a configured peer)',
      labelNames: ['peer', 'kind'] as const,
      registers: [],
      async collect() {
        const s = await snapshot();
        this.reset();
        // inc, not set: alerts of several unknown signers share the empty peer.
        for (const a of s.alerts) this.inc({ peer: a.peer, kind: a.kind }, a.count);
      },
    }),
  );

  registry.registerMetric(
    new Gauge({
      name: 'bc_exchange_node_key_expiry_timestamp_seconds',
      help: 'When the last valid key of this node expires (0: it has none yet)',
      registers: [],
      async collect() {
        const s = await snapshot();
        this.reset();
        if (s.nodeKeyExpiry) this.set(seconds(s.nodeKeyExpiry));
      },
    }),
  );

  return registry;
}

/** `Authorization: Bearer <token>` against the configured token, in constant time (hashes have equal length). */
export function metricsTokenMatches(expected: string, header: string | undefined): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const given = createHash('sha256')
    .update(m?.[1] ?? '')
    .digest();
  const want = createHash('sha256').update(expected).digest();
  return timingSafeEqual(given, want) && m !== null;
}
