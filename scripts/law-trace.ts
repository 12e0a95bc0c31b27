import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

const ID_TOKEN = /(?<![\w.-])([APO]-\d+(?:\.\d+)?[a-z]?)(?![\w]|\.\d)/g;

/**
 * The requirement IDs a text cites. An item cited without the letter the catalog splits it by
 * (`A-6.2` for A-6.2a / A-6.2b) means its first part, the rule of the item's first paragraph.
 */
export function citedIds(text: string, ids: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(ID_TOKEN)) {
    const token = m[1]!;
    if (ids.has(token)) found.add(token);
    else if (ids.has(`${token}a`)) found.add(`${token}a`);
  }
  return [...found];
}

const TEST_TITLE = /\b(?:it|test)(?:\.(?:skip|only|todo|concurrent|fails))*\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g;

/** The titles of the tests declared in a source file. */
export function testTitles(source: string): string[] {
  return [...source.matchAll(TEST_TITLE)].map((m) => m[2]!.replace(/\\(['"`\\])/g, '$1'));
}

const DECLARATION = /^export (?:async )?(?:function\*? |const |let )([A-Za-z_$][\w$]*)/;

/** Exported functions and constants of a domain file whose doc comment (or a transition's `article:`) cites an ID. */
export function domainRules(source: string, ids: ReadonlySet<string>): { name: string; ids: string[] }[] {
  const out: { name: string; ids: string[] }[] = [];
  const lines = source.split('\n');
  let comment: string[] = [];
  let inComment = false;
  let current: { name: string; ids: Set<string> } | null = null;
  const flush = () => {
    if (current && current.ids.size) out.push({ name: current.name, ids: [...current.ids].sort() });
  };
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) {
      inComment = true;
      comment = [];
    }
    if (inComment) {
      comment.push(trimmed);
      if (trimmed.includes('*/')) inComment = false;
      continue;
    }
    const decl = DECLARATION.exec(line);
    if (decl) {
      flush();
      current = { name: decl[1]!, ids: new Set(citedIds(comment.join(' '), ids)) };
    } else if (/^(export )?(interface|type|function|const|let|class) /.test(line)) {
      flush();
      current = null;
    }
    // A doc comment inside an export (a capability, a table's entry) belongs to that export.
    if (!decl && current && comment.length) for (const id of citedIds(comment.join(' '), ids)) current.ids.add(id);
    if (!trimmed.startsWith('//')) comment = [];
    const article = /\barticle: '([^']+)'/.exec(line);
    if (article && current) for (const id of citedIds(article[1]!, ids)) current.ids.add(id);
  }
  flush();
  return out;
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
