import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Deps } from '../../lib/deps.ts';
import { hitRateLimit, readRateLimit, sweepRateLimits } from './auth.repository.ts';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/** Runs `work` and hands its result or its error to the plugin's node-style callback, exactly once. */
function settle(work: () => Promise<Result>, callback: Callback): void {
  work().then(
    (result) => setImmediate(callback, null, result),
    (error: Error) => setImmediate(callback, error),
  );
}

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
      settle(async () => {
        await sweepIfDue(now);
        const row = await hitRateLimit(deps.db, this.prefix + key, now, timeWindow);
        return { current: row.hits, ttl: Math.max(0, row.windowEndsAt.getTime() - now.getTime()) };
      }, callback);
    }

    /** The non-counting peek the plugin uses for `{ increment: false }`. */
    read(key: string, callback: Callback): void {
      const now = deps.clock.now();
      settle(async () => {
        const row = await readRateLimit(deps.db, this.prefix + key, now);
        return row ? { current: row.hits, ttl: Math.max(0, row.windowEndsAt.getTime() - now.getTime()) } : { current: 0, ttl: 0 };
      }, callback);
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(',') : (route?.method ?? '');
      return new DatabaseRateLimitStore(undefined, `${this.prefix}${method} ${route?.url ?? ''}|`);
    }
  }
  return DatabaseRateLimitStore;
}
