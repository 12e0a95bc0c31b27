import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { systemClock } from '../domain/time.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { resolveSigningSecret } from '../server/lib/secrets.ts';
import { fileStore } from '../server/lib/storage.ts';
import { hashPassword } from '../server/modules/auth/index.ts';
import { ensureNodeTls, openTrustBundle, peerOf, trustBundle } from '../server/modules/exchange/index.ts';
import { upsertPeer } from '../server/modules/exchange/exchange.repository.ts';
import { ed25519Provider } from '../server/modules/signing/index.ts';
import { prepareDatabase } from '../server/prepare.ts';
import { buildWebIfStale } from './build-web.ts';

/**
 * `npm run start:pair`: a Russian and a Kazakh node on loopback, each with its own data directory,
 * keys, TLS certificate and users, each trusting the other — so that a request can be followed from
 * Orenburg to Aktobe and back. On first start the nodes are prepared and introduced to each other
 * (what two administrators do by exchanging trust bundles and reading the hashes to each other);
 * later starts reuse the data in `./data-pair`.
 */

const ROOT = path.resolve(process.env.PAIR_DIR ?? './data-pair');
const PASSWORD = 'Pair-Demo-2026!';

interface NodeSpec {
  party: 'RU' | 'KZ';
  nodeId: string;
  port: number;
  exchangePort: number;
  dir: string;
  users: { login: string; office: string; roles: string[]; fullName: string }[];
}

const NODES: NodeSpec[] = [
  {
    party: 'RU',
    nodeId: 'ru-node',
    port: Number(process.env.PAIR_RU_PORT ?? 8081),
    exchangePort: Number(process.env.PAIR_RU_EXCHANGE_PORT ?? 9441),
    dir: path.join(ROOT, 'ru'),
    users: [
      { login: 'ru-admin', office: 'RU-GP-GUMPS', roles: ['admin'], fullName: 'Администратор Узла РФ' },
      { login: 'ore-officer', office: 'RU-ORE', roles: ['officer'], fullName: 'Исполнителева Анна Сергеевна' },
      { login: 'ore-deputy', office: 'RU-ORE', roles: ['deputy_head'], fullName: 'Заместителев Антон Павлович' },
      { login: 'gumps', office: 'RU-GP-GUMPS', roles: ['coordinator'], fullName: 'Координаторов Иван Петрович' },
    ],
  },
  {
    party: 'KZ',
    nodeId: 'kz-node',
    port: Number(process.env.PAIR_KZ_PORT ?? 8082),
    exchangePort: Number(process.env.PAIR_KZ_EXCHANGE_PORT ?? 9442),
    dir: path.join(ROOT, 'kz'),
    users: [
      { login: 'kz-admin', office: 'KZ-GP-DMS', roles: ['admin'], fullName: 'Әкімші Түйін ҚР' },
      { login: 'akt-officer', office: 'KZ-AKT', roles: ['officer'], fullName: 'Серикбаев Нурлан Ерланович' },
      { login: 'akt-head', office: 'KZ-AKT', roles: ['head'], fullName: 'Жумабеков Ерлан Маратович' },
      { login: 'dms', office: 'KZ-GP-DMS', roles: ['coordinator'], fullName: 'Үйлестіруші Асқар' },
    ],
  },
];

function env(n: NodeSpec): Record<string, string> {
  return {
    NODE_PARTY: n.party,
    NODE_ID: n.nodeId,
    DATA_DIR: n.dir,
    HOST: '127.0.0.1',
    PORT: String(n.port),
    PUBLIC_URL: `http://127.0.0.1:${n.port}`,
    EXCHANGE_PORT: String(n.exchangePort),
    EXCHANGE_URL: `https://127.0.0.1:${n.exchangePort}`,
    EXCHANGE_POLL_MS: '1000',
    COOKIE_SECURE: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
}

async function withNode<T>(n: NodeSpec, work: (c: { config: Config; db: Awaited<ReturnType<typeof openDatabase>> }) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, ...env(n), DATABASE_URL: '' });
  const db = await openDatabase({ dataDir: config.dataDir });
  try {
    return await work({ config, db });
  } finally {
    await db.close();
  }
}

/** First start: each node prepared, with its users, certificate and keys; then each imports the other's bundle. */
async function introduce(): Promise<void> {
  const bundles = new Map<string, string>();
  for (const n of NODES) {
    await withNode(n, async ({ config, db }) => {
      await prepareDatabase(db, config, systemClock);
      const hash = await hashPassword(PASSWORD);
      for (const u of n.users) {
        await db.db.execute(sql`insert into users (id, login, full_name, office_id, roles, locale, password_hash, created_at, updated_at)
          select ${uuidv7()}, ${u.login}, ${u.fullName}, id, ${`{${u.roles.join(',')}}`}::text[], ${n.party === 'KZ' ? 'kk' : 'ru'}, ${hash}, now(), now()
          from offices where code = ${u.office} on conflict (login) do nothing`);
      }
      await ensureNodeTls(config);
      const deps = {
        db: db.db,
        driver: db.driver,
        clock: systemClock,
        config,
        signer: ed25519Provider(resolveSigningSecret(config)),
        files: fileStore(config.filesDir),
      };
      bundles.set(n.nodeId, (await trustBundle(deps)).jws);
    });
  }
  for (const n of NODES) {
    const other = NODES.find((o) => o !== n)!;
    await withNode(n, async ({ db }) => {
      const opened = (await openTrustBundle(bundles.get(other.nodeId)!))!;
      const b = opened.bundle;
      await upsertPeer(db.db, peerOf(b, b.nodeId), new Date());
      // The other Party's offices work at the peer node (what the registry page's hosting does).
      await db.db.execute(sql`update offices set hosting = 'peer', peer_name = ${b.nodeId}, peer_url = ${b.url} where party = ${other.party}`);
      console.log(`  ${n.nodeId} trusts ${b.nodeId}: bundle ${opened.payloadHash}`);
    });
  }
}

const marker = path.join(ROOT, 'introduced');
if (!fs.existsSync(marker)) {
  console.log('First start of the pair: preparing two nodes and introducing them to each other…');
  await introduce();
  fs.writeFileSync(marker, new Date().toISOString());
}
await buildWebIfStale();

const children: ChildProcess[] = [];
for (const n of NODES) {
  const child = spawn(process.execPath, ['server/main.ts'], { env: { ...process.env, ...env(n) }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  Two nodes are starting (password of every user: ${PASSWORD}):
    Russian node   http://127.0.0.1:${NODES[0]!.port}   ore-officer, ore-deputy (Orenburg), gumps, ru-admin
    Kazakh node    http://127.0.0.1:${NODES[1]!.port}   akt-officer, akt-head (Aktobe), dms, kz-admin
  Draft a request in Orenburg to Aktobe, sign it as the deputy and send it: it appears in Aktobe's
  incoming journal within seconds; register it there and the number comes back to Orenburg.
  The link with the other node: «Связь с узлом» (administrators and coordinators).
`);
