import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';

describe(`registry of the cooperation ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let gumps: Client;
  let dms: Client;
  let admin: Client;
  let codes: Map<string, string>;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T07:00:00Z' });
    [officer, gumps, dms, admin] = await Promise.all([ctx.as('oreOfficer'), ctx.as('gumps'), ctx.as('dms'), ctx.as('admin')]);
    const all = await officer.get('/api/v1/offices?limit=200');
    codes = new Map(all.body.items.map((o: { code: string; id: string }) => [o.code, o.id]));
  });
  afterAll(async () => ctx?.close());

  it('O-1 lists the 17 Russian offices authorized by item 1 of the Order, with names in ru, kk and en', async () => {
    const res = await officer.get('/api/v1/offices?party=RU&authorized=true&limit=200');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(17);
    for (const o of res.body.items) {
      expect(o.listedInOrderItem1).toBe(true);
      expect(o.authorizedFrom).toBe('2022-03-10');
      expect(o.name.ru && o.name.kk && o.name.en).toBeTruthy();
    }
    const ore = res.body.items.find((o: { code: string }) => o.code === 'RU-ORE');
    expect(ore).toMatchObject({
      party: 'RU',
      kind: 'territorial',
      timeZone: 'Asia/Yekaterinburg',
      utcOffsetNow: '+05:00',
      name: { ru: 'Прокуратура Оренбургской области', kk: 'Орынбор облысының прокуратурасы' },
    });
  });

  it('A-5.2 lists both coordinating units as coordinator offices, and the Kazakh counterparts', async () => {
    const coord = await officer.get('/api/v1/offices?kind=coordinator');
    expect(coord.body.items.map((o: { code: string }) => o.code).sort()).toEqual(['KZ-GP-DMS', 'RU-GP-GUMPS']);
    const kz = await officer.get('/api/v1/offices?party=KZ&kind=territorial&limit=200');
    expect(kz.body.items.map((o: { code: string }) => o.code)).toEqual(expect.arrayContaining(['KZ-AKT', 'KZ-ZAP', 'KZ-KUS', 'KZ-ABA']));
    const abai = kz.body.items.find((o: { code: string }) => o.code === 'KZ-ABA');
    expect(abai.validFrom).toBe('2022-06-08');
    expect(abai.utcOffsetNow).toBe('+05:00');
  });

  it('filters offices by text and paginates with limit up to 200', async () => {
    const q = await officer.get(`/api/v1/offices?q=${encodeURIComponent('Оренбург')}`);
    expect(q.body.items.map((o: { code: string }) => o.code)).toEqual(['RU-ORE']);
    const page1 = await officer.get('/api/v1/offices?limit=5&offset=0');
    const page2 = await officer.get('/api/v1/offices?limit=5&offset=5');
    expect(page1.body.items).toHaveLength(5);
    expect(page1.body.total).toBe(page2.body.total);
    expect(page1.body.items[0].id).not.toBe(page2.body.items[0].id);
    const tooMany = await officer.get('/api/v1/offices?limit=100000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.details.issues[0].field).toBe('querystring.limit');
    const badParty = await officer.get('/api/v1/offices?party=US');
    expect(badParty.status).toBe(400);
  });

  it('O-1 shows the counterparts of an office and whether direct exchange is allowed today', async () => {
    const res = await officer.get(`/api/v1/offices/${codes.get('RU-ORE')}/counterparts`);
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.items.map((i: any) => [i.office.code, i]));
    expect(Object.keys(byCode).sort()).toEqual(['KZ-AKT', 'KZ-KUS', 'KZ-ZAP']);
    expect(byCode['KZ-AKT'].directExchange).toEqual({ allowed: true, reason: null });
  });

  it('O-1 answers "may X exchange directly with Y on date D" through the API', async () => {
    const ok = await officer.get('/api/v1/registry/direct-exchange?from=RU-ORE&to=KZ-AKT&on=2023-04-01');
    expect(ok.body).toMatchObject({ allowed: true, basis: ['AGREEMENT-2009', 'PROTOCOL-2022'] });
    const early = await officer.get('/api/v1/registry/direct-exchange?from=RU-ORE&to=KZ-AKT&on=2021-12-01');
    expect(early.body).toMatchObject({ allowed: false, reason: 'LEGAL_BASIS_NOT_IN_FORCE' });
    const abaiBefore = await officer.get('/api/v1/registry/direct-exchange?from=RU-ALT&to=KZ-ABA&on=2022-05-01');
    expect(abaiBefore.body).toMatchObject({ allowed: false, reason: 'OFFICE_NOT_IN_FORCE', officeCode: 'KZ-ABA' });
    const proposal = await officer.get('/api/v1/registry/direct-exchange?from=RU-TR-URAL&to=KZ-AKT&on=2023-04-01');
    expect(proposal.body).toMatchObject({ allowed: false, reason: 'PAIRING_INACTIVE' });
    const unpaired = await officer.get('/api/v1/registry/direct-exchange?from=RU-ORE&to=KZ-VOS');
    expect(unpaired.body).toMatchObject({ allowed: false, reason: 'NO_PAIRING' });
  });

  it('A-5.3 a coordinator edits its Party’s office; the change keeps history (who, old → new, effective from)', async () => {
    const id = codes.get('RU-ORE')!;
    const before = await gumps.get(`/api/v1/offices/${id}`);
    const res = await gumps.patch(`/api/v1/offices/${id}`, {
      address: 'г. Оренбург, ул. Комсомольская, 54',
      effectiveFrom: '2026-03-01',
      comment: 'уточнён адрес',
      version: before.body.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.address).toBe('г. Оренбург, ул. Комсомольская, 54');
    expect(res.body.version).toBe(before.body.version + 1);
    const hist = await officer.get(`/api/v1/offices/${id}/history`);
    expect(hist.body.items[0]).toMatchObject({
      action: 'updated',
      effectiveFrom: '2026-03-01',
      comment: 'уточнён адрес',
      changes: [{ field: 'address', old: null, new: 'г. Оренбург, ул. Комсомольская, 54' }],
      actor: { fullName: 'Координаторов Иван Петрович' },
    });
  });

  it('refuses a stale edit with VERSION_CONFLICT and changes nothing', async () => {
    const id = codes.get('RU-OMS')!;
    const cur = await gumps.get(`/api/v1/offices/${id}`);
    expect((await gumps.patch(`/api/v1/offices/${id}`, { notes: 'first', version: cur.body.version })).status).toBe(200);
    const stale = await gumps.patch(`/api/v1/offices/${id}`, { notes: 'second', version: cur.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await gumps.get(`/api/v1/offices/${id}`)).body.notes).toBe('first');
  });

  it('A-5.2 a coordinator cannot edit the other Party’s offices; an officer cannot edit the registry', async () => {
    const id = codes.get('KZ-AKT')!;
    const cur = await gumps.get(`/api/v1/offices/${id}`);
    expect((await gumps.patch(`/api/v1/offices/${id}`, { notes: 'x', version: cur.body.version })).status).toBe(403);
    expect((await officer.patch(`/api/v1/offices/${id}`, { notes: 'x', version: cur.body.version })).status).toBe(403);
    expect((await dms.patch(`/api/v1/offices/${id}`, { notes: 'from DMS', version: cur.body.version })).status).toBe(200);
  });

  it('A-5.3 a change of a coordinating unit notifies the other Party’s coordinator', async () => {
    const id = codes.get('RU-GP-GUMPS')!;
    const cur = await gumps.get(`/api/v1/offices/${id}`);
    const res = await gumps.patch(`/api/v1/offices/${id}`, { address: 'Москва, ул. Большая Дмитровка, 15а', version: cur.body.version });
    expect(res.status).toBe(200);
    const notes = await dms.get('/api/v1/notifications?unread=true');
    expect(notes.body.items.some((n: any) => n.kind === 'registry.coordinator_changed' && n.payload.officeCode === 'RU-GP-GUMPS')).toBe(true);
    const own = await gumps.get('/api/v1/notifications?unread=true');
    expect(own.body.items.some((n: any) => n.kind === 'registry.coordinator_changed')).toBe(false);
  });

  it('O-1 a coordinator activates a proposed pairing; direct exchange is then allowed along it', async () => {
    const list = await gumps.get('/api/v1/pairings?officeCode=RU-TR-URAL&active=false');
    const p = list.body.items.find((x: any) => x.kzOffice.code === 'KZ-AKT');
    expect(p).toMatchObject({ basis: 'transport_zone_border', certainty: 'low', active: false });
    const res = await gumps.patch(`/api/v1/pairings/${p.id}`, { active: true, certainty: 'medium', comment: 'подтверждено', version: p.version });
    expect(res.status).toBe(200);
    const check = await officer.get('/api/v1/registry/direct-exchange?from=RU-TR-URAL&to=KZ-AKT&on=2026-03-02');
    expect(check.body.allowed).toBe(true);
    const hist = await officer.get(`/api/v1/offices/${codes.get('KZ-AKT')}/history`);
    expect(hist.body.items.some((h: any) => h.entityType === 'pairing' && h.changes.some((c: any) => c.field === 'active' && c.new === true))).toBe(true);
  });

  it("a pairing's note is the coordinator's own: no research note of the reference data reaches users; the coordinator's note is saved and audited", async () => {
    const list = await officer.get('/api/v1/pairings?limit=500');
    expect(list.body.total).toBeGreaterThan(20);
    expect(list.body.items.filter((p: any) => p.note !== null)).toEqual([]);
    const offices = await officer.get('/api/v1/offices?limit=200');
    // The offices' notes too (earlier tests wrote two of their own): none of the reference data's English research notes.
    expect(offices.body.items.filter((o: any) => o.notes !== null && !['first', 'from DMS'].includes(o.notes)).map((o: any) => o.code)).toEqual([]);
    const p = list.body.items.find((x: any) => x.ruOffice.code === 'RU-AL' && x.kzOffice.code === 'KZ-VOS');
    const note = 'Пара согласована письмом ДМС ГП РК';
    const res = await gumps.patch(`/api/v1/pairings/${p.id}`, { note, version: p.version });
    expect(res.status).toBe(200);
    expect(res.body.note).toBe(note);
    const auditor = await ctx.as('auditor');
    const audit = await auditor.get(`/api/v1/audit?action=pairing.update&objectId=${p.id}`);
    expect(audit.body.items.some((e: any) => e.objectId === p.id && e.after?.note === note)).toBe(true);
    const created = await gumps.post('/api/v1/pairings', {
      ruOfficeCode: 'RU-SAR',
      kzOfficeCode: 'KZ-VOS',
      basis: 'shared_border',
      active: false,
      note: 'Проект',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ note: 'Проект', certainty: 'high' });
  });

  it('creating a pairing checks the Parties and refuses an overlapping duplicate', async () => {
    const sameParty = await gumps.post('/api/v1/pairings', { ruOfficeCode: 'RU-ORE', kzOfficeCode: 'RU-OMS', basis: 'shared_border', certainty: 'high' });
    expect(sameParty.status).toBe(422);
    expect(sameParty.body.code).toBe('PAIRING_PARTIES_INVALID');
    expect(sameParty.body.details.issues[0].field).toBe('body.kzOfficeCode');
    const dup = await gumps.post('/api/v1/pairings', { ruOfficeCode: 'RU-ORE', kzOfficeCode: 'KZ-AKT', basis: 'shared_border', certainty: 'high' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('PAIRING_EXISTS');
    const created = await gumps.post('/api/v1/pairings', {
      ruOfficeCode: 'RU-SAM',
      kzOfficeCode: 'KZ-AKT',
      basis: 'shared_border',
      certainty: 'low',
      active: false,
      validFrom: '2026-04-01',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ruOffice: { code: 'RU-SAM' }, kzOffice: { code: 'KZ-AKT' }, active: false, validFrom: '2026-04-01' });
    const badDates = await gumps.post('/api/v1/pairings', {
      ruOfficeCode: 'RU-SAR',
      kzOfficeCode: 'KZ-AKT',
      basis: 'shared_border',
      certainty: 'low',
      validFrom: '2026-04-01',
      validTo: '2026-01-01',
    });
    expect(badDates.status).toBe(422);
    expect(badDates.body.details.issues[0].field).toBe('body.validTo');
  });

  it('P-5 lists the legal basis with dates: Agreement, Protocol, Order in force today', async () => {
    const res = await officer.get('/api/v1/legal-basis');
    const byCode = Object.fromEntries(res.body.items.map((d: any) => [d.code, d]));
    expect(byCode['AGREEMENT-2009']).toMatchObject({ kind: 'agreement', signedOn: '2009-06-23', inForceToday: true, lastDayInForce: null });
    expect(byCode['PROTOCOL-2022']).toMatchObject({ kind: 'protocol', inForceFrom: '2022-01-12', parentCode: 'AGREEMENT-2009', enablesDirectExchange: true });
    expect(byCode['ORDER-136-2022']).toMatchObject({ kind: 'order', party: 'RU', inForceFrom: '2022-03-10' });
  });

  it('A-12 an amending protocol can be added with its own dates', async () => {
    const res = await gumps.post('/api/v1/legal-basis', {
      code: 'PROTOCOL-2026',
      kind: 'amending_protocol',
      title: { ru: 'Протокол о внесении изменений', kk: 'Өзгерістер енгізу туралы хаттама', en: 'Amending protocol' },
      party: null,
      signedOn: '2026-02-20',
      inForceFrom: '2026-02-20',
      inForceTo: null,
      parentCode: 'AGREEMENT-2009',
      enablesDirectExchange: false,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'PROTOCOL-2026', inForceToday: true });
    const orphan = await gumps.post('/api/v1/legal-basis', {
      code: 'X-1',
      kind: 'other',
      title: { ru: 'x', kk: 'x', en: 'x' },
      party: null,
      signedOn: null,
      inForceFrom: null,
      inForceTo: null,
      parentCode: 'NOPE-1',
      enablesDirectExchange: false,
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.details.issues[0].field).toBe('body.parentCode');
  });

  it('A-15 recording a notice of termination computes the end (receipt + 60 days); after it direct exchange is refused', async () => {
    const list = await gumps.get('/api/v1/legal-basis');
    const agreement = list.body.items.find((d: any) => d.code === 'AGREEMENT-2009');
    const res = await gumps.post(`/api/v1/legal-basis/${agreement.id}/termination-notice`, {
      receivedOn: '2026-03-01',
      fromParty: 'KZ',
      reference: 'Нота № 12-3/456',
      version: agreement.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ terminationNoticeReceivedOn: '2026-03-01', terminationNoticeFromParty: 'KZ', lastDayInForce: '2026-04-30' });
    const protocol = (await gumps.get('/api/v1/legal-basis')).body.items.find((d: any) => d.code === 'PROTOCOL-2022');
    expect(protocol.lastDayInForce).toBe('2026-04-30');
    expect((await officer.get('/api/v1/registry/direct-exchange?from=RU-ORE&to=KZ-AKT&on=2026-04-30')).body.allowed).toBe(true);
    expect((await officer.get('/api/v1/registry/direct-exchange?from=RU-ORE&to=KZ-AKT&on=2026-05-01')).body).toMatchObject({
      allowed: false,
      reason: 'AGREEMENT_TERMINATED',
    });
    const again = await gumps.post(`/api/v1/legal-basis/${agreement.id}/termination-notice`, {
      receivedOn: '2026-03-02',
      fromParty: 'KZ',
      reference: 'x',
      version: res.body.version,
    });
    expect(again.status).toBe(409);
    const leaderNotes = await (await ctx.as('leader')).get('/api/v1/notifications');
    expect(
      leaderNotes.body.items.some(
        (n: any) => n.kind === 'legal_basis.termination' && n.payload.lastDayInForce === '2026-04-30' && n.payload.firstDayNotInForce === '2026-05-01',
      ),
    ).toBe(true);
  });

  it('A-15 the legal basis shows the last day in force and the first day no longer in force, with how both were computed', async () => {
    const byCode = Object.fromEntries((await officer.get('/api/v1/legal-basis')).body.items.map((d: any) => [d.code, d]));
    // Received 01.03.2026: day 1 of the 60 is 02.03, day 60 is 30.04 (the last day in force); from 01.05 it no longer is.
    const computed = {
      lastDay: '2026-04-30',
      firstDayNotInForce: '2026-05-01',
      cause: 'termination_notice',
      endingCode: 'AGREEMENT-2009',
      noticeReceivedOn: '2026-03-01',
      days: 60,
      firstCountedDay: '2026-03-02',
    };
    expect(byCode['AGREEMENT-2009']).toMatchObject({ lastDayInForce: '2026-04-30', firstDayNotInForce: '2026-05-01', endOfForce: { ...computed, via: [] } });
    expect(byCode['PROTOCOL-2022']).toMatchObject({ firstDayNotInForce: '2026-05-01', endOfForce: { ...computed, via: ['AGREEMENT-2009'] } });
    expect(byCode['ORDER-136-2022'].endOfForce).toEqual({ ...computed, via: ['PROTOCOL-2022', 'AGREEMENT-2009'] });
    expect(byCode['PROTOCOL-2026'].endOfForce.via).toEqual(['AGREEMENT-2009']);
    // The exchange check uses the same days: allowed on the last day, refused on the first day after.
    expect((await officer.get(`/api/v1/registry/direct-exchange?from=RU-ORE&to=KZ-AKT&on=${byCode['AGREEMENT-2009'].lastDayInForce}`)).body.allowed).toBe(true);
    expect((await officer.get(`/api/v1/registry/direct-exchange?from=RU-ORE&to=KZ-AKT&on=${byCode['AGREEMENT-2009'].firstDayNotInForce}`)).body.reason).toBe(
      'AGREEMENT_TERMINATED',
    );
    const history = await gumps.get(`/api/v1/legal-basis/${byCode['AGREEMENT-2009'].id}/history`);
    expect(history.body.items[0].changes).toEqual(expect.arrayContaining([{ field: 'firstDayNotInForce', old: null, new: '2026-05-01' }]));
  });

  it('an administrator creates an office; validation errors name the field and save nothing', async () => {
    const body = {
      code: 'RU-TEST-1',
      party: 'RU',
      kind: 'territorial',
      name: { ru: 'Тестовая прокуратура', kk: 'Сынақ прокуратурасы', en: 'Test office' },
      seat: { ru: 'Тест', kk: 'Тест', en: 'Test' },
      timeZone: 'Mars/Olympus',
      validFrom: null,
      validTo: null,
      authorized: false,
      authorizedFrom: null,
      listedInOrderItem1: false,
      regionCode: null,
      address: null,
    };
    const bad = await admin.post('/api/v1/offices', body);
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues).toEqual([expect.objectContaining({ field: 'body.timeZone', rule: 'time_zone' })]);
    expect((await admin.get('/api/v1/offices?q=RU-TEST-1')).body.total).toBe(0);
    const ok = await admin.post('/api/v1/offices', { ...body, timeZone: 'Europe/Samara' });
    expect(ok.status).toBe(201);
    const dup = await admin.post('/api/v1/offices', { ...body, timeZone: 'Europe/Samara' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('OFFICE_CODE_TAKEN');
  });

  it('an unknown office id answers 404; a malformed one 400', async () => {
    expect((await officer.get('/api/v1/offices/00000000-0000-7000-8000-000000000000')).status).toBe(404);
    const malformed = await officer.get('/api/v1/offices/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.details.issues[0].field).toBe('params.id');
  });
});
