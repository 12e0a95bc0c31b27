import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, ROOT } from '../e2e/harness.ts';

/** The machine a benchmark ran on, for its section of RESULTS.md. */
export function machineInfo(loadBefore: number[], loadAfter: number[]) {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadBefore,
    loadAfter,
  };
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time of a process in ms (user + system), from /proc; null when it is gone. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Resident memory of a process in MB, from /proc; null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The PostgreSQL backends serving the benchmark's database, by pid: CPU ms each. */
export function backendsCpu(db: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres: ') && cmd.includes(` ${db} `)) out.set(Number(p), cpuMs(Number(p)) ?? 0);
    } catch {
      /* gone */
    }
  }
  return out;
}

/**
 * What else ran on the machine (the other engineers' builds and tests share the 2 cores): the
 * busiest processes not started by the benchmark (`ours`, and its children) and not serving its
 * own database (`skip`), sampled when `sample()` is called (every 5 s).
 */
export function otherProcesses(skip: (args: string) => boolean = () => false) {
  const seen = new Map<string, { samples: number; cpu: number }>();
  const ours = new Set<number>();
  return {
    ours,
    sample(): void {
      try {
        const out = execFileSync('ps', ['-eo', 'pid,ppid,pcpu,args', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' });
        for (const line of out.split('\n').slice(0, 15)) {
          const m = /^\s*(\d+)\s+(\d+)\s+([\d.]+)\s+(.*)$/.exec(line);
          if (!m) continue;
          const [pid, ppid, cpu, args] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
          if (cpu < 5 || pid === process.pid || ppid === process.pid || ours.has(pid) || ours.has(ppid) || skip(args)) continue;
          const name = args
            .replace(/\s+--.*$/, '')
            .replace(/^\S*\/(node|chromium)\b/, '$1')
            .replace(/ \d+\.\d+\.\d+\.\d+\(\d+\).*$/, '') // a PostgreSQL backend: its database, not its port and state
            .slice(0, 90);
          const o = seen.get(name) ?? { samples: 0, cpu: 0 };
          o.samples++;
          o.cpu += cpu;
          seen.set(name, o);
        }
      } catch {
        /* ps missing: nothing to report */
      }
    },
    top(n = 12) {
      return [...seen]
        .sort((a, b) => b[1].cpu - a[1].cpu)
        .slice(0, n)
        .map(([command, o]) => ({ command, seenInSamples: o.samples, avgCpuPercentWhenSeen: Math.round(o.cpu / o.samples) }));
    },
  };
}

/** The bare Fastify hello-world (bench/bare.ts) under autocannon: the baseline measured in the same run. */
export async function helloBaseline(seconds: number, connections: number): Promise<{ rps: number; p50: number; p99: number; errors: number } | null> {
  if (seconds <= 0) return null;
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/bare.ts')], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/hello`;
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await autocannon({ url, connections, duration: 2 });
    const r = await autocannon({ url, connections, duration: seconds });
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
  } finally {
    child.kill('SIGTERM');
  }
}

/** The nearest-rank percentile of ascending `sorted` (0 when empty). */
export const percentile = (sorted: number[], p: number): number => (sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!);
