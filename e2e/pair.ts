import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { introducePair, pairEnv, pairNodes, type PairNode } from '../scripts/pair-setup.ts';
import { freePort } from '../server/test/ports.ts';
import { startServer, type RunningServer } from './harness.ts';

/**
 * Two node processes — Russian and Kazakh — on loopback, introduced to each other as `npm run
 * start:pair` does (mutual TLS + RFC 9421), their relays polling every 300 ms.
 */
export interface NodePair {
  ru: RunningServer;
  kz: RunningServer;
  stop(): Promise<void>;
}

const start = (n: PairNode) => startServer({ dataDir: n.dir, port: n.port, env: { ...pairEnv(n, { pollMs: 300 }), ADMIN_LOGIN: '', ADMIN_PASSWORD: '' } });

export async function startNodePair(name: string): Promise<NodePair> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `bc-e2e-${name}-`));
  const [ruPort, ruExchange, kzPort, kzExchange] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const nodes = pairNodes(root, { ru: ruPort, ruExchange, kz: kzPort, kzExchange });
  await introducePair(nodes);
  const [ru, kz] = await Promise.all([start(nodes[0]), start(nodes[1])]);
  return {
    ru,
    kz,
    async stop() {
      await Promise.all([ru.stop(), kz.stop()]);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Waits until the probe gives something (what crosses between the nodes arrives within seconds). */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
