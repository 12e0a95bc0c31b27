import { newWorkbook } from '../../lib/workbook.ts';
import type { z } from 'zod';
import { can, hasRole, type Actor } from '../../../domain/access.ts';
import { annualBlockDeadline } from '../../../domain/annual.ts';
import { AppError } from '../../../domain/errors.ts';
import type { OversightItemsQuery, OversightRow, OversightView } from '../../../domain/schemas/oversight.ts';
import { formatDateDots, localDate } from '../../../domain/time.ts';
import type { Deps } from '../../lib/deps.ts';
import { translate } from '../../lib/i18n.ts';
import { compliance } from '../contacts/index.ts';
import { eventOversightCounts } from '../events/index.ts';
import { listOversightItems, OVERSIGHT_ITEM_CELLS, oversightCounts, presentListRow } from '../items/index.ts';
import { allOffices, presentOfficeRef, type OfficeRow } from '../registry/index.ts';
import * as annualRepo from './annual.repository.ts';

/** O-4.1 / O-6: the coordinator controls; leadership reads. Each sees the offices of its own Party. */
function assertCanOversee(actor: Actor): void {
  if (!can(actor, 'oversight.read')) throw new AppError('FORBIDDEN', 'The oversight dashboard is the coordinator’s and leadership’s');
}

const reports = (o: OfficeRow) => o.authorized && !['coordinator', 'leadership'].includes(o.kind);
const CONTACT_PROBLEMS = new Set(['overdue', 'lapsed', 'missing']);

/** The year whose block is awaited: in January the one just ended, else the current one. */
export function blockYearFor(now: Date, timeZone: string): number {
  const [y, m] = localDate(now, timeZone).split('-').map(Number) as [number, number];
  return m === 1 ? y - 1 : y;
}

export async function dashboard(deps: Deps, actor: Actor, q: { year?: number | undefined }): Promise<OversightView> {
  assertCanOversee(actor);
  const now = deps.clock.now();
  const year = q.year ?? blockYearFor(now, actor.officeTimeZone);
  const offices = (await allOffices(deps.db)).filter((o) => o.party === actor.party && reports(o));
  const [itemCounts, eventCounts, blocks, contacts] = await Promise.all([
    oversightCounts(deps.db, now),
    eventOversightCounts(deps.db, now),
    annualRepo.blocksOfYear(
      deps.db,
      offices.map((o) => o.id),
      year,
    ),
    compliance(deps, actor, actor.party),
  ]);
  const eventsBy = new Map(eventCounts.map((e) => [e.officeId, e]));
  const blocksBy = new Map(blocks.map((b) => [b.officeId, b]));
  const contactsBy = new Map(contacts.items.map((c) => [c.office.id, c]));
  const zero = Object.fromEntries(OVERSIGHT_ITEM_CELLS.map((c) => [c, 0])) as OversightRow['items'];
  const rows: OversightRow[] = offices.map((o) => {
    const i = itemCounts.get(o.id) ?? zero;
    const e = eventsBy.get(o.id) ?? { awaitingDecision: 0, awaitingReport: 0, reportOverdue: 0 };
    const b = blocksBy.get(o.id);
    const due = annualBlockDeadline(year, o.timeZone);
    const status = b?.status ?? 'not_started';
    const block = {
      year,
      status,
      overdue: status !== 'submitted' && now.getTime() >= due.dueAt.getTime(),
      late: !!b?.submittedAt && b.submittedAt.getTime() >= due.dueAt.getTime(),
    };
    const c = contactsBy.get(o.id);
    return {
      office: presentOfficeRef(o),
      contacts: c ? { status: c.status, currentContacts: c.currentContacts } : null,
      items: { ...i },
      events: { awaitingDecision: e.awaitingDecision, awaitingReport: e.awaitingReport, reportOverdue: e.reportOverdue },
      block,
      problems: i.overdue_answers + i.overdue_confirmations + e.reportOverdue + (block.overdue ? 1 : 0) + (c && CONTACT_PROBLEMS.has(c.status) ? 1 : 0),
    };
  });
  rows.sort((a, b) => b.problems - a.problems || a.office.code.localeCompare(b.office.code));
  const totals = { ...zero };
  for (const r of rows) for (const k of OVERSIGHT_ITEM_CELLS) totals[k] += r.items[k];
  const eventTotals = { awaitingDecision: 0, awaitingReport: 0, reportOverdue: 0 };
  for (const r of rows) for (const k of Object.keys(eventTotals) as (keyof typeof eventTotals)[]) eventTotals[k] += r.events[k];
  return { asOf: now.toISOString(), year, items: rows, totals, eventTotals };
}

/** The items behind a cell of the dashboard. */
export async function cellItems(deps: Deps, actor: Actor, q: z.infer<typeof OversightItemsQuery>) {
  assertCanOversee(actor);
  const office = (await allOffices(deps.db)).find((o) => o.code === q.office && o.party === actor.party);
  if (!office) throw new AppError('NOT_FOUND', 'No such office');
  const now = deps.clock.now();
  const { rows, total } = await listOversightItems(
    deps.db,
    { userId: actor.userId, officeId: actor.officeId, isHead: false, isCoordinator: hasRole(actor, 'coordinator'), partyOfficeIds: [] },
    { officeId: office.id, cell: q.cell, now, limit: q.limit, offset: q.offset },
  );
  return { items: rows.map(presentListRow), total, totalCapped: false };
}

/** The dashboard as XLSX, one row per office, in the reader's language. */
export async function dashboardXlsx(
  deps: Deps,
  actor: Actor,
  q: { year?: number | undefined; lang: 'ru' | 'kk' | 'en' },
): Promise<{ data: Buffer; fileName: string }> {
  const view = await dashboard(deps, actor, q);
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(q.lang, `documents:oversight.${key}`, vars);
  const wb = await newWorkbook();
  wb.creator = 'Border Cooperation';
  wb.created = new Date(view.asOf);
  const ws = wb.addWorksheet(t('sheet'), { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
  const columns = [
    t('col.office'),
    t('col.contacts'),
    ...OVERSIGHT_ITEM_CELLS.map((c) => t(`cells.${c}`)),
    t('col.eventsAwaitingDecision'),
    t('col.eventsAwaitingReport'),
    t('col.eventReportsOverdue'),
    t('col.block', { year: view.year }),
    t('col.problems'),
  ];
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell('A1').value = t('heading', { date: formatDateDots(new Date(view.asOf), actor.officeTimeZone) });
  ws.getCell('A1').font = { bold: true, size: 12 };
  ws.getRow(2).values = columns;
  ws.getRow(2).font = { bold: true };
  ws.getRow(2).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  ws.columns = columns.map((_, i) => ({ width: i === 0 ? 48 : 16 }));
  for (const r of view.items) {
    const name = r.office.name[q.lang];
    const contacts = r.contacts ? translate(q.lang, `contacts:compliance.statuses.${r.contacts.status}`) : '—';
    const block = `${translate(q.lang, `documents:oversight.blockStatuses.${r.block.status}`)}${r.block.overdue ? ` (${t('overdue')})` : ''}`;
    ws.addRow([
      name,
      contacts,
      ...OVERSIGHT_ITEM_CELLS.map((c) => r.items[c]),
      r.events.awaitingDecision,
      r.events.awaitingReport,
      r.events.reportOverdue,
      block,
      r.problems,
    ]).alignment = { vertical: 'top', wrapText: true };
  }
  const total = ws.addRow([
    t('total'),
    '',
    ...OVERSIGHT_ITEM_CELLS.map((c) => view.totals[c]),
    view.eventTotals.awaitingDecision,
    view.eventTotals.awaitingReport,
    view.eventTotals.reportOverdue,
    '',
    '',
  ]);
  total.font = { bold: true };
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return { data: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `oversight-${localDate(new Date(view.asOf), actor.officeTimeZone)}.xlsx` };
}
