import { sql } from 'drizzle-orm';
import type { PeerRequest, PeerResponse, PeerTransport } from '../modules/exchange/index.ts';
import { openTrustBundle, peerOf, relayOnce, requestGaps, trustBundle, escalateWaiting } from '../modules/exchange/index.ts';
import { upsertPeer } from '../modules/exchange/exchange.repository.ts';
import { ensureNodeTls } from '../modules/exchange/exchange.tls.ts';
import type { SignatureProvider, SignatureProviders } from '../modules/signing/signer.ts';
import { createTestContext, type TestContext } from './build-test-app.ts';

/**
 * Two nodes in one process — a Russian and a Kazakh one, each with its own database, keys, file
 * store and clock — joined by a link that injects faults: it drops, duplicates, reorders, delays,
 * cuts the connection after the peer processed a request (the answer is lost), corrupts bytes, and
 * replays recorded requests. Each node has imported the other's trust bundle, and hosts the other
 * Party's offices at it.
 */

export type Fault = 'drop' | 'duplicate' | 'cut' | 'corrupt' | 'delay';

export interface LinkStats {
  requests: number;
  faults: Record<Fault, number>;
}

export class FaultyLink {
  down = false;
  /** Probability of each fault per request (0..1), drawn from `random`. */
  rates: Partial<Record<Fault, number>> = {};
  stats: LinkStats = { requests: 0, faults: { drop: 0, duplicate: 0, cut: 0, corrupt: 0, delay: 0 } };
  recorded: { to: TestContext; req: PeerRequest }[] = [];
  private delayed: { to: TestContext; req: PeerRequest }[] = [];
  private random: () => number;
  constructor(random: () => number = Math.random) {
    this.random = random;
  }

  private hit(f: Fault): boolean {
    const r = this.rates[f] ?? 0;
    if (r > 0 && this.random() < r) {
      this.stats.faults[f]++;
      return true;
    }
    return false;
  }

  transportTo(target: TestContext): PeerTransport {
    return {
      send: async (_peer, req) => {
        this.stats.requests++;
        if (this.down) throw Object.assign(new Error('link down'), { code: 'ECONNREFUSED' });
        this.recorded.push({ to: target, req });
        if (this.hit('drop')) throw Object.assign(new Error('dropped'), { code: 'ECONNRESET' });
        if (this.hit('delay')) {
          // Delivered later, after requests sent after it (a reordering); the sender sees a timeout.
          this.delayed.push({ to: target, req });
          throw Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
        }
        let body = req.body;
        if (typeof body === 'string' && body.length > 40 && this.hit('corrupt')) body = corrupted(body);
        if (this.hit('duplicate')) await deliver(target, { ...req, body });
        const res = await deliver(target, { ...req, body });
        if (this.hit('cut')) throw Object.assign(new Error('connection cut'), { code: 'ECONNRESET' });
        return res;
      },
    };
  }

  /** Delivers what was delayed, in reverse order. */
  async flushDelayed(): Promise<number> {
    const late = this.delayed.splice(0).reverse();
    for (const d of late) await deliver(d.to, d.req).catch(() => undefined);
    return late.length;
  }

  /** Sends a recorded request again, as an attacker or a confused proxy would. */
  async replay(i: number): Promise<PeerResponse> {
    const r = this.recorded[i]!;
    return deliver(r.to, r.req);
  }
}

/**
 * One character changed: in a signed message, inside its first node signature (so the message stays
 * readable and fails its signature check whatever the payload's bytes are); otherwise in the middle.
 */
function corrupted(body: string): string {
  const flip = (text: string, i: number) => text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
  try {
    const jws = JSON.parse(body) as { payload?: unknown; signatures?: { signature?: unknown }[] };
    const first = jws.signatures?.[0];
    if (typeof jws.payload === 'string' && typeof first?.signature === 'string') {
      first.signature = flip(first.signature, Math.floor(first.signature.length / 2));
      return JSON.stringify(jws);
    }
  } catch {
    // not JSON: the middle of the bytes
  }
  return flip(body, Math.floor(body.length / 2));
}

async function deliver(target: TestContext, req: PeerRequest): Promise<PeerResponse> {
  const res = await target.app.inject({
    method: req.method,
    url: req.path,
    headers: { ...req.headers, ...(req.contentType ? { 'content-type': req.contentType } : {}) },
    ...(req.body !== undefined ? { payload: req.body } : {}),
  });
  return { status: res.statusCode, body: res.body };
}

/** A complete request from Orenburg to Aktobe; `n` makes its subject and outgoing number unique. */
export const peerRequest = (n: number) => ({
  kind: 'request',
  toOfficeCode: 'KZ-AKT',
  subject: `О предоставлении сведений № ${n}`,
  essence: 'Установлены факты перемещения товаров через пункт пропуска.',
  purpose: 'Проверка сведений о нарушениях таможенного законодательства.',
  assistance: 'Просим сообщить сведения о лицах, перемещавших товары.',
  form: 'crime_information',
  priorityAreas: ['drug_trafficking'],
  confidentiality: 'official_use',
  language: 'ru',
});

/** Today in Orenburg on the Russian node's clock: the outgoing date a letter sent now may bear. */
const orenburgToday = (pair: Pick<Pair, 'ru'>) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Yekaterinburg' }).format(pair.ru.clock.now());

/** Orenburg drafts a request, its deputy signs it and the officer sends it: three actions queued for the Kazakh node. */
export async function sendRequest(pair: Pick<Pair, 'ru'>, n: number): Promise<string> {
  const [officer, deputy] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('oreDeputy')]);
  const draft = await officer.post('/api/v1/items', peerRequest(n));
  const signed = await deputy.post(`/api/v1/items/${draft.body.id}/sign`, { version: draft.body.version });
  const sent = await officer.post(`/api/v1/items/${draft.body.id}/send`, {
    outgoingNumber: `7-${n}`,
    outgoingDate: orenburgToday(pair),
    version: signed.body.version,
  });
  if (sent.body.status !== 'sent') throw new Error(`the request was not sent: ${JSON.stringify(sent.body)}`);
  return draft.body.id as string;
}

export interface Pair {
  ru: TestContext;
  kz: TestContext;
  link: FaultyLink;
  toKz: PeerTransport;
  toRu: PeerTransport;
  /** Moves both clocks. */
  advance(ms: number): void;
  /** Runs both relays (and the gap requests) until nothing is due, at most `rounds` passes; returns the messages delivered. */
  pump(rounds?: number): Promise<number>;
  close(): Promise<void>;
}

async function trust(from: TestContext, into: TestContext): Promise<void> {
  const { jws } = await trustBundle(from.deps);
  const { bundle } = (await openTrustBundle(jws))!;
  await upsertPeer(into.database.db, peerOf(bundle, bundle.nodeId), into.clock.now());
}

/** `env`: more configuration of either node (METRICS_TOKEN, …). */
export async function createPair(
  opts: {
    now?: string;
    random?: () => number;
    tls?: boolean;
    env?: { ru?: Record<string, string>; kz?: Record<string, string> };
    /** Either node's document signature providers (createTestContext's `signatures`). */
    signatures?: { ru?: (signer: SignatureProvider) => SignatureProviders; kz?: (signer: SignatureProvider) => SignatureProviders };
  } = {},
): Promise<Pair> {
  const now = opts.now ?? '2026-03-02T05:00:00Z';
  const [ru, kz] = await Promise.all([
    createTestContext({
      now,
      env: { NODE_PARTY: 'RU', NODE_ID: 'ru-node', PUBLIC_URL: 'https://ru.test', ...opts.env?.ru },
      ...(opts.signatures?.ru ? { signatures: opts.signatures.ru } : {}),
    }),
    createTestContext({
      now,
      env: { NODE_PARTY: 'KZ', NODE_ID: 'kz-node', PUBLIC_URL: 'https://kz.test', ...opts.env?.kz },
      ...(opts.signatures?.kz ? { signatures: opts.signatures.kz } : {}),
    }),
  ]);
  // With `tls`, each node has its exchange certificate before the bundles are made (its bundle carries it).
  if (opts.tls) await Promise.all([ensureNodeTls(ru.config), ensureNodeTls(kz.config)]);
  await trust(kz, ru);
  await trust(ru, kz);
  // Each hosts the other Party's offices at the other node (the registry's hosting; set directly here, the registry tests cover the page).
  await ru.database.db.execute(sql`update offices set hosting = 'peer', peer_name = 'kz-node', peer_url = 'https://kz.test' where party = 'KZ'`);
  await kz.database.db.execute(sql`update offices set hosting = 'peer', peer_name = 'ru-node', peer_url = 'https://ru.test' where party = 'RU'`);
  const link = new FaultyLink(opts.random);
  const toKz = link.transportTo(kz);
  const toRu = link.transportTo(ru);
  const pair: Pair = {
    ru,
    kz,
    link,
    toKz,
    toRu,
    advance(ms) {
      ru.clock.advance(ms);
      kz.clock.advance(ms);
    },
    async pump(rounds = 50) {
      let total = 0;
      for (let i = 0; i < rounds; i++) {
        const a = await relayOnce(ru.deps, toKz);
        const b = await relayOnce(kz.deps, toRu);
        await requestGaps(ru.deps, toKz);
        await requestGaps(kz.deps, toRu);
        await escalateWaiting(ru.deps);
        await escalateWaiting(kz.deps);
        total += a.delivered + b.delivered;
        if (a.delivered + a.failed + a.rejected + b.delivered + b.failed + b.rejected === 0) {
          if ((await link.flushDelayed()) === 0) break;
        }
        // Let the back-off of what failed expire, as time would (sessions may expire with it).
        if (a.failed + b.failed > 0) pair.advance(3600_000);
      }
      return total;
    },
    async close() {
      await Promise.all([ru.close(), kz.close()]);
    },
  };
  return pair;
}
