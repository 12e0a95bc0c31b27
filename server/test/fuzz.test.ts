import { Writable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializers } from '../app.ts';
import { loginThrottle, offices, users } from '../db/schema.ts';
import { createTestContext, TAG, type Client, type TestContext } from './build-test-app.ts';
import { FIXTURE_USERS, type FixtureUser } from './fixtures.ts';
import { caseArb, jsonText, MARK, multipartBody, pathText, queryText, validArb, type FuzzCase, type Operation, type Pools } from './fuzz-cases.ts';

/**
 * Every route of the OpenAPI document gets a few hundred generated bad requests with a live session
 * of users of different roles (so handlers are reached, not only refusals), on real objects and on
 * garbage ids. Nothing a client sends may produce a 5xx, an answer that shows a stack trace or SQL,
 * or a log line with what was sent. The cases come from fast-check with a fixed seed per route, so a
 * failure reproduces; routes added later are covered without touching this file.
 */
const SEED = 20_260_309;
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ACTORS: FixtureUser[] = ['admin', 'gumps', 'leader', 'auditor', 'oreOfficer', 'oreHead', 'aktOfficer', 'aktHead'];
/** Whatever a body, header or log must never show: code paths, SQL, driver words. */
const LEAKS = [
  /\bat .*\.(?:ts|js|mjs):\d+/,
  /node_modules/,
  /Failed query/i,
  /\bselect\b[^"]{0,200}\bfrom\b/i,
  /\binsert into\b/i,
  /\bupdate \S+ set\b/i,
  /violates .{0,80}constraint/i,
  /syntax error at or near/i,
  /\bSQLSTATE\b/,
];
const JSON_TYPES = /json|text|html/;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

describe(`security: fuzz of every route of the OpenAPI document ${TAG}`, () => {
  let ctx: TestContext;
  let log = '';
  const clients = new Map<FixtureUser, Client>();
  let paths: Record<string, Record<string, Operation & { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
  const pools: Pools = { ids: new Map(), values: new Map() };
  let passwordHash = '';
  const officeIds = new Map<string, string>();

  const add = (map: Map<string, unknown[]>, key: string, value: unknown, cap = 40) => {
    const list = map.get(key) ?? [];
    if (list.length < cap && !list.includes(value)) list.push(value);
    map.set(key, list);
  };
  const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);

  /** Ids by resource (`items`, `attachments` …) and short values by property name, from an answer. */
  function collect(resource: string, body: unknown): void {
    if (body && typeof body === 'object' && !Array.isArray(body) && isUuid((body as { id?: unknown }).id))
      add(pools.ids as Map<string, unknown[]>, resource, (body as { id: string }).id);
    const stack: { value: unknown; key: string }[] = [{ value: body, key: resource }];
    while (stack.length) {
      const { value, key } = stack.pop()!;
      if (Array.isArray(value)) {
        for (const v of value) {
          if (v && typeof v === 'object' && isUuid((v as { id?: unknown }).id))
            add(pools.ids as Map<string, unknown[]>, key === 'items' ? resource : key, (v as { id: string }).id);
          stack.push({ value: v, key });
        }
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if ((typeof v === 'string' && v.length <= 60 && !v.includes(MARK)) || (k === 'version' && typeof v === 'number')) add(pools.values, k, v, 20);
          if (v && typeof v === 'object') stack.push({ value: v, key: k });
        }
      }
    }
  }

  const lastStatic = (path: string) =>
    path
      .split('/')
      .filter((s) => s && !s.startsWith('{'))
      .at(-1) ?? '';

  /** Fixture users get their roles, office and password back, and no lockout: a fuzzed admin call may have changed them. */
  async function restoreActors(): Promise<void> {
    for (const u of ACTORS) {
      await ctx.database.db
        .update(users)
        .set({
          roles: [...FIXTURE_USERS[u].roles],
          officeId: officeIds.get(FIXTURE_USERS[u].office)!,
          disabledAt: null,
          passwordHash,
          mustChangePassword: false,
        })
        .where(inArray(users.login, [u.toLowerCase()]));
    }
    await ctx.database.db.delete(loginThrottle);
  }

  async function relogin(u: FixtureUser): Promise<void> {
    await restoreActors();
    clients.set(u, await ctx.as(u));
  }

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        log += chunk.toString();
        cb();
      },
    });
    ctx = await createTestContext({ logger: { level: 'info', stream, serializers }, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
    for (const o of await ctx.database.db.select({ id: offices.id, code: offices.code }).from(offices)) officeIds.set(o.code, o.id);
    passwordHash = (
      await ctx.database.db
        .select({ h: users.passwordHash })
        .from(users)
        .where(inArray(users.login, ['admin']))
    )[0]!.h;
    for (const u of ACTORS) clients.set(u, await ctx.as(u));
    const c = (u: FixtureUser) => clients.get(u)!;
    const keep = <T extends { status: number; body: unknown }>(resource: string, res: T): T => {
      collect(resource, res.body);
      return res;
    };

    // Objects of every kind, in several states, so the handlers behind the ids have something to work on.
    const ore = officeIds.get('RU-ORE')!;
    expect(
      keep(
        'contacts',
        await c('oreOfficer').post(`/api/v1/offices/${ore}/contacts`, {
          surname: 'Фаззов',
          firstName: 'Фёдор',
          position: 'прокурор',
          phone: '+7 3532 11-11-11',
          email: 'fuzz@prok.example',
        }),
      ).status,
    ).toBe(201);
    const upload = async (u: FixtureUser, url: string, name: string) => {
      const { contentType, payload } = multipartBody('valid', name, 0);
      return ctx.app.inject({ method: 'POST', url, headers: { cookie: c(u).cookie, 'x-csrf-token': c(u).csrfToken, 'content-type': contentType }, payload });
    };
    const item = keep(
      'items',
      await c('oreOfficer').post('/api/v1/items', {
        kind: 'request',
        toOfficeCode: 'KZ-AKT',
        subject: 'О проверке',
        essence: 'Суть',
        purpose: 'Цель',
        assistance: 'Содействие',
        form: 'crime_information',
        confidentiality: 'restricted',
      }),
    ).body;
    const attached = (await upload('oreOfficer', `/api/v1/items/${item.id}/attachments?role=content&version=${item.version}`, 'справка.pdf')).json();
    const signed = await c('oreHead').post(`/api/v1/items/${item.id}/sign`, { version: attached.version });
    const sent = await c('oreOfficer').post(`/api/v1/items/${item.id}/send`, { outgoingNumber: '1', outgoingDate: '2026-03-02', version: signed.body.version });
    expect(
      (await c('aktOfficer').post(`/api/v1/items/${item.id}/register`, { incomingNumber: '2', incomingDate: '2026-03-02', version: sent.body.version })).body
        .status,
    ).toBe('registered');
    keep('consents', await c('aktOfficer').post(`/api/v1/items/${item.id}/consents`, { purpose: 'иная цель', justification: 'обоснование' }));
    const draft = keep('items', await c('oreOfficer').post('/api/v1/items', { kind: 'proposal', toOfficeCode: 'KZ-AKT', subject: 'Черновик' })).body;
    await upload('oreOfficer', `/api/v1/items/${draft.id}/attachments?role=content&version=${draft.version}`, 'черновик.pdf');
    const event = keep(
      'events',
      await c('oreOfficer').post('/api/v1/events', { title: 'Семинар', participants: [{ side: 'own', fullName: 'Участник', position: 'прокурор' }] }),
    ).body;
    await upload('oreOfficer', `/api/v1/events/${event.id}/attachments?role=proposal`, 'программа.pdf');
    await c('oreOfficer').put('/api/v1/annual-blocks/RU-ORE/2026', { proposals: 'предложения', version: null });
    // A small attachment limit, so a file "over the limit" costs one megabyte, not 25.
    expect((await c('admin').patch('/api/v1/settings', { attachmentMaxMb: 1 })).status).toBe(200);

    paths = (await ctx.anonymous.get('/api/openapi.json')).body.paths;
    // Crawl: every list, then every object, as users of several roles; ids and values go into the pools.
    const crawlers: FixtureUser[] = ['admin', 'gumps', 'oreOfficer', 'aktHead', 'auditor'];
    const json = (op: { responses?: Record<string, { content?: Record<string, unknown> }> }) => Boolean(op.responses?.['200']?.content?.['application/json']);
    const required = (op: Operation) =>
      queryText(
        Object.fromEntries(
          (op.parameters ?? [])
            .filter((p) => p.in === 'query' && p.required)
            .map((p) => [p.name, String(fc.sample(validArb(p.schema, p.name, pools), { seed: SEED, numRuns: 1 })[0])]),
        ),
      );
    for (const [path, ops] of Object.entries(paths)) {
      if (!ops.get || path.includes('{') || !json(ops.get)) continue;
      for (const u of crawlers) {
        const res = await c(u).get(path + required(ops.get));
        if (res.status === 200) collect(lastStatic(path), res.body);
      }
    }
    for (const [path, ops] of Object.entries(paths)) {
      if (!ops.get || !path.includes('{') || !json(ops.get)) continue;
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const segments = path.split('/');
      const firstIds = (pools.ids.get(segments[segments.indexOf(`{${names[0]}}`) - 1] ?? '') ?? []).slice(0, 4);
      for (const id of firstIds) {
        const params = Object.fromEntries(
          names.map((n, i) => [
            n,
            i === 0 ? id : String(fc.sample(validArb((ops.get!.parameters ?? []).find((p) => p.name === n)!.schema, n, pools), { seed: SEED, numRuns: 1 })[0]),
          ]),
        );
        for (const u of crawlers) {
          const res = await c(u).get(pathText(path, params) + required(ops.get));
          if (res.status === 200) collect(lastStatic(path), res.body);
        }
      }
    }
  }, 300_000);
  afterAll(async () => ctx?.close());

  it('security: no generated request gets a 5xx, a stack trace or SQL in its answer, or its values into the log', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const byMutation = new Map<string, number>();
    const codes = new Map<string, number>();
    const rules = new Map<string, number>();
    const slow: [string, number][] = [];
    const unreached: string[] = [];
    let sent = 0;
    const started = Date.now();
    const oversize = 1024 * 1024 + 1024;

    for (const [path, ops] of Object.entries(paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const method = m.toUpperCase();
        const route = `${method} ${path}`;
        const seed = (SEED ^ hash(route)) >>> 0;
        const cases = fc.sample(caseArb(method, path, op, ACTORS, pools), { seed, numRuns: RUNS });
        await restoreActors();
        const routeStarted = Date.now();
        let reached = false;
        for (const [index, c] of cases.entries()) {
          const res = await send(method, path, c, oversize);
          sent++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const kind = `${c.mutation.split('.')[0]} ${res.statusCode}`;
          if (process.env.FUZZ_DEBUG) process.stdout.write(`fuzz ${route} #${index} ${c.user} [${c.mutation}] → ${res.statusCode} ${res.body.slice(0, 160)}\n`);
          byMutation.set(kind, (byMutation.get(kind) ?? 0) + 1);
          const type = String(res.headers['content-type'] ?? '');
          const text = JSON_TYPES.test(type) ? res.body : '';
          const what = () =>
            `${route} case ${index} (seed ${seed}) as ${c.user} [${c.mutation}] ${res.url.slice(0, 160)} → ${res.statusCode} ${text.slice(0, 200)}`;
          if (res.statusCode >= 500) failures.push(what());
          // Past the session, the input checks and the schemas: the handler itself answered.
          if (![400, 401, 403, 413, 414, 415, 429].includes(res.statusCode)) reached = true;
          const leak = LEAKS.find((re) => re.test(text) || re.test(JSON.stringify(res.headers)));
          if (leak) failures.push(`${what()} shows ${leak}`);
          // A fuzzed call may have ended the session (logout, a disabled user, a changed password): log in again.
          const answer =
            /^application\/json\b/.test(type) && text.startsWith('{')
              ? (JSON.parse(text) as { code?: string; details?: { issues?: { rule?: string }[] } })
              : undefined;
          const code = answer?.code;
          if (code && res.statusCode >= 400) codes.set(code, (codes.get(code) ?? 0) + 1);
          for (const rule of new Set((answer?.details?.issues ?? []).map((i) => i.rule))) rules.set(String(rule), (rules.get(String(rule)) ?? 0) + 1);
          if (path !== '/api/v1/auth/login' && (res.statusCode === 401 || code === 'PASSWORD_CHANGE_REQUIRED')) await relogin(c.user as FixtureUser);
        }
        slow.push([route, Date.now() - routeStarted]);
        if (!reached) unreached.push(route);
      }
    }

    const summary = {
      driver: TAG,
      routes: slow.length,
      requests: sent,
      seconds: Math.round((Date.now() - started) / 1000),
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      mutations: Object.fromEntries([...byMutation].sort()),
      codes: Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])),
      rules: Object.fromEntries([...rules].sort((a, b) => b[1] - a[1]).slice(0, 25)),
      handlersReached: slow.length - unreached.length,
      unreached,
      slowest: [...slow]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([r, ms]) => `${r} ${ms} ms`),
    };
    // What the database refused (mapped to a 4xx by SQLSTATE): each is input the validation let through.
    const lines = log.split('\n');
    const routeOf = new Map<string, string>();
    const refused = new Map<string, number>();
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { reqId?: string; msg?: string; req?: { method: string; url: string }; err?: { sqlstate?: string } };
      if (entry.msg === 'incoming request' && entry.reqId && entry.req) routeOf.set(entry.reqId, `${entry.req.method} ${entry.req.url}`);
      if (entry.msg === 'database refused the statement') {
        const key = `${routeOf.get(entry.reqId ?? '') ?? '?'} ${entry.err?.sqlstate}`;
        refused.set(key, (refused.get(key) ?? 0) + 1);
      }
    }
    process.stdout.write(`fuzz summary ${JSON.stringify({ ...summary, databaseRefusals: Object.fromEntries(refused) }, null, 1)}\n`);
    expect(failures.slice(0, 40)).toEqual([]);
    expect(sent).toBe(slow.length * RUNS);
    // The cases get past validation: nearly every route's handler ran (a route its users can never
    // reach with a generated body would show here, and then needs better hints in fuzz-cases.ts).
    expect(unreached.length).toBeLessThanOrEqual(Math.floor(slow.length / 10));

    // The log was written, and none of what the fuzz sent reached it; no error went unhandled.
    expect(log).toContain('incoming request');
    expect(lines.filter((l) => l.includes(MARK)).slice(0, 3)).toEqual([]);
    expect(lines.filter((l) => l.includes('"level":50')).slice(0, 3)).toEqual([]);
  }, 900_000);

  async function send(method: string, path: string, c: FuzzCase, oversize: number) {
    const client = clients.get(c.user as FixtureUser)!;
    const headers: Record<string, string> = { cookie: client.cookie, 'x-csrf-token': client.csrfToken };
    let payload: string | Buffer | undefined;
    if (c.body.kind === 'json') {
      payload = jsonText(c.body.value);
      headers['content-type'] = 'application/json';
    } else if (c.body.kind === 'raw') {
      payload = c.body.text;
      if (c.body.contentType) headers['content-type'] = c.body.contentType;
    } else if (c.body.kind === 'multipart') {
      const mp = multipartBody(c.body.variant, c.body.fileName, oversize);
      payload = mp.payload;
      headers['content-type'] = mp.contentType;
    }
    const url = pathText(path, c.params) + queryText(c.query);
    const res = await ctx.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
    return { statusCode: res.statusCode, headers: res.headers, body: res.body, url };
  }
});
