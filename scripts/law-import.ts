import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Builds docs/law/requirements.json from the spec copies in docs/spec: every requirement of the
 * catalog with its source, rule and "what the system does" (English), and the Russian text of the
 * article or item it names, cut from legal-basis.ru.md. Run once after the spec changes
 * (`npm run law:import`), then review the file: the reviewed fields (the ru/kk translations of
 * the rule and of "what the system does", the domain rules named by hand) are kept from the existing file.
 */

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const OUT = root('docs/law/requirements.json');

export interface Requirement {
  id: string;
  document: 'A' | 'P' | 'O';
  article: string;
  section: string;
  source: string;
  text: { ru: string; kk: string | null };
  rule: { en: string; ru: string; kk: string };
  does: { en: string; ru: string; kk: string };
  /** Domain rules named by hand, beside those derived from the code's comments (scripts/law-trace.ts). */
  rules: { file: string; name: string }[];
}

const SECTIONS: Record<string, string> = {
  'Parties, offices and legal basis': 'parties',
  'Contact persons': 'contacts',
  'Forms and scope of direct interaction': 'scope',
  'Written requests (запросы) and initiative proposals': 'requests',
  'Events (meetings, conferences, seminars)': 'events',
  'Reporting, oversight and analysis': 'reporting',
};

/** Catalog rows: `| ID | Source | Rule | What the system does |` under a `## section`. */
export function catalogRows(markdown: string): { ids: string[]; section: string; source: string; rule: string; does: string }[] {
  const rows: { ids: string[]; section: string; source: string; rule: string; does: string }[] = [];
  let section = '';
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) section = SECTIONS[heading[1]!.trim()] ?? '';
    const cells = /^\| *([APO]-[^|]+?) *\| *([^|]+?) *\| *(.+?) *\| *(.+?) *\|$/.exec(line);
    if (!cells || !section) continue;
    rows.push({ ids: cells[1]!.split('/').map((s) => s.trim()), section, source: cells[2]!, rule: cells[3]!, does: cells[4]! });
  }
  return rows;
}

const paragraphs = (s: string) =>
  s
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\*\*/g, '').replace(/^#+ /gm, '').replace(/ +\n/g, '\n').replace(/\n+/g, '\n').trim())
    .filter(Boolean);

const numbered = /^\d+(\.\d+)*\.\s/;

/** The Russian text of an ID's article or item, cut from the three documents of legal-basis.ru.md. */
export function articleText(legal: string, document: string, article: string): string {
  const protocolAt = legal.indexOf('**Дополнительный протокол');
  const agreementAt = legal.indexOf('**СОГЛАШЕНИЕ**');
  const part = document === 'O' ? legal.slice(0, protocolAt) : document === 'P' ? legal.slice(protocolAt, agreementAt) : legal.slice(agreementAt);
  const paras = paragraphs(part);
  const [, num, , letter] = /^(\d+(\.\d+)?)([a-z])?$/.exec(article) ?? [];
  if (!num) throw new Error(`bad article ${article}`);
  const isHeading = (p: string) => /^Статья \d+$/.test(p) || p.startsWith('Совершено') || p.startsWith('Приказ направить');
  const take = (list: string[], from: number, stop: (p: string) => boolean) => {
    const out: string[] = [];
    for (let i = from; i < list.length && (i === from || !stop(list[i]!)); i++) out.push(list[i]!);
    return out;
  };
  if (document === 'O') {
    const at = paras.findIndex((p) => p.startsWith(`${num}. `));
    if (at < 0) throw new Error(`no item ${article} in the Order`);
    return take(paras, at, (p) => numbered.test(p) || isHeading(p)).join('\n\n');
  }
  const [art, item] = num.split('.');
  const at = paras.findIndex((p) => p === `Статья ${art}`);
  if (at < 0) throw new Error(`no article ${article} in ${document}`);
  const body = take(paras, at + 1, isHeading);
  if (!item) return body.join('\n\n');
  const from = body.findIndex((p) => p.startsWith(`${item}. `));
  if (from < 0) throw new Error(`no item ${article} in ${document}`);
  const itemParas = take(body, from, (p) => numbered.test(p) || isHeading(p));
  // A-6.2a / A-6.2b: the item's first and second paragraphs (the catalog splits item 6.2 so).
  if (letter) return itemParas[letter.charCodeAt(0) - 97] ?? '';
  return itemParas.join('\n\n');
}

/**
 * The requirements of the catalog with their articles' texts; the reviewed fields come from the
 * `previous` file by ID, so re-running the import keeps them.
 */
export function buildRequirements(catalog: string, legal: string, previous: readonly Requirement[]): Requirement[] {
  const kept = new Map(previous.map((r) => [r.id, r]));
  const requirements: Requirement[] = [];
  for (const row of catalogRows(catalog)) {
    for (const id of row.ids) {
      const [, document, article] = /^([APO])-(.+)$/.exec(id)!;
      const old = kept.get(id);
      requirements.push({
        id,
        document: document as Requirement['document'],
        article: article!,
        section: row.section,
        source: row.source,
        text: { ru: articleText(legal, document!, article!), kk: old?.text.kk ?? null },
        rule: { en: row.rule, ru: old?.rule.ru ?? '', kk: old?.rule.kk ?? '' },
        does: { en: row.does, ru: old?.does.ru ?? '', kk: old?.does.kk ?? '' },
        rules: old?.rules ?? [],
      });
    }
  }
  return requirements;
}

function main(): void {
  const catalog = fs.readFileSync(root('docs/spec/requirements.md'), 'utf8');
  const legal = fs.readFileSync(root('docs/spec/legal-basis.ru.md'), 'utf8');
  const previous = fs.existsSync(OUT) ? (JSON.parse(fs.readFileSync(OUT, 'utf8')) as { requirements: Requirement[] }).requirements : [];
  const requirements = buildRequirements(catalog, legal, previous);
  fs.writeFileSync(OUT, `${JSON.stringify({ requirements }, null, 2)}\n`);
  process.stdout.write(`${requirements.length} requirements → ${OUT}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
