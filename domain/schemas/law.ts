import { z } from 'zod';
import { LAW_DOCUMENTS, LAW_FIGURE_KEYS, LAW_SECTIONS, TEST_RESULTS } from '../law.ts';
import { REFUSAL_GROUNDS } from '../items.ts';
import { Party } from './registry.ts';

const InLanguages = z.object({ ru: z.string(), kk: z.string(), en: z.string() });

export const LawTest = z.object({
  file: z.string(),
  name: z.string(),
  /** The last CI run's result; `none` when the run has none for it or there is no report. */
  result: z.enum(TEST_RESULTS),
});

export const LawFigure = z.object({
  key: z.enum(LAW_FIGURE_KEYS),
  value: z.number().int(),
  /** For `refusedByGround`: the ground. */
  ground: z.enum(REFUSAL_GROUNDS).optional(),
});

export const LawRequirement = z.object({
  id: z.string(),
  document: z.enum(LAW_DOCUMENTS),
  article: z.string(),
  section: z.enum(LAW_SECTIONS),
  /** The catalog's source, e.g. `Agreement 6.2`. */
  source: z.string(),
  /** The text of the article or item; the law exists here in Russian only (kk: null). */
  text: z.object({ ru: z.string(), kk: z.string().nullable() }),
  /** The catalog's rule: its English and its reviewed translations. */
  rule: InLanguages,
  /** What the system does: the catalog's English and its reviewed translations. */
  does: InLanguages,
  /** Exported rules of domain/ that carry it out. */
  rules: z.array(z.object({ file: z.string(), name: z.string() })),
  tests: z.array(LawTest),
  /** At least one of its tests passed in the last run and none failed. */
  confirmed: z.boolean(),
  figures: z.array(LawFigure),
});
export type LawRequirement = z.infer<typeof LawRequirement>;

export const LawView = z.object({
  party: Party,
  /** The year of the figures, in the user's office's zone. */
  year: z.number().int(),
  /** The CI report the results come from: when it was written, or null when there is none. */
  report: z.object({ startedAt: z.string().nullable() }).nullable(),
  requirements: z.array(LawRequirement),
});
export type LawView = z.infer<typeof LawView>;
export type LawFigure = z.infer<typeof LawFigure>;
