import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import { escalateWaiting } from './exchange.outbox.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
const T0 = '2026-03-02T05:00:00Z';

/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line is empty, a HELP, a TYPE or
 * a sample; every sample belongs to a family declared by TYPE before it; values are floats. Anything
 * else throws, naming the line.
 */
function parseExposition(text: string): Map<string, number> {
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const labelValue = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
  const labels = `\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=${labelValue}(?:,[a-zA-Z_][a-zA-Z0-9_]*=${labelValue})*,?)?\\}`;
  // A float as Go's ParseFloat reads it: NaN and Inf in any case (prom-client writes `Nan`).
  const value = '(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?[iI][nN][fF]|[nN][aA][nN])';
  const sample = new RegExp(`^(${name})(${labels})? (${value})(?: -?\\d+)?$`);
  const help = new RegExp(`^# HELP (${name}) .*$`);
  const type = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`);
  const families = new Set<string>();
  const out = new Map<string, number>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.slice(0, -1).split('\n')) {
    // The format ignores empty lines (prom-client puts one between families).
    if (line === '' || help.test(line)) continue;
    const t = type.exec(line);
    if (t) {
      families.add(t[1]!);
      continue;
    }
    const s = sample.exec(line);
    if (!s) throw new Error(`not exposition format: ${JSON.stringify(line)}`);
    const family = s[1]!.replace(/_(bucket|sum|count|total|created)$/, '');
    if (!families.has(s[1]!) && !families.has(family)) throw new Error(`sample without a TYPE: ${line}`);
    const v = s[3]!.toLowerCase();
    out.set(s[1]! + (s[2] ?? ''), v === 'nan' ? NaN : v.endsWith('inf') ? (v.startsWith('-') ? -Infinity : Infinity) : Number(v));
  }
  return out;
}

describe(`exchange: Prometheus metrics ${TAG}`, () => {
  let pair: Pair;
  beforeAll(async () => {
    // Only the Russian node has a token: the Kazakh one shows /metrics unset.
    pair = await createPair({ now: T0, env: { ru: { METRICS_TOKEN: TOKEN } } });
  });
  afterAll(async () => pair?.close());

  const scrape = async (authorization?: string) => pair.ru.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
  const metrics = async () => {
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(res.body);
  };

  it('security: /metrics needs the bearer token (401 without it or with another), and is absent (404) when no token is configured', async () => {
    const none = await scrape();
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body).not.toContain('bc_exchange');
    expect((await scrape(`Bearer ${TOKEN}x`)).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}`)).statusCode).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).statusCode).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}`)).statusCode).toBe(200);
    expect((await pair.kz.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
    const doc = (await pair.ru.anonymous.get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });

  it('A-5.1 the queue, its oldest message’s age, alerts and the last delivery follow the link', async () => {
    let m = await metrics();
    expect(m.get('bc_exchange_queue_depth{peer="kz-node"}')).toBe(0);
    expect(m.get('bc_exchange_oldest_unacked_age_seconds{peer="kz-node"}')).toBe(0);
    expect(m.get('bc_exchange_rejected_messages{peer="kz-node",direction="out"}')).toBe(0);
    expect(m.get('bc_exchange_rejected_messages{peer="kz-node",direction="in"}')).toBe(0);
    expect(m.get('bc_exchange_held_messages{peer="kz-node"}')).toBe(0);
    expect(m.has('bc_exchange_last_success_timestamp_seconds{peer="kz-node"}')).toBe(false);
    // Keys were made when the pair exchanged trust bundles, valid for a year.
    const yearOn = Date.parse('2027-03-02T05:00:00Z') / 1000;
    expect(m.get('bc_exchange_node_key_expiry_timestamp_seconds')).toBe(yearOn);
    expect(m.get('bc_exchange_peer_key_expiry_timestamp_seconds{peer="kz-node"}')).toBe(yearOn);
    expect(m.has('process_cpu_user_seconds_total')).toBe(true);

    pair.link.down = true;
    await sendRequest(pair, 1);

    pair.advance(90_000);
    m = await metrics();
    expect(m.get('bc_exchange_queue_depth{peer="kz-node"}')).toBe(3);
    expect(m.get('bc_exchange_oldest_unacked_age_seconds{peer="kz-node"}')).toBe(90);
    pair.advance(2 * 3600_000);
    expect(await pair.pump(1)).toBe(0); // the link is down: nothing goes
    await escalateWaiting(pair.ru.deps);
    m = await metrics();
    expect(m.get('bc_exchange_queue_depth{peer="kz-node"}')).toBe(3);
    expect(m.get('bc_exchange_oldest_unacked_age_seconds{peer="kz-node"}')).toBeGreaterThanOrEqual(90 + 2 * 3600);
    expect(m.get('bc_exchange_open_alerts{peer="kz-node",kind="undelivered"}')).toBeGreaterThanOrEqual(1);

    pair.link.down = false;
    expect(await pair.pump()).toBe(4);
    m = await metrics();
    expect(m.get('bc_exchange_queue_depth{peer="kz-node"}')).toBe(0);
    expect(m.get('bc_exchange_oldest_unacked_age_seconds{peer="kz-node"}')).toBe(0);
    const lastSuccess = m.get('bc_exchange_last_success_timestamp_seconds{peer="kz-node"}')!;
    expect(lastSuccess).toBeGreaterThan(Date.parse(T0) / 1000 + 2 * 3600);
    expect(lastSuccess).toBeLessThanOrEqual(pair.ru.clock.now().getTime() / 1000);
  });
});
