import { ImageRun, Paragraph } from 'docx';
import { newWorkbook } from '../../lib/workbook.ts';
import { can, hasRole, type Actor } from '../../../domain/access.ts';
import { breakdown, byMonth, change, MONTHS, summarize, type PartyStatsRow, type Summary, type YearInput } from '../../../domain/analysis.ts';
import { blockLateness, yearBounds } from '../../../domain/annual.ts';
import { barsChart, matrixChart, monthsChart } from '../../../domain/charts.ts';
import { AppError } from '../../../domain/errors.ts';
import { REFUSAL_GROUNDS, type RefusalGround } from '../../../domain/items.ts';
import type { LawFigure } from '../../../domain/schemas/law.ts';
import { otherParty } from '../../../domain/registry.ts';
import type { AnalysisView } from '../../../domain/schemas/analysis.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { localDate } from '../../../domain/time.ts';
import type { Db } from '../../db/client.ts';
import { renderChartPng } from '../../lib/charts.ts';
import type { Deps } from '../../lib/deps.ts';
import { heading, officialDocx, para } from '../../lib/docx.ts';
import { dateLine, decimal, figuresTable, officeBlank, signerName, textParagraphs } from '../../lib/docx-parts.ts';
import { translate } from '../../lib/i18n.ts';
import { recordAudit } from '../audit/index.ts';
import { eventOversightCounts } from '../events/index.ts';
import { allOffices, presentOfficeRef, type OfficeRow } from '../registry/index.ts';
import * as repo from './analysis.repository.ts';
import * as annualRepo from './annual.repository.ts';

function assertCanRead(actor: Actor): void {
  if (!can(actor, 'oversight.read')) throw new AppError('FORBIDDEN', 'The analysis is the coordinator’s and leadership’s');
}

const reports = (o: OfficeRow) => o.authorized && !['coordinator', 'leadership'].includes(o.kind);

/** The Party's offices share a year of their own zones; what has no office zone of its own is bounded by the widest span. */
function partyYearSpan(ours: OfficeRow[], year: number): [Date, Date] {
  const bounds = ours.reduce(
    (b, o) => {
      const y = yearBounds(year, o.timeZone);
      return { from: y.from < b.from ? y.from : b.from, to: y.to > b.to ? y.to : b.to };
    },
    yearBounds(year, ours[0]?.timeZone ?? 'UTC'),
  );
  return [bounds.from, bounds.to];
}

async function yearInput(db: Db, ours: OfficeRow[], theirs: OfficeRow[], year: number, now: Date): Promise<YearInput> {
  const [from, to] = partyYearSpan(ours, year);
  const [s, events] = await Promise.all([
    repo.partyStats(
      db,
      ours.map((o) => o.id),
      theirs.map((o) => o.id),
      year,
    ),
    repo.partyEvents(
      db,
      ours.map((o) => o.id),
      from,
      to,
      now,
    ),
  ]);
  return { stats: s.stats, areas: s.areas, grounds: s.grounds, days: s.days, events };
}

function compared<T extends { key: string; sent: number; received: number }>(now: T[], before: T[] | null) {
  const prev = new Map((before ?? []).map((b) => [b.key, b]));
  return now.map((n) => ({
    ...n,
    compareSent: before ? (prev.get(n.key)?.sent ?? 0) : null,
    compareReceived: before ? (prev.get(n.key)?.received ?? 0) : null,
  }));
}

/** O-4.3: the analysis of a year across the Party's offices, with a comparison year. */
export async function analysis(deps: Deps, actor: Actor, q: { year: number; compare?: number | undefined }): Promise<AnalysisView> {
  assertCanRead(actor);
  const now = deps.clock.now();
  const all = await allOffices(deps.db);
  const ours = all.filter((o) => o.party === actor.party && reports(o));
  const theirs = all.filter((o) => o.party === otherParty(actor.party));
  const byId = new Map(all.map((o) => [o.id, o]));
  const [cur, prev, proposals, report] = await Promise.all([
    yearInput(deps.db, ours, theirs, q.year, now),
    q.compare ? yearInput(deps.db, ours, theirs, q.compare, now) : Promise.resolve(null),
    repo.submittedProposals(
      deps.db,
      ours.map((o) => o.id),
      q.year,
    ),
    repo.findReport(deps.db, actor.party, q.year),
  ]);
  const ref = (id: string) => presentOfficeRef(byId.get(id)!);
  const key =
    <K extends keyof PartyStatsRow>(k: K) =>
    (r: PartyStatsRow) =>
      String(r[k]);
  const months = byMonth(cur.stats);
  const prevMonths = prev ? byMonth(prev.stats) : null;
  const officeRows = compared(breakdown(cur.stats, key('officeId')), prev ? breakdown(prev.stats, key('officeId')) : null);
  const counterpartRows = compared(breakdown(cur.stats, key('counterpartId')), prev ? breakdown(prev.stats, key('counterpartId')) : null);
  const inStats = cur.stats.filter((r) => r.direction === 'in');
  const grounds = new Map<string, { ground: string; byUs: number; toUs: number }>();
  for (const g of cur.grounds) {
    const e = grounds.get(g.ground) ?? { ground: g.ground, byUs: 0, toUs: 0 };
    if (g.direction === 'in') e.byUs += g.n;
    else e.toUs += g.n;
    grounds.set(g.ground, e);
  }
  // The matrix: every office of the Party that exchanged anything, against every counterpart.
  const rowIds = [...new Set(cur.stats.map((r) => r.officeId))].sort((a, b) => byId.get(a)!.code.localeCompare(byId.get(b)!.code));
  const colIds = [...new Set(cur.stats.map((r) => r.counterpartId))].sort((a, b) => byId.get(a)!.code.localeCompare(byId.get(b)!.code));
  const cells = new Map<string, { row: number; column: number; sent: number; received: number }>();
  for (const r of cur.stats) {
    const k = `${r.officeId}|${r.counterpartId}`;
    const c = cells.get(k) ?? { row: rowIds.indexOf(r.officeId), column: colIds.indexOf(r.counterpartId), sent: 0, received: 0 };
    if (r.direction === 'out') c.sent += r.n;
    else c.received += r.n;
    cells.set(k, c);
  }
  const eventsByType = new Map<string, { type: string; proposed: number; held: number; reported: number }>();
  const eventsByOffice = new Map<string, { officeId: string; proposed: number; held: number; reported: number }>();
  for (const e of cur.events) {
    const t = eventsByType.get(e.type ?? 'other') ?? { type: e.type ?? 'other', proposed: 0, held: 0, reported: 0 };
    const o = eventsByOffice.get(e.officeId) ?? { officeId: e.officeId, proposed: 0, held: 0, reported: 0 };
    for (const x of [t, o]) {
      x.proposed += e.proposed;
      x.held += e.held;
      x.reported += e.reported;
    }
    eventsByType.set(t.type, t);
    eventsByOffice.set(e.officeId, o);
  }
  return {
    party: actor.party,
    year: q.year,
    compareYear: q.compare ?? null,
    asOf: now.toISOString(),
    summary: summarize(cur),
    compareSummary: prev ? summarize(prev) : null,
    byMonth: months.map((m, i) => ({
      ...m,
      compareSent: prevMonths ? prevMonths[i]!.sent : null,
      compareReceived: prevMonths ? prevMonths[i]!.received : null,
    })),
    byOffice: officeRows.map((r) => {
      const own = inStats.filter((s) => s.officeId === r.key);
      const answered = own.reduce((a, s) => a + s.answered, 0);
      const inTime = own.reduce((a, s) => a + s.answeredInTime, 0);
      return {
        office: ref(r.key),
        sent: r.sent,
        received: r.received,
        compareSent: r.compareSent,
        compareReceived: r.compareReceived,
        answered,
        inTime,
        late: answered - inTime,
        refusedByUs: own.filter((s) => s.status === 'refused' || s.status === 'partially_executed').reduce((a, s) => a + s.n, 0),
      };
    }),
    byCounterpart: counterpartRows.map((r) => ({
      office: ref(r.key),
      sent: r.sent,
      received: r.received,
      compareSent: r.compareSent,
      compareReceived: r.compareReceived,
    })),
    byForm: compared(breakdown(cur.stats, key('form')), prev ? breakdown(prev.stats, key('form')) : null).map(({ key: form, ...r }) => ({ form, ...r })),
    byArea: compared(
      breakdown(cur.areas, (r) => r.area),
      prev ? breakdown(prev.areas, (r) => r.area) : null,
    ).map(({ key: area, ...r }) => ({ area, ...r })),
    byOutcome: compared(breakdown(cur.stats, key('status')), prev ? breakdown(prev.stats, key('status')) : null).map(({ key: status, ...r }) => ({
      status,
      ...r,
    })),
    refusals: [...grounds.values()].sort((a, b) => b.byUs + b.toUs - (a.byUs + a.toUs)),
    matrix: { rows: rowIds.map(ref), columns: colIds.map(ref), cells: [...cells.values()] },
    events: {
      byType: [...eventsByType.values()].sort((a, b) => b.proposed - a.proposed),
      byOffice: [...eventsByOffice.values()].map(({ officeId, ...e }) => ({ office: ref(officeId), ...e })).sort((a, b) => b.proposed - a.proposed),
    },
    officeProposals: proposals.filter((p) => p.proposals.trim()).map((p) => ({ office: ref(p.officeId), text: p.proposals })),
    report: report
      ? {
          conclusions: report.conclusions,
          proposals: report.proposals,
          updatedAt: report.updatedAt.toISOString(),
          updatedBy: report.updatedByName,
          version: report.version,
        }
      : null,
    mayEdit: hasRole(actor, 'coordinator'),
  };
}

/** The coordinator writes the conclusions and proposals (O-4.3); leadership reads them (O-6). */
export async function saveReport(
  deps: Deps,
  actor: Actor,
  year: number,
  body: { conclusions: string; proposals: string; version: number | null },
  compare?: number,
) {
  if (!hasRole(actor, 'coordinator')) throw new AppError('FORBIDDEN', 'The conclusions are the coordinator’s');
  await deps.db.transaction(async (tx) => {
    const existing = await repo.findReport(tx, actor.party, year, true);
    if (existing && body.version !== existing.version)
      throw new AppError('VERSION_CONFLICT', 'The conclusions have changed since you opened them; reload and try again', { version: existing.version });
    await repo.upsertReport(tx, {
      party: actor.party,
      year,
      conclusions: body.conclusions,
      proposals: body.proposals,
      updatedBy: actor.userId,
      now: deps.clock.now(),
    });
    await recordAudit(tx, deps, actor, {
      action: 'analysis.report',
      objectType: 'analysis_report',
      objectId: `${actor.party}-${year}`,
      after: { year, length: body.conclusions.length + body.proposals.length },
    });
  });
  return analysis(deps, actor, { year, compare });
}

// ─── documents ───────────────────────────────────────────────────────────────

function labels(lang: Locale) {
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, `documents:analysis.${key}`, vars);
  const area = (a: string) => translate(lang, `items:areas.${a}`);
  const form = (f: string) => (f ? translate(lang, `items:forms.${f}`) : t('noForm'));
  const status = (s: string) => translate(lang, `items:statuses.${s}`);
  const ground = (g: string) => translate(lang, `items:refusalGrounds.${g}`);
  const type = (ty: string) => translate(lang, `documents:events.types.${ty}`);
  return { t, area, form, status, ground, type };
}

/** The charts of the analysis, the same options the web draws. */
export function analysisCharts(v: AnalysisView, lang: Locale) {
  const { t, area } = labels(lang);
  // Charts have little room: «Прокуратура Оренбургской области» is shown as «Оренбургской области».
  const name = (o: { name: Record<Locale, string> }) => o.name[lang].replace(/^Прокуратура\s+/, '').replace(/\s+прокуратурасы$/, '');
  return {
    months: monthsChart({
      title: t('charts.byMonth', { year: v.year }),
      months: MONTHS.map((m) => translate(lang, `documents:analysis.months.${m}`)),
      series: [
        { name: t('sent'), values: v.byMonth.map((m) => m.sent) },
        { name: t('received'), values: v.byMonth.map((m) => m.received) },
        ...(v.compareYear ? [{ name: t('sentIn', { year: v.compareYear }), values: v.byMonth.map((m) => m.compareSent ?? 0), compare: true }] : []),
      ],
    }),
    areas: barsChart({
      title: t('charts.byArea'),
      categories: v.byArea.map((a) => area(a.area)),
      series: [
        { name: t('sent'), values: v.byArea.map((a) => a.sent) },
        { name: t('received'), values: v.byArea.map((a) => a.received) },
      ],
    }),
    offices: barsChart({
      title: t('charts.byOffice'),
      categories: v.byOffice.map((o) => name(o.office)),
      series: [
        { name: t('sent'), values: v.byOffice.map((o) => o.sent) },
        { name: t('received'), values: v.byOffice.map((o) => o.received) },
      ],
    }),
    matrix: matrixChart({
      title: t('charts.matrix'),
      rows: v.matrix.rows.map(name),
      columns: v.matrix.columns.map(name),
      cells: v.matrix.cells.map((c) => ({ row: c.row, column: c.column, value: c.sent + c.received })),
    }),
  };
}

/** «+66,7 %»: the decimal comma of Russian and Kazakh. */
const pct = (n: number, lang: Locale) => `${n > 0 ? '+' : ''}${decimal(n, lang)} %`;

/** The report to the supervising Deputy Prosecutor General: text, tables and charts (O-4.3). */
export async function analysisDocx(deps: Deps, actor: Actor, year: number, q: { compare?: number | undefined; lang: Locale }) {
  const v = await analysis(deps, actor, { year, compare: q.compare });
  const lang = q.lang;
  const { t, area, form, status, ground, type } = labels(lang);
  const s = v.summary;
  const c = v.compareSummary;
  const name = (o: { name: Record<Locale, string> }) => o.name[lang];
  const image = (png: Buffer, h = 315) =>
    new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 600, height: h } })], spacing: { after: 160 } });
  const charts = analysisCharts(v, lang);
  const cmp = (now: number, before: number | undefined) => {
    if (!c || before === undefined) return '';
    const delta = change(now, before);
    return ` (${t('comparedTo', { year: v.compareYear, before, change: delta === null ? '' : `, ${pct(delta, lang)}` })})`;
  };
  const section = (title: string, header: string[], rows: string[][], widths: number[]) => figuresTable(title, header, rows, widths, t('noRows'));
  // Counts are said with agreeing nouns («1 документ», «5 документов»): i18next plurals by `count`.
  const summary = (key: string, count: number, vars: Record<string, unknown>, before?: number) =>
    para(`${t(key, { count, ...vars })}${cmp(count, before)}.`, { indent: true, after: 60 });
  const days = s.medianDaysByUs;
  const median = days === null ? t('medianNone') : t('median', { count: days, days: decimal(days, lang) });
  const body = [
    para(t('intro', { year, party: translate(lang, `common:parties.${otherParty(v.party)}`) }), { indent: true, after: 120 }),
    summary('summarySent', s.sent, { requests: s.requestsSent, proposals: s.proposalsSent }, c?.sent),
    summary('summaryReceived', s.received, { requests: s.requestsReceived, proposals: s.proposalsReceived }, c?.received),
    para(t('summaryTimeliness', { count: s.answeredByUs, inTime: s.inTimeByUs, late: s.lateByUs, median }), { indent: true, after: 60 }),
    para(t('summaryRefusals', { byUs: s.refusedByUs, toUs: s.refusedToUs }), { indent: true, after: 60 }),
    para(t('summaryOral', { oral: s.oralSent, unconfirmed: s.oralUnconfirmed }), { indent: true, after: 60 }),
    para(t('summaryEvents', { proposed: s.eventsProposed, held: s.eventsHeld, reported: s.eventsReported }), { indent: true, after: 160 }),
    image(renderChartPng(charts.months)),
    ...section(
      t('tables.byOffice'),
      [t('col.office'), t('col.sent'), t('col.received'), t('col.inTime'), t('col.late'), t('col.refused')],
      v.byOffice.map((o) => [name(o.office), String(o.sent), String(o.received), String(o.inTime), String(o.late), String(o.refusedByUs)]),
      [30, 14, 14, 14, 14, 14],
    ),
    image(renderChartPng(charts.offices, 800, Math.max(300, 40 + v.byOffice.length * 26)), Math.max(236, Math.round((40 + v.byOffice.length * 26) * 0.75))),
    ...section(
      t('tables.byCounterpart'),
      [t('col.counterpart'), t('col.sent'), t('col.received')],
      v.byCounterpart.map((o) => [name(o.office), String(o.sent), String(o.received)]),
      [60, 20, 20],
    ),
    image(renderChartPng(charts.matrix, 900, 520), 350),
    ...section(
      t('tables.byForm'),
      [t('col.form'), t('col.sent'), t('col.received')],
      v.byForm.map((r) => [form(r.form), String(r.sent), String(r.received)]),
      [60, 20, 20],
    ),
    ...section(
      t('tables.byArea'),
      [t('col.area'), t('col.sent'), t('col.received')],
      v.byArea.map((r) => [area(r.area), String(r.sent), String(r.received)]),
      [60, 20, 20],
    ),
    image(renderChartPng(charts.areas, 800, Math.max(300, 40 + v.byArea.length * 26)), Math.max(236, Math.round((40 + v.byArea.length * 26) * 0.75))),
    ...section(
      t('tables.byOutcome'),
      [t('col.outcome'), t('col.sent'), t('col.received')],
      v.byOutcome.map((r) => [status(r.status), String(r.sent), String(r.received)]),
      [60, 20, 20],
    ),
    ...section(
      t('tables.refusals'),
      [t('col.ground'), t('col.byUs'), t('col.toUs')],
      v.refusals.map((r) => [ground(r.ground), String(r.byUs), String(r.toUs)]),
      [60, 20, 20],
    ),
    ...section(
      t('tables.events'),
      [t('col.type'), t('col.proposed'), t('col.held'), t('col.reported')],
      v.events.byType.map((e) => [type(e.type), String(e.proposed), String(e.held), String(e.reported)]),
      [49, 17, 17, 17],
    ),
    heading(t('officeProposals')),
    ...(v.officeProposals.length
      ? v.officeProposals.map((p) => para(`${name(p.office)}: ${p.text}`, { indent: true, after: 60 }))
      : textParagraphs(null, t('noOfficeProposals'))),
    heading(t('conclusions')),
    ...textParagraphs(v.report?.conclusions, t('notWritten')),
    heading(t('proposals')),
    ...textParagraphs(v.report?.proposals, t('notWritten'), true),
  ];
  const all = await allOffices(deps.db);
  const coordinator = all.find((o) => o.party === v.party && o.kind === 'coordinator');
  const now = deps.clock.now();
  // The executor is who wrote the conclusions (else who prints it); the coordinating unit's head signs,
  // and without a head on the system the executor signs with the position their roles give, as letters do.
  const report = await repo.findReport(deps.db, v.party, year);
  const [head, executor] = await Promise.all([
    coordinator ? repo.officeHead(deps.db, coordinator.id) : Promise.resolve(undefined),
    repo.executorOf(deps.db, report?.updatedBy ?? actor.userId, localDate(now, actor.officeTimeZone)),
  ]);
  const signer = head ?? executor;
  const title = t('heading', { year });
  const data = await officialDocx({
    title,
    ...(coordinator
      ? officeBlank(coordinator, lang, now)
      : { blank: [translate(lang, `documents:blank.superior.${v.party}`)], dateLine: dateLine(now, actor.officeTimeZone, lang) }),
    addressee: [t(`addressee.${v.party}`)],
    heading: title,
    body,
    signature: signer
      ? {
          position: t(`signature.${v.party}.${signer.roles.includes('head') ? 'head' : 'deputy'}`),
          name: signerName(signer.fullName),
        }
      : undefined,
    executor: executor
      ? executor.phone
        ? t('executorPhone', { name: executor.fullName, phone: executor.phone })
        : t('executor', { name: executor.fullName })
      : undefined,
  });
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, {
      action: 'analysis.document',
      objectType: 'analysis_report',
      objectId: `${v.party}-${year}`,
      after: { year, compare: q.compare ?? null },
    }),
  );
  return { data, fileName: `analysis-${v.party}-${year}.docx` };
}

/** Every table of the analysis as a sheet of one workbook. */
export async function analysisXlsx(deps: Deps, actor: Actor, year: number, q: { compare?: number | undefined; lang: Locale }) {
  const v = await analysis(deps, actor, { year, compare: q.compare });
  const { t, area, form, status, ground, type } = labels(q.lang);
  const name = (o: { name: Record<Locale, string> }) => o.name[q.lang];
  const wb = await newWorkbook();
  wb.creator = 'Border Cooperation';
  const cy = v.compareYear;
  const sheet = (title: string, header: string[], rows: (string | number | null)[][]) => {
    const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    const head = ws.addRow(header);
    head.font = { bold: true };
    // «2025 жылы жіберілді» is wider than a figure's column: headers wrap at spaces instead of being cut.
    head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const r of rows) ws.addRow(r);
    ws.columns = header.map((_, i) => ({ width: i === 0 ? 48 : 16 }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  };
  const withCompare = (h: string[]) => (cy ? [...h, t('sentIn', { year: cy }), t('receivedIn', { year: cy })] : h);
  const sum = (s: Summary) => Object.entries(s);
  sheet(
    t('sheets.summary'),
    [t('col.figure'), String(v.year), ...(cy ? [String(cy)] : [])],
    sum(v.summary).map(([k, val]) => [t(`figures.${k}`), val, ...(v.compareSummary ? [v.compareSummary[k as keyof Summary]] : [])]),
  );
  sheet(
    t('sheets.byMonth'),
    withCompare([t('col.month'), t('col.sent'), t('col.received')]),
    v.byMonth.map((m) => [translate(q.lang, `documents:analysis.months.${m.month}`), m.sent, m.received, ...(cy ? [m.compareSent, m.compareReceived] : [])]),
  );
  sheet(
    t('sheets.byOffice'),
    [
      t('col.office'),
      t('col.sent'),
      t('col.received'),
      t('col.inTime'),
      t('col.late'),
      t('col.refused'),
      ...(cy ? [t('sentIn', { year: cy }), t('receivedIn', { year: cy })] : []),
    ],
    v.byOffice.map((o) => [name(o.office), o.sent, o.received, o.inTime, o.late, o.refusedByUs, ...(cy ? [o.compareSent, o.compareReceived] : [])]),
  );
  sheet(
    t('sheets.byCounterpart'),
    withCompare([t('col.counterpart'), t('col.sent'), t('col.received')]),
    v.byCounterpart.map((o) => [name(o.office), o.sent, o.received, ...(cy ? [o.compareSent, o.compareReceived] : [])]),
  );
  sheet(
    t('sheets.byForm'),
    withCompare([t('col.form'), t('col.sent'), t('col.received')]),
    v.byForm.map((r) => [form(r.form), r.sent, r.received, ...(cy ? [r.compareSent, r.compareReceived] : [])]),
  );
  sheet(
    t('sheets.byArea'),
    withCompare([t('col.area'), t('col.sent'), t('col.received')]),
    v.byArea.map((r) => [area(r.area), r.sent, r.received, ...(cy ? [r.compareSent, r.compareReceived] : [])]),
  );
  sheet(
    t('sheets.byOutcome'),
    withCompare([t('col.outcome'), t('col.sent'), t('col.received')]),
    v.byOutcome.map((r) => [status(r.status), r.sent, r.received, ...(cy ? [r.compareSent, r.compareReceived] : [])]),
  );
  sheet(
    t('sheets.refusals'),
    [t('col.ground'), t('col.byUs'), t('col.toUs')],
    v.refusals.map((r) => [ground(r.ground), r.byUs, r.toUs]),
  );
  sheet(
    t('sheets.matrix'),
    [t('col.office'), ...v.matrix.columns.map(name)],
    v.matrix.rows.map((r, i) => [
      name(r),
      ...v.matrix.columns.map((_, j) => {
        const c = v.matrix.cells.find((x) => x.row === i && x.column === j);
        return c ? c.sent + c.received : 0;
      }),
    ]),
  );
  sheet(
    t('sheets.events'),
    [t('col.type'), t('col.proposed'), t('col.held'), t('col.reported')],
    v.events.byType.map((e) => [type(e.type), e.proposed, e.held, e.reported]),
  );
  return { data: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `analysis-${v.party}-${year}.xlsx` };
}

/**
 * The law page's figures of the actor's Party for a year (every signed-in user, law.read): how often
 * the rules applied, as counts only — no office, item or person is named. Composed from the
 * analysis's own queries (traffic, refusals by ground), the annual blocks' (consents, blocks) and
 * the oversight's event counts, so each number means what it means on those pages.
 */
export async function lawFigures(deps: Deps, actor: Actor, year: number): Promise<Record<string, LawFigure[]>> {
  if (!can(actor, 'law.read')) throw new AppError('FORBIDDEN', 'The law page is for signed-in users');
  const now = deps.clock.now();
  const all = await allOffices(deps.db);
  const ours = all.filter((o) => o.party === actor.party && reports(o));
  const theirs = all.filter((o) => o.party === otherParty(actor.party));
  const ourIds = new Set(ours.map((o) => o.id));
  const [input, consents, blocks, events] = await Promise.all([
    yearInput(deps.db, ours, theirs, year, now),
    // One query over the Party's offices, bounded by the widest span of their years (as the events are).
    annualRepo.consentsOf(deps.db, [...ourIds], ...partyYearSpan(ours, year)),
    // The block due by 30 January of this year is the previous year's (O-3.6).
    annualRepo.blocksOfYear(deps.db, [...ourIds], year - 1),
    eventOversightCounts(deps.db, now),
  ]);
  const s = summarize(input);
  const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);
  const out = input.stats.filter((r) => r.direction === 'out' && r.mode === 'oral');
  const zones = new Map(ours.map((o) => [o.id, o.timeZone]));
  const submitted = blocks.filter((b) => b.status === 'submitted');
  const figure = (key: LawFigure['key'], value: number): LawFigure => ({ key, value });
  return {
    'A-6.1': [
      figure('requestsSent', s.requestsSent),
      figure('proposalsSent', s.proposalsSent),
      figure('requestsReceived', s.requestsReceived),
      figure('proposalsReceived', s.proposalsReceived),
    ],
    'A-6.2a': [
      figure('oralSent', s.oralSent),
      figure(
        'oralConfirmedLate',
        sum(out, (r) => r.oralConfirmedLate),
      ),
      figure('oralUnconfirmed', s.oralUnconfirmed),
    ],
    'A-7.1': [
      figure('refusedByUs', s.refusedByUs),
      ...input.grounds
        .filter((g): g is typeof g & { ground: RefusalGround } => g.direction === 'in' && (REFUSAL_GROUNDS as readonly string[]).includes(g.ground))
        .sort((a, b) => b.n - a.n || a.ground.localeCompare(b.ground))
        .map((g) => ({ key: 'refusedByGround' as const, value: g.n, ground: g.ground })),
    ],
    'A-7.2': [figure('conditionsProposed', s.conditionsProposed), figure('conditionsAccepted', s.conditionsAccepted)],
    'A-8.2': [figure('answeredByUs', s.answeredByUs), figure('answeredLateByUs', s.lateByUs), figure('answeredToUs', s.answeredToUs)],
    'A-9.3': [
      figure('consentsAsked', consents.requested),
      figure('consentsReceived', consents.received),
      figure('consentsGranted', consents.granted),
      figure('consentsRefused', consents.refused),
    ],
    'O-3.5': [
      figure('eventsProposed', s.eventsProposed),
      figure('eventsHeld', s.eventsHeld),
      figure('eventsReported', s.eventsReported),
      figure(
        'eventReportsOverdue',
        sum(
          events.filter((e) => ourIds.has(e.officeId)),
          (e) => e.reportOverdue,
        ),
      ),
    ],
    'O-3.6': [
      figure('blocksSubmitted', submitted.length),
      figure('blocksLate', submitted.filter((b) => blockLateness(b.submittedAt, b.year, zones.get(b.officeId) ?? 'UTC').late).length),
    ],
  };
}
