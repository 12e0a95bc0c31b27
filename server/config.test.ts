import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { TAG } from './test/build-test-app.ts';

describe(`configuration of the audit log’s safeguards ${TAG}`, () => {
  it('checkpoint key and file default to DATA_DIR, hourly; paths and interval may be set', () => {
    const c = loadConfig({ DATA_DIR: '/srv/bc' });
    expect(c.audit).toEqual({
      checkpointKeyFile: '/srv/bc/audit-checkpoint.key',
      checkpointsFile: '/srv/bc/audit-checkpoints.jsonl',
      checkpointIntervalMinutes: 60,
    });
    expect(c.migrationDatabaseUrl).toBeUndefined();
    const set = loadConfig({
      DATA_DIR: '/srv/bc',
      AUDIT_CHECKPOINT_KEY_FILE: 'keys/cp.pem',
      AUDIT_CHECKPOINTS_FILE: '/shared/cp.jsonl',
      AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0',
    });
    expect(set.audit).toEqual({ checkpointKeyFile: path.resolve('keys/cp.pem'), checkpointsFile: '/shared/cp.jsonl', checkpointIntervalMinutes: 0 });
  });

  it('a bad value stops the start naming the variable', () => {
    expect(() => loadConfig({ AUDIT_CHECKPOINT_INTERVAL_MINUTES: 'hourly' })).toThrow(/AUDIT_CHECKPOINT_INTERVAL_MINUTES/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://app@db/border', MIGRATION_DATABASE_URL: 'mysql://x' })).toThrow(/MIGRATION_DATABASE_URL/);
    // The owner's URL alone would migrate a database the server never uses.
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@db/border' })).toThrow(ConfigError);
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/border', MIGRATION_DATABASE_URL: 'postgres://owner@db/border' }).migrationDatabaseUrl).toBe(
      'postgres://owner@db/border',
    );
  });
});

describe(`configuration of the node ${TAG}`, () => {
  it('a node is of both Parties unless NODE_PARTY names one; anything else stops the start naming it', () => {
    expect(loadConfig({}).nodeParty).toBe('both');
    expect(loadConfig({ NODE_PARTY: 'RU' }).nodeParty).toBe('RU');
    expect(loadConfig({ NODE_PARTY: 'KZ' }).nodeParty).toBe('KZ');
    expect(() => loadConfig({ NODE_PARTY: 'RK' })).toThrow(/NODE_PARTY/);
  });
});

describe(`configuration of the metrics ${TAG}`, () => {
  it('security: METRICS_TOKEN is optional (empty = unset) and, when set, at least 16 characters without spaces', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-token' }).metricsToken).toBe('a-long-enough-token');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_TOKEN: 'long enough but with spaces' })).toThrow(/METRICS_TOKEN/);
  });
});
