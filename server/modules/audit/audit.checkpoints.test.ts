import { spawnSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newPglite } from '../../db/pglite.ts';
import { eq } from 'drizzle-orm';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CHECKPOINT_CONTEXT } from '../../../domain/schemas/audit.ts';
import type { Db } from '../../db/client.ts';
import { auditHead, auditLog } from '../../db/schema.ts';
import { rewriteLog, type Row } from '../../test/audit-attack.ts';
import { createTestContext, DRIVER, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { publicKeyFromPem, runScheduledCheckpoint, signCheckpoint, verifyAgainstCheckpoints, verifyChain } from './index.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** A few audited actions: office edits by the coordinator (each one audit row, and a read). */
async function activity(ctx: TestContext, n: number) {
  const gumps = await ctx.as('gumps');
  const ore = (await gumps.get('/api/v1/offices?q=RU-ORE')).body.items[0];
  let version = ore.version;
  for (let i = 0; i < n; i++) version = (await gumps.patch(`/api/v1/offices/${ore.id}`, { notes: `правка ${i} ${Date.now()}`, version })).body.version;
}

const head = async (db: Db) => (await db.select().from(auditHead).where(eq(auditHead.id, 1)))[0]!;

/** Runs `npm run audit:verify` (the script itself) against this test's database. */
async function runCli(ctx: TestContext, args: string[]) {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    LOG_LEVEL: 'silent',
    DATA_DIR: ctx.config.dataDir,
    AUDIT_CHECKPOINT_KEY_FILE: ctx.config.audit.checkpointKeyFile,
    AUDIT_CHECKPOINTS_FILE: ctx.config.audit.checkpointsFile,
  };
  let dataDir: string | null = null;
  if (DRIVER === 'postgresql') env.DATABASE_URL = ctx.database.urls!.app;
  else {
    // The CLI opens the embedded database from a directory: copy this test's in-memory one there.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-verify-'));
    const copy = newPglite({ dataDir: path.join(dataDir, 'pgdata'), loadDataDir: await ctx.database.pglite!.dumpDataDir('none') });
    await copy.waitReady;
    await copy.close();
    Object.assign(env, { DATABASE_URL: '', DATA_DIR: dataDir });
  }
  try {
    const res = spawnSync(process.execPath, [path.join(ROOT, 'server/cli/audit-verify.ts'), ...args], { cwd: ROOT, env, encoding: 'utf8' });
    return { status: res.status, out: res.stdout + res.stderr };
  } finally {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe(`signed checkpoints of the audit chain ${TAG}`, () => {
  let ctx: TestContext;
  let auditor: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    auditor = await ctx.as('auditor');
    await activity(ctx, 3);
  });
  afterAll(async () => ctx?.close());

  it('A-9 signs the chain head on demand and on schedule (only when it moved) with a key outside the database; auditors list and download both', async () => {
    const made = await auditor.post('/api/v1/audit/checkpoints');
    expect(made.status).toBe(201);
    const h = await head(ctx.database.db);
    // The checkpoint covers the head as it was; the auditor's action is recorded right after it.
    expect(made.body).toMatchObject({ v: 1, seq: h.seq - 1, rows: h.seq - 1 });
    const [recorded] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.seq, h.seq));
    expect(recorded).toMatchObject({ action: 'audit.checkpoint', actorLogin: 'auditor', after: { seq: made.body.seq, hash: made.body.hash } });
    const [signedRow] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.seq, made.body.seq));
    expect(made.body.hash).toBe(signedRow!.hash);

    // The key and the checkpoints live in files under DATA_DIR, the key readable by the server only.
    const keyFile = path.join(ctx.config.dataDir, 'audit-checkpoint.key');
    const file = path.join(ctx.config.dataDir, 'audit-checkpoints.jsonl');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(
      fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([made.body]);

    // Scheduled: the head moved (the auditor's row), so one more; then nothing while it stands still.
    const job = { db: ctx.database.db, clock: ctx.clock, config: ctx.config, log: { error: () => undefined } };
    expect(await runScheduledCheckpoint(job)).toMatchObject({ created: true, checkpoint: { seq: h.seq } });
    expect(await runScheduledCheckpoint(job)).toEqual({ created: false, why: 'unchanged' });
    await activity(ctx, 1);
    expect(await runScheduledCheckpoint(job)).toMatchObject({ created: true });

    const list = await auditor.get('/api/v1/audit/checkpoints?limit=2');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0].seq).toBeGreaterThan(list.body.items[1].seq);
    expect(list.body.items.every((c: { signatureValid: boolean; keyId: string }) => c.signatureValid && c.keyId === list.body.key.keyId)).toBe(true);

    // What an auditor downloads verifies on its own, with nothing but node:crypto and RFC 8785.
    const jsonl = await auditor.get('/api/v1/audit/checkpoints.jsonl');
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers['content-disposition']).toContain('audit-checkpoints.jsonl');
    const pem = await auditor.get('/api/v1/audit/checkpoint-key.pem');
    expect(pem.status).toBe(200);
    expect(String(pem.raw)).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const key = createPublicKey(String(pem.raw));
    const lines = String(jsonl.raw)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const { signature, ...fields } of lines) {
      expect(verify(null, Buffer.from(AUDIT_CHECKPOINT_CONTEXT + canonicalize(fields)), key, Buffer.from(signature, 'base64'))).toBe(true);
    }
    expect(await auditor.post('/api/v1/audit/verify')).toMatchObject({
      status: 200,
      body: { ok: true, checkpoints: { verified: 3, invalid: 0 }, lastGoodCheckpoint: { seq: lines[2].seq } },
    });
  });

  it('only an auditor signs, lists or downloads checkpoints', async () => {
    for (const who of ['admin', 'gumps', 'oreHead', 'leader'] as const) {
      const c = await ctx.as(who);
      for (const url of ['/api/v1/audit/checkpoints', '/api/v1/audit/checkpoints.jsonl', '/api/v1/audit/checkpoint-key.pem'])
        expect((await c.get(url)).status, `${who} ${url}`).toBe(403);
      expect((await c.post('/api/v1/audit/checkpoints')).status, who).toBe(403);
    }
    expect((await auditor.get('/api/v1/audit/checkpoints?pageSize=10')).status).toBe(400);
    expect((await auditor.get('/api/v1/audit/checkpoints?limit=-1')).status).toBe(400);
  });

  it('a checkpoint line altered in the file fails verification (its signature no longer holds)', async () => {
    const file = ctx.config.audit.checkpointsFile;
    const original = fs.readFileSync(file, 'utf8');
    try {
      const lines = original.trim().split('\n');
      const first = JSON.parse(lines[0]!);
      lines[0] = JSON.stringify({ ...first, seq: first.seq + 1 });
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const res = await auditor.post('/api/v1/audit/verify');
      expect(res.body).toMatchObject({
        ok: false,
        reason: 'checkpoint_invalid',
        badCheckpoint: { line: 1, problem: 'bad_signature' },
        checkpoints: { verified: 2, invalid: 1 },
      });
      fs.appendFileSync(file, 'not a checkpoint\n');
      expect((await auditor.get('/api/v1/audit/checkpoints')).body.malformed).toBe(1);
    } finally {
      fs.writeFileSync(file, original);
    }
    expect((await auditor.post('/api/v1/audit/verify')).body.ok).toBe(true);
  });
});

describe(`a rewrite of the audit log by the owner of the table is detected ${TAG}`, () => {
  let ctx: TestContext;
  let auditor: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    auditor = await ctx.as('auditor');
  });
  afterAll(async () => ctx?.close());

  it('security: A-9 edited rows, a forged row, the last row deleted, every hash and the head recomputed: verify names the first bad row and the last good checkpoint', async () => {
    await activity(ctx, 3);
    const a = (await auditor.post('/api/v1/audit/checkpoints')).body;
    await activity(ctx, 4);
    const b = (await auditor.post('/api/v1/audit/checkpoints')).body;
    await activity(ctx, 2);
    expect(b.seq).toBeGreaterThan(a.seq + 5);
    // An auditor keeps copies elsewhere.
    const keep = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-auditor-'));
    const copy = path.join(keep, 'checkpoints.jsonl');
    const pem = path.join(keep, 'key.pem');
    fs.writeFileSync(copy, (await auditor.get('/api/v1/audit/checkpoints.jsonl')).raw);
    fs.writeFileSync(pem, (await auditor.get('/api/v1/audit/checkpoint-key.pem')).raw);
    const before = await head(ctx.database.db);

    // As the owner (on PGlite the only role): rewrite history between the two checkpoints.
    await rewriteLog(ctx.database.owner.db, (rows) => {
      const edited = rows.map((r) => (r.seq === a.seq + 2 || r.seq === a.seq + 4 ? { ...r, after: { notes: 'переписано' } } : r));
      const forged: Row = {
        ...rows[a.seq + 2]!,
        id: '01900000-0000-7000-8000-00000000f0f0',
        actorLogin: 'admin',
        action: 'user.create',
        after: { login: 'ghost' },
      };
      edited.splice(a.seq + 3, 0, forged);
      return edited.slice(0, -1); // and the last row is gone
    });
    // The table alone is now a flawless chain: without checkpoints nothing would be found.
    expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: true, rows: before.seq });
    expect((await head(ctx.database.db)).seq).toBe(before.seq);

    const expected = {
      ok: false,
      reason: 'checkpoint_mismatch',
      firstBadSeq: a.seq + 1,
      lastGoodCheckpoint: { seq: a.seq, at: a.at, hash: a.hash },
      badCheckpoint: { seq: b.seq },
    };
    const api = await auditor.post('/api/v1/audit/verify');
    expect(api.body).toMatchObject(expected);
    expect(api.body.lastGoodCheckpoint.file).toBeUndefined(); // no server paths to the browser

    // The server refuses to sign over a chain that contradicts its own checkpoints.
    const refused = await auditor.post('/api/v1/audit/checkpoints');
    expect(refused).toMatchObject({ status: 409, body: { code: 'AUDIT_CHAIN_BROKEN', details: { firstBadSeq: a.seq + 1 } } });

    // Even with the server's checkpoint file gone, the auditor's copy and key find it.
    fs.rmSync(ctx.config.audit.checkpointsFile);
    expect(await verifyAgainstCheckpoints(ctx.database.db, [copy], [publicKeyFromPem(fs.readFileSync(pem, 'utf8'))])).toMatchObject(expected);
    const cli = await runCli(ctx, ['--checkpoints', copy, '--public-key', pem]);
    expect(cli.out).toContain(`Audit chain BROKEN at row #${a.seq + 1} (checkpoint_mismatch)`);
    expect(cli.out).toContain(`Last good checkpoint: #${a.seq} signed ${a.at}`);
    expect(cli.out).toContain(`Checkpoint #${b.seq} signed ${b.at}`);
    expect(cli.status).toBe(1);
    fs.rmSync(keep, { recursive: true, force: true });
  }, 60_000);
});

describe(`a cut-off tail of the audit log is detected ${TAG}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx?.close());

  it('security: A-9 rows deleted from the end with the head moved back: a checkpoint beyond the head fails verify; the CLI exits 1', async () => {
    const deps = { db: ctx.database.db, clock: ctx.clock, config: ctx.config };
    await activity(ctx, 2);
    const first = await signCheckpoint(deps, { skipIfUnchanged: true });
    await activity(ctx, 3);
    const second = await signCheckpoint(deps, { skipIfUnchanged: true });
    if (!first.created || !second.created) throw new Error('checkpoints not made');
    const ok = await runCli(ctx, []);
    expect(ok.out).toContain('2 signed checkpoints match');
    expect(ok.status).toBe(0);

    await rewriteLog(ctx.database.owner.db, (rows) => rows.slice(0, second.checkpoint.seq - 2));
    const result = await verifyAgainstCheckpoints(
      ctx.database.db,
      [ctx.config.audit.checkpointsFile],
      [publicKeyFromPem(fs.readFileSync(ctx.config.audit.checkpointKeyFile, 'utf8'))],
    );
    expect(result).toMatchObject({
      ok: false,
      reason: 'checkpoint_beyond_head',
      firstBadSeq: first.checkpoint.seq + 1,
      lastGoodCheckpoint: { seq: first.checkpoint.seq },
      badCheckpoint: { seq: second.checkpoint.seq },
    });
    const cli = await runCli(ctx, []);
    expect(cli.out).toContain('beyond the end of the log');
    expect(cli.status).toBe(1);
  }, 60_000);
});
