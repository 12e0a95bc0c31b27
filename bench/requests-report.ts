import type { RequestsResult } from './requests.ts';

/** The generated part of the requests section of bench/RESULTS.md (tables from one run). */

const fmt = (n: number) => Math.round(n).toLocaleString('en').replace(/,/g, ' ');
const pct = (n: number) => `${(n * 100).toFixed(0)} %`;
const size = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
// Issue 13: p99 at 20 clients on PostgreSQL at 1M items; the item page and the journal against the bare endpoint.
const TARGET_P99: Record<string, number> = { journal: 100, item: 100, search_ru: 100, search_kk: 100 };
const TARGET_RATIO: Record<string, number> = { journal: 0.7, item: 0.9 };
/** PGlite (one office's node) at 100k items: search p99. */
const PGLITE_SEARCH_P99 = 300;

export function renderRequestsSection(r: RequestsResult): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`## Requests at scale: journal, item page, search (\`npm run bench:requests\`)`);
  out.push('');
  out.push(`Produced by \`npm run bench:requests\` (bench/requests.ts) on ${r.date.slice(0, 10)}; raw figures in bench/requests-results.json.`);
  out.push(
    `Machine: ${m.cpus} × ${m.cpu}, ${m.memGiB} GiB RAM, Node ${m.node}, PostgreSQL 15 (stock settings: shared_buffers 128 MB, work_mem 4 MB) on the same host.`,
  );
  out.push(
    `Load average before / after the run: ${m.loadBefore.map((x) => x.toFixed(2)).join(' ')} / ${m.loadAfter.map((x) => x.toFixed(2)).join(' ')}.${r.note ? ` ${r.note}` : ''}`,
  );
  out.push(
    `Load: autocannon, ${r.options.connections} connections, ${r.options.seconds} s per endpoint after a ${r.options.warmup} s warm-up, client on the same machine. ` +
      `Logged in as \`${r.options.login}\` (an officer of the Orenburg office, the second-busiest receiver). Server started as in production (\`node server/main.ts\`), SCHEDULER=off, LOG_LEVEL=error.`,
  );
  if (r.others.length) {
    out.push('');
    out.push(
      `Other processes on the machine during the run (sampled every 5 s; the two other engineers' work shares the ${m.cpus} cores): ` +
        r.others.map((o) => `\`${o.command}\` (${o.seenInSamples}×, ~${o.avgCpuPercentWhenSeen} % CPU)`).join('; ') +
        '.',
    );
  }
  out.push('');
  out.push(`Bare Fastify hello-world in the same run: **${fmt(r.hello.rps)} req/s**, p50 ${r.hello.p50} ms, p99 ${r.hello.p99} ms.`);
  out.push('');
  for (const driver of new Set(r.rows.map((x) => x.driver))) {
    const rows = r.rows.filter((x) => x.driver === driver);
    out.push(`### ${driver === 'postgresql' ? 'PostgreSQL 15' : 'PGlite (embedded)'}`);
    out.push('');
    out.push(
      `"Bare" is Fastify + ${driver === 'postgresql' ? 'its own pg Pool (10, like the server)' : 'PGlite on the same data directory (the server stopped)'} executing the same SQL text and parameters the repository builds (bench/bare-pg.ts), without sessions, permissions, presenters or response schemas.`,
    );
    out.push('');
    out.push('| Endpoint | Items | req/s | p50 ms | p99 ms | bare req/s | bare p50 | bare p99 | app / bare | matches | errors |');
    out.push('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const x of rows) {
      out.push(
        `| ${x.label} | ${size(x.size)} | ${fmt(x.app.rps)} | ${x.app.p50} | ${x.app.p99} | ${fmt(x.bare.rps)} | ${x.bare.p50} | ${x.bare.p99} | ${pct(x.app.rps / x.bare.rps)} | ${x.matches !== undefined ? fmt(x.matches) : '—'} | ${x.app.errors + x.bare.errors} |`,
      );
    }
    out.push('');
    const sizes = [...new Set(rows.map((x) => x.size))].sort((a, b) => a - b);
    if (sizes.length > 1) {
      const lo = sizes[0]!;
      const hi = sizes.at(-1)!;
      out.push(`Latency from ${size(lo)} to ${size(hi)} items (application):`);
      out.push('');
      out.push(`| Endpoint | p50 ${size(lo)} → ${size(hi)} | p99 ${size(lo)} → ${size(hi)} | req/s ${size(lo)} → ${size(hi)} |`);
      out.push('|---|---|---|---|');
      for (const e of new Set(rows.map((x) => x.endpoint))) {
        const a = rows.find((x) => x.endpoint === e && x.size === lo)!;
        const b = rows.find((x) => x.endpoint === e && x.size === hi)!;
        out.push(`| ${a.label} | ${a.app.p50} → ${b.app.p50} ms | ${a.app.p99} → ${b.app.p99} ms | ${fmt(a.app.rps)} → ${fmt(b.app.rps)} |`);
      }
      out.push('');
    }
    if (driver === 'postgresql') {
      const big = Math.max(...rows.map((x) => x.size));
      const at = rows.filter((x) => x.size === big);
      if (at.length) {
        out.push(`Targets at ${size(big)} items on PostgreSQL:`);
        out.push('');
        out.push('| Endpoint | app / bare | p99 at 20 clients | verdict |');
        out.push('|---|---|---|---|');
        for (const x of at) {
          const ratio = x.app.rps / x.bare.rps;
          const limit = TARGET_P99[x.endpoint]!;
          const needed = TARGET_RATIO[x.endpoint];
          const ok = x.app.p99 < limit && (needed === undefined || ratio >= needed);
          out.push(
            `| ${x.label} | ${pct(ratio)}${needed === undefined ? ' (no target)' : ` (≥ ${pct(needed)})`} | ${x.app.p99} ms (< ${limit}) | ${ok ? 'met' : 'missed'} |`,
          );
        }
        out.push('');
      }
    } else {
      const at = rows.filter((x) => x.size === 100_000 && x.endpoint.startsWith('search'));
      if (at.length) {
        out.push('Target on PGlite at 100k items (one office’s node):');
        out.push('');
        out.push('| Endpoint | p99 at 20 clients | verdict |');
        out.push('|---|---|---|');
        for (const x of at) out.push(`| ${x.label} | ${x.app.p99} ms (< ${PGLITE_SEARCH_P99}) | ${x.app.p99 < PGLITE_SEARCH_P99 ? 'met' : 'missed'} |`);
        out.push('');
      }
    }
  }
  out.push('### Data sets (`npm run seed:demo`)');
  out.push('');
  out.push('| Driver | Items | generator time | made on | rows |');
  out.push('|---|---|---|---|---|');
  for (const d of r.datasets) {
    const rowsLine =
      d.summary
        .find((l) => l.trim().startsWith('rows:'))
        ?.trim()
        .replace(/^rows: /, '') ?? '';
    const mins = d.seedSeconds >= 120 ? `${(d.seedSeconds / 60).toFixed(1)} min` : `${d.seedSeconds.toFixed(0)} s`;
    out.push(`| ${d.driver} | ${size(d.size)} | ${mins} | ${d.seededAt.slice(0, 10)} | ${rowsLine} |`);
  }
  out.push('');
  out.push('Reproduce (data sets are made once and reused; PostgreSQL databases `bc_bench_<size>`, data directories under /tmp/bc-bench):');
  out.push('');
  out.push('```sh');
  out.push(`npm run bench:requests -- --sets ${r.datasets.map((d) => `${d.driver}-${size(d.size).toLowerCase()}`).join(',')}`);
  out.push('node bench/explain.ts --database-url postgres://postgres@127.0.0.1:5432/bc_bench_1m   # the plans');
  out.push('```');
  return out.join('\n');
}
