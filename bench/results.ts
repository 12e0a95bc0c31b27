import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * bench/RESULTS.md holds one section per benchmark, each between its own markers, so that every
 * benchmark rewrites only its section and keeps the others (and the notes around them).
 */
export const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const HEADER = '# Benchmark results\n';

export function writeSection(name: string, markdown: string, file = RESULTS_FILE): void {
  const start = `<!-- section:${name}:start -->`;
  const end = `<!-- section:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = text.slice(0, from) + block + text.slice(to + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
