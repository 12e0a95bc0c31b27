import { z } from 'zod';
import { BLOCK_ACTIONS, BLOCK_STATUSES, FIGURE_MEASURES } from '../annual.ts';
import { PageQuery, Version } from './common.ts';
import { Deadline, Form, ItemKind, ItemStatus, PriorityArea, RefusalGround } from './items.ts';
import { OfficeCode, OfficeRef } from './registry.ts';

export const BlockStatus = z.enum(BLOCK_STATUSES);
export const BlockAction = z.enum(BLOCK_ACTIONS);
export const Year = z.coerce.number().int().min(2009).max(2100);

const SideCounts = z.object({ requests: z.number(), proposals: z.number() });
const Timeliness = z.object({ answered: z.number(), inTime: z.number(), late: z.number(), meanDays: z.number().nullable(), medianDays: z.number().nullable() });
const OralCounts = z.object({ total: z.number(), confirmedInTime: z.number(), confirmedLate: z.number(), unconfirmed: z.number() });
const InOut = z.object({ out: z.number(), in: z.number() });

export const AnnualFiguresView = z.object({
  totals: z.object({ out: SideCounts, in: SideCounts }),
  byCounterpart: z.array(z.object({ counterpart: OfficeRef, out: SideCounts, in: SideCounts })),
  byForm: z.array(InOut.extend({ form: z.string() })),
  byArea: z.array(InOut.extend({ area: z.string() })),
  byStatus: z.array(InOut.extend({ status: z.string() })),
  timeliness: z.object({ out: Timeliness, in: Timeliness }),
  oral: z.object({ out: OralCounts, in: OralCounts }),
  refusals: z.array(InOut.extend({ ground: z.string() })),
  consultations: z.object({
    out: z.object({ conditionsProposed: z.number(), conditionsAccepted: z.number() }),
    in: z.object({ conditionsProposed: z.number(), conditionsAccepted: z.number() }),
  }),
  consents: z.object({ requested: z.number(), received: z.number(), granted: z.number(), refused: z.number(), pending: z.number() }),
  events: z.object({ proposed: z.number(), approved: z.number(), held: z.number(), reported: z.number(), reportOverdue: z.number() }),
});
export type AnnualFiguresView = z.infer<typeof AnnualFiguresView>;

export const BlockView = z.object({
  office: OfficeRef,
  year: z.number(),
  status: BlockStatus,
  /** 30 January of the next year in the office's zone, with how it was computed. */
  due: Deadline,
  overdue: z.boolean(),
  proposals: z.string(),
  /** Live figures until submitted; the submitted figures after. */
  figures: AnnualFiguresView,
  figuresAsOf: z.string(),
  submittedAt: z.string().nullable(),
  /** O-3.6: the (last) submission came after 30 January in the office's zone, by `daysLate` days. */
  late: z.boolean(),
  daysLate: z.number().int().min(0),
  submittedBy: z.string().nullable(),
  returned: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  history: z.array(z.object({ at: z.string(), action: z.string(), actor: z.string().nullable(), details: z.record(z.string(), z.unknown()).nullable() })),
  availableActions: z.array(BlockAction),
  version: z.number().nullable(),
});
export type BlockView = z.infer<typeof BlockView>;

export const BlockListRow = z.object({
  office: OfficeRef,
  year: z.number(),
  status: BlockStatus,
  due: Deadline,
  overdue: z.boolean(),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
});
export const BlockListPage = z.object({ items: z.array(BlockListRow), total: z.number() });

export const BlockParams = z.object({ officeCode: OfficeCode, year: Year });
export const BlockListQuery = z.object({ year: Year, status: BlockStatus.optional() });

/** `version` is absent when the block is saved for the first time. */
export const SaveBlockBody = z.object({ proposals: z.string().trim().max(50_000), version: Version.nullable().default(null) });
export const BlockVersionBody = z.object({ version: Version });
export const BlockReasonBody = z.object({ reason: z.string().trim().min(3).max(5000), version: Version });

/** Which items a figure counts (see domain/annual.ts FigureFilter). */
export const FigureQuery = PageQuery.extend({
  direction: z.enum(['out', 'in']),
  measure: z.enum(FIGURE_MEASURES).default('all'),
  counterpart: OfficeCode.optional(),
  kind: ItemKind.optional(),
  /** '' is "no form recorded". */
  form: z.union([Form, z.literal('')]).optional(),
  status: ItemStatus.optional(),
  area: PriorityArea.optional(),
  ground: RefusalGround.optional(),
});
