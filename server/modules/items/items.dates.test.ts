import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { FIXTURE_PASSWORD } from '../../test/fixtures.ts';
import { offices, users } from '../../db/schema.ts';
import { hashPassword } from '../auth/index.ts';

const base = {
  kind: 'request',
  toOfficeCode: 'KZ-AKT',
  subject: 'О взаимодействии',
  essence: 'Существо дела по проверке',
  purpose: 'Проверка соблюдения законодательства',
  assistance: 'Предоставить сведения',
  form: 'crime_information',
  priorityAreas: ['organized_crime', 'drug_trafficking'],
};

/** The issue a 422 names on its field. */
const issueOf = (res: { body: any }) => res.body.details?.issues?.[0];

describe(`requests: registration dates, addressees and signatures that can be true ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client, deputy: Client, akt: Client, gumps: Client;

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
    // Omsk (UTC+6) and Pavlodar (UTC+5) are a pairing one hour apart: a signer in Omsk, a registrar in Pavlodar.
    const db = ctx.database.db;
    const rows = await db.select({ id: offices.id, code: offices.code }).from(offices);
    const idOf = new Map(rows.map((o) => [o.code, o.id]));
    const passwordHash = await hashPassword(FIXTURE_PASSWORD);
    const now = new Date('2026-01-15T06:00:00Z');
    await db.insert(users).values([
      {
        login: 'omshead',
        fullName: 'Омский Руководитель',
        email: 'omshead@example.test',
        officeId: idOf.get('RU-OMS')!,
        roles: ['head'],
        locale: 'ru',
        passwordHash,
        createdAt: now,
        updatedAt: now,
      },
      {
        login: 'pavofficer',
        fullName: 'Павлодарский Сотрудник',
        email: 'pav@example.test',
        officeId: idOf.get('KZ-PAV')!,
        roles: ['officer'],
        locale: 'ru',
        passwordHash,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await login();
  });
  afterAll(async () => ctx?.close());

  async function login() {
    const [a, b, c, d] = await Promise.all(['oreOfficer', 'oreDeputy', 'aktOfficer', 'gumps'].map((n) => ctx.as(n)));
    [officer, deputy, akt, gumps] = [a!, b!, c!, d!];
  }
  async function at(instant: string) {
    ctx.clock.set(instant);
    await login(); // sessions expire when the clock jumps
  }
  async function signed(extra: Record<string, unknown> = {}, by = officer, signer = deputy) {
    const d = await by.post('/api/v1/items', { ...base, ...extra });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const s = await signer.post(`/api/v1/items/${d.body.id}/sign`, { version: d.body.version });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    return s.body;
  }

  it('O-3.3 P-4 an outgoing date can be neither in the future (2030) nor before the draft (2009); the field says why', async () => {
    await at('2026-03-02T05:00:00Z');
    const s = await signed();
    expect(s.registrationDates.outgoing).toMatchObject({ timeZone: 'Asia/Yekaterinburg', min: '2026-03-02', max: '2026-03-02', gaps: [] });
    const future = await officer.post(`/api/v1/items/${s.id}/send`, { outgoingNumber: '7-1', outgoingDate: '2030-01-01', version: s.version });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('REGISTRATION_DATE_INVALID');
    expect(issueOf(future)).toMatchObject({
      field: 'body.outgoingDate',
      rule: 'date_in_future',
      params: { limit: '02.03.2026', timeZone: 'Asia/Yekaterinburg' },
    });
    const past = await officer.post(`/api/v1/items/${s.id}/send`, { outgoingNumber: '7-1', outgoingDate: '2009-06-23', version: s.version });
    expect(issueOf(past)).toMatchObject({ field: 'body.outgoingDate', rule: 'date_before_draft', params: { limit: '02.03.2026' } });
    expect((await officer.get(`/api/v1/items/${s.id}`)).body.status).toBe('signed'); // nothing was sent
    const ok = await officer.post(`/api/v1/items/${s.id}/send`, { outgoingNumber: '7-1', outgoingDate: '2026-03-02', version: s.version });
    expect(ok.status).toBe(200);
  });

  it('O-3.3 P-4 an incoming date before the day the item reached the office, or in its future, is refused', async () => {
    await at('2026-03-02T05:00:00Z');
    const s = await signed();
    const sent = await officer.post(`/api/v1/items/${s.id}/send`, { outgoingNumber: '7-2', outgoingDate: '2026-03-02', version: s.version });
    await at('2026-03-05T05:00:00Z');
    const view = await akt.get(`/api/v1/items/${s.id}`);
    expect(view.body.registrationDates.incoming).toMatchObject({
      timeZone: 'Asia/Aqtobe',
      min: '2026-03-02',
      minRule: 'date_before_sending',
      max: '2026-03-05',
    });
    const before = await akt.post(`/api/v1/items/${s.id}/register`, { incomingNumber: 'вх-1', incomingDate: '2026-03-01', version: sent.body.version });
    expect(before.status).toBe(422);
    expect(issueOf(before)).toMatchObject({ field: 'body.incomingDate', rule: 'date_before_sending', params: { limit: '02.03.2026' } });
    const future = await akt.post(`/api/v1/items/${s.id}/register`, { incomingNumber: 'вх-1', incomingDate: '2026-03-06', version: sent.body.version });
    expect(issueOf(future)).toMatchObject({ rule: 'date_in_future' });
    const ok = await akt.post(`/api/v1/items/${s.id}/register`, { incomingNumber: 'вх-1', incomingDate: '2026-03-03', version: sent.body.version });
    expect(ok.body).toMatchObject({ status: 'registered', registration: { incomingDate: '2026-03-03' } });
  });

  it('O-3.3 P-4 time zones: sent from Omsk (UTC+6) at 00:30 on 03.03, the item reaches Pavlodar (UTC+5) on 02.03 — an incoming date earlier than the outgoing one is true there', async () => {
    await at('2026-03-02T18:10:00Z'); // Omsk 00:10 on 03.03
    const [oms, omsHead] = await Promise.all([ctx.as('omsOfficer'), ctx.as('omshead')]);
    const s = await signed({ toOfficeCode: 'KZ-PAV' }, oms, omsHead);
    const yesterday = await oms.post(`/api/v1/items/${s.id}/send`, { outgoingNumber: 'О-1', outgoingDate: '2026-03-02', version: s.version });
    expect(issueOf(yesterday)).toMatchObject({ rule: 'date_before_draft', params: { limit: '03.03.2026', timeZone: 'Asia/Omsk' } });
    ctx.clock.set('2026-03-02T18:30:00Z'); // Omsk 00:30 on 03.03, Pavlodar 23:30 on 02.03
    const sent = await oms.post(`/api/v1/items/${s.id}/send`, { outgoingNumber: 'О-1', outgoingDate: '2026-03-03', version: s.version });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    ctx.clock.set('2026-03-02T18:40:00Z');
    const pav = await ctx.as('pavofficer');
    const tomorrow = await pav.post(`/api/v1/items/${s.id}/register`, { incomingNumber: 'П-1', incomingDate: '2026-03-03', version: sent.body.version });
    expect(issueOf(tomorrow)).toMatchObject({ rule: 'date_in_future', params: { limit: '02.03.2026', timeZone: 'Asia/Almaty' } });
    const today = await pav.post(`/api/v1/items/${s.id}/register`, { incomingNumber: 'П-1', incomingDate: '2026-03-02', version: sent.body.version });
    expect(today.status, JSON.stringify(today.body)).toBe(200);
    expect(today.body.registration).toMatchObject({ outgoingDate: '2026-03-03', incomingDate: '2026-03-02' });
  });

  it('A-6.2a O-3.3 the written confirmation of an oral request takes an outgoing date neither before the request nor in the future', async () => {
    await at('2026-03-03T05:00:00Z');
    const d = await officer.post('/api/v1/items', base);
    const oral = await officer.post(`/api/v1/items/${d.body.id}/send-oral`, {
      oralAt: '2026-03-03T04:30:00Z',
      channel: 'phone',
      spokenBy: 'Исполнителева А.С.',
      spokenTo: 'Серикбаев Н.Е.',
      version: d.body.version,
    });
    expect(oral.status).toBe(200);
    await at('2026-03-04T05:00:00Z');
    const head = await ctx.as('oreHead');
    const view = await officer.get(`/api/v1/items/${d.body.id}`);
    expect(view.body.registrationDates.outgoing).toMatchObject({ min: '2026-03-03', minRule: 'date_before_oral', max: '2026-03-04' });
    const early = await head.post(`/api/v1/items/${d.body.id}/confirm-in-writing`, {
      outgoingNumber: '7-уст',
      outgoingDate: '2026-03-02',
      version: oral.body.version,
    });
    expect(issueOf(early)).toMatchObject({ field: 'body.outgoingDate', rule: 'date_before_oral', params: { limit: '03.03.2026' } });
    const future = await head.post(`/api/v1/items/${d.body.id}/confirm-in-writing`, {
      outgoingNumber: '7-уст',
      outgoingDate: '2026-03-05',
      version: oral.body.version,
    });
    expect(issueOf(future)).toMatchObject({ rule: 'date_in_future' });
    const ok = await head.post(`/api/v1/items/${d.body.id}/confirm-in-writing`, {
      outgoingNumber: '7-уст',
      outgoingDate: '2026-03-04',
      version: oral.body.version,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('O-1 P-5 an outgoing date on which the pairing was not yet in force is refused with the registry’s reason; O-3.4 a routed matter goes along no pairing', async () => {
    await at('2026-03-02T05:00:00Z');
    const list = await gumps.get('/api/v1/pairings?officeCode=RU-ORE');
    const kus = list.body.items.find((p: any) => p.kzOffice.code === 'KZ-KUS');
    const from = await gumps.patch(`/api/v1/pairings/${kus.id}`, { validFrom: '2026-03-04', comment: 'по решению', version: kus.version });
    expect(from.status).toBe(200);
    const d = await officer.post('/api/v1/items', base);
    await at('2026-03-05T05:00:00Z');
    const moved = await officer.patch(`/api/v1/items/${d.body.id}`, { toOfficeCode: 'KZ-KUS', version: d.body.version });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.toOffice.code).toBe('KZ-KUS');
    expect(moved.body.registrationDates.outgoing.gaps).toEqual([
      { from: '2026-03-02', to: '2026-03-03', rule: 'date_no_direct_exchange', reason: 'PAIRING_NOT_IN_FORCE', officeCode: null },
    ]);
    const s = await deputy.post(`/api/v1/items/${d.body.id}/sign`, { version: moved.body.version });
    const early = await officer.post(`/api/v1/items/${d.body.id}/send`, { outgoingNumber: '7-К', outgoingDate: '2026-03-03', version: s.body.version });
    expect(issueOf(early)).toMatchObject({
      field: 'body.outgoingDate',
      rule: 'date_no_direct_exchange',
      params: { reason: 'PAIRING_NOT_IN_FORCE', from: '02.03.2026', to: '03.03.2026' },
    });
    const ok = await officer.post(`/api/v1/items/${d.body.id}/send`, { outgoingNumber: '7-К', outgoingDate: '2026-03-04', version: s.body.version });
    expect(ok.status).toBe(200);
    // A routed matter (O-3.4) to the same office was always possible: no gap in its window.
    const routed = await officer.post('/api/v1/items', { ...base, toOfficeCode: 'KZ-KUS', subjectMatter: 'extradition' });
    expect(routed.body).toMatchObject({ route: 'coordinator', registrationDates: { outgoing: { gaps: [] } } });
  });

  it('O-1 O-3.4 a draft to an office that is not a counterpart today is refused when made or readdressed, naming the rule on the field; routed matters stay as they were', async () => {
    await at('2026-03-02T05:00:00Z');
    const vos = await officer.post('/api/v1/items', { ...base, toOfficeCode: 'KZ-VOS' });
    expect(vos.status).toBe(422);
    expect(vos.body).toMatchObject({ code: 'DIRECT_EXCHANGE_NOT_ALLOWED', details: { reason: 'NO_PAIRING', on: '2026-03-02' } });
    expect(issueOf(vos)).toMatchObject({ field: 'body.toOfficeCode', rule: 'direct_exchange', params: { reason: 'NO_PAIRING' } });
    const d = await officer.post('/api/v1/items', base);
    const moved = await officer.patch(`/api/v1/items/${d.body.id}`, { toOfficeCode: 'KZ-VOS', version: d.body.version });
    expect(moved.status).toBe(422);
    expect(issueOf(moved)).toMatchObject({ field: 'body.toOfficeCode', rule: 'direct_exchange' });
    // O-3.4: an extradition matter meant for Ust-Kamenogorsk goes to ГУМПС, as before.
    const routed = await officer.post('/api/v1/items', { ...base, toOfficeCode: 'KZ-VOS', subjectMatter: 'extradition' });
    expect(routed.status).toBe(201);
    expect(routed.body).toMatchObject({ route: 'coordinator', intendedOffice: { code: 'KZ-VOS' }, exchange: null });
    // …and it cannot come back to the direct route towards an office that is no counterpart.
    const direct = await officer.patch(`/api/v1/items/${routed.body.id}`, { subjectMatter: 'within_protocol', version: routed.body.version });
    expect(direct.status).toBe(422);
    expect(direct.body.details.reason).toBe('NO_PAIRING');
  });

  it('O-1 A-15 a pairing that lapses after the draft was made: nothing that would fail is offered, and the server refuses it with the reason', async () => {
    await at('2026-03-02T05:00:00Z');
    const s = await signed({ toOfficeCode: 'KZ-ZAP' });
    expect(s.exchange).toEqual({ allowed: true, on: '2026-03-02', reason: null, officeCode: null });
    expect(s.availableActions).toContain('send');
    const d = (await officer.post('/api/v1/items', { ...base, toOfficeCode: 'KZ-ZAP' })).body;
    expect(d.availableActions).toEqual(expect.arrayContaining(['update', 'send_oral']));
    const list = await gumps.get('/api/v1/pairings?officeCode=RU-ORE');
    const zap = list.body.items.find((p: any) => p.kzOffice.code === 'KZ-ZAP');
    expect((await gumps.patch(`/api/v1/pairings/${zap.id}`, { validTo: '2026-03-03', comment: 'пара упразднена', version: zap.version })).status).toBe(200);
    await at('2026-03-05T05:00:00Z');
    const view = (await officer.get(`/api/v1/items/${s.id}`)).body;
    expect(view.exchange).toEqual({ allowed: false, on: '2026-03-05', reason: 'PAIRING_NOT_IN_FORCE', officeCode: null });
    expect(view.availableActions).toEqual(['update']);
    const headView = (await (await ctx.as('oreHead')).get(`/api/v1/items/${s.id}`)).body;
    expect(headView.availableActions).not.toContain('sign');
    const send = await officer.post(`/api/v1/items/${s.id}/send`, { outgoingNumber: '7-З', outgoingDate: '2026-03-03', version: s.version });
    expect(send.status).toBe(422);
    expect(send.body).toMatchObject({ code: 'DIRECT_EXCHANGE_NOT_ALLOWED', details: { reason: 'PAIRING_NOT_IN_FORCE', on: '2026-03-05' } });
    const draftView = (await officer.get(`/api/v1/items/${d.id}`)).body;
    expect(draftView.availableActions).toEqual(['update']);
    const oral = await officer.post(`/api/v1/items/${d.id}/send-oral`, {
      oralAt: '2026-03-05T04:00:00Z',
      channel: 'phone',
      spokenBy: 'Исполнителева А.С.',
      spokenTo: 'дежурный',
      version: d.version,
    });
    expect(oral.body).toMatchObject({ code: 'DIRECT_EXCHANGE_NOT_ALLOWED', details: { reason: 'PAIRING_NOT_IN_FORCE' } });
    expect((await deputy.post(`/api/v1/items/${d.id}/sign`, { version: d.version })).body.code).toBe('DIRECT_EXCHANGE_NOT_ALLOWED');
    // The way out: another addressee, after which everything is offered again.
    const moved = await officer.patch(`/api/v1/items/${s.id}`, { toOfficeCode: 'KZ-AKT', version: s.version });
    expect(moved.body).toMatchObject({ status: 'draft', exchange: { allowed: true } });
    expect(moved.body.availableActions).toEqual(expect.arrayContaining(['update', 'send_oral']));
  });

  it('A-6.4 saving a signed item without a change keeps its signature, status and content version; only a change of signed content voids it', async () => {
    await at('2026-03-02T05:00:00Z');
    const s = await signed();
    const verify = async () => (await officer.get(`/api/v1/items/${s.id}/signature`)).body;
    const sig = await officer.get(`/api/v1/items/${s.id}/signature`);
    expect(sig.body.status).toBe('valid');
    // The same values, as a form that sends every field would.
    const same = await officer.patch(`/api/v1/items/${s.id}`, {
      subject: base.subject,
      essence: base.essence,
      toOfficeCode: 'KZ-AKT',
      priorityAreas: base.priorityAreas,
      version: s.version,
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ status: 'signed', version: s.version });
    const empty = await officer.patch(`/api/v1/items/${s.id}`, { version: s.version });
    expect(empty.body).toMatchObject({ status: 'signed', version: s.version });
    // Still checked: the version and who may edit.
    expect((await officer.patch(`/api/v1/items/${s.id}`, { subject: base.subject, version: s.version - 1 })).body.code).toBe('VERSION_CONFLICT');
    expect((await akt.patch(`/api/v1/items/${s.id}`, { version: s.version })).status).toBe(404);
    // The order of the areas is no change of the signed content (the signature covers them sorted).
    const reordered = await officer.patch(`/api/v1/items/${s.id}`, { priorityAreas: [...base.priorityAreas].reverse(), version: s.version });
    expect(reordered.body).toMatchObject({ status: 'signed', version: s.version + 1 });
    const sigAfter = (await officer.get(`/api/v1/items/${s.id}/signature`)).body;
    expect(sigAfter).toMatchObject({ status: 'valid', contentHash: sig.body.contentHash, signedAt: sig.body.signedAt });
    const timeline = (await officer.get(`/api/v1/items/${s.id}/timeline`)).body.items.map((e: any) => e.action);
    expect(timeline.filter((a: string) => a === 'update')).toHaveLength(1); // the no-op saves wrote nothing
    // A real change voids it.
    const changed = await officer.patch(`/api/v1/items/${s.id}`, { subject: 'О другом', version: reordered.body.version });
    expect(changed.body.status).toBe('draft');
    expect((await verify()).status).not.toBe('valid');
    const sent = await officer.post(`/api/v1/items/${s.id}/send`, { outgoingNumber: '7-9', outgoingDate: '2026-03-02', version: changed.body.version });
    expect(sent.body.code).toBe('ITEM_ACTION_NOT_ALLOWED');
  });
});
