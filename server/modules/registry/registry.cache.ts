import { createHash } from 'node:crypto';
import type { Database, Db } from '../../db/client.ts';
import { readRegistryVersion } from './registry.repository.ts';

/** The NOTIFY channel the registry's trigger announces its new version on (migration 0032). */
export const REGISTRY_CHANNEL = 'bc_registry';

/** What a cached answer may depend on besides the registry: the clock, at the granularity of UTC offset changes. */
const CLOCK_BUCKET_MS = 15 * 60_000;
const MAX_ENTRIES = 256;

/**
 * Registry reads cached per instance under the registry's version, so every instance gives the same
 * ETag for the same answer and a browser revalidates with a 304. The version is trusted from memory
 * only while this instance listens on `bc_registry`: a notice drops the answers at once; without
 * the listener (connection lost) every request reads the version (one indexed row) and nothing is
 * kept. A change made here drops them at once too, before its notice comes back.
 */
export interface RegistryCache {
  /** The registry's version now. */
  version(db: Db): Promise<number>;
  /**
   * The answer for `key` under version `version` at `now`: its ETag, and the body, rendered by
   * `render` only when it is not cached (and only then cached if nothing changed meanwhile).
   */
  answer(version: number, now: Date, key: string, render: () => Promise<string>): { etag: string; body: () => Promise<string> };
  /**
   * A value computed from the registry alone (the offices as rows…), kept until the registry
   * changes. Read-only to callers. Not for a transaction that may itself have changed the registry.
   */
  derived<T>(name: string, db: Db, load: () => Promise<T>): Promise<T>;
  /** Drops everything (this instance changed the registry). */
  invalidate(): void;
  close(): Promise<void>;
}

export async function registryCache(database: Pick<Database, 'listen'>, shape: string): Promise<RegistryCache> {
  // The response's shape is in the ETag: an upgrade that changes it does not answer 304 to an old body.
  const shapeTag = createHash('sha256').update(shape).digest('base64url').slice(0, 10);
  let listening = false;
  let known: number | null = null;
  // Raised by every notice and reset: a read that began before one must not store what it read.
  let generation = 0;
  const entries = new Map<string, string>();
  const values = new Map<string, { version: number; value: unknown }>();
  const drop = () => {
    generation++;
    known = null;
    entries.clear();
    values.clear();
  };
  const stop = await database.listen(
    REGISTRY_CHANNEL,
    (payload) => {
      drop();
      const v = Number(payload);
      if (listening && Number.isSafeInteger(v)) known = v;
    },
    (state) => {
      drop();
      listening = state;
    },
  );
  const version = async (db: Db) => {
    if (listening && known !== null) return known;
    const seen = generation;
    const v = await readRegistryVersion(db);
    if (listening && seen === generation) known = v;
    return v;
  };
  return {
    version,
    async derived<T>(name: string, db: Db, load: () => Promise<T>) {
      const v = await version(db);
      const hit = values.get(name);
      if (hit && hit.version === v) return hit.value as T;
      const seen = generation;
      const value = await load();
      if (listening && seen === generation && known === v) values.set(name, { version: v, value });
      return value;
    },
    answer(version, now, key, render) {
      const etag = `"r${version}.${Math.floor(now.getTime() / CLOCK_BUCKET_MS)}.${shapeTag}"`;
      const cacheKey = `${etag} ${key}`;
      return {
        etag,
        body: async () => {
          const hit = entries.get(cacheKey);
          if (hit !== undefined) return hit;
          const seen = generation;
          const body = await render();
          if (listening && seen === generation && known === version) {
            if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
            entries.set(cacheKey, body);
          }
          return body;
        },
      };
    },
    invalidate: drop,
    close: stop,
  };
}

/** Whether an If-None-Match header names this ETag (RFC 9110 §13.1.2: weak comparison, a list, or *). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
