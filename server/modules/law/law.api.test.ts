import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LawRequirement, LawView } from '../../../domain/schemas/law.ts';
import { items, offices } from '../../db/schema.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { itemArb, itemValues } from '../../test/random-items.ts';
import { lawData } from './law.sources.ts';

/**
 * The law page's API: every requirement of the catalog with its rules, its tests and their result
 * in a CI report (joined by file and title), and the Party's figures, which are the analysis's own.
 */
describe(`law page API ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let gumps: Client;
  let auditor: Client;
  const { requirements, trace } = lawData();
  const passing = trace.tests['A-6.3']![0]!;
  const failing = trace.tests['A-7.1']![0]!;
  const skipped = trace.tests['O-3.2']![0]!;

  beforeAll(async () => {
    // A report as Vitest's JSON reporter writes it: absolute paths of CI's checkout; a server test once per driver.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-law-report-'));
    const report = path.join(dir, 'vitest.json');
    const result = (t: { file: string; name: string }, ...statuses: string[]) => ({
      name: `/ci/checkout/${t.file}`,
      assertionResults: statuses.map((status, i) => ({ title: t.name, fullName: `suite [run ${i}] ${t.name}`, ancestorTitles: ['suite'], status })),
    });
    fs.writeFileSync(
      report,
      JSON.stringify({
        numFailedTests: 1,
        startTime: Date.parse('2026-06-14T10:00:00Z'),
        testResults: [result(passing, 'passed', 'passed'), result(failing, 'passed', 'failed'), result(skipped, 'skipped')],
      }),
    );
    ctx = await createTestContext({ now: '2026-06-15T06:00:00Z', env: { TEST_REPORT_FILE: report } });
    [officer, gumps, auditor] = await Promise.all([ctx.as('oreOfficer'), ctx.as('gumps'), ctx.as('auditor')]);
  });
  afterAll(async () => ctx?.close());

  const byId = (view: LawView) => new Map(view.requirements.map((r) => [r.id, r]));

  it('every catalog requirement is listed for any signed-in user, with its text, rules and the tests that name it', async () => {
    for (const client of [officer, auditor]) {
      const res = await client.get('/api/v1/law');
      expect(res.status).toBe(200);
      const view = res.body as LawView;
      expect(view.requirements.map((r) => r.id).sort()).toEqual(requirements.map((r) => r.id).sort());
      for (const r of view.requirements) {
        expect(r.text.ru.length, r.id).toBeGreaterThan(0);
        expect(
          r.tests.map((t) => `${t.file} ${t.name}`),
          r.id,
        ).toEqual((trace.tests[r.id] ?? []).map((t) => `${t.file} ${t.name}`));
      }
      expect(byId(view).get('A-6.3')!.rules).toContainEqual({ file: 'domain/items.ts', name: 'missingMandatoryFields' });
    }
    expect((await ctx.anonymous.get('/api/v1/law')).status).toBe(401);
  });

  it('test results are joined from the CI report by file and title: a failure on one driver fails the test; a requirement without a passing test is not confirmed', async () => {
    const view = (await officer.get('/api/v1/law')).body as LawView;
    expect(view.report).toEqual({ startedAt: '2026-06-14T10:00:00.000Z' });
    const m = byId(view);
    const resultOf = (r: LawRequirement, t: { file: string; name: string }) => r.tests.find((x) => x.file === t.file && x.name === t.name)?.result;
    expect(resultOf(m.get('A-6.3')!, passing)).toBe('passed');
    expect(m.get('A-6.3')!.confirmed).toBe(true);
    expect(resultOf(m.get('A-7.1')!, failing)).toBe('failed');
    expect(m.get('A-7.1')!.confirmed).toBe(false);
    expect(resultOf(m.get('O-3.2')!, skipped)).toBe('skipped');
    expect(m.get('O-3.2')!.confirmed).toBe(false);
    // Tests the report does not have show no result.
    const other = m.get('O-3.5')!;
    expect(other.tests.length).toBeGreaterThan(0);
    expect(new Set(other.tests.map((t) => t.result))).toEqual(new Set(['none']));
    expect(other.confirmed).toBe(false);
  });

  it('without a report every test shows no result and nothing is confirmed', async () => {
    const bare = await createTestContext({ now: '2026-06-15T06:00:00Z' });
    try {
      const view = (await (await bare.as('oreOfficer')).get('/api/v1/law')).body as LawView;
      expect(view.report).toBeNull();
      expect(view.requirements.every((r) => !r.confirmed && r.tests.every((t) => t.result === 'none'))).toBe(true);
    } finally {
      await bare.close();
    }
  });

  it('the figures of the user’s Party are the analysis’s own for the year: refusals by ground, oral confirmations, answers', async () => {
    const db = ctx.database.db;
    const officeIds = new Map<string, string>();
    const zones = new Map<string, string>();
    for (const o of await db.select().from(offices)) {
      officeIds.set(o.code, o.id);
      zones.set(o.id, o.timeZone);
    }
    const gen = fc.sample(itemArb, { numRuns: 60, seed: 11 });
    await db.insert(items).values(gen.map((g) => ({ id: uuidv7(), ...itemValues(g, officeIds, zones) })));
    const analysis = (await gumps.get('/api/v1/analysis?year=2026')).body as {
      summary: Record<string, number>;
      refusals: { ground: string; byUs: number }[];
    };
    const law = (await officer.get('/api/v1/law')).body as LawView;
    expect(law.year).toBe(2026);
    expect(law.party).toBe('RU');
    const fig = (id: string, key: string) =>
      byId(law)
        .get(id)!
        .figures.find((f) => f.key === key && !f.ground)?.value;
    expect(fig('A-7.1', 'refusedByUs')).toBe(analysis.summary.refusedByUs);
    expect(fig('A-6.2a', 'oralSent')).toBe(analysis.summary.oralSent);
    expect(fig('A-6.2a', 'oralUnconfirmed')).toBe(analysis.summary.oralUnconfirmed);
    expect(fig('A-8.2', 'answeredByUs')).toBe(analysis.summary.answeredByUs);
    expect(fig('A-8.2', 'answeredLateByUs')).toBe(analysis.summary.lateByUs);
    expect(fig('A-6.1', 'requestsSent')).toBe(analysis.summary.requestsSent);
    expect(fig('A-7.2', 'conditionsProposed')).toBe(analysis.summary.conditionsProposed);
    const grounds = byId(law)
      .get('A-7.1')!
      .figures.filter((f) => f.ground)
      .map((f) => [f.ground, f.value] as const);
    const expected = analysis.refusals.filter((r) => r.byUs > 0).map((r) => [r.ground, r.byUs] as const);
    expect(new Map(grounds)).toEqual(new Map(expected));
    expect(analysis.summary.sent).toBeGreaterThan(0);
    // O-3.1: every reporting office of the Party is counted once, whatever its standing.
    const o31 = byId(law).get('O-3.1')!.figures;
    expect(o31.map((f) => f.key)).toEqual(['contactsInTime', 'contactsLate', 'contactsMissing']);
  });
});
