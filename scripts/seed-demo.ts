import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { desc, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../domain/access.ts';
import { numberingYear } from '../domain/numbering.ts';
import { MIN_PASSWORD_LENGTH } from '../domain/schemas/auth.ts';
import { systemClock } from '../domain/time.ts';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { openDatabase, type Database, type Db } from '../server/db/client.ts';
import { DataDirLockedError } from '../server/db/lock.ts';
import { events as eventsTable, items as itemsTable, offices, pairings, signingKeys, users } from '../server/db/schema.ts';
import { resolveSigningSecret } from '../server/lib/secrets.ts';
import { fileStore } from '../server/lib/storage.ts';
import { prepareDatabase } from '../server/prepare.ts';
import { recordAudit } from '../server/modules/audit/index.ts';
import { assertPasswordStrength, hashPassword } from '../server/modules/auth/index.ts';
import { getSettings } from '../server/modules/settings/index.ts';
import { ed25519Provider } from '../server/modules/signing/signer.ts';
import { simulateEvent } from './demo/events.ts';
import { demoFiles } from './demo/files.ts';
import { demoKeyring } from './demo/keys.ts';
import { personName } from './demo/people.ts';
import { Rng } from './demo/random.ts';
import {
  assertWholeRow,
  chainActions,
  emptyBatch,
  emptyTally,
  noteSent,
  simulateItem,
  type Batch,
  type Lane,
  type Office,
  type SigningKey,
  type SimContext,
  type Staff,
  type StoredFile,
} from './demo/simulate.ts';

/**
 * `npm run seed:demo -- --requests N [--users] [--seed S] [--database-url URL]`
 *
 * Fills a database with realistic demo requests and proposals: the traffic of the active pairings
 * (busy border pairs more), both directions, statuses in a realistic mix since the Order came into
 * force (2022-03-10), texts in Russian and Kazakh, registration numbers, answer deadlines, oral
 * requests with their confirmations, matters routed to the coordinator, outcomes with grounds,
 * signatures and a few attachments — and for every item and event its action log (the actions the
 * kernel would have recorded, hash-chained, so a replay rebuilds each row). Migrates and loads reference data first, like the
 * server; on the embedded database it takes the data-directory lock, so stop the server first.
 */

const HELP = `Usage: npm run seed:demo -- --requests N [options]

  --requests N          how many requests and proposals to add (required; 0 with --events)
  --events N            how many international events to add (O-3.5): proposals, decisions, reports
  --users               create demo users per office (head, deputy, officers; coordinators),
                        all with one password, printed at the end
  --password P          that password (default: a random one)
  --seed S              seed of the generator (default 1): the same seed on the same starting
                        database gives the same data
  --now ISO             the moment the history ends (default: now)
  --database-url URL    PostgreSQL (else DATABASE_URL, else the embedded database in DATA_DIR)
  --batch-size N        items per transaction (default 2000)
  --jobs N              batches written at once on PostgreSQL (default 2; PGlite: 1)
  --verbose             also print the time spent inserting into each table
`;

const { values: opts } = parseArgs({
  options: {
    requests: { type: 'string' },
    events: { type: 'string', default: '0' },
    users: { type: 'boolean', default: false },
    password: { type: 'string' },
    seed: { type: 'string', default: '1' },
    now: { type: 'string' },
    'database-url': { type: 'string' },
    'batch-size': { type: 'string', default: '2000' },
    jobs: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help || opts.requests === undefined) {
  process.stdout.write(HELP);
  process.exit(opts.help ? 0 : 2);
}
const REQUESTS = Number(opts.requests ?? 0);
const EVENTS = Number(opts.events);
const BATCH = Number(opts['batch-size']);
const NOW = opts.now ? new Date(opts.now) : new Date();
if (
  !Number.isInteger(REQUESTS) ||
  REQUESTS < 0 ||
  !Number.isInteger(EVENTS) ||
  EVENTS < 0 ||
  !Number.isInteger(BATCH) ||
  BATCH < 1 ||
  Number.isNaN(NOW.getTime())
) {
  process.stderr.write(HELP);
  process.exit(2);
}
const START = '2022-03-10'; // the Order comes into force: direct exchange begins
const log = (s: string) => process.stdout.write(`${s}\n`);

/** Traffic weights of the pairings: the busy border crossings exchange more. Unlisted pairs: 2. */
const PAIR_WEIGHTS: Record<string, number> = {
  'RU-ORE|KZ-AKT': 10,
  'RU-OMS|KZ-SEV': 8,
  'RU-OMS|KZ-PAV': 7,
  'RU-AST|KZ-ATY': 7,
  'RU-CHE|KZ-KUS': 7,
  'RU-ORE|KZ-ZAP': 6,
  'RU-SAM|KZ-ZAP': 6,
  'RU-SAR|KZ-ZAP': 6,
  'RU-ALT|KZ-PAV': 5,
  'RU-ORE|KZ-KUS': 4,
  'RU-VGG|KZ-ZAP': 4,
  'RU-KGN|KZ-KUS': 4,
  'RU-KGN|KZ-SEV': 4,
  'RU-NVS|KZ-PAV': 4,
  'RU-ALT|KZ-VOS': 4,
  'RU-AST|KZ-ZAP': 3,
  'RU-TYU|KZ-SEV': 3,
  'RU-ALT|KZ-ABA': 3,
  'RU-AL|KZ-VOS': 2,
  'RU-ENV-VOLGA|KZ-ATY': 1,
  'RU-ENV-VOLGA|KZ-ZAP': 1,
};

// ─── database ────────────────────────────────────────────────────────────────

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
let config: Config;
let database: Database;
try {
  config = loadConfig({ ...process.env, ...(opts['database-url'] ? { DATABASE_URL: opts['database-url'] } : {}) }, pkg.version);
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 3 });
} catch (e) {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
const db = database.db;
/** Each office's time zone: the year of an item's number is the year in its sending office's zone. */
const officeZones = new Map<string, string>();
const where =
  database.driver === 'pglite'
    ? `the embedded database in ${config.dataDir}`
    : `PostgreSQL ${new URL(config.databaseUrl!).host}${new URL(config.databaseUrl!).pathname}`;
const timings: Record<string, number> = {};
const t0 = performance.now();

/** Inserts rows (snake_case keys, every column present) in one statement, whatever their number. */
const insertMs: Record<string, number> = {};
async function insertJson(tx: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!)
    .map((c) => `"${c}"`)
    .join(', ');
  const started = performance.now();
  await tx.execute(
    sql`insert into ${sql.identifier(table)} (${sql.raw(cols)}) select ${sql.raw(cols)} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`,
  );
  insertMs[table] = (insertMs[table] ?? 0) + performance.now() - started;
}

/**
 * Gives each item (or event) the next numbers of its office in the year of its creation (in that
 * office's zone), reserving a block per office and year with one upsert of number_counters — the
 * same counter the insert triggers draw from (migration item_numbers_renumber). The number is known
 * before the insert, so the subject's first action holds it.
 */
async function reserveNumbers(rows: Record<string, unknown>[], scope: 'item' | 'event' = 'item', officeColumn = 'from_office_id'): Promise<void> {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const office = officeZones.get(row[officeColumn] as string)!;
    row.number_year = numberingYear(row.created_at as Date, office);
    const key = `${row[officeColumn] as string}|${row.number_year as number}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, list] of groups) {
    const [officeId, year] = key.split('|') as [string, string];
    const res = (await db.execute(
      sql`insert into number_counters as c (scope, office_id, year, last) values (${scope}, ${officeId}, ${Number(year)}, ${list.length})
          on conflict (scope, office_id, year) do update set last = c.last + excluded.last returning c.last::bigint as last`,
    )) as unknown as { rows: { last: number }[] };
    const first = Number(res.rows[0]!.last) - list.length + 1;
    list.forEach((row, i) => (row.number = first + i));
  }
}

async function countItems(d: Db): Promise<number> {
  const res = (await d.execute(sql`select count(*)::int as n from items`)) as unknown as { rows: { n: number }[] };
  return res.rows[0]?.n ?? 0;
}

try {
  log(`Border Cooperation demo data: ${REQUESTS.toLocaleString('en')} items into ${where}`);
  const prepared = await prepareDatabase(database, config, systemClock);
  if (prepared.seeded) log('  reference data loaded');
  timings.prepare = performance.now() - t0;

  const officeRows = await db.select().from(offices);
  const officeById = new Map(officeRows.map((o) => [o.id, o]));
  for (const o of officeRows) officeZones.set(o.id, o.timeZone);
  const asOffice = (o: (typeof officeRows)[number]): Office => ({
    id: o.id,
    code: o.code,
    party: o.party,
    kind: o.kind,
    timeZone: o.timeZone,
    validFrom: o.validFrom,
  });
  const existingItems = await countItems(db);
  const rng = new Rng(`${opts.seed}/${existingItems}`);

  // ── demo users ──
  const password = opts.password ?? `Demo-${randomBytes(9).toString('base64url')}`;
  let createdUsers = 0;
  let resetUsers = 0;
  if (opts.users) {
    if (password.length < MIN_PASSWORD_LENGTH) throw new ConfigError(`--password: at least ${MIN_PASSWORD_LENGTH} characters`);
    const passwordHash = await hashPassword(password); // one password for every demo account
    const now = systemClock.now();
    const plan: { login: string; office: (typeof officeRows)[number]; roles: Role[] }[] = [];
    for (const o of [...officeRows].sort((a, b) => a.code.localeCompare(b.code))) {
      const base = `demo.${o.code.toLowerCase()}`;
      if (o.kind === 'coordinator')
        plan.push({ login: `${base}.coordinator1`, office: o, roles: ['coordinator'] }, { login: `${base}.coordinator2`, office: o, roles: ['coordinator'] });
      else if (o.kind === 'leadership') plan.push({ login: `${base}.leadership`, office: o, roles: ['leadership'] });
      else if (o.authorized)
        plan.push(
          { login: `${base}.head`, office: o, roles: ['head'] },
          { login: `${base}.deputy`, office: o, roles: ['deputy_head'] },
          { login: `${base}.officer1`, office: o, roles: ['officer'] },
          { login: `${base}.officer2`, office: o, roles: ['officer'] },
          { login: `${base}.officer3`, office: o, roles: ['officer'] },
        );
    }
    const existing = new Set((await db.select({ login: users.login }).from(users)).map((u) => u.login));
    const nameRng = new Rng(`${opts.seed}/users`);
    await db.transaction(async (tx) => {
      for (const p of plan) {
        assertPasswordStrength(password, p.login);
        if (existing.has(p.login)) {
          await tx.update(users).set({ passwordHash, mustChangePassword: false, disabledAt: null, updatedAt: now }).where(eq(users.login, p.login));
          resetUsers++;
          continue;
        }
        const fullName = personName(nameRng, p.office.party);
        const [row] = await tx
          .insert(users)
          .values({
            login: p.login,
            fullName,
            email: `${p.login}@demo.example`,
            officeId: p.office.id,
            roles: p.roles,
            locale: p.office.party === 'KZ' && nameRng.chance(0.5) ? 'kk' : 'ru',
            passwordHash,
            mustChangePassword: false,
            passwordChangedAt: now,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: users.id });
        await recordAudit(tx, { clock: systemClock }, null, {
          action: 'user.create',
          objectType: 'user',
          objectId: row!.id,
          officeId: p.office.id,
          after: { login: p.login, fullName, email: `${p.login}@demo.example`, officeCode: p.office.code, roles: p.roles, demo: true },
        });
        createdUsers++;
      }
    });
  }
  timings.users = performance.now() - t0 - timings.prepare;

  // ── who works where: any active user of an office acts in its items ──
  const staff: SimContext['staff'] = new Map();
  for (const u of await db.select({ id: users.id, officeId: users.officeId, roles: users.roles }).from(users).where(isNull(users.disabledAt))) {
    const s = staff.get(u.officeId) ?? { officers: [], signers: [], coordinators: [] };
    const st: Staff = { id: u.id, roles: u.roles };
    if (u.roles.includes('officer')) s.officers.push(st);
    if (u.roles.includes('head') || u.roles.includes('deputy_head')) s.signers.push(st);
    if (u.roles.includes('coordinator')) s.coordinators.push(st);
    staff.set(u.officeId, s);
  }

  // ── signing keys: the active key of each signer, or a new one ──
  const secret = resolveSigningSecret(config);
  const keyring = demoKeyring(ed25519Provider(secret), secret);
  const keys = new Map<string, SigningKey>();
  const newKeys: Record<string, unknown>[] = [];
  for (const k of await db.select().from(signingKeys).where(isNull(signingKeys.revokedAt)).orderBy(desc(signingKeys.createdAt))) {
    if (keys.has(k.userId)) continue;
    try {
      keys.set(k.userId, { id: k.id, userId: k.userId, ...keyring.open(k) });
    } catch {
      /* sealed under another secret: a new key is made when needed */
    }
  }
  const keyOf = (userId: string): SigningKey => {
    let key = keys.get(userId);
    if (!key) {
      key = { id: uuidv7(), userId, ...keyring.generate() };
      keys.set(userId, key);
      const m = key.material;
      newKeys.push({
        id: key.id,
        user_id: userId,
        algorithm: m.algorithm,
        public_key: m.publicKey,
        encrypted_private_key: m.encryptedPrivateKey,
        created_at: new Date(),
        revoked_at: null,
      });
    }
    return key;
  };

  // ── files: a pool of small real documents, stored once each (content-addressed) ──
  const store = fileStore(config.filesDir);
  const files: SimContext['files'] = { content: [], translation: [], outcome: [] };
  for (const f of demoFiles()) {
    const { sha256, size } = await store.put(f.data);
    files[f.use].push({ ...f, sha256, size } satisfies StoredFile);
  }

  // ── lanes: the active pairings in both directions ──
  const lanes: Lane[] = [];
  const today = NOW.toISOString().slice(0, 10);
  for (const p of await db.select().from(pairings).where(eq(pairings.active, true))) {
    const ru = officeById.get(p.ruOfficeId);
    const kz = officeById.get(p.kzOfficeId);
    if (!ru || !kz || (p.validTo && p.validTo < today)) continue;
    const from = [START, p.validFrom, ru.validFrom, kz.validFrom, ru.authorizedFrom, kz.authorizedFrom]
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1)!;
    const weight = PAIR_WEIGHTS[`${ru.code}|${kz.code}`] ?? 2;
    const validFromMs = Date.parse(`${from}T00:00:00Z`);
    lanes.push(
      { from: asOffice(ru), to: asOffice(kz), weight: weight * 0.55, validFromMs },
      { from: asOffice(kz), to: asOffice(ru), weight: weight * 0.45, validFromMs },
    );
  }
  if (lanes.length === 0) throw new Error('No active pairings in the registry: nothing to generate along');
  const coordinator = (party: 'RU' | 'KZ') => {
    const o = officeRows.find((x) => x.party === party && x.kind === 'coordinator');
    return o ? asOffice(o) : undefined;
  };

  const ctx: SimContext = {
    rng,
    now: NOW,
    startMs: Date.parse(`${START}T00:00:00Z`),
    answerDays: (await getSettings(db)).answerDays,
    laneTable: lanes.map((l) => [l, l.weight] as const),
    coordinatorOf: { RU: coordinator('RU'), KZ: coordinator('KZ') },
    staff,
    keyOf,
    files,
  };
  // Every signer's key exists before the first batch, so concurrent batches never wait on one another.
  for (const s of staff.values()) for (const u of [...s.signers, ...s.coordinators]) keyOf(u.id);
  const signerKeys = newKeys.splice(0);
  await db.transaction((tx) => insertJson(tx, 'signing_keys', signerKeys));
  if (staff.size === 0) log('  no users in the database: items get no authors, signatures or participants (use --users)');

  // ── generate and insert, batch by batch ──
  const counts = { items: 0, actions: 0, participants: 0, signatures: 0, attachments: 0, messages: 0, links: 0, keys: signerKeys.length };
  const tally = emptyTally();
  const span = NOW.getTime() - ctx.startMs;
  // Traffic grows over the years: the density rises linearly from 0.7 to 1.3 of the mean.
  const a = 0.7;
  const b = 1.3;
  const nominal = (u: number) => {
    const x = (-a + Math.sqrt(a * a + 2 * (b - a) * u * ((a + b) / 2))) / (b - a);
    return ctx.startMs + x * span;
  };
  const insertBatch = (batch: Batch, keysNow: Record<string, unknown>[]) =>
    db.transaction(async (tx) => {
      if (database.driver === 'postgresql') await tx.execute(sql`set local synchronous_commit = off`);
      await insertJson(tx, 'signing_keys', keysNow);
      await insertJson(tx, 'items', batch.items);
      await insertJson(tx, 'signatures', batch.signatures);
      await insertJson(tx, 'attachments', batch.attachments);
      await insertJson(tx, 'item_messages', batch.messages);
      await insertJson(tx, 'actions', batch.actions);
      await insertJson(tx, 'item_participants', batch.participants);
      await insertJson(tx, 'item_links', batch.links);
    });

  const jobs = database.driver === 'pglite' ? 1 : Number(opts.jobs ?? 2);
  const bar = new cliProgress.SingleBar({
    format: '  items {bar} {percentage}% | {value}/{total} | {rate}/s | elapsed {duration_formatted} | ETA {eta_formatted}',
    barsize: 30,
    etaBuffer: 20,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
    stream: process.stdout,
  });
  const tGen = performance.now();
  bar.start(REQUESTS, 0, { rate: '—' });
  let written = 0;
  const inflight = new Set<Promise<unknown>>();
  for (let done = 0; done < REQUESTS;) {
    const n = Math.min(BATCH, REQUESTS - done);
    const batch = emptyBatch();
    for (let i = 0; i < n; i++) simulateItem(ctx, nominal((done + i + rng.next()) / REQUESTS), batch, tally);
    // Numbers per sending office and year, in creation order: a block reserved from each office's
    // counter (a running server may draw from it too), so the insert trigger has nothing to do.
    batch.items.sort((x, y) => (x.created_at as Date).getTime() - (y.created_at as Date).getTime());
    if (done === 0 && batch.items.length) assertWholeRow(itemsTable, batch.items[0]!, 'item');
    await reserveNumbers(batch.items);
    chainActions(itemsTable, batch.items, batch.actions);
    const keysNow = newKeys.splice(0);
    // While PostgreSQL writes these batches, the next one is generated.
    while (inflight.size >= jobs) await Promise.race(inflight);
    // PGlite works on this thread: let the progress bar's timer run between batches.
    await new Promise((resolve) => setImmediate(resolve));
    // PGlite has no background checkpointer: without one its WAL grows with every batch.
    if (database.driver === 'pglite' && done > 0 && done % 100_000 < BATCH) await db.execute(sql`checkpoint`);
    const p: Promise<unknown> = insertBatch(batch, keysNow).then(() => {
      inflight.delete(p);
      noteSent(batch);
      written += batch.items.length;
      bar.update(written, { rate: Math.round(written / ((performance.now() - tGen) / 1000)).toLocaleString('en') });
      return written;
    });
    inflight.add(p);
    done += n;
    counts.items += batch.items.length;
    counts.actions += batch.actions.length;
    counts.participants += batch.participants.length;
    counts.signatures += batch.signatures.length;
    counts.attachments += batch.attachments.length;
    counts.messages += batch.messages.length;
    counts.links += batch.links.length;
    counts.keys += keysNow.length;
  }
  await Promise.all(inflight);
  bar.stop();
  timings.generate = performance.now() - tGen;

  // ── international events (O-3.5): of the authorized offices, with the counterparts they pair with ──
  if (EVENTS > 0) {
    const tEv = performance.now();
    const partners = new Map<string, string[]>();
    for (const l of lanes) partners.set(l.from.id, [...new Set([...(partners.get(l.from.id) ?? []), l.to.id])]);
    const reporting = officeRows
      .filter((o) => o.authorized && !['coordinator', 'leadership'].includes(o.kind))
      .map((o) => ({ ...asOffice(o), partners: partners.get(o.id) ?? [] }));
    const evTally: Record<string, number> = {};
    const out = { rows: [] as Record<string, unknown>[], actions: [] as Record<string, unknown>[] };
    const evCtx = {
      rng: new Rng(`${opts.seed}/events/${existingItems}`),
      now: NOW,
      startMs: ctx.startMs,
      reportDays: (await getSettings(db)).eventReportDays,
      reporting,
      staff,
      coordinatorOf: coordinator,
    };
    for (let i = 0; i < EVENTS; i++) simulateEvent(evCtx, i, out, evTally);
    // Numbered per office and year in the order of creation, like items; each log then chained.
    out.rows.sort((x, y) => (x.created_at as Date).getTime() - (y.created_at as Date).getTime());
    if (out.rows.length) assertWholeRow(eventsTable, out.rows[0]!, 'event');
    await reserveNumbers(out.rows, 'event', 'office_id');
    chainActions(eventsTable, out.rows, out.actions);
    const bySubject = Map.groupBy(out.actions, (a) => a.subject_id as string);
    for (let i = 0; i < out.rows.length; i += BATCH) {
      const rows = out.rows.slice(i, i + BATCH);
      await db.transaction(async (tx) => {
        await insertJson(tx, 'events', rows);
        await insertJson(
          tx,
          'actions',
          rows.flatMap((r) => bySubject.get(r.id as string) ?? []),
        );
      });
    }
    await db.execute(sql`vacuum (analyze) events`);
    log(
      `  events: ${EVENTS.toLocaleString('en')} in ${((performance.now() - tEv) / 1000).toFixed(1)} s — ${Object.entries(evTally)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }

  // Statistics and the visibility map, as autovacuum would leave them after a load.
  const tVac = performance.now();
  log('  vacuum analyze …');
  // Only events added: the items are as they were (their aggregates may have just been built by a migration).
  const vacuumed =
    REQUESTS > 0
      ? ['items', 'actions', 'item_participants', 'signatures', 'attachments', 'item_messages', 'item_links', 'signing_keys']
      : ['item_stats_monthly', 'item_area_monthly', 'item_ground_monthly', 'item_answer_days_monthly', 'actions'];
  for (const t of vacuumed) await db.execute(sql.raw(`vacuum (analyze) ${t}`));
  timings.vacuum = performance.now() - tVac;

  // ── summary ──
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const pct = (n: number) => `${((n / counts.items) * 100).toFixed(1)} %`;
  const line = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${k} ${v.toLocaleString('en')} (${pct(v)})`)
      .join(', ');
  const busiest = Object.entries(tally.byOffice)
    .sort((x, y) => y[1].incoming - x[1].incoming)
    .slice(0, 6)
    .map(([code, v]) => `${code} ${v.incoming.toLocaleString('en')} in / ${v.outgoing.toLocaleString('en')} out`)
    .join('; ');
  const total = await countItems(db);
  log('');
  log(
    `Done: ${counts.items.toLocaleString('en')} items in ${secs(timings.generate)} (${Math.round(counts.items / (timings.generate / 1000)).toLocaleString('en')} items/s), database now holds ${total.toLocaleString('en')} items.`,
  );
  log(
    `  rows: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', ')}`,
  );
  log(`  status: ${line(tally.byStatus)}`);
  log(`  kind: ${line(tally.byKind)}; language: ${line(tally.byLanguage)}`);
  log(`  confidentiality: ${line(tally.byConfidentiality)}`);
  log(
    `  oral ${tally.oral.toLocaleString('en')}, routed to the coordinator ${tally.routed.toLocaleString('en')}, overdue now ${tally.overdue.toLocaleString('en')}`,
  );
  log(`  busiest offices (incoming): ${busiest}`);
  log(
    `  time: prepare ${secs(timings.prepare)}, users ${secs(timings.users)}, generate+insert ${secs(timings.generate)}, vacuum analyze ${secs(timings.vacuum)}, total ${secs(performance.now() - t0)}`,
  );
  if (opts.verbose)
    log(
      `  insert time by table: ${Object.entries(insertMs)
        .map(([k, v]) => `${k} ${secs(v)}`)
        .join(', ')}`,
    );
  log(`  files: ${Object.values(files).flat().length} demo documents in ${config.filesDir}`);
  if (opts.users) {
    log('');
    log(
      `Demo users: ${createdUsers} created, ${resetUsers} existing given the password. Logins: demo.<office code>.head | .deputy | .officer1-3 | .coordinator1-2 | .leadership`,
    );
    log(`  e.g. demo.ru-ore.officer1, demo.kz-akt.head, demo.ru-gp-gumps.coordinator1`);
    log(`  password (all of them): ${password}`);
  }
} finally {
  await database.close();
}
