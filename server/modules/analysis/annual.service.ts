import type { z } from 'zod';
import { hasRole, isOfficeStaff, type Actor } from '../../../domain/access.ts';
import {
  annualBlockDeadline,
  availableBlockActions,
  BLOCK_MACHINE,
  blockLateness,
  blockRefusalOf,
  composeFigures,
  dueBlockReminder,
  yearBounds,
  type AnnualFigures,
  type BlockAction,
  type BlockStatus,
  type FigureFilter,
} from '../../../domain/annual.ts';
import { AppError } from '../../../domain/errors.ts';
import { applyAction, grantingRoles, refusalOf } from '../../../domain/machine.ts';
import type { AnnualFiguresView, BlockView, FigureQuery } from '../../../domain/schemas/annual.ts';
import { readAll, type Db } from '../../db/client.ts';
import { annualBlocks } from '../../db/schema.ts';
import { perform as kernel, listActions, type ActionContext, type Kind } from '../../kernel/index.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { listFigureItems, presentListRow, tryJobLock } from '../items/index.ts';
import { notify } from '../notifications/index.ts';
import { allOffices, presentOfficeRef, type OfficeRow } from '../registry/index.ts';
import { blockDocx } from './annual.documents.ts';
import * as repo from './annual.repository.ts';

// ─── who sees and does what ──────────────────────────────────────────────────

type Side = 'office' | 'coordinator' | null;

function sideOf(actor: Actor, office: OfficeRow): Side {
  if (actor.officeId === office.id && isOfficeStaff(actor)) return 'office';
  if (hasRole(actor, 'coordinator') && actor.party === office.party) return 'coordinator';
  return null;
}

/** The office's staff, the coordinator of its Party and leadership (read-only, O-6) see a block. */
function assertCanSee(actor: Actor, office: OfficeRow): void {
  if (sideOf(actor, office) || (hasRole(actor, 'leadership') && actor.party === office.party)) return;
  throw new AppError('NOT_FOUND', 'No such block');
}

/** Offices that keep an annual block: the authorized offices (not the coordinating units). */
const reports = (o: OfficeRow) => o.authorized && !['coordinator', 'leadership'].includes(o.kind);

async function officeByCode(db: Db, code: string): Promise<{ office: OfficeRow; offices: Map<string, OfficeRow> }> {
  const all = await allOffices(db);
  const office = all.find((o) => o.code === code);
  if (!office || !reports(office)) throw new AppError('NOT_FOUND', 'No such block');
  return { office, offices: new Map(all.map((o) => [o.id, o])) };
}

// ─── figures ─────────────────────────────────────────────────────────────────

export async function computeFigures(db: Db, office: OfficeRow, year: number, now: Date): Promise<AnnualFigures> {
  const { from, to } = yearBounds(year, office.timeZone);
  const [s, consents, events] = await readAll(db, [
    () => repo.officeStats(db, office.id, year),
    () => repo.officeConsents(db, office.id, from, to),
    () => repo.officeEvents(db, office.id, from, to, now),
  ]);
  return composeFigures({ ...s, consents, events });
}

function presentFigures(f: AnnualFigures, offices: Map<string, OfficeRow>): AnnualFiguresView {
  const { byCounterpart, ...rest } = f;
  return {
    ...rest,
    byCounterpart: byCounterpart.flatMap((c) => {
      const o = offices.get(c.counterpartId);
      return o ? [{ counterpart: presentOfficeRef(o), out: c.out, in: c.in }] : [];
    }),
  };
}

const statusOf = (b: repo.BlockRow | undefined): BlockStatus => b?.status ?? 'not_started';

// ─── reading ─────────────────────────────────────────────────────────────────

export async function getBlock(deps: Deps, actor: Actor, code: string, year: number, db: Db = deps.db): Promise<BlockView> {
  const { office, offices } = await officeByCode(db, code);
  assertCanSee(actor, office);
  const now = deps.clock.now();
  const block = await repo.findBlock(db, office.id, year);
  const status = statusOf(block);
  const due = annualBlockDeadline(year, office.timeZone);
  const submitted = status === 'submitted' && block?.figures;
  const figures = submitted ? block.figures! : await computeFigures(db, office, year, now);
  const [history, submittedBy, returnedBy] = await readAll(db, [
    () => (block ? listActions(db, block.id) : Promise.resolve([])),
    () => repo.userName(db, block?.submittedBy ?? null),
    () => repo.userName(db, block?.returnedBy ?? null),
  ]);
  return {
    office: presentOfficeRef(office),
    year,
    status,
    due: { ...due, dueAt: due.dueAt.toISOString() } as unknown as BlockView['due'],
    overdue: status !== 'submitted' && now.getTime() >= due.dueAt.getTime(),
    proposals: block?.proposals ?? '',
    figures: presentFigures(figures, offices),
    figuresAsOf: (submitted ? block.submittedAt! : now).toISOString(),
    submittedAt: block?.submittedAt?.toISOString() ?? null,
    // O-3.6: the block's own page says it was late, as the coordinator's list does.
    ...blockLateness(block?.submittedAt ?? null, year, office.timeZone),
    submittedBy,
    returned: block?.returnedAt ? { at: block.returnedAt.toISOString(), by: returnedBy, reason: block.returnReason } : null,
    // From the block's log; where a log taken over from the old history ends (the baseline) is no step anyone took.
    history: history
      .filter((h) => h.a.kind !== 'baseline')
      .map((h) => ({ at: h.a.at.toISOString(), action: h.a.kind, actor: h.actorName, details: h.a.details ?? null })),
    availableActions: availableBlockActions(status, { side: sideOf(actor, office), roles: actor.roles }),
    version: block?.version ?? null,
  };
}

/** O-3.6, O-4.1: who has submitted the block for a year, who is late. */
export async function listBlocks(deps: Deps, actor: Actor, q: { year: number; status?: BlockStatus | undefined }) {
  const all = await allOffices(deps.db);
  let offices: OfficeRow[];
  if (hasRole(actor, 'coordinator', 'leadership')) offices = all.filter((o) => o.party === actor.party && reports(o));
  else if (isOfficeStaff(actor)) offices = all.filter((o) => o.id === actor.officeId && reports(o));
  else throw new AppError('FORBIDDEN', 'Annual blocks are kept by offices and read by the coordinator and leadership');
  const blocks = new Map(
    (
      await repo.blocksOfYear(
        deps.db,
        offices.map((o) => o.id),
        q.year,
      )
    ).map((b) => [b.officeId, b]),
  );
  const now = deps.clock.now();
  const rows = offices
    .map((o) => {
      const b = blocks.get(o.id);
      const due = annualBlockDeadline(q.year, o.timeZone);
      const status = statusOf(b);
      return {
        office: presentOfficeRef(o),
        year: q.year,
        status,
        due: { ...due, dueAt: due.dueAt.toISOString() },
        overdue: status !== 'submitted' && now.getTime() >= due.dueAt.getTime(),
        submittedAt: b?.submittedAt?.toISOString() ?? null,
        late: blockLateness(b?.submittedAt ?? null, q.year, o.timeZone).late,
      };
    })
    .filter((r) => !q.status || r.status === q.status)
    .sort((a, b) => a.office.code.localeCompare(b.office.code));
  return { items: rows, total: rows.length };
}

// ─── changing ────────────────────────────────────────────────────────────────

const BLOCK: Kind = { type: 'annual_block', table: annualBlocks };

interface BlockLoaded {
  row: repo.BlockRow;
}

/**
 * One action on a block, through the kernel (server/kernel). Who may act is checked first (the
 * block may not exist yet); a block's first save inserts its row (status not_started) in the same
 * transaction, and concurrent first saves meet on the unique (office, year).
 */
async function act(
  deps: Deps,
  actor: Actor,
  code: string,
  year: number,
  action: BlockAction,
  input: { version: number | null } & Record<string, unknown>,
  effect: (
    c: ActionContext,
    block: repo.BlockRow,
    office: OfficeRow,
  ) => Promise<{ values: Partial<repo.BlockInsert>; details?: Record<string, unknown>; after?: (c: ActionContext, block: repo.BlockRow) => Promise<void> }>,
) {
  const { office } = await officeByCode(deps.db, code);
  assertCanSee(actor, office);
  const who = { side: sideOf(actor, office), roles: actor.roles };
  const existing = await repo.findBlock(deps.db, office.id, year);
  if (blockRefusalOf(statusOf(existing), action, who) === 'FORBIDDEN') throw new AppError('FORBIDDEN', `${action} is not yours to do`);
  const { version, ...stated } = input;
  const find = async (tx: Db) => (await repo.findBlock(tx, office.id, year))?.id;
  return kernel<repo.BlockRow, BlockLoaded, BlockView>(deps, {
    kind: BLOCK,
    action,
    actor,
    input: stated,
    version,
    subject: existing
      ? { id: existing.id }
      : { create: (c) => ({ officeId: office.id, year, status: 'not_started', createdAt: c.at, updatedAt: c.at }), existing: find },
    lock: async (tx, id) => ({ row: (await repo.findBlockById(tx, id, true))! }),
    conflict: (row) => new AppError('VERSION_CONFLICT', 'The block has changed since you opened it; reload and try again', { version: row.version }),
    decide: (_c, l) => {
      const state = { status: statusOf(l.row), figuresFixed: l.row.figures !== null };
      const refusal = refusalOf(BLOCK_MACHINE, state, action, who);
      if (refusal === 'NOT_YOUR_SIDE' || refusal === 'ROLE_REQUIRED') throw new AppError('FORBIDDEN', `${action} is not yours to do`);
      if (refusal) throw new AppError('BLOCK_ACTION_NOT_ALLOWED', `${action} is not possible now`, { action, status: statusOf(l.row) });
      return grantingRoles(BLOCK_MACHINE, state, action, who);
    },
    effect: async (c, l) => {
      const e = await effect(c, l.row, office);
      return { values: e.values, details: e.details ?? null, after: e.after };
    },
    settle: (_c, l) => ({ status: applyAction(BLOCK_MACHINE, { status: statusOf(l.row), figuresFixed: l.row.figures !== null }, action, who).status }),
    audit: (_c, l, next, details) => ({
      action: `annual_block.${action}`,
      objectType: 'annual_block',
      objectId: next.id,
      before: { status: l.row.status, version: l.row.version },
      after: { status: next.status, year, office: office.code, ...details },
    }),
    view: (c) => getBlock(c.deps, actor, code, year, c.tx),
  });
}

export async function saveBlock(deps: Deps, actor: Actor, code: string, year: number, body: { proposals: string; version: number | null }) {
  // A returned block stays returned while it is corrected; saving a not-started one starts it (the machine says so).
  return act(deps, actor, code, year, 'save', body, async () => ({ values: { proposals: body.proposals } }));
}

/** O-3.6: the head or a deputy submits; the figures are fixed as they stand at that moment. */
export async function submitBlock(deps: Deps, actor: Actor, code: string, year: number, version: number) {
  return act(deps, actor, code, year, 'submit', { version }, async (c, _block, office) => {
    const figures = await computeFigures(c.tx, office, year, c.at);
    const { late, daysLate } = blockLateness(c.at, year, office.timeZone);
    return {
      values: { figures, submittedAt: c.at, submittedBy: actor.userId },
      details: late ? { late, daysLate } : { late },
    };
  });
}

export async function returnBlock(deps: Deps, actor: Actor, code: string, year: number, body: { reason: string; version: number }) {
  return act(deps, actor, code, year, 'return', body, async (c, block, office) => {
    await notify(c.tx, c.deps, {
      recipients: { officeIds: [office.id], roles: ['head', 'deputy_head', 'officer'] },
      kind: 'annual.returned',
      officeId: office.id,
      subjectType: 'annual_block',
      subjectId: block.id,
      payload: { year, officeCode: office.code, officeName: { ru: office.nameRu, kk: office.nameKk, en: office.nameEn } },
      link: `/annual/${office.code}/${year}`,
    });
    return { values: { figures: null, returnedAt: c.at, returnedBy: actor.userId, returnReason: body.reason }, details: { reason: body.reason } };
  });
}

// ─── the items behind a figure ───────────────────────────────────────────────

export async function figureItems(deps: Deps, actor: Actor, code: string, year: number, q: z.infer<typeof FigureQuery>) {
  const { office, offices } = await officeByCode(deps.db, code);
  assertCanSee(actor, office);
  const byCode = new Map([...offices.values()].map((o) => [o.code, o]));
  const counterpartId = q.counterpart ? byCode.get(q.counterpart)?.id : undefined;
  if (q.counterpart && !counterpartId) return { items: [], total: 0, totalCapped: false };
  const figure: FigureFilter = {
    direction: q.direction,
    measure: q.measure,
    counterpartId,
    kind: q.kind,
    form: q.form,
    status: q.status,
    area: q.area,
    ground: q.ground,
  };
  const { from, to } = yearBounds(year, office.timeZone);
  const now = deps.clock.now();
  const { rows, total } = await listFigureItems(
    deps.db,
    {
      userId: actor.userId,
      officeId: actor.officeId,
      isHead: hasRole(actor, 'head', 'deputy_head'),
      isCoordinator: hasRole(actor, 'coordinator'),
      partyOfficeIds: [],
    },
    { officeId: office.id, from, to, figure, limit: q.limit, offset: q.offset, now },
  );
  return { items: rows.map(presentListRow), total, totalCapped: false };
}

// ─── reminders ───────────────────────────────────────────────────────────────

const JOB_LOCK = 7_240_322;

/**
 * O-3.6: from 15 January, reminds every reporting office that has not submitted its block for the
 * year just ended; after 30 January, tells the office and its coordinator it is overdue. Once per
 * reminder and office, whatever the instances.
 */
export async function runBlockReminders(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<{ sent: number; skipped: boolean }> {
  return deps.db.transaction(async (tx) => {
    if (!(await tryJobLock(tx, JOB_LOCK))) return { sent: 0, skipped: true };
    const now = deps.clock.now();
    let sent = 0;
    for (const office of (await allOffices(tx)).filter(reports)) {
      // The reporting year is the one that ended before this office's current local year.
      const localYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: office.timeZone, year: 'numeric' }).format(now));
      const year = localYear - 1;
      const key = dueBlockReminder(year, office.timeZone, now);
      if (!key) continue;
      const block = await repo.findBlock(tx, office.id, year);
      if (block?.status === 'submitted') continue;
      if (!(await repo.claimBlockReminder(tx, office.id, year, key, now))) continue;
      const payload = { year, officeCode: office.code, officeName: { ru: office.nameRu, kk: office.nameKk, en: office.nameEn } };
      const link = `/annual/${office.code}/${year}`;
      const kind = key === 'overdue' ? 'annual.overdue' : 'annual.due';
      await notify(tx, deps, {
        recipients: { officeIds: [office.id], roles: ['head', 'deputy_head', 'officer'] },
        kind,
        officeId: office.id,
        subjectType: 'annual_block',
        subjectId: office.id,
        payload,
        link,
      });
      if (key === 'overdue')
        await notify(tx, deps, {
          recipients: { party: office.party, officeKinds: ['coordinator'], roles: ['coordinator'] },
          kind,
          officeId: office.id,
          subjectType: 'annual_block',
          subjectId: office.id,
          payload,
          link,
        });
      sent++;
    }
    return { sent, skipped: false };
  });
}

export async function blockDocument(deps: Deps, actor: Actor, code: string, year: number) {
  const block = await getBlock(deps, actor, code, year);
  const { office, offices } = await officeByCode(deps.db, code);
  const stored = await repo.findBlock(deps.db, office.id, year);
  const signer = await repo.userWithRoles(deps.db, stored?.submittedBy ?? null);
  const coordinator = [...offices.values()].find((o) => o.party === office.party && o.kind === 'coordinator') ?? null;
  const data = await blockDocx({ block, office, coordinator, signer: signer ?? null, now: deps.clock.now() });
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, { action: 'annual_block.document', objectType: 'annual_block', objectId: stored?.id ?? null, after: { office: code, year } }),
  );
  return { data, fileName: `annual-block-${code}-${year}.docx` };
}
