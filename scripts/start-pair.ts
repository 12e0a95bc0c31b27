import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildServerIfStale } from './build-server.ts';
import { buildWebIfStale } from './build-web.ts';
import { introducePair, PAIR_PASSWORD, pairEnv, pairNodes } from './pair-setup.ts';
import { SERVER_NODE_FLAGS } from '../server/runtime-flags.ts';

/**
 * `npm run start:pair`: a Russian and a Kazakh node on loopback, each with its own data directory,
 * keys, TLS certificate and users, each trusting the other — so that a request can be followed from
 * Orenburg to Aktobe and back. On first start the nodes are prepared and introduced to each other
 * (what two administrators do by exchanging trust bundles and reading the hashes to each other);
 * later starts reuse the data in `./data-pair`.
 */

const ROOT = path.resolve(process.env.PAIR_DIR ?? './data-pair');
const NODES = pairNodes(ROOT, {
  ru: Number(process.env.PAIR_RU_PORT ?? 8081),
  ruExchange: Number(process.env.PAIR_RU_EXCHANGE_PORT ?? 9441),
  kz: Number(process.env.PAIR_KZ_PORT ?? 8082),
  kzExchange: Number(process.env.PAIR_KZ_EXCHANGE_PORT ?? 9442),
});
const env = (n: (typeof NODES)[number]) => pairEnv(n, { pollMs: 1000, logLevel: process.env.LOG_LEVEL ?? 'warn' });

const marker = path.join(ROOT, 'introduced');
if (!fs.existsSync(marker)) {
  console.log('First start of the pair: preparing two nodes and introducing them to each other…');
  for (const line of await introducePair(NODES)) console.log(`  ${line}`);
  fs.writeFileSync(marker, new Date().toISOString());
}
await buildWebIfStale();
const entry = await buildServerIfStale();

const children: ChildProcess[] = [];
for (const n of NODES) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, entry], { env: { ...process.env, ...env(n) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line: string) => `[${n.nodeId}] ${line}`;
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) console.log(prefix(line));
    });
  child.on('exit', (code) => {
    console.log(prefix(`exited with ${code}`));
    for (const c of children) if (c !== child) c.kill('SIGTERM');
    process.exitCode = code ?? 1;
  });
  children.push(child);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => children.forEach((c) => c.kill(signal)));

console.log(`
  Two nodes are starting (password of every user: ${PAIR_PASSWORD}):
    Russian node   http://127.0.0.1:${NODES[0]!.port}   ore-officer, ore-deputy (Orenburg), gumps, ru-admin
    Kazakh node    http://127.0.0.1:${NODES[1]!.port}   akt-officer, akt-head (Aktobe), dms, kz-admin
  Draft a request in Orenburg to Aktobe, sign it as the deputy and send it: it appears in Aktobe's
  incoming journal within seconds; register it there and the number comes back to Orenburg.
  The link with the other node: «Связь с узлом» (administrators and coordinators).
`);
