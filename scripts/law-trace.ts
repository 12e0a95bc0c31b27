import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { citedIds, domainRules, testTitles } from '../domain/law.ts';

/**
 * Traceability from the code itself: which tests name a requirement (their `it('…')`/`test('…')`
 * titles) and which exported rules of domain/ name it (their doc comment, or a transition's
 * `article:`). Written to docs/law/trace.generated.json by `npm run law:trace`; a test fails when the
 * committed file differs from what this computes, so the law page never drifts from the suite.
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TRACE_FILE = 'docs/law/trace.generated.json';

export interface TracedTest {
  file: string;
  /** The title as written; `${…}` parts of a template literal stay as they are. */
  name: string;
}
export interface TracedRule {
  file: string;
  name: string;
}
export interface Trace {
  tests: Record<string, TracedTest[]>;
  rules: Record<string, TracedRule[]>;
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

export function requirementIds(root = ROOT): Set<string> {
  const data = JSON.parse(fs.readFileSync(path.join(root, 'docs/law/requirements.json'), 'utf8')) as { requirements: { id: string }[] };
  return new Set(data.requirements.map((r) => r.id));
}

export function buildTrace(root = ROOT): Trace {
  const ids = requirementIds(root);
  const tests: Trace['tests'] = Object.fromEntries([...ids].map((id) => [id, []]));
  const rules: Trace['rules'] = Object.fromEntries([...ids].map((id) => [id, []]));
  const testFiles = fs
    .globSync(['**/*.test.ts', 'e2e/*.spec.ts'], { cwd: root, exclude: (f) => f.includes('node_modules') || f.startsWith('dist') })
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  for (const file of testFiles) {
    for (const name of testTitles(fs.readFileSync(path.join(root, file), 'utf8'))) {
      for (const id of citedIds(name, ids)) tests[id]!.push({ file, name });
    }
  }
  const domainFiles = fs
    .globSync('domain/**/*.ts', { cwd: root })
    // domain/law.ts is the index of requirements, not a rule that carries one out.
    .filter((f) => !f.endsWith('.test.ts') && f !== 'domain/law.ts')
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  for (const file of domainFiles) {
    for (const rule of domainRules(fs.readFileSync(path.join(root, file), 'utf8'), ids)) {
      for (const id of rule.ids) rules[id]!.push({ file, name: rule.name });
    }
  }
  return { tests, rules };
}

export const traceJson = (trace: Trace) => `${JSON.stringify(trace, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const trace = buildTrace();
  fs.writeFileSync(path.join(ROOT, TRACE_FILE), traceJson(trace));
  const count = (r: Record<string, unknown[]>) => Object.values(r).reduce((a, l) => a + l.length, 0);
  process.stdout.write(`${count(trace.tests)} test citations, ${count(trace.rules)} rule citations → ${rel(path.join(ROOT, TRACE_FILE))}\n`);
}
