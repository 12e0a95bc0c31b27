import { z } from 'zod';
import { Year } from './annual.ts';
import { OfficeRef } from './registry.ts';

const Summary = z.object({
  sent: z.number(),
  received: z.number(),
  requestsSent: z.number(),
  proposalsSent: z.number(),
  requestsReceived: z.number(),
  proposalsReceived: z.number(),
  answeredByUs: z.number(),
  inTimeByUs: z.number(),
  lateByUs: z.number(),
  medianDaysByUs: z.number().nullable(),
  answeredToUs: z.number(),
  inTimeToUs: z.number(),
  medianDaysToUs: z.number().nullable(),
  refusedByUs: z.number(),
  refusedToUs: z.number(),
  oralSent: z.number(),
  oralUnconfirmed: z.number(),
  conditionsProposed: z.number(),
  conditionsAccepted: z.number(),
  eventsProposed: z.number(),
  eventsHeld: z.number(),
  eventsReported: z.number(),
});
const SentReceived = z.object({ sent: z.number(), received: z.number() });
const Compared = SentReceived.extend({ compareSent: z.number().nullable(), compareReceived: z.number().nullable() });

export const AnalysisView = z.object({
  party: z.enum(['RU', 'KZ']),
  year: z.number(),
  compareYear: z.number().nullable(),
  asOf: z.string(),
  summary: Summary,
  compareSummary: Summary.nullable(),
  byMonth: z.array(Compared.extend({ month: z.string() })),
  byOffice: z.array(Compared.extend({ office: OfficeRef, answered: z.number(), inTime: z.number(), late: z.number(), refusedByUs: z.number() })),
  byCounterpart: z.array(Compared.extend({ office: OfficeRef })),
  byForm: z.array(Compared.extend({ form: z.string() })),
  byArea: z.array(Compared.extend({ area: z.string() })),
  byOutcome: z.array(Compared.extend({ status: z.string() })),
  refusals: z.array(z.object({ ground: z.string(), byUs: z.number(), toUs: z.number() })),
  /** The Party's offices × the other Party's offices: items exchanged both ways. */
  matrix: z.object({
    rows: z.array(OfficeRef),
    columns: z.array(OfficeRef),
    cells: z.array(z.object({ row: z.number(), column: z.number(), sent: z.number(), received: z.number() })),
  }),
  events: z.object({
    byType: z.array(z.object({ type: z.string(), proposed: z.number(), held: z.number(), reported: z.number() })),
    byOffice: z.array(z.object({ office: OfficeRef, proposed: z.number(), held: z.number(), reported: z.number() })),
  }),
  officeProposals: z.array(z.object({ office: OfficeRef, text: z.string() })),
  report: z.object({ conclusions: z.string(), proposals: z.string(), updatedAt: z.string(), updatedBy: z.string().nullable(), version: z.number() }).nullable(),
  mayEdit: z.boolean(),
});
export type AnalysisView = z.infer<typeof AnalysisView>;

export const AnalysisQuery = z.object({ year: Year, compare: Year.optional() });
export const AnalysisParams = z.object({ year: Year });
export const AnalysisCompareQuery = z.object({ compare: Year.optional() });
export const AnalysisReportBody = z.object({
  conclusions: z.string().trim().max(100_000),
  proposals: z.string().trim().max(100_000),
  version: z.number().int().min(1).nullable().default(null),
});
export const AnalysisDocumentQuery = z.object({ compare: Year.optional(), lang: z.enum(['ru', 'kk', 'en']).default('ru') });
