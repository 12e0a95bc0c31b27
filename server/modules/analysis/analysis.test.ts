import ExcelJS from 'exceljs';
import fc from 'fast-check';
import mammoth from 'mammoth';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearBounds } from '../../../domain/annual.ts';
import type { PriorityArea } from '../../../domain/items.ts';
import { items, offices } from '../../db/schema.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { itemArb, itemValues } from '../../test/random-items.ts';

type Row = typeof items.$inferSelect;

describe(`consolidated analysis (O-4.3, O-6) ${TAG}`, () => {
  let ctx: TestContext;
  let gumps: Client;
  let leader: Client;
  let officer: Client;
  let dms: Client;
  const officeIds = new Map<string, string>();
  const zones = new Map<string, string>();
  const party = new Map<string, string>();
  const reporting = new Set<string>();

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2027-02-10T06:00:00Z' });
    [gumps, leader, officer, dms] = await Promise.all([ctx.as('gumps'), ctx.as('leader'), ctx.as('oreOfficer'), ctx.as('dms')]);
    for (const o of await ctx.database.db.select().from(offices)) {
      officeIds.set(o.code, o.id);
      zones.set(o.id, o.timeZone);
      party.set(o.id, o.party);
      if (o.authorized && !['coordinator', 'leadership'].includes(o.kind)) reporting.add(o.id);
    }
  });
  afterAll(async () => ctx?.close());

  /** The Party's traffic, independently: its reporting offices' items with the other Party, in each office's year. */
  function expected(rows: Row[], year: number) {
    const inYear = (r: Row, office: string) => {
      const b = yearBounds(year, zones.get(office)!);
      return r.sentAt !== null && r.sentAt >= b.from && r.sentAt < b.to;
    };
    const out = rows.filter(
      (r) =>
        reporting.has(r.fromOfficeId) &&
        party.get(r.fromOfficeId) === 'RU' &&
        party.get(r.intendedOfficeId ?? r.toOfficeId) === 'KZ' &&
        inYear(r, r.fromOfficeId),
    );
    const inn = rows.filter(
      (r) => reporting.has(r.toOfficeId) && party.get(r.toOfficeId) === 'RU' && party.get(r.fromOfficeId) === 'KZ' && inYear(r, r.toOfficeId),
    );
    const refused = (r: Row) => r.status === 'refused' || r.status === 'partially_executed';
    return {
      sent: out.length,
      received: inn.length,
      requestsSent: out.filter((r) => r.kind === 'request').length,
      proposalsReceived: inn.filter((r) => r.kind === 'proposal').length,
      answeredByUs: inn.filter((r) => r.outcomeAt).length,
      inTimeByUs: inn.filter((r) => r.outcomeAt && r.answerDueAt && r.outcomeAt < r.answerDueAt).length,
      refusedByUs: inn.filter(refused).length,
      refusedToUs: out.filter(refused).length,
      oralSent: out.filter((r) => r.mode === 'oral').length,
      oralUnconfirmed: out.filter((r) => r.mode === 'oral' && !r.oralConfirmedAt).length,
      out,
      inn,
    };
  }

  it('O-4.3 every total and breakdown of the analysis equals an independent count over the raw items, for the year and the comparison year', async () => {
    const db = ctx.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { minLength: 1, maxLength: 30 }), async (gen) => {
        await db.delete(items);
        await db.insert(items).values(gen.map((g) => ({ id: uuidv7(), ...itemValues(g, officeIds, zones) })));
        const rows: Row[] = await db.select().from(items);
        const v = (await gumps.get('/api/v1/analysis?year=2026&compare=2025')).body;
        for (const [year, summary] of [
          [2026, v.summary],
          [2025, v.compareSummary],
        ] as const) {
          const e = expected(rows, year);
          expect(summary).toMatchObject({
            sent: e.sent,
            received: e.received,
            requestsSent: e.requestsSent,
            proposalsReceived: e.proposalsReceived,
            answeredByUs: e.answeredByUs,
            inTimeByUs: e.inTimeByUs,
            lateByUs: e.answeredByUs - e.inTimeByUs,
            refusedByUs: e.refusedByUs,
            refusedToUs: e.refusedToUs,
            oralSent: e.oralSent,
            oralUnconfirmed: e.oralUnconfirmed,
          });
        }
        const e = expected(rows, 2026);
        const sumOf = (list: { sent: number; received: number }[]) => list.reduce((a, x) => [a[0]! + x.sent, a[1]! + x.received], [0, 0]);
        // Every breakdown adds up to the totals, and each row is the count of its items.
        for (const list of [v.byMonth, v.byOffice, v.byCounterpart, v.byForm, v.byOutcome]) expect(sumOf(list)).toEqual([e.sent, e.received]);
        for (const o of v.byOffice as { office: { id: string }; sent: number; received: number }[]) {
          expect(o.sent).toBe(e.out.filter((r) => r.fromOfficeId === o.office.id).length);
          expect(o.received).toBe(e.inn.filter((r) => r.toOfficeId === o.office.id).length);
        }
        for (const a of v.byArea as { area: PriorityArea; sent: number; received: number }[]) {
          expect([a.sent, a.received]).toEqual([
            e.out.filter((r) => r.priorityAreas.includes(a.area)).length,
            e.inn.filter((r) => r.priorityAreas.includes(a.area)).length,
          ]);
        }
        for (const m of v.byMonth as { month: string; compareSent: number }[]) expect(m.compareSent).not.toBeNull();
        const cells = (v.matrix.cells as { sent: number; received: number }[]).reduce((a, c) => a + c.sent + c.received, 0);
        expect(cells).toBe(e.sent + e.received);
      }),
      { numRuns: 10 },
    );
  });

  it('O-4.3 O-6 the coordinator writes conclusions; leadership reads them and can change nothing; office staff do not see the analysis', async () => {
    const first = await gumps.put('/api/v1/analysis/2026/report?compare=2025', {
      conclusions: 'Практика непосредственного сотрудничества расширилась.',
      proposals: 'Провести совещание с прокуратурами в I квартале.',
      version: null,
    });
    expect(first.status).toBe(200);
    expect(first.body.compareYear).toBe(2025);
    expect(first.body.report).toMatchObject({
      conclusions: 'Практика непосредственного сотрудничества расширилась.',
      updatedBy: 'Координаторов Иван Петрович',
      version: 1,
    });
    expect((await gumps.put('/api/v1/analysis/2026/report', { conclusions: 'x', proposals: 'y', version: null })).status).toBe(409);
    const read = await leader.get('/api/v1/analysis?year=2026');
    expect(read.body).toMatchObject({ mayEdit: false, report: { proposals: 'Провести совещание с прокуратурами в I квартале.' } });
    expect((await leader.put('/api/v1/analysis/2026/report', { conclusions: 'x', proposals: 'y', version: 1 })).status).toBe(403);
    expect((await officer.get('/api/v1/analysis?year=2026')).status).toBe(403);
    expect((await officer.get('/api/v1/analysis/2026/document')).status).toBe(403);
    // The Kazakh department's analysis is its own: the Russian conclusions are not in it.
    expect((await dms.get('/api/v1/analysis?year=2026')).body).toMatchObject({ party: 'KZ', report: null });
  });

  it('O-4.3 the DOCX for the Deputy Prosecutor General carries the text, the tables and the charts as images; the XLSX every table', async () => {
    const doc = await leader.get('/api/v1/analysis/2026/document?compare=2025');
    expect(doc.status).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: doc.raw })).value;
    expect(text).toContain('Заместителю Генерального прокурора Российской Федерации');
    expect(text).toContain('О практике непосредственного сотрудничества органов прокуратуры с органами прокуратуры другой Стороны в 2026 году');
    expect(text).toContain('Таблица 1. По прокуратурам');
    expect(text).toContain('Практика непосредственного сотрудничества расширилась.');
    // Four charts, each a PNG in the package.
    const media = doc.raw.toString('latin1').match(/word\/media\/[^\s"<>]+?\.png/g) ?? [];
    expect(new Set(media).size).toBeGreaterThanOrEqual(4);
    const xlsx = await gumps.get('/api/v1/analysis/2026/export.xlsx?compare=2025');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Сводка',
      'По месяцам',
      'По прокуратурам',
      'По другой Стороне',
      'По формам',
      'По направлениям',
      'По результатам',
      'Отказы',
      'Матрица обмена',
      'Мероприятия',
    ]);
    const v = (await gumps.get('/api/v1/analysis?year=2026&compare=2025')).body;
    expect(wb.getWorksheet('Сводка')!.getRow(2).values).toEqual([undefined, 'Направлено всего', v.summary.sent, v.compareSummary.sent]);
  });
});
