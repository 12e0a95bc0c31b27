import { can, type Actor } from '../../../domain/access.ts';
import { AppError, fieldIssue, validationError } from '../../../domain/errors.ts';
import { ATTACHMENT_MAX_FILES, DEFAULT_SETTINGS, SETTING_KEYS, SettingsSchema, type Settings, type UploadLimits } from '../../../domain/settings.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { readAllSettings, writeSetting } from './settings.repository.ts';

/** Short cache: several instances share the table, so a change reaches all of them within seconds. */
const CACHE_MS = 5000;
const cache = new WeakMap<Db, { at: number; value: Settings }>();

export async function getSettings(db: Db): Promise<Settings> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const stored = await readAllSettings(db);
  const merged = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    const parsed = SettingsSchema.shape[key].safeParse(stored[key]);
    // A stored value that no longer fits the schema falls back to the default rather than failing.
    if (stored[key] !== undefined && parsed.success) (merged as Record<string, unknown>)[key] = parsed.data;
  }
  cache.set(db, { at: Date.now(), value: merged });
  return merged;
}

export function invalidateSettings(db: Db): void {
  cache.delete(db);
}

export async function readSettings(deps: Deps, actor: Actor): Promise<Settings> {
  if (!can(actor, 'settings.manage')) throw new AppError('FORBIDDEN');
  invalidateSettings(deps.db);
  return getSettings(deps.db);
}

/** Any signed-in user: the limits the web checks before an upload (the server checks them again on receipt). */
export async function uploadLimits(deps: Deps, actor: Actor): Promise<UploadLimits> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  const s = await getSettings(deps.db);
  return { attachmentMaxMb: s.attachmentMaxMb, maxFiles: ATTACHMENT_MAX_FILES };
}

export async function updateSettings(deps: Deps, actor: Actor, patch: Partial<Settings>): Promise<Settings> {
  if (!can(actor, 'settings.manage')) throw new AppError('FORBIDDEN');
  const before = await readSettings(deps, actor);
  const after = { ...before, ...patch };
  if (after.sessionIdleMinutes > after.sessionAbsoluteHours * 60) {
    throw validationError(
      fieldIssue('body.sessionIdleMinutes', 'idle_exceeds_absolute', 'Idle timeout cannot exceed the absolute timeout'),
      'Idle timeout cannot exceed the absolute timeout',
    );
  }
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    for (const key of SETTING_KEYS) {
      if (patch[key] !== undefined && patch[key] !== before[key]) await writeSetting(tx, key, patch[key], actor.userId, now);
    }
    await recordAudit(tx, deps, actor, { action: 'settings.update', objectType: 'settings', objectId: null, before, after });
  });
  invalidateSettings(deps.db);
  return getSettings(deps.db);
}
