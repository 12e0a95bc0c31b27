import fc from 'fast-check';
import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { medianOf, yearBounds } from '../../../domain/annual.ts';
import type { PriorityArea, RefusalGround } from '../../../domain/items.ts';
import { consents, events, items, offices, users } from '../../db/schema.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { itemArb, itemValues } from '../../test/random-items.ts';
import { runBlockReminders } from './index.ts';

type Row = typeof items.$inferSelect;

describe(`annual block: compile, edit, submit, return (O-3.6) ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let deputy: Client;
  let head: Client;
  let gumps: Client;
  let leader: Client;
  let oms: Client;
  let akt: Client;
  let dms: Client;
  const officeIds = new Map<string, string>();
  const codes = new Map<string, string>();
  const zones = new Map<string, string>();

  async function login() {
    [officer, deputy, head, gumps, leader, oms, akt, dms] = (await Promise.all(
      (['oreOfficer', 'oreDeputy', 'oreHead', 'gumps', 'leader', 'omsOfficer', 'aktOfficer', 'dms'] as const).map((u) => ctx.as(u)),
    )) as [Client, Client, Client, Client, Client, Client, Client, Client];
  }
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-06-01T05:00:00Z' });
    await login();
    for (const o of await ctx.database.db.select().from(offices)) {
      officeIds.set(o.code, o.id);
      codes.set(o.id, o.code);
      zones.set(o.id, o.timeZone);
    }
  });
  afterAll(async () => ctx?.close());

  const block = (c: Client, code = 'RU-ORE', year = 2026) => c.get(`/api/v1/annual-blocks/${code}/${year}`);
  async function notes(client: Client, kind: string) {
    const list = await client.get('/api/v1/notifications?limit=500');
    return list.body.items.filter((n: { kind: string }) => n.kind === kind);
  }

  it('O-3.6 an office sees its own block only; the coordinator and leadership of its Party read it; others get 404', async () => {
    const res = await block(officer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'not_started', availableActions: ['save'], version: null, overdue: false, office: { code: 'RU-ORE' } });
    expect(res.body.due).toEqual({
      start: '2027-01-01',
      rule: 'annual:01-30',
      timeZone: 'Asia/Yekaterinburg',
      lastDay: '2027-01-30',
      dueAt: '2027-01-30T19:00:00.000Z',
    });
    for (const c of [oms, akt, dms]) expect((await block(c)).status).toBe(404);
    expect((await block(gumps)).body.availableActions).toEqual([]);
    expect((await block(leader)).body.availableActions).toEqual([]);
    expect((await leader.put('/api/v1/annual-blocks/RU-ORE/2026', { proposals: 'x', version: null })).status).toBe(403);
    expect((await gumps.put('/api/v1/annual-blocks/RU-ORE/2026', { proposals: 'x', version: null })).status).toBe(403);
    expect((await officer.get('/api/v1/annual-blocks?year=2026')).body.items.map((b: { office: { code: string } }) => b.office.code)).toEqual(['RU-ORE']);
    expect((await block(officer, 'RU-GP-GUMPS')).status).toBe(404);
  });

  it('O-3.6 the officer writes the proposals, only the head or a deputy submits; the submitted figures no longer move', async () => {
    const saved = await officer.put('/api/v1/annual-blocks/RU-ORE/2026', {
      proposals: 'Предлагаем проводить ежеквартальные рабочие встречи с прокуратурой Актюбинской области.',
      version: null,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', availableActions: ['save'] });
    expect((await deputy.get('/api/v1/annual-blocks/RU-ORE/2026')).body.availableActions).toEqual(['save', 'submit']);
    expect((await officer.post('/api/v1/annual-blocks/RU-ORE/2026/submit', { version: saved.body.version })).status).toBe(403);
    const stale = await officer.put('/api/v1/annual-blocks/RU-ORE/2026', { proposals: 'другое', version: saved.body.version + 5 });
    expect(stale.status).toBe(409);
    const submitted = await deputy.post('/api/v1/annual-blocks/RU-ORE/2026/submit', { version: saved.body.version });
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: 'Заместителев Антон Павлович', availableActions: [] });
    const before = submitted.body.figures.totals.out.requests;
    // An item recorded later changes the live figures, not the submitted block.
    await ctx.database.db.insert(items).values({
      id: uuidv7(),
      kind: 'request',
      fromOfficeId: officeIds.get('RU-ORE')!,
      toOfficeId: officeIds.get('KZ-AKT')!,
      status: 'sent',
      sentAt: new Date('2026-05-20T05:00:00Z'),
    });
    expect((await block(officer)).body.figures.totals.out.requests).toBe(before);
    expect((await officer.put('/api/v1/annual-blocks/RU-ORE/2026', { proposals: 'x', version: submitted.body.version })).body.code).toBe(
      'BLOCK_ACTION_NOT_ALLOWED',
    );
  });

  it('O-3.6 the coordinator sees who has submitted and who has not, returns a block with a reason, and the office resubmits', async () => {
    const list = (await gumps.get('/api/v1/annual-blocks?year=2026')).body.items as { office: { code: string }; status: string }[];
    expect(list.find((b) => b.office.code === 'RU-ORE')?.status).toBe('submitted');
    expect(list.find((b) => b.office.code === 'RU-OMS')?.status).toBe('not_started');
    expect(list.every((b) => b.office.code.startsWith('RU-') && b.office.code !== 'RU-GP-GUMPS')).toBe(true);
    expect((await leader.get('/api/v1/annual-blocks?year=2026&status=submitted')).body.items.map((b: { office: { code: string } }) => b.office.code)).toEqual([
      'RU-ORE',
    ]);
    expect((await dms.get('/api/v1/annual-blocks?year=2026')).body.items.every((b: { office: { code: string } }) => b.office.code.startsWith('KZ-'))).toBe(
      true,
    );
    const current = (await block(gumps)).body;
    expect((await gumps.post('/api/v1/annual-blocks/RU-ORE/2026/return', { version: current.version })).status).toBe(400);
    const returned = await gumps.post('/api/v1/annual-blocks/RU-ORE/2026/return', { reason: 'Дополните сведения о консультациях', version: current.version });
    expect(returned.body).toMatchObject({ status: 'returned', returned: { by: 'Координаторов Иван Петрович', reason: 'Дополните сведения о консультациях' } });
    expect(await notes(officer, 'annual.returned')).toHaveLength(1);
    // The returned block shows live figures again: the later item counts now.
    expect(returned.body.figures.totals.out.requests).toBe(current.figures.totals.out.requests + 1);
    const corrected = await officer.put('/api/v1/annual-blocks/RU-ORE/2026', {
      proposals: 'Предлагаем проводить ежеквартальные рабочие встречи. Консультации проведены по двум запросам.',
      version: returned.body.version,
    });
    expect(corrected.body.status).toBe('returned');
    const again = await head.post('/api/v1/annual-blocks/RU-ORE/2026/submit', { version: corrected.body.version });
    expect(again.body.status).toBe('submitted');
    expect(again.body.history.map((h: { action: string }) => h.action)).toEqual(['save', 'submit', 'return', 'save', 'submit']);
  });

  it('O-3.6 the DOCX is a separate block of the report memo with the prescribed heading, the tables and the proposals', async () => {
    const doc = await officer.get('/api/v1/annual-blocks/RU-ORE/2026/document');
    expect(doc.status).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: doc.raw })).value;
    expect(text).toContain('О непосредственных рабочих контактах с органами прокуратуры Республики Казахстан в 2026 году');
    expect(text).toContain('Прокуратура Актюбинской области');
    expect(text).toContain('Своевременность ответов');
    expect(text).toContain('Консультации проведены по двум запросам');
    expect(text).toContain('Прокурор Оренбургской области');
  });

  it('O-3.6 reminders from 15 January in the office’s zone, once each; after 30 January the office and the coordinator learn it is overdue', async () => {
    ctx.clock.set('2027-01-14T18:30:00Z'); // 15.01 00:30 in Omsk, still 14.01 in Orenburg (UTC+5)
    await login();
    expect((await runBlockReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config })).sent).toBeGreaterThan(0);
    expect(await notes(oms, 'annual.due')).toHaveLength(1);
    // Orenburg submitted its block: it is not reminded.
    expect(await notes(officer, 'annual.due')).toHaveLength(0);
    expect((await runBlockReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config })).sent).toBe(0);
    ctx.clock.set('2027-01-30T18:00:00Z'); // 31.01 00:00 in Omsk
    await login();
    await runBlockReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });
    expect(await notes(oms, 'annual.overdue')).toHaveLength(1);
    expect((await notes(gumps, 'annual.overdue')).some((n: { payload: { officeCode: string } }) => n.payload.officeCode === 'RU-OMS')).toBe(true);
    const list = (await gumps.get('/api/v1/annual-blocks?year=2026')).body.items as { office: { code: string }; overdue: boolean; late: boolean }[];
    expect(list.find((b) => b.office.code === 'RU-OMS')).toMatchObject({ overdue: true });
    expect(list.find((b) => b.office.code === 'RU-ORE')).toMatchObject({ overdue: false, late: false });
  });

  it('O-3.6 O-4.3 every figure of a block equals an independent count over the raw items, and opens to exactly the items it counts', async () => {
    ctx.clock.set('2027-02-01T05:00:00Z');
    await login();
    const db = ctx.database.db;
    const office = 'RU-OMS';
    const omsId = officeIds.get(office)!;
    const { from, to } = yearBounds(2026, zones.get(omsId)!);
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { minLength: 1, maxLength: 25 }), async (gen) => {
        await db.delete(items);
        // Omsk on one side of every item, so the block has something to count.
        await db.insert(items).values(gen.map((g, i) => ({ id: uuidv7(), ...itemValues({ ...g, [i % 2 ? 'from' : 'to']: office }, officeIds, zones) })));
        const rows: Row[] = await db.select().from(items);
        const res = await gumps.get(`/api/v1/annual-blocks/${office}/2026`);
        expect(res.status).toBe(200);
        const f = res.body.figures;
        const inYear = (r: Row) => r.sentAt !== null && r.sentAt >= from && r.sentAt < to;
        const side = (d: 'out' | 'in') => rows.filter((r) => inYear(r) && (d === 'out' ? r.fromOfficeId === omsId : r.toOfficeId === omsId));
        const counterpart = (r: Row, d: 'out' | 'in') => codes.get(d === 'out' ? (r.intendedOfficeId ?? r.toOfficeId) : r.fromOfficeId)!;
        const count = (rs: Row[], p: (r: Row) => boolean) => rs.filter(p).length;
        for (const d of ['out', 'in'] as const) {
          const rs = side(d);
          expect(f.totals[d]).toEqual({ requests: count(rs, (r) => r.kind === 'request'), proposals: count(rs, (r) => r.kind === 'proposal') });
          const answered = rs.filter((r) => r.outcomeAt);
          const inTime = count(answered, (r) => !!r.answerDueAt && r.outcomeAt! < r.answerDueAt);
          const days = answered
            .filter((r) => r.answerDue)
            .map(
              (r) =>
                DateTime.fromJSDate(r.outcomeAt!, { zone: r.answerDue!.timeZone })
                  .startOf('day')
                  .diff(DateTime.fromISO(r.answerDue!.start, { zone: r.answerDue!.timeZone }), 'days').days,
            );
          expect(f.timeliness[d]).toMatchObject({
            answered: answered.length,
            inTime,
            late: answered.length - inTime,
            medianDays: medianOf(days.map((x) => ({ days: Math.round(x), n: 1 }))),
          });
          const oral = rs.filter((r) => r.mode === 'oral');
          const cIn = count(oral, (r) => !!r.oralConfirmedAt && r.oralConfirmedAt <= r.confirmationDueAt!);
          const cLate = count(oral, (r) => !!r.oralConfirmedAt && r.oralConfirmedAt > r.confirmationDueAt!);
          expect(f.oral[d]).toEqual({ total: oral.length, confirmedInTime: cIn, confirmedLate: cLate, unconfirmed: oral.length - cIn - cLate });
          expect(f.consultations[d]).toEqual({
            conditionsProposed: count(rs, (r) => r.conditionsStatus !== 'none'),
            conditionsAccepted: count(rs, (r) => r.conditionsStatus === 'accepted'),
          });
          for (const c of f.byCounterpart as { counterpart: { code: string }; out: { requests: number }; in: { requests: number } }[]) {
            expect(c[d].requests).toBe(count(rs, (r) => r.kind === 'request' && counterpart(r, d) === c.counterpart.code));
          }
          for (const a of f.byArea as { area: PriorityArea; out: number; in: number }[]) expect(a[d]).toBe(count(rs, (r) => r.priorityAreas.includes(a.area)));
          for (const g of f.refusals as { ground: RefusalGround; out: number; in: number }[])
            expect(g[d]).toBe(count(rs, (r) => r.refusalGrounds.includes(g.ground)));
          for (const s of f.byStatus as { status: string; out: number; in: number }[]) expect(s[d]).toBe(count(rs, (r) => r.status === s.status));
          for (const fm of f.byForm as { form: string; out: number; in: number }[]) expect(fm[d]).toBe(count(rs, (r) => (r.form ?? '') === fm.form));
          // Nothing counted is left out of the breakdowns.
          expect((f.byStatus as { out: number; in: number }[]).reduce((a, s) => a + s[d], 0)).toBe(rs.length);
        }
        // Drill-down: the list behind a figure holds exactly as many items as the figure says.
        const first = f.byCounterpart[0] as { counterpart: { code: string }; out: { requests: number } } | undefined;
        if (first) {
          const list = await gumps.get(`/api/v1/annual-blocks/${office}/2026/items?direction=out&kind=request&counterpart=${first.counterpart.code}&limit=500`);
          expect(list.body.total).toBe(first.out.requests);
        }
        const late = await gumps.get(`/api/v1/annual-blocks/${office}/2026/items?direction=in&measure=answered_late&limit=500`);
        expect(late.body.total).toBe(f.timeliness.in.late);
        const unconfirmed = await gumps.get(`/api/v1/annual-blocks/${office}/2026/items?direction=out&measure=oral_unconfirmed&limit=500`);
        expect(unconfirmed.body.total).toBe(f.oral.out.unconfirmed);
      }),
      { numRuns: 12 },
    );
  });

  it('O-3.6 events of the year are counted: proposed, approved, held, reported, report overdue', async () => {
    const db = ctx.database.db;
    const base = { officeId: officeIds.get('RU-OMS')!, title: 'x', timeZone: 'Asia/Omsk' };
    await db.insert(events).values([
      {
        ...base,
        status: 'reported',
        submittedAt: new Date('2026-03-01T00:00:00Z'),
        startsAt: new Date('2026-04-01T04:00:00Z'),
        endsAt: new Date('2026-04-02T10:00:00Z'),
      },
      {
        ...base,
        status: 'approved',
        submittedAt: new Date('2026-03-01T00:00:00Z'),
        startsAt: new Date('2026-10-01T04:00:00Z'),
        endsAt: new Date('2026-10-02T10:00:00Z'),
        reportDueAt: new Date('2026-10-12T18:00:00Z'),
      },
      {
        ...base,
        status: 'rejected',
        submittedAt: new Date('2026-03-01T00:00:00Z'),
        startsAt: new Date('2026-11-01T04:00:00Z'),
        endsAt: new Date('2026-11-02T10:00:00Z'),
      },
      { ...base, status: 'draft', startsAt: new Date('2026-12-01T04:00:00Z'), endsAt: new Date('2026-12-02T10:00:00Z') },
      // Starts on 1 January 2027 in Omsk (31.12.2026 in UTC): next year's.
      {
        ...base,
        status: 'reported',
        submittedAt: new Date('2026-03-01T00:00:00Z'),
        startsAt: new Date('2026-12-31T19:00:00Z'),
        endsAt: new Date('2027-01-01T10:00:00Z'),
      },
    ]);
    const f = (await gumps.get('/api/v1/annual-blocks/RU-OMS/2026')).body.figures;
    expect(f.events).toEqual({ proposed: 3, approved: 2, held: 2, reported: 1, reportOverdue: 1 });
  });

  it('O-3.6 consent requests of the year are counted by who asked and who decided, and open to the items they concern (A-9.3)', async () => {
    const db = ctx.database.db;
    const oms = officeIds.get('RU-OMS')!;
    const sev = officeIds.get('KZ-SEV')!;
    const [u] = await db.select({ id: users.id }).from(users).limit(1);
    const mk = async (from: string, to: string) => {
      const id = uuidv7();
      await db.insert(items).values({ id, kind: 'request', fromOfficeId: from, toOfficeId: to, status: 'executed', sentAt: new Date('2025-11-01T05:00:00Z') });
      return id;
    };
    const asked = await mk(oms, sev); // Omsk received the answer and asks to use it otherwise
    const toDecide = await mk(sev, oms);
    const lastYear = await mk(oms, sev);
    await db.insert(consents).values([
      {
        itemId: asked,
        requesterOfficeId: oms,
        providerOfficeId: sev,
        purpose: 'иная цель',
        justification: 'обоснование',
        requestedBy: u!.id,
        requestedAt: new Date('2026-03-01T05:00:00Z'),
      },
      {
        itemId: toDecide,
        requesterOfficeId: sev,
        providerOfficeId: oms,
        purpose: 'иная цель',
        justification: 'обоснование',
        status: 'granted',
        requestedBy: u!.id,
        requestedAt: new Date('2026-04-01T05:00:00Z'),
      },
      {
        itemId: lastYear,
        requesterOfficeId: oms,
        providerOfficeId: sev,
        purpose: 'иная цель',
        justification: 'обоснование',
        requestedBy: u!.id,
        requestedAt: new Date('2025-12-01T05:00:00Z'),
      },
    ]);
    const f = (await gumps.get('/api/v1/annual-blocks/RU-OMS/2026')).body.figures;
    expect(f.consents).toEqual({ requested: 1, received: 1, granted: 1, refused: 0, pending: 0 });
    const list = async (measure: string) =>
      (await gumps.get(`/api/v1/annual-blocks/RU-OMS/2026/items?direction=in&measure=${measure}`)).body.items.map((i: { id: string }) => i.id);
    expect(await list('consent_requested')).toEqual([asked]);
    expect(await list('consent_received')).toEqual([toDecide]);
    expect(await list('consent_granted')).toEqual([toDecide]);
    expect(await list('consent_pending')).toEqual([]);
  });

  it('O-3.6 a block submitted after 30 January says so on its own page (late, by how many of the office’s days), not only in the coordinator’s list', async () => {
    ctx.clock.set('2027-02-02T19:30:00Z'); // 03.02 00:30 in Aktobe (UTC+5), still 02.02 in Moscow
    const [aktOfficer, aktHead, coordinator] = await Promise.all([ctx.as('aktOfficer'), ctx.as('aktHead'), ctx.as('dms')]);
    const saved = await aktOfficer.put('/api/v1/annual-blocks/KZ-AKT/2026', { proposals: 'Ұсыныстар', version: null });
    expect(saved.body).toMatchObject({ late: false, daysLate: 0, overdue: true });
    const submitted = await aktHead.post('/api/v1/annual-blocks/KZ-AKT/2026/submit', { version: saved.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      late: true,
      daysLate: 4,
      overdue: false,
      due: { lastDay: '2027-01-30', timeZone: 'Asia/Aqtobe' },
    });
    expect(submitted.body.history.at(-1)).toMatchObject({ action: 'submit', details: { late: true, daysLate: 4 } });
    // The office and the coordinator read the same fact on the block's page and in the list.
    for (const c of [aktOfficer, coordinator]) expect((await c.get('/api/v1/annual-blocks/KZ-AKT/2026')).body).toMatchObject({ late: true, daysLate: 4 });
    const row = ((await coordinator.get('/api/v1/annual-blocks?year=2026')).body.items as { office: { code: string }; late: boolean }[]).find(
      (b) => b.office.code === 'KZ-AKT',
    );
    expect(row).toMatchObject({ late: true });
    // Orenburg submitted in time.
    await login();
    expect((await block(officer)).body).toMatchObject({ status: 'submitted', late: false, daysLate: 0 });
  });
});
