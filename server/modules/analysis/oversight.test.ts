import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERSIGHT_CELLS } from '../../../domain/schemas/oversight.ts';
import { events, items, offices } from '../../db/schema.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { itemArb, itemValues } from '../../test/random-items.ts';

type Row = typeof items.$inferSelect;
type Cell = (typeof OVERSIGHT_CELLS)[number];

describe(`oversight dashboard (O-4.1, O-6) ${TAG}`, () => {
  let ctx: TestContext;
  let gumps: Client;
  let leader: Client;
  let dms: Client;
  let officer: Client;
  const officeIds = new Map<string, string>();
  const codes = new Map<string, string>();
  const zones = new Map<string, string>();
  const NOW = new Date('2026-06-15T06:00:00Z');

  beforeAll(async () => {
    ctx = await createTestContext({ now: NOW.toISOString() });
    [gumps, leader, dms, officer] = await Promise.all([ctx.as('gumps'), ctx.as('leader'), ctx.as('dms'), ctx.as('oreOfficer')]);
    for (const o of await ctx.database.db.select().from(offices)) {
      officeIds.set(o.code, o.id);
      codes.set(o.id, o.code);
      zones.set(o.id, o.timeZone);
    }
  });
  afterAll(async () => ctx?.close());

  /** The cells, independently: what is open, overdue or held now, on which side. */
  const OPEN = new Set(['sent', 'registered', 'on_hold', 'consultation']);
  const cellOf: Record<Cell, { side: 'to' | 'from'; test: (r: Row) => boolean }> = {
    open_incoming: { side: 'to', test: (r) => OPEN.has(r.status) },
    overdue_answers: { side: 'to', test: (r) => OPEN.has(r.status) && !!r.answerDueAt && r.answerDueAt <= NOW },
    held_by_office: { side: 'to', test: (r) => r.status === 'on_hold' },
    open_outgoing: { side: 'from', test: (r) => OPEN.has(r.status) },
    overdue_confirmations: {
      side: 'from',
      test: (r) => r.mode === 'oral' && !r.oralConfirmedAt && !!r.confirmationDueAt && r.confirmationDueAt <= NOW && r.status !== 'withdrawn',
    },
    held_awaiting_confirmation: { side: 'from', test: (r) => r.status === 'on_hold' },
  };

  it('O-4.1 every cell equals an independent count over the items, and opens to exactly those items', async () => {
    const db = ctx.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { minLength: 1, maxLength: 30 }), async (gen) => {
        await db.delete(items);
        await db.insert(items).values(gen.map((g) => ({ id: uuidv7(), ...itemValues(g, officeIds, zones) })));
        const rows: Row[] = await db.select().from(items);
        const view = (await gumps.get('/api/v1/oversight')).body;
        for (const r of view.items as { office: { id: string; code: string }; items: Record<Cell, number> }[]) {
          for (const cell of OVERSIGHT_CELLS) {
            const c = cellOf[cell];
            const want = rows.filter((x) => (c.side === 'to' ? x.toOfficeId : x.fromOfficeId) === r.office.id && c.test(x)).length;
            expect(r.items[cell], `${r.office.code} ${cell}`).toBe(want);
          }
        }
        const busiest = (view.items as { office: { code: string }; items: Record<Cell, number> }[]).find((r) => r.items.open_incoming > 0);
        if (busiest) {
          const list = await gumps.get(`/api/v1/oversight/items?office=${busiest.office.code}&cell=open_incoming&limit=500`);
          expect(list.body.total).toBe(busiest.items.open_incoming);
          expect(list.body.items).toHaveLength(busiest.items.open_incoming);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('O-4.1 events awaiting a decision or a report, and the annual block, are on each office’s row; problems come first', async () => {
    const db = ctx.database.db;
    const ore = officeIds.get('RU-ORE')!;
    await db.insert(events).values([
      { officeId: ore, title: 'a', status: 'submitted', submittedAt: NOW },
      {
        officeId: ore,
        title: 'b',
        status: 'approved',
        submittedAt: NOW,
        startsAt: new Date('2026-06-01T04:00:00Z'),
        endsAt: new Date('2026-06-02T12:00:00Z'),
        reportDueAt: new Date('2026-06-12T19:00:00Z'),
      },
      {
        officeId: ore,
        title: 'c',
        status: 'approved',
        submittedAt: NOW,
        startsAt: new Date('2026-06-10T04:00:00Z'),
        endsAt: new Date('2026-06-11T12:00:00Z'),
        reportDueAt: new Date('2026-06-21T19:00:00Z'),
      },
      {
        officeId: ore,
        title: 'd',
        status: 'approved',
        submittedAt: NOW,
        startsAt: new Date('2026-07-10T04:00:00Z'),
        endsAt: new Date('2026-07-11T12:00:00Z'),
        reportDueAt: new Date('2026-07-21T19:00:00Z'),
      },
    ]);
    const view = (await leader.get('/api/v1/oversight?year=2025')).body;
    const row = view.items.find((r: { office: { code: string } }) => r.office.code === 'RU-ORE');
    expect(row.events).toEqual({ awaitingDecision: 1, awaitingReport: 1, reportOverdue: 1 });
    // The block for 2025 was due by 30.01.2026: every office that has not submitted it is overdue.
    expect(row.block).toEqual({ year: 2025, status: 'not_started', overdue: true, late: false });
    expect(row.contacts.status).toBeDefined();
    const problems = view.items.map((r: { problems: number }) => r.problems);
    expect([...problems].sort((a, b) => b - a)).toEqual(problems);
    expect(view.items.every((r: { office: { code: string } }) => r.office.code.startsWith('RU-') && !['RU-GP', 'RU-GP-GUMPS'].includes(r.office.code))).toBe(
      true,
    );
  });

  it('O-6 leadership reads the dashboard, the Kazakh department sees its own offices, office staff do not see it', async () => {
    expect((await leader.get('/api/v1/oversight')).status).toBe(200);
    const kz = (await dms.get('/api/v1/oversight')).body;
    expect(kz.items.length).toBeGreaterThan(0);
    expect(kz.items.every((r: { office: { code: string } }) => r.office.code.startsWith('KZ-'))).toBe(true);
    expect((await dms.get('/api/v1/oversight/items?office=RU-ORE&cell=open_incoming')).status).toBe(404);
    expect((await officer.get('/api/v1/oversight')).status).toBe(403);
    expect((await officer.get('/api/v1/oversight/export.xlsx')).status).toBe(403);
  });

  it('O-4.1 the XLSX export has a row per office with the same figures', async () => {
    const view = (await gumps.get('/api/v1/oversight')).body;
    const res = await gumps.get('/api/v1/oversight/export.xlsx?lang=ru');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('Контроль исполнения Протокола');
    expect(ws.getRow(2).values).toContain('Просрочены ответы');
    const first = view.items[0];
    expect(ws.getCell('A3').value).toBe(first.office.name.ru);
    expect(ws.getRow(3).getCell(4).value).toBe(first.items.overdue_answers);
    expect(ws.rowCount).toBe(2 + view.items.length + 1);
  });
});
