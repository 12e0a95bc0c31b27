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

/**
 * A Russian and a Kazakh node on loopback, each with its own data directory, keys, TLS certificate
 * and users, introduced to each other: what `npm run start:pair` runs and what the two-process
 * exchange tests start.
 */

/** The password of every user of the pair. */
export const PAIR_PASSWORD = 'Pair-Demo-2026!';

export interface PairNode {
  party: 'RU' | 'KZ';
  nodeId: string;
  port: number;
  exchangePort: number;
  dir: string;
  /**
   * PostgreSQL instead of PGlite in `dir`: the role the server runs as (DATABASE_URL) and the schema
   * owner's URL (MIGRATION_DATABASE_URL), on an empty database. Files and the TLS identity stay in `dir`.
   */
  postgres?: { url: string; ownerUrl: string };
  users: { login: string; office: string; roles: string[]; fullName: string }[];
}

export interface PairPorts {
  ru: number;
  ruExchange: number;
  kz: number;
  kzExchange: number;
}

/** The two nodes under `root` (`root/ru`, `root/kz`), the Russian one first. */
export function pairNodes(root: string, ports: PairPorts): [PairNode, PairNode] {
  return [
    {
      party: 'RU',
      nodeId: 'ru-node',
      port: ports.ru,
      exchangePort: ports.ruExchange,
      dir: path.join(root, 'ru'),
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
      port: ports.kz,
      exchangePort: ports.kzExchange,
      dir: path.join(root, 'kz'),
      users: [
        { login: 'kz-admin', office: 'KZ-GP-DMS', roles: ['admin'], fullName: 'Әкімші Түйін ҚР' },
        { login: 'akt-officer', office: 'KZ-AKT', roles: ['officer'], fullName: 'Серикбаев Нурлан Ерланович' },
        { login: 'akt-head', office: 'KZ-AKT', roles: ['head'], fullName: 'Жумабеков Ерлан Маратович' },
        { login: 'dms', office: 'KZ-GP-DMS', roles: ['coordinator'], fullName: 'Үйлестіруші Асқар' },
      ],
    },
  ];
}

/** The environment of a node's server process (on top of the caller's); `pollMs`: how often its relay runs. */
export function pairEnv(n: PairNode, opts: { pollMs?: number; logLevel?: string } = {}): Record<string, string> {
  return {
    NODE_PARTY: n.party,
    NODE_ID: n.nodeId,
    DATA_DIR: n.dir,
    DATABASE_URL: n.postgres?.url ?? '',
    MIGRATION_DATABASE_URL: n.postgres?.ownerUrl ?? '',
    HOST: '127.0.0.1',
    PORT: String(n.port),
    PUBLIC_URL: `http://127.0.0.1:${n.port}`,
    EXCHANGE_PORT: String(n.exchangePort),
    EXCHANGE_URL: `https://127.0.0.1:${n.exchangePort}`,
    EXCHANGE_POLL_MS: String(opts.pollMs ?? 1000),
    COOKIE_SECURE: 'false',
    LOG_LEVEL: opts.logLevel ?? 'warn',
  };
}

async function withNode<T>(n: PairNode, work: (c: { config: Config; db: Awaited<ReturnType<typeof openDatabase>> }) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, ...pairEnv(n) });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work({ config, db });
  } finally {
    await db.close();
  }
}

/**
 * First start of a pair (no server running on the directories or databases): each node prepared, with
 * its users, certificate and keys; then each imports the other's bundle and hosts the other
 * Party's offices at it — what two administrators do by exchanging trust bundles and reading the
 * hashes to each other. Returns one line per node naming the bundle hash it trusts.
 */
export async function introducePair(nodes: readonly [PairNode, PairNode]): Promise<string[]> {
  const bundles = new Map<string, string>();
  for (const n of nodes) {
    await withNode(n, async ({ config, db }) => {
      await prepareDatabase(db, config, systemClock);
      const hash = await hashPassword(PAIR_PASSWORD);
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
  const lines: string[] = [];
  for (const n of nodes) {
    const other = nodes.find((o) => o !== n)!;
    await withNode(n, async ({ db }) => {
      const opened = (await openTrustBundle(bundles.get(other.nodeId)!))!;
      const b = opened.bundle;
      await upsertPeer(db.db, peerOf(b, b.nodeId), new Date());
      // The other Party's offices work at the peer node (what the registry page's hosting does).
      await db.db.execute(sql`update offices set hosting = 'peer', peer_name = ${b.nodeId}, peer_url = ${b.url} where party = ${other.party}`);
      lines.push(`${n.nodeId} trusts ${b.nodeId}: bundle ${opened.payloadHash}`);
    });
  }
  return lines;
}
