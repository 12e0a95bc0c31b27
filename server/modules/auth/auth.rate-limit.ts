import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Deps } from '../../lib/deps.ts';
import { hitRateLimit, readRateLimit, sweepRateLimits } from './auth.repository.ts';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/** Ended windows are swept at most this often per instance (the sweep is one indexed DELETE). */
const SWEEP_EVERY_MS = 60_000;

/**
 * A store for @fastify/rate-limit that keeps the counters in the database, as the lockout is kept,
 * so that every instance on one database enforces one limit (the default store counts per
 * process). One atomic upsert per request; time from the injected clock; windows that have ended
 * are reused by the next request for the same key and swept once a minute.
 */
export function databaseRateLimitStore(deps: Pick<Deps, 'db' | 'clock'>): FastifyRateLimitStoreCtor {
  let nextSweepAt = 0;
  const sweepIfDue = async (now: Date) => {
    if (now.getTime() < nextSweepAt) return;
    nextSweepAt = now.getTime() + SWEEP_EVERY_MS;
    await sweepRateLimits(deps.db, now);
  };

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    /** Route prefix of the key: each rate-limited route counts on its own. */
    private readonly prefix: string;

    constructor(_options?: FastifyRateLimitOptions, prefix = '') {
      this.prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = deps.clock.now();
      sweepIfDue(now)
        .then(() => hitRateLimit(deps.db, this.prefix + key, now, timeWindow))
        .then((row) => callback(null, { current: row.hits, ttl: Math.max(0, row.windowEndsAt.getTime() - now.getTime()) }), (e: Error) => callback(e));
    }

    /** The non-counting peek the plugin uses for `{ increment: false }`. */
    read(key: string, callback: Callback): void {
      const now = deps.clock.now();
      readRateLimit(deps.db, this.prefix + key, now).then(
        (row) => callback(null, row ? { current: row.hits, ttl: Math.max(0, row.windowEndsAt.getTime() - now.getTime()) } : { current: 0, ttl: 0 }),
        (e: Error) => callback(e),
      );
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
      return new DatabaseRateLimitStore(undefined, `${this.prefix}${method} ${route?.url ?? ''}|`);
    }
  }
  return DatabaseRateLimitStore;
}
