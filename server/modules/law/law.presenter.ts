import { articleOrder, combinedResult, isConfirmed, titleMatcher } from '../../../domain/law.ts';
import type { LawFigure, LawRequirement } from '../../../domain/schemas/law.ts';
import type { RequirementsFile, TestReport, TraceFile } from './law.sources.ts';

const byFileAndName = (a: { file: string; name: string }, b: { file: string; name: string }) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name);

/** The statuses of the runs of a test (file relative to the repository, title as written) in a report. */
function runsOf(report: TestReport | null, file: string, name: string): string[] {
  if (!report) return [];
  const matches = titleMatcher(name);
  const statuses: string[] = [];
  for (const f of report.files) {
    if (f.path !== file && !f.path.endsWith(`/${file}`)) continue;
    for (const [title, s] of f.titles) if (matches(title)) statuses.push(...s);
  }
  return statuses;
}

/** Every requirement, by document and article, with its rules, its tests' last results and the Party's figures. */
export function presentRequirements(
  requirements: RequirementsFile['requirements'],
  trace: TraceFile,
  report: TestReport | null,
  figures: Readonly<Record<string, LawFigure[]>>,
): LawRequirement[] {
  return [...requirements].sort(articleOrder).map((r) => {
    const rules = new Map([...(trace.rules[r.id] ?? []), ...r.rules].map((x) => [`${x.file}#${x.name}`, { file: x.file, name: x.name }]));
    const tests = (trace.tests[r.id] ?? []).map((t) => ({ file: t.file, name: t.name, result: combinedResult(runsOf(report, t.file, t.name)) }));
    return {
      id: r.id,
      document: r.document,
      article: r.article,
      section: r.section,
      source: r.source,
      text: { ru: r.text.ru, kk: r.text.kk },
      rule: { ru: r.rule.ru, kk: r.rule.kk, en: r.rule.en },
      does: { ru: r.does.ru, kk: r.does.kk, en: r.does.en },
      rules: [...rules.values()].sort(byFileAndName),
      tests,
      confirmed: isConfirmed(tests.map((t) => t.result)),
      figures: figures[r.id] ?? [],
    };
  });
}
