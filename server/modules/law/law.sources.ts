import fs from 'node:fs';
import { z } from 'zod';
import { LawRequirement } from '../../../domain/schemas/law.ts';
import { fromRoot } from '../../paths.ts';

/**
 * The law page's sources, all files of the repository (the server never reads ../shared): the
 * reviewed requirements (docs/law/requirements.json), the trace computed from the code
 * (docs/law/trace.generated.json, kept current by a test) and the last CI run's Vitest report.
 */

const docsFile = (name: string) => fromRoot('docs', 'law', name);

const Ref = z.object({ file: z.string(), name: z.string() });

/** The reviewed data is the view's own fields; tests, results and figures are added at run time. */
export const RequirementsFile = z.object({
  requirements: z.array(
    LawRequirement.pick({ id: true, document: true, article: true, section: true, source: true, text: true, rule: true, does: true, rules: true }),
  ),
});
export type RequirementsFile = z.infer<typeof RequirementsFile>;

export const TraceFile = z.object({ tests: z.record(z.string(), z.array(Ref)), rules: z.record(z.string(), z.array(Ref)) });
export type TraceFile = z.infer<typeof TraceFile>;

let data: { requirements: RequirementsFile['requirements']; trace: TraceFile } | null = null;

/** Read once: both files ship with the code and change only with it. */
export function lawData(): { requirements: RequirementsFile['requirements']; trace: TraceFile } {
  data ??= {
    requirements: RequirementsFile.parse(JSON.parse(fs.readFileSync(docsFile('requirements.json'), 'utf8'))).requirements,
    trace: TraceFile.parse(JSON.parse(fs.readFileSync(docsFile('trace.generated.json'), 'utf8'))),
  };
  return data;
}

/** What the law page needs of Vitest's JSON reporter: each file's tests by title, with their status. */
const VitestReport = z.object({
  startTime: z.number().optional(),
  testResults: z.array(
    z.object({
      name: z.string(),
      assertionResults: z.array(z.object({ title: z.string(), status: z.string() })),
    }),
  ),
});

export interface TestReport {
  startedAt: string | null;
  /** Report file paths (absolute where CI ran) with, per test title, the statuses of its runs. */
  files: { path: string; titles: Map<string, string[]> }[];
}

let cached: { file: string; mtimeMs: number; report: TestReport | null } | null = null;

/**
 * The report at `file`, or null when there is none or it cannot be read as one. Parsed once per
 * version of the file: CI writes a new one after each run, and the page shows the newest.
 */
export function testReport(file: string): TestReport | null {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
  if (cached?.file === file && cached.mtimeMs === mtimeMs) return cached.report;
  let report: TestReport | null = null;
  try {
    const parsed = VitestReport.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) {
      report = {
        startedAt: parsed.data.startTime ? new Date(parsed.data.startTime).toISOString() : null,
        files: parsed.data.testResults.map((r) => {
          const titles = new Map<string, string[]>();
          for (const a of r.assertionResults) titles.set(a.title, [...(titles.get(a.title) ?? []), a.status]);
          return { path: r.name.split('\\').join('/'), titles };
        }),
      };
    }
  } catch {
    // A half-written or foreign file reads as no report: every test shows «нет результата прогона».
    report = null;
  }
  cached = { file, mtimeMs, report };
  return report;
}
