import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberingYear } from '../../domain/numbering.ts';
import { simulateEvent } from '../../scripts/demo/events.ts';
import { demoFiles } from '../../scripts/demo/files.ts';
import { Rng } from '../../scripts/demo/random.ts';
import {
  assertWholeRow,
  chainActions,
  emptyBatch,
  emptyTally,
  simulateItem,
  type Lane,
  type Office,
  type SimContext,
  type Staff,
  type StoredFile,
} from '../../scripts/demo/simulate.ts';
import type { Db } from '../db/client.ts';
import { events as eventsTable, items as itemsTable } from '../db/schema.ts';
import { replaySubject, storedSubject, verifySubject } from '../kernel/index.ts';
import { createTestContext, TAG, type TestContext } from './build-test-app.ts';

type Row = Record<string, unknown>;
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** Rows as the demo generator inserts them: every column given, as JSON (scripts/seed-demo.ts). */
async function insertRows(db: Db, table: string, rows: Row[]) {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!)
    .map((c) => `"${c}"`)
    .join(', ');
  await db.execute(
    sql`insert into ${sql.identifier(table)} (${sql.raw(cols)}) select ${sql.raw(cols)} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`,
  );
}

/**
 * The demo generator writes the action log of every item and event it makes: the same actions the
 * kernel would have recorded, so each log replays to its row, its chain verifies, and the pages
 * read it like any other.
 */
describe(`demo data: the generator writes real action logs ${TAG}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
  });
  afterAll(async () => ctx?.close());

  it('every generated request, proposal and event replays from its log to its row, its chain verifies, and its timeline reads', async () => {
    const db = ctx.database.db;
    const offices = rowsOf<{ id: string; code: string; party: 'RU' | 'KZ'; kind: string; time_zone: string; valid_from: string | null }>(
      await db.execute(sql`select id, code, party, kind, time_zone, valid_from from offices`),
    );
    const office = (code: string): Office => {
      const o = offices.find((x) => x.code === code)!;
      return { id: o.id, code: o.code, party: o.party, kind: o.kind, timeZone: o.time_zone, validFrom: o.valid_from };
    };
    const staff: SimContext['staff'] = new Map();
    for (const u of rowsOf<{ id: string; office_id: string; roles: string[] }>(await db.execute(sql`select id, office_id, roles from users`))) {
      const s = staff.get(u.office_id) ?? { officers: [], signers: [], coordinators: [] };
      const st: Staff = { id: u.id, roles: u.roles };
      if (u.roles.includes('officer')) s.officers.push(st);
      if (u.roles.includes('head') || u.roles.includes('deputy_head')) s.signers.push(st);
      if (u.roles.includes('coordinator')) s.coordinators.push(st);
      staff.set(u.office_id, s);
    }
    // Signing keys of the generator's shape; the signatures themselves are not what is tested here.
    const keys: Row[] = [];
    const keyOf: SimContext['keyOf'] = (userId) => {
      const id = `00000000-0000-7000-8000-${createHash('sha256').update(userId).digest('hex').slice(0, 12)}`;
      if (!keys.some((k) => k.id === id))
        keys.push({
          id,
          user_id: userId,
          algorithm: 'Ed25519',
          public_key: 'demo',
          encrypted_private_key: 'demo',
          created_at: new Date('2022-01-01T00:00:00Z'),
          revoked_at: null,
        });
      return { id, userId, material: { algorithm: 'Ed25519', publicKey: 'demo', encryptedPrivateKey: 'demo' }, sign: () => 'demo-signature' };
    };
    const files: SimContext['files'] = { content: [], translation: [], outcome: [] };
    for (const f of demoFiles())
      files[f.use].push({ ...f, sha256: createHash('sha256').update(f.data).digest('hex'), size: f.data.length } satisfies StoredFile);
    const [ore, akt, kus] = [office('RU-ORE'), office('KZ-AKT'), office('KZ-KUS')];
    const lanes: Lane[] = [
      { from: ore, to: akt, weight: 3, validFromMs: Date.parse('2022-03-10T00:00:00Z') },
      { from: akt, to: ore, weight: 3, validFromMs: Date.parse('2022-03-10T00:00:00Z') },
      { from: ore, to: kus, weight: 1, validFromMs: Date.parse('2022-03-10T00:00:00Z') },
    ];
    const now = new Date('2026-03-02T05:00:00Z');
    const startMs = Date.parse('2025-06-01T00:00:00Z');
    const sim: SimContext = {
      rng: new Rng('kernel-demo'),
      now,
      startMs,
      answerDays: 30,
      laneTable: lanes.map((l) => [l, l.weight] as const),
      coordinatorOf: { RU: office('RU-GP-GUMPS'), KZ: office('KZ-GP-DMS') },
      staff,
      keyOf,
      files,
    };
    const batch = emptyBatch();
    for (let i = 0; i < 400; i++) simulateItem(sim, startMs + ((now.getTime() - startMs) * (i + 0.5)) / 400, batch, emptyTally());
    const events = { rows: [] as Row[], actions: [] as Row[] };
    const evCtx = {
      rng: new Rng('kernel-demo/events'),
      now,
      startMs,
      reportDays: 10,
      reporting: [
        { ...ore, partners: [akt.id, kus.id] },
        { ...akt, partners: [ore.id] },
      ],
      staff,
      coordinatorOf: (p: 'RU' | 'KZ') => sim.coordinatorOf[p],
    };
    for (let i = 0; i < 60; i++) simulateEvent(evCtx, i, events, {});

    // Numbers as the generator reserves them: per office and year, in the order of creation.
    const number = (rows: Row[], officeColumn: string) => {
      const next = new Map<string, number>();
      for (const row of [...rows].sort((a, b) => (a.created_at as Date).getTime() - (b.created_at as Date).getTime())) {
        const zone = offices.find((o) => o.id === row[officeColumn])!.time_zone;
        row.number_year = numberingYear(row.created_at as Date, zone);
        const key = `${row[officeColumn] as string}|${row.number_year as number}`;
        next.set(key, (next.get(key) ?? 0) + 1);
        row.number = next.get(key);
      }
    };
    assertWholeRow(itemsTable, batch.items[0]!, 'item');
    assertWholeRow(eventsTable, events.rows[0]!, 'event');
    number(batch.items, 'from_office_id');
    number(events.rows, 'office_id');
    chainActions(itemsTable, batch.items, batch.actions);
    chainActions(eventsTable, events.rows, events.actions);
    const owner = ctx.database.owner.db;
    await owner.transaction(async (tx) => {
      await insertRows(tx, 'signing_keys', keys);
      await insertRows(tx, 'items', batch.items);
      await insertRows(tx, 'signatures', batch.signatures);
      await insertRows(tx, 'attachments', batch.attachments);
      await insertRows(tx, 'item_messages', batch.messages);
      await insertRows(tx, 'item_participants', batch.participants);
      await insertRows(tx, 'events', events.rows);
      await insertRows(tx, 'actions', [...batch.actions, ...events.actions]);
    });

    const statuses = new Set(batch.items.map((i) => i.status as string));
    expect(statuses.size).toBeGreaterThan(5);
    for (const [type, rows] of [
      ['item', batch.items],
      ['event', events.rows],
    ] as const) {
      for (const row of rows) {
        const id = row.id as string;
        expect(await verifySubject(db, id), `${type} ${id}`).toBeNull();
        expect(await replaySubject(db, type, id), `${type} ${id}`).toEqual(await storedSubject(db, type, id));
      }
    }
    // A demo request reads like any other: its timeline is its log.
    const answered = batch.items.find((i) => i.status === 'executed' && i.from_office_id === ore.id)!;
    const officer = await ctx.as('oreOfficer');
    const timeline = (await officer.get(`/api/v1/items/${answered.id as string}/timeline`)).body.items.map((e: { action: string }) => e.action);
    expect(timeline[0]).toBe('create');
    expect(timeline).toContain('register');
    expect(timeline.at(-1)).toBe('record_outcome');
  });
});
