import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DRIVER, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { TEST_APP_ROLE } from '../../test/template.ts';
import { FIXTURE_USERS } from '../../test/fixtures.ts';
import type { AuditEntry } from '../../../domain/schemas/audit.ts';
import { roleCanRewriteAuditLog, verifyChain } from './index.ts';

describe(`audit log ${TAG}`, () => {
  let ctx: TestContext;
  let auditor: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    auditor = await ctx.as('auditor');
    // A little history: logins, a registry edit, a contact designation.
    const gumps = await ctx.as('gumps');
    const offices = await gumps.get('/api/v1/offices?q=RU-ORE');
    const ore = offices.body.items[0];
    await gumps.patch(`/api/v1/offices/${ore.id}`, { notes: 'проверка аудита', version: ore.version });
    const officer = await ctx.as('oreOfficer');
    await officer.post(`/api/v1/offices/${ore.id}/contacts`, {
      surname: 'Аудитов',
      firstName: 'Андрей',
      position: 'прокурор',
      phone: '+7 3532 10-20-30',
      email: 'a@orenprok.ru',
    });
    await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nobody', password: 'Wrong-password-1' } });
  });
  afterAll(async () => ctx?.close());

  it('writes who, office, when (UTC), from which address, action, object and before/after for every mutation', async () => {
    const res = await auditor.get('/api/v1/audit?action=office.update');
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      action: 'office.update',
      objectType: 'office',
      actor: { login: 'gumps', fullName: 'Координаторов Иван Петрович' },
      officeCode: 'RU-GP-GUMPS',
      before: { notes: null },
      after: { notes: 'проверка аудита' },
      // The client address comes with the session's actor (light-my-request's default peer).
      ip: '127.0.0.1',
    });
    expect(res.body.items[0].at).toMatch(/Z$/);
    const failed = await auditor.get('/api/v1/audit?action=auth.login_failed');
    expect(failed.body.items[0]).toMatchObject({ actor: { id: null }, after: { login: 'nobody', failures: 1 }, ip: '127.0.0.1' });
  });

  it('hash-chains every row: the chain verifies from the first row to the head', async () => {
    const result = await verifyChain(ctx.database.db);
    expect(result.ok).toBe(true);
    expect(result.rows).toBeGreaterThan(5);
    const api = await auditor.post('/api/v1/audit/verify');
    expect(api.body).toMatchObject({ ok: true, rows: result.rows + 0 });
  });

  it('is append-only: the database refuses UPDATE and DELETE, even to the owner of the table', async () => {
    // As the owner: the trigger, not a missing privilege, refuses (the application role is tested below).
    const refused = async (statement: ReturnType<typeof sql>) => {
      const err = await ctx.database.owner.db.execute(statement).then(
        () => null,
        (e: Error & { cause?: Error }) => e,
      );
      expect(err).not.toBeNull();
      expect(String(err!.cause?.message ?? err!.message)).toMatch(/append-only/);
    };
    await refused(sql`update audit_log set action = 'x' where seq = 1`);
    await refused(sql`delete from audit_log where seq = 1`);
    expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: true });
  });

  // PostgreSQL only: PGlite has a single role (the embedded database is one process's file), so
  // there is no application role to take powers from; there the trigger is the guard.
  it.skipIf(DRIVER === 'pglite')('security: the application role cannot disable the audit trigger, update, delete or truncate the audit log', async () => {
    const app = ctx.database.db;
    const who = (await app.execute(sql`select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as superuser`)) as unknown as {
      rows: { role: string; superuser: boolean }[];
    };
    expect(who.rows[0]).toEqual({ role: TEST_APP_ROLE, superuser: false });
    const denied = async (statement: ReturnType<typeof sql>) => {
      const err = await app.execute(statement).then(
        () => null,
        (e: Error & { cause?: Error & { code?: string } }) => e,
      );
      expect(err, String(statement.queryChunks.map((c) => (c as { value?: string[] }).value?.join('') ?? '').join(''))).not.toBeNull();
      // 42501 insufficient_privilege: "permission denied" or "must be owner", never the trigger's refusal.
      expect(err!.cause?.code).toBe('42501');
      expect(String(err!.cause?.message)).not.toMatch(/append-only/);
    };
    // What the server checks at start to warn that the log would be guarded by its trigger only.
    expect(await roleCanRewriteAuditLog(app)).toBe(false);
    expect(await roleCanRewriteAuditLog(ctx.database.owner.db)).toBe(true);
    const before = await verifyChain(app);
    await denied(sql`alter table audit_log disable trigger audit_log_no_update`);
    await denied(sql`alter table audit_log disable trigger all`);
    await denied(sql`drop trigger audit_log_no_update on audit_log`);
    await denied(sql`create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$ begin return new; end $$`);
    await denied(sql`update audit_log set action = 'x' where seq = 1`);
    await denied(sql`delete from audit_log where seq = 1`);
    await denied(sql`truncate audit_log`);
    await denied(sql`drop table audit_log`);
    await denied(sql`alter table audit_log rename to audit_log_old`);
    await denied(sql`delete from audit_head`);
    await denied(sql`insert into audit_head (id, seq, hash) values (2, 0, '')`);
    await denied(sql`set role postgres`);
    // What it may do, it still does: every action appends to the chain, which still verifies.
    await (await ctx.as('oreOfficer')).get('/api/v1/auth/me');
    const after = await verifyChain(app);
    expect(after).toMatchObject({ ok: true });
    expect(after.ok && before.ok && after.rows).toBeGreaterThan(before.ok ? before.rows : Infinity);
  });

  it('names the first bad row when a row is altered behind the trigger’s back', async () => {
    // Only the owner can disable the trigger.
    const db = ctx.database.owner.db;
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    try {
      await db.execute(sql`update audit_log set after = '{"notes":"forged"}'::jsonb where seq = 3`);
      expect(await verifyChain(db)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'hash_mismatch' });
      const api = await auditor.post('/api/v1/audit/verify');
      expect(api.body).toMatchObject({ ok: false, firstBadSeq: 3 });
      await db.execute(sql`delete from audit_log where seq = 3`);
      expect(await verifyChain(db)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'sequence_gap' });
    } finally {
      await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    }
  });

  it('filters by actor, action, object and period, newest first, with pagination', async () => {
    const byActor = await auditor.get('/api/v1/audit?actorLogin=oreofficer');
    expect(byActor.body.items.every((i: any) => i.actor.login === 'oreofficer')).toBe(true);
    const page = await auditor.get('/api/v1/audit?limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0].seq).toBeGreaterThan(page.body.items[1].seq);
    const future = await auditor.get(`/api/v1/audit?from=${encodeURIComponent('2099-01-01T00:00:00Z')}`);
    expect(future.body.total).toBe(0);
    const actions = await auditor.get('/api/v1/audit/actions');
    expect(actions.body.items).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'contact.create']));
    const bad = await auditor.get('/api/v1/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues[0].field).toBe('querystring.from');
  });

  it('security: an auditor of one Party does not read the other Party’s audit rows', async () => {
    const offices = (await auditor.get('/api/v1/offices?limit=200')).body.items as { id: string; code: string }[];
    const idOf = (code: string) => offices.find((o) => o.code === code)!.id;
    // Personal data of officials of each Party, written into the trail by their own offices…
    const ore = await ctx.as('oreOfficer');
    const akt = await ctx.as('aktOfficer');
    expect(
      (
        await ore.post(`/api/v1/offices/${idOf('RU-ORE')}/contacts`, {
          surname: 'Россиянова',
          firstName: 'Ольга',
          position: 'прокурор',
          phone: '+7 3532 10-20-31',
          email: 'o@orenprok.ru',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await akt.post(`/api/v1/offices/${idOf('KZ-AKT')}/contacts`, {
          surname: 'Қазақова',
          firstName: 'Айнұр',
          position: 'прокурор',
          phone: '+7 7132 55-66-77',
          email: 'a@prokuratura.kz',
        })
      ).status,
    ).toBe(201);
    // …and by the other Party: the (Russian) administrator creates a Kazakh user; a Russian
    // counterpart reads the Aktobe contacts; someone tries a login that does not exist.
    const admin = await ctx.as('admin');
    expect(
      (
        await admin.post('/api/v1/users', {
          login: 'akt.new',
          password: 'First-Password-2026',
          fullName: 'Жаңабаев Нұрлан',
          officeCode: 'KZ-AKT',
          roles: ['officer'],
        })
      ).status,
    ).toBe(201);
    expect((await ore.get(`/api/v1/offices/${idOf('KZ-AKT')}/contacts`)).status).toBe(200);
    await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nobody-at-all', password: 'Wrong-password-1' } });

    const kzAuditor = await ctx.as('kzAuditor');
    const ru = await auditor.get('/api/v1/audit?limit=500');
    const kz = await kzAuditor.get('/api/v1/audit?limit=500');
    const ruText = JSON.stringify(ru.body);
    const kzText = JSON.stringify(kz.body);
    expect(ruText).toContain('Россиянова');
    expect(ruText).not.toContain('Қазақова');
    expect(ruText).not.toContain('Жаңабаев');
    expect(kzText).toContain('Қазақова');
    expect(kzText).toContain('Жаңабаев');
    expect(kzText).not.toContain('Россиянова');

    // The rule, row by row: the office's Party in full; own officials acting on the other Party's
    // objects without before/after; rows with neither office nor actor for both.
    const partyOfLogin = new Map(Object.entries(FIXTURE_USERS).map(([login, u]) => [login.toLowerCase(), u.office.slice(0, 2)]));
    for (const [party, page] of [
      ['RU', ru.body],
      ['KZ', kz.body],
    ] as const) {
      expect(page.total).toBe(page.items.length);
      for (const e of page.items as AuditEntry[]) {
        const label = `${party} auditor, row #${e.seq} ${e.action} ${e.officeCode}`;
        if (e.officeCode === null && e.actor.login === null) expect(e.redacted, label).toBe(false);
        else if (e.officeCode?.startsWith(`${party}-`)) expect(e.redacted, label).toBe(false);
        else {
          expect(partyOfLogin.get(e.actor.login ?? ''), label).toBe(party);
          expect(e.redacted, label).toBe(true);
          expect([e.before, e.after], label).toEqual([null, null]);
        }
      }
    }
    const failed = (page: { items: AuditEntry[] }) =>
      page.items.filter((e) => e.action === 'auth.login_failed' && (e.after as { login?: string } | null)?.login === 'nobody-at-all');
    expect(failed(ru.body)).toHaveLength(1);
    expect(failed(kz.body)).toHaveLength(1);
    // The Russian counterpart's read of Aktobe contacts: the Kazakh auditor reads it in full, the
    // Russian one sees that it happened (their official acted) but not the Aktobe data.
    const read = (page: { items: AuditEntry[] }) =>
      page.items.find((e) => e.action === 'contact.read' && e.actor.login === 'oreofficer' && e.officeCode === 'KZ-AKT');
    expect(read(kz.body)).toMatchObject({ redacted: false, after: { contactIds: expect.any(Array) } });
    expect(read(ru.body)).toMatchObject({ redacted: true, after: null });
    // A filter on the other Party's office finds nothing in full either.
    const byOffice = await auditor.get(`/api/v1/audit?officeId=${idOf('KZ-AKT')}&limit=500`);
    expect(byOffice.body.items.length).toBeGreaterThan(0);
    expect(byOffice.body.items.every((e: AuditEntry) => e.redacted && e.after === null && e.before === null)).toBe(true);
  });

  it('only an auditor reads the audit log', async () => {
    for (const who of ['admin', 'gumps', 'oreHead', 'leader'] as const) {
      const c = await ctx.as(who);
      expect((await c.get('/api/v1/audit')).status, who).toBe(403);
      expect((await c.post('/api/v1/audit/verify')).status, who).toBe(403);
    }
  });
});
