import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../domain/time.ts';
import { prepareDatabase } from '../../prepare.ts';
import { FIXTURE_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, emptyDatabase, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';

type Office = { id: string; code: string; party: 'RU' | 'KZ'; hosting: string; peer: { name: string; url: string } | null; version: number };

async function officesByCode(client: Client): Promise<Map<string, Office>> {
  const all = await client.get('/api/v1/offices?limit=500');
  expect(all.status).toBe(200);
  return new Map((all.body.items as Office[]).map((o) => [o.code, o]));
}

type Db = TestContext['database']['db'];
async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe(`the node: a node of both Parties (the default) ${TAG}`, () => {
  let ctx: TestContext;
  let gumps: Client;
  let dms: Client;
  let admin: Client;
  let officer: Client;
  let offices: Map<string, Office>;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T07:00:00Z' });
    [gumps, dms, admin, officer] = await Promise.all([ctx.as('gumps'), ctx.as('dms'), ctx.as('admin'), ctx.as('oreOfficer')]);
    offices = await officesByCode(admin);
  });
  afterAll(async () => ctx?.close());

  it('every office is hosted here, and the session says the node is of both Parties', async () => {
    expect([...offices.values()].every((o) => o.hosting === 'here' && o.peer === null)).toBe(true);
    expect((await officer.get('/api/v1/auth/me')).body.user.nodeParty).toBe('both');
  });

  it('A-5.2 the coordinator of its Party takes an office off the system, with history (who, when, old → new, from when); the other Party’s coordinator may not', async () => {
    const zap = offices.get('KZ-ZAP')!;
    const refused = await gumps.put(`/api/v1/offices/${zap.id}/hosting`, { hosting: 'off_system', version: zap.version });
    expect(refused.status).toBe(403);
    expect((await officer.put(`/api/v1/offices/${zap.id}/hosting`, { hosting: 'off_system', version: zap.version })).status).toBe(403);
    const moved = await dms.put(`/api/v1/offices/${zap.id}/hosting`, {
      hosting: 'off_system',
      effectiveFrom: '2026-03-01',
      comment: 'отвечает письмами',
      version: zap.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ code: 'KZ-ZAP', hosting: 'off_system', peer: null, version: zap.version + 1 });
    const history = await officer.get(`/api/v1/offices/${zap.id}/history`);
    expect(history.body.items[0]).toMatchObject({
      action: 'hosting_changed',
      effectiveFrom: '2026-03-01',
      comment: 'отвечает письмами',
      changes: [{ field: 'hosting', old: 'here', new: 'off_system' }],
      actor: { fullName: 'Үйлестіруші Асқар' },
    });
    const [audit] = await rows<{ action: string; after: { hosting: string } }>(
      ctx.database.db,
      sql`select action, after from audit_log where object_id = ${zap.id} order by seq desc limit 1`,
    );
    expect(audit).toMatchObject({ action: 'office.hosting', after: { hosting: 'off_system' } });
    // And back, by an administrator.
    const back = await admin.put(`/api/v1/offices/${zap.id}/hosting`, { hosting: 'here', version: moved.body.version });
    expect(back.body.hosting).toBe('here');
  });

  it('the office list filters by hosting; the pairings page shows and filters it', async () => {
    const kus = offices.get('KZ-KUS')!;
    expect((await dms.put(`/api/v1/offices/${kus.id}/hosting`, { hosting: 'off_system', version: kus.version })).status).toBe(200);
    const off = await officer.get('/api/v1/offices?hosting=off_system');
    expect(off.body.items.map((o: Office) => o.code)).toEqual(['KZ-KUS']);
    const here = await officer.get('/api/v1/offices?hosting=here&limit=500');
    expect(here.body.total).toBe(offices.size - 1);
    const pairings = await officer.get('/api/v1/pairings?hosting=off_system&limit=500');
    expect(pairings.body.total).toBeGreaterThan(0);
    for (const p of pairings.body.items) expect(p.kzOffice).toMatchObject({ code: 'KZ-KUS', hosting: 'off_system' });
    expect(pairings.body.items[0].ruOffice.hosting).toBe('here');
    const counterparts = await officer.get(`/api/v1/offices/${pairings.body.items[0].ruOffice.id}/counterparts`);
    expect(counterparts.body.items.find((c: { office: Office }) => c.office.code === 'KZ-KUS').office.hosting).toBe('off_system');
  });

  it('a node of both Parties has no peer; an office whose users would be locked out stays here', async () => {
    const aba = offices.get('KZ-ABA')!;
    const peer = await admin.put(`/api/v1/offices/${aba.id}/hosting`, {
      hosting: 'peer',
      peer: { name: 'Узел ГП РК', url: 'https://bc.prokuror.kz' },
      version: aba.version,
    });
    expect(peer.status).toBe(422);
    expect(peer.body.code).toBe('HOSTING_NOT_ALLOWED');
    const akt = offices.get('KZ-AKT')!;
    const locked = await dms.put(`/api/v1/offices/${akt.id}/hosting`, { hosting: 'off_system', version: akt.version });
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ code: 'OFFICE_HAS_ACTIVE_USERS', details: { users: 2 } });
    expect((await admin.get(`/api/v1/offices/${akt.id}`)).body.hosting).toBe('here');
  });

  it('refuses a stale hosting change with VERSION_CONFLICT', async () => {
    const ata =
      offices.get('KZ-ATY') ??
      [...offices.values()].find((o) => o.party === 'KZ' && !['KZ-AKT', 'KZ-VOS', 'KZ-GP-DMS', 'KZ-ZAP', 'KZ-KUS', 'KZ-ABA'].includes(o.code))!;
    expect((await dms.put(`/api/v1/offices/${ata.id}/hosting`, { hosting: 'off_system', version: ata.version })).status).toBe(200);
    const stale = await dms.put(`/api/v1/offices/${ata.id}/hosting`, { hosting: 'here', version: ata.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
  });

  it('A-5.3 with the other Party’s coordinator hosted here, a change of ГУМПС reaches it in the application and nothing waits for a letter', async () => {
    const unit = offices.get('RU-GP-GUMPS')!;
    const current = await gumps.get(`/api/v1/offices/${unit.id}`);
    expect((await gumps.patch(`/api/v1/offices/${unit.id}`, { notes: 'телефон дежурного изменён', version: current.body.version })).status).toBe(200);
    const notes = await dms.get('/api/v1/notifications?unread=true');
    expect(notes.body.items.some((n: { kind: string }) => n.kind === 'registry.coordinator_changed')).toBe(true);
    expect((await gumps.get('/api/v1/party-notices?pending=true')).body.total).toBe(0);
  });
});

describe(`the node: a Russian node (NODE_PARTY=RU) on a database that ran for both Parties ${TAG}`, () => {
  let ctx: TestContext;
  let gumps: Client;
  let admin: Client;
  let officer: Client;
  let offices: Map<string, Office>;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T07:00:00Z', env: { NODE_PARTY: 'RU' } });
    [gumps, admin, officer] = await Promise.all([ctx.as('gumps'), ctx.as('admin'), ctx.as('oreOfficer')]);
    offices = await officesByCode(admin);
  });
  afterAll(async () => ctx?.close());

  it('the Kazakh offices went off the system, each move in its history as a change of the node; the Russian offices are here', async () => {
    const all = [...offices.values()];
    expect(all.filter((o) => o.party === 'KZ').every((o) => o.hosting === 'off_system')).toBe(true);
    expect(all.filter((o) => o.party === 'RU').every((o) => o.hosting === 'here')).toBe(true);
    const history = await officer.get(`/api/v1/offices/${offices.get('KZ-AKT')!.id}/history`);
    expect(history.body.items[0]).toMatchObject({
      action: 'node_changed',
      actor: null,
      changes: [
        { field: 'nodeParty', old: 'both', new: 'RU' },
        { field: 'hosting', old: 'here', new: 'off_system' },
      ],
    });
    expect((await officer.get('/api/v1/auth/me')).body.user.nodeParty).toBe('RU');
  });

  it('O-1 the pairings stay: Orenburg still exchanges directly with Aktobe, which is off the system and answers by letter', async () => {
    const decision = await officer.get('/api/v1/registry/direct-exchange?from=RU-ORE&to=KZ-AKT&on=2026-03-02');
    expect(decision.body).toMatchObject({ allowed: true, reason: null });
    const counterparts = await officer.get(`/api/v1/offices/${offices.get('RU-ORE')!.id}/counterparts`);
    const akt = counterparts.body.items.find((c: { office: Office }) => c.office.code === 'KZ-AKT');
    expect(akt).toMatchObject({ office: { hosting: 'off_system' }, directExchange: { allowed: true } });
    const pairings = await officer.get('/api/v1/pairings?officeCode=RU-ORE');
    expect(pairings.body.items.every((p: { ruOffice: Office; kzOffice: Office }) => p.ruOffice.hosting === 'here' && p.kzOffice.hosting === 'off_system')).toBe(
      true,
    );
  });

  it('security: no user of the other Party remains: each was disabled with its reason, audited, and cannot log in', async () => {
    const kz = await admin.get('/api/v1/users?limit=200');
    const kazakh = kz.body.items.filter((u: { officeCode: string }) => u.officeCode.startsWith('KZ-'));
    expect(kazakh.map((u: { login: string }) => u.login).sort()).toEqual(['akthead', 'aktofficer', 'dms', 'kzauditor', 'vosofficer']);
    for (const u of kazakh) expect(u).toMatchObject({ disabled: true, disabledReason: 'office_not_hosted', officeHostedHere: false });
    const audits = await rows<{ object_id: string; after: { reason: string } }>(
      ctx.database.db,
      sql`select object_id, after from audit_log where action = 'user.disable' and actor_id is null`,
    );
    expect(audits.map((a) => a.object_id).sort()).toEqual(kazakh.map((u: { id: string }) => u.id).sort());
    expect(audits.every((a) => a.after.reason === 'office_not_hosted')).toBe(true);
    const login = await ctx.anonymous.post('/api/v1/auth/login', { login: 'aktofficer', password: FIXTURE_PASSWORD });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('security: even a user of an office not hosted here who is somehow active is refused at login and loses a live session', async () => {
    const session = await ctx.as('omsOfficer');
    expect((await session.get('/api/v1/auth/me')).status).toBe(200);
    // A state no start leaves behind, forced: the office off the node while its user stays active.
    await ctx.database.db.execute(sql`update offices set hosting = 'off_system' where code = 'RU-OMS'`);
    try {
      expect((await session.get('/api/v1/auth/me')).status).toBe(401);
      const login = await ctx.anonymous.post('/api/v1/auth/login', { login: 'omsofficer', password: FIXTURE_PASSWORD });
      expect(login.body.code).toBe('INVALID_CREDENTIALS');
      const [failed] = await rows<{ after: { reason?: string } }>(
        ctx.database.db,
        sql`select after from audit_log where action = 'auth.login_failed' order by seq desc limit 1`,
      );
      expect(failed!.after.reason).toBe('office_not_hosted');
    } finally {
      await ctx.database.db.execute(sql`update offices set hosting = 'here' where code = 'RU-OMS'`);
    }
  });

  it('creating, moving or enabling a user of an office not hosted here is refused with OFFICE_NOT_HOSTED_HERE', async () => {
    const created = await admin.post('/api/v1/users', {
      login: 'kz-new',
      password: 'Kazakh-Password-2026',
      fullName: 'Новый Пользователь',
      officeCode: 'KZ-AKT',
      roles: ['officer'],
    });
    expect(created.status).toBe(422);
    expect(created.body).toMatchObject({ code: 'OFFICE_NOT_HOSTED_HERE', details: { issues: [{ field: 'body.officeCode', rule: 'office_hosted_here' }] } });
    const ore = (await admin.get('/api/v1/users?q=oreofficer')).body.items[0];
    const moved = await admin.patch(`/api/v1/users/${ore.id}`, { officeCode: 'KZ-AKT', version: ore.version });
    expect(moved.body.code).toBe('OFFICE_NOT_HOSTED_HERE');
    const akt = (await admin.get('/api/v1/users?q=aktofficer')).body.items[0];
    const enabled = await admin.patch(`/api/v1/users/${akt.id}`, { disabled: false, version: akt.version });
    expect(enabled.body.code).toBe('OFFICE_NOT_HOSTED_HERE');
    expect((await admin.get(`/api/v1/users/${akt.id}`)).body.disabled).toBe(true);
    expect(
      (
        await admin.post('/api/v1/users', {
          login: 'ru-new',
          password: 'Russian-Password-2026',
          fullName: 'Новый Пользователь',
          officeCode: 'RU-ORE',
          roles: ['officer'],
        })
      ).status,
    ).toBe(201);
  });

  it('a Russian node hosts the Russian offices and never a Kazakh one; an administrator puts a Kazakh office at a peer node (https only)', async () => {
    const ore = offices.get('RU-ORE')!;
    const own = await gumps.put(`/api/v1/offices/${ore.id}/hosting`, { hosting: 'off_system', version: ore.version });
    expect(own.body.code).toBe('HOSTING_NOT_ALLOWED');
    const akt = offices.get('KZ-AKT')!;
    // A coordinator changes the hosting of its own Party's offices only.
    expect(
      (
        await gumps.put(`/api/v1/offices/${akt.id}/hosting`, {
          hosting: 'peer',
          peer: { name: 'Узел ГП РК', url: 'https://bc.prokuror.kz' },
          version: akt.version,
        })
      ).status,
    ).toBe(403);
    expect((await admin.put(`/api/v1/offices/${akt.id}/hosting`, { hosting: 'here', version: akt.version })).body.code).toBe('HOSTING_NOT_ALLOWED');
    const http = await admin.put(`/api/v1/offices/${akt.id}/hosting`, {
      hosting: 'peer',
      peer: { name: 'Узел ГП РК', url: 'http://bc.prokuror.kz' },
      version: akt.version,
    });
    expect(http.status).toBe(400);
    expect(http.body.details.issues[0]).toMatchObject({ field: 'body.peer.url', rule: 'peer_url' });
    const unnamed = await admin.put(`/api/v1/offices/${akt.id}/hosting`, { hosting: 'peer', version: akt.version });
    expect(unnamed.body.details.issues[0]).toMatchObject({ field: 'body.peer', rule: 'peer_required' });
    const peer = await admin.put(`/api/v1/offices/${akt.id}/hosting`, {
      hosting: 'peer',
      peer: { name: 'Узел ГП РК', url: 'https://bc.prokuror.kz' },
      comment: 'узел РК подключён',
      version: akt.version,
    });
    expect(peer.status).toBe(200);
    expect(peer.body).toMatchObject({ hosting: 'peer', peer: { name: 'Узел ГП РК', url: 'https://bc.prokuror.kz' } });
    const history = await officer.get(`/api/v1/offices/${akt.id}/history`);
    expect(history.body.items[0].changes).toEqual([
      { field: 'hosting', old: 'off_system', new: 'peer' },
      { field: 'peerName', old: null, new: 'Узел ГП РК' },
      { field: 'peerUrl', old: null, new: 'https://bc.prokuror.kz' },
    ]);
    // The office page's hosting history: where it worked, nothing else.
    const hostingHistory = await officer.get(`/api/v1/offices/${akt.id}/history?hosting=true`);
    expect(hostingHistory.body.items.map((h: { action: string }) => h.action)).toEqual(['hosting_changed', 'node_changed']);
    // Still not a place for users.
    expect(
      (
        await admin.post('/api/v1/users', {
          login: 'kz-peer',
          password: 'Kazakh-Password-2026',
          fullName: 'Пир Пиров',
          officeCode: 'KZ-AKT',
          roles: ['officer'],
        })
      ).body.code,
    ).toBe('OFFICE_NOT_HOSTED_HERE');
  });

  it('a Kazakh office added on a Russian node starts off the system', async () => {
    const text = { ru: 'Прокуратура Новой области', kk: 'Жаңа облыс прокуратурасы', en: 'New Region Prosecutor’s Office' };
    const res = await admin.post('/api/v1/offices', {
      code: 'KZ-NEW',
      party: 'KZ',
      kind: 'territorial',
      name: text,
      seat: text,
      timeZone: 'Asia/Almaty',
      validFrom: null,
      validTo: null,
      authorized: true,
      authorizedFrom: null,
      listedInOrderItem1: false,
      regionCode: null,
      address: null,
    });
    expect(res.status).toBe(201);
    expect(res.body.hosting).toBe('off_system');
  });

  it('A-5.3 the Kazakh coordinator is an addressee, not a user: a change of ГУМПС waits as a notice to send by letter until the coordinator records it', async () => {
    const unit = offices.get('RU-GP-GUMPS')!;
    const current = await gumps.get(`/api/v1/offices/${unit.id}`);
    const edit = await gumps.patch(`/api/v1/offices/${unit.id}`, {
      address: 'Москва, ул. Большая Дмитровка, 15а',
      effectiveFrom: '2026-03-02',
      version: current.body.version,
    });
    expect(edit.status).toBe(200);
    const pending = await gumps.get('/api/v1/party-notices?pending=true');
    expect(pending.body.total).toBe(1);
    expect(pending.body.items[0]).toMatchObject({
      kind: 'registry.coordinator_changed',
      fromParty: 'RU',
      toOffice: { code: 'KZ-GP-DMS', hosting: 'off_system' },
      office: { code: 'RU-GP-GUMPS' },
      fields: ['address'],
      effectiveFrom: '2026-03-02',
      sent: null,
    });
    // Nobody of the other Party is a user here to be notified in the application.
    const [count] = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from notifications where kind = 'registry.coordinator_changed'`);
    expect(count!.n).toBe(0);
    // Only coordinators dispatch.
    expect((await officer.get('/api/v1/party-notices')).status).toBe(403);
    expect((await admin.post('/api/v1/party-notices/sent', { sentOn: '2026-03-02', outgoingNumber: '87-1' })).status).toBe(403);
    const sent = await gumps.post('/api/v1/party-notices/sent', { sentOn: '2026-03-02', outgoingNumber: '87-12-2026/Исорг45', note: 'письмом в ДМС ГП РК' });
    expect(sent.body).toEqual({ sent: 1 });
    expect((await gumps.get('/api/v1/party-notices?pending=true')).body.total).toBe(0);
    const done = await gumps.get('/api/v1/party-notices?pending=false');
    expect(done.body.items[0].sent).toMatchObject({
      sentOn: '2026-03-02',
      outgoingNumber: '87-12-2026/Исорг45',
      note: 'письмом в ДМС ГП РК',
      recordedBy: { fullName: 'Координаторов Иван Петрович' },
    });
    const again = await gumps.post('/api/v1/party-notices/sent', { sentOn: '2026-03-02', outgoingNumber: 'x' });
    expect(again.body.code).toBe('NOTHING_TO_COMMUNICATE');
  });

  it('P-3 O-4.2 a contact change waits on the list of changes not yet communicated until the coordinator records the letter', async () => {
    const ore = offices.get('RU-ORE')!;
    const created = await officer.post(`/api/v1/offices/${ore.id}/contacts`, {
      surname: 'Письменный',
      firstName: 'Олег',
      position: 'прокурор отдела',
      phone: '+7 3532 11-22-33',
      email: 'pismenny@prok.example',
    });
    expect(created.status).toBe(201);
    const pending = await gumps.get('/api/v1/contact-changes?pending=true');
    expect(pending.body.items.map((c: { contactId: string }) => c.contactId)).toContain(created.body.id);
    const mark = await gumps.post('/api/v1/contact-communications', { sentOn: '2026-03-02', outgoingNumber: '87-12-2026/Исорг46' });
    expect(mark.status).toBe(201);
    expect((await gumps.get('/api/v1/contact-changes?pending=true')).body.total).toBe(0);
  });
});

describe(`the node at first start ${TAG}`, () => {
  it('A-5.2 a Kazakh node loads the Russian offices off the system and makes its first administrator in the Department; switched to a Russian node it re-hosts, disables the Kazakh users and makes a Russian administrator', async () => {
    const database = await emptyDatabase();
    try {
      const clock = fixedClock('2026-01-01T00:00:00Z');
      const first = await prepareDatabase(database, { admin: undefined, migrationDatabaseUrl: database.urls?.owner, nodeParty: 'KZ' }, clock);
      expect(first).toMatchObject({ seeded: true, admin: { login: 'admin', generated: true }, node: { party: 'KZ', previous: null, moved: [] } });
      const hosting = () => rows(database.db, sql`select party, hosting, count(*)::int as n from offices group by party, hosting order by party, hosting`);
      expect(await hosting()).toEqual([
        { party: 'KZ', hosting: 'here', n: expect.any(Number) },
        { party: 'RU', hosting: 'off_system', n: expect.any(Number) },
      ]);
      const [adminOffice] = await rows(database.db, sql`select o.code from users u join offices o on o.id = u.office_id where u.login = 'admin'`);
      expect(adminOffice).toEqual({ code: 'KZ-GP-DMS' });
      // The same start again changes nothing.
      expect(await prepareDatabase(database, { admin: undefined, migrationDatabaseUrl: database.urls?.owner, nodeParty: 'KZ' }, clock)).toMatchObject({
        admin: null,
        node: { previous: 'KZ', moved: [], disabledUsers: [] },
      });

      const switched = await prepareDatabase(database, { admin: undefined, migrationDatabaseUrl: database.urls?.owner, nodeParty: 'RU' }, clock);
      expect(switched.node).toMatchObject({ party: 'RU', previous: 'KZ', disabledUsers: [{ login: 'admin', officeCode: 'KZ-GP-DMS' }] });
      // Every office moved: the Russian ones here, the Kazakh ones off the system.
      const [count] = await rows<{ total: number }>(database.db, sql`select count(*)::int as total from offices`);
      expect(switched.node.moved).toHaveLength(count!.total);
      expect(await hosting()).toEqual([
        { party: 'KZ', hosting: 'off_system', n: expect.any(Number) },
        { party: 'RU', hosting: 'here', n: expect.any(Number) },
      ]);
      // The Kazakh administrator cannot log in here any more: a Russian one is made, under a free login.
      expect(switched.admin).toMatchObject({ login: 'admin-ru', generated: true });
      const [ruAdmin] = await rows(database.db, sql`select o.code from users u join offices o on o.id = u.office_id where u.login = 'admin-ru'`);
      expect(ruAdmin).toEqual({ code: 'RU-GP-GUMPS' });
    } finally {
      await database.close();
      await database.drop();
    }
  });
});
