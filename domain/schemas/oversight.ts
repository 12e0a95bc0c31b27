import { z } from 'zod';
import { COMPLIANCE_STATUSES } from '../contacts.ts';
import { BlockStatus, Year } from './annual.ts';
import { PageQuery } from './common.ts';
import { OfficeCode, OfficeRef } from './registry.ts';

export const OVERSIGHT_CELLS = [
  'open_incoming',
  'overdue_answers',
  'held_by_office',
  'open_outgoing',
  'overdue_confirmations',
  'held_awaiting_confirmation',
] as const;
export const OversightCell = z.enum(OVERSIGHT_CELLS);

/** O-4.1: one office's row of the dashboard; every number opens what it counts. */
export const OversightRow = z.object({
  office: OfficeRef,
  contacts: z.object({ status: z.enum(COMPLIANCE_STATUSES), currentContacts: z.number() }).nullable(),
  items: z.object(Object.fromEntries(OVERSIGHT_CELLS.map((c) => [c, z.number()])) as Record<(typeof OVERSIGHT_CELLS)[number], z.ZodNumber>),
  events: z.object({ awaitingDecision: z.number(), awaitingReport: z.number(), reportOverdue: z.number() }),
  block: z.object({ year: z.number(), status: BlockStatus, overdue: z.boolean(), late: z.boolean() }),
  /** Problems to act on: overdue answers, confirmations, reports, a late block, contacts missing. */
  problems: z.number(),
});
export type OversightRow = z.infer<typeof OversightRow>;

export const OversightView = z.object({
  asOf: z.string(),
  year: z.number(),
  items: z.array(OversightRow),
  totals: OversightRow.shape.items,
  eventTotals: OversightRow.shape.events,
});
export type OversightView = z.infer<typeof OversightView>;

/** The annual block column shows the year just reported (a year before the current one by default). */
export const OversightQuery = z.object({ year: Year.optional() });
export const OversightItemsQuery = PageQuery.extend({ office: OfficeCode, cell: OversightCell });
export const OversightExportQuery = OversightQuery.extend({ lang: z.enum(['ru', 'kk', 'en']).default('ru') });
