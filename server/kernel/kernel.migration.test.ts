import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../db/migrate.ts';
import { seedReferenceData } from '../db/seed.ts';
import { createTestContext, DRIVER, emptyDatabase, TAG } from '../test/build-test-app.ts';
import { insertFixtureUsers } from '../test/fixtures.ts';
import { migrateWith, migrationsBefore } from '../test/migrations.ts';
import { TEMPLATE_TIME, TEST_APP_ROLE } from '../test/template.ts';
import { actionsOf, replaySubject, storedSubject, verifySubject, type SubjectType } from './index.ts';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Details the old timeline held, with what canonical JSON must get right: quotes, escapes, control characters, other scripts, a surrogate pair, decimals. */
const ODD_DETAILS = {
  reason: 'Причина: «кавычки» "двойные" \\ обратная косая\nновая строка\tтаб \u0001 управляющий 😀 Қазақ',
  B: 1,
  a: [1.5, -2, 0, 12.25],
  aa: { z: null, y: true },
};

describe(`the action log: existing history migrated into it ${TAG}`, () => {
  it('every item, event and annual block gets its history as actions and a baseline of its row: the chains verify, replay rebuilds each row, the timelines read the same, and new actions continue the chain', async () => {
    const database = await emptyDatabase();
    const owner = database.owner;
    let closed = false;
    try {
      await migrateWith(owner, migrationsBefore('_actions'));
      await seedReferenceData(owner.db, TEMPLATE_TIME);
      await insertFixtureUsers(owner.db, TEMPLATE_TIME);
      const db = owner.db;
      const ids = new Map(rowsOf<{ code: string; id: string }>(await db.execute(sql`select code, id from offices`)).map((o) => [o.code, o.id]));
      const users = new Map(rowsOf<{ login: string; id: string }>(await db.execute(sql`select login, id from users`)).map((u) => [u.login, u.id]));
      const [ore, akt] = [ids.get('RU-ORE')!, ids.get('KZ-AKT')!];

      // A registered request with its timeline; a draft that never had one; an event; an annual block.
      const [item, bare, event, block] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
      await db.execute(sql`insert into items (id, kind, from_office_id, to_office_id, status, subject, essence, purpose, assistance, form, priority_areas, confidentiality, highest_confidentiality,
          outgoing_number, outgoing_date, sent_at, incoming_number, incoming_date, registered_at, answer_due_at, answer_due, created_by, version, created_at, updated_at)
        values (${item}, 'request', ${ore}, ${akt}, 'registered', 'О сведениях', 'Существо', 'Цель', 'Содействие', 'crime_information', '{drug_trafficking}', 'official_use', 'official_use',
          '7-1', '2026-01-10', '2026-01-10T05:00:00.123456Z', 'вх-1', '2026-01-11', '2026-01-11T04:00:00Z', '2026-02-10T19:00:00Z',
          ${JSON.stringify({ start: '2026-01-10', rule: 'calendarDays:30', timeZone: 'Asia/Aqtobe', lastDay: '2026-02-09', dueAt: '2026-02-10T19:00:00.000Z' })}::jsonb, ${users.get('oreofficer')}, 5,
          '2026-01-09T05:00:00Z', '2026-01-11T04:00:00Z')`);
      await db.execute(
        sql`insert into items (id, kind, from_office_id, to_office_id, subject, created_at, updated_at) values (${bare}, 'proposal', ${akt}, ${ore}, 'Черновик', '2026-01-12T05:00:00Z', '2026-01-12T05:00:00Z')`,
      );
      const history: [string, string, string | null, string | null, string, string, object | null][] = [
        ['2026-01-09T05:00:00Z', 'create', null, 'draft', 'oreofficer', ore, { route: 'direct', routeReasons: [] }],
        ['2026-01-09T06:00:00Z', 'sign', 'draft', 'signed', 'orehead', ore, { signatureId: null }],
        ['2026-01-10T05:00:00Z', 'send', 'signed', 'sent', 'oreofficer', ore, { outgoingNumber: '7-1', outgoingDate: '2026-01-10', route: 'direct' }],
        ['2026-01-11T04:00:00Z', 'register', 'sent', 'registered', 'aktofficer', akt, { incomingNumber: 'вх-1', incomingDate: '2026-01-11' }],
        ['2026-01-11T04:00:00Z', 'doubt_note', 'registered', 'registered', 'aktofficer', akt, ODD_DETAILS],
      ];
      for (const [at, action, from, to, login, office, details] of history) {
        await db.execute(sql`insert into item_events (id, item_id, at, actor_id, office_id, action, from_status, to_status, details)
          values (${uuidv7()}, ${item}, ${at}::timestamptz, ${users.get(login)}, ${office}, ${action}, ${from}, ${to}, ${details === null ? null : JSON.stringify(details)}::jsonb)`);
      }
      await db.execute(sql`insert into events (id, office_id, status, title, participants, submitted_at, submitted_by, created_by, version, created_at, updated_at)
        values (${event}, ${ore}, 'submitted', 'Семинар', ${JSON.stringify([{ side: 'own', fullName: 'Иванов Иван', position: 'прокурор' }])}::jsonb, '2026-01-13T05:00:00Z', ${users.get('orehead')}, ${users.get('oreofficer')}, 3, '2026-01-12T05:00:00Z', '2026-01-13T05:00:00Z')`);
      for (const [at, action, from, to, details] of [
        ['2026-01-12T05:00:00Z', 'create', null, 'draft', null],
        ['2026-01-12T06:00:00Z', 'update', 'draft', 'draft', { changed: ['title'] }],
        ['2026-01-13T05:00:00Z', 'submit', 'draft', 'submitted', {}],
      ] as const) {
        await db.execute(sql`insert into event_history (id, event_id, at, actor_id, office_id, action, from_status, to_status, details)
          values (${uuidv7()}, ${event}, ${at}::timestamptz, ${users.get('orehead')}, ${ore}, ${action}, ${from}, ${to}, ${details === null ? null : JSON.stringify(details)}::jsonb)`);
      }
      await db.execute(sql`insert into annual_blocks (id, office_id, year, status, proposals, submitted_at, submitted_by, returned_at, returned_by, return_reason, version, created_at, updated_at)
        values (${block}, ${ore}, 2025, 'returned', 'Предложения', '2026-01-14T05:00:00Z', ${users.get('orehead')}, '2026-01-15T05:00:00Z', ${users.get('gumps')}, 'Дополните', 4, '2026-01-13T05:00:00Z', '2026-01-15T05:00:00Z')`);
      for (const [at, action, login, details] of [
        ['2026-01-13T05:00:00Z', 'save', 'orehead', null],
        ['2026-01-14T05:00:00Z', 'submit', 'orehead', { late: false }],
        ['2026-01-15T05:00:00Z', 'return', 'gumps', { reason: 'Дополните' }],
      ] as const) {
        await db.execute(
          sql`insert into annual_block_history (id, block_id, at, actor_id, action, details) values (${uuidv7()}, ${block}, ${at}::timestamptz, ${users.get(login)}, ${action}, ${details === null ? null : JSON.stringify(details)}::jsonb)`,
        );
      }

      await migrateDatabase(owner, DRIVER === 'postgresql' ? { grantTo: TEST_APP_ROLE } : {});

      const left = rowsOf(await db.execute(sql`select relname from pg_class where relname in ('item_events', 'event_history', 'annual_block_history')`));
      expect(left).toEqual([]);
      const subjects: [SubjectType, string][] = [
        ['item', item],
        ['item', bare],
        ['event', event],
        ['annual_block', block],
      ];
      for (const [type, id] of subjects) {
        expect(await verifySubject(db, id), `${type} ${id}`).toBeNull();
        expect(await replaySubject(db, type, id)).toEqual(await storedSubject(db, type, id));
      }
      const log = await actionsOf(db, item);
      expect(log.map((a) => [a.seq, a.kind, a.channel])).toEqual([
        [1, 'create', 'system'],
        [2, 'sign', 'system'],
        [3, 'send', 'system'],
        [4, 'register', 'system'],
        [5, 'doubt_note', 'system'],
        [6, 'baseline', 'migration'],
      ]);
      expect(log[3]).toMatchObject({
        actorUserId: users.get('aktofficer'),
        actorOfficeId: akt,
        actorParty: 'KZ',
        fromStatus: 'sent',
        toStatus: 'registered',
        changes: { status: 'registered' },
        details: { incomingNumber: 'вх-1' },
      });
      expect(log[4]!.details).toEqual(ODD_DETAILS);
      expect(log[5]).toMatchObject({
        actorUserId: null,
        fromStatus: 'registered',
        toStatus: 'registered',
        changes: { id: item, status: 'registered', version: 5, outgoingNumber: '7-1', priorityAreas: ['drug_trafficking'] },
      });
      expect(log[5]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
      expect((await actionsOf(db, bare)).map((a) => a.kind)).toEqual(['baseline']);

      // The application on the migrated database: the old steps read as before, and new actions chain on.
      const ctx = await createTestContext({ database, now: '2026-01-20T06:00:00Z' });
      closed = true;
      try {
        const [oreOfficer, aktOfficer, oreHead] = await Promise.all([ctx.as('oreOfficer'), ctx.as('aktOfficer'), ctx.as('oreHead')]);
        const timeline = (await oreOfficer.get(`/api/v1/items/${item}/timeline`)).body.items;
        expect(timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'sign', 'send', 'register', 'doubt_note']);
        expect(timeline[3]).toMatchObject({ actor: { fullName: 'Серикбаев Нурлан Ерланович' }, officeCode: 'KZ-AKT', details: { incomingNumber: 'вх-1' } });
        const current = (await aktOfficer.get(`/api/v1/items/${item}`)).body;
        const opened = await aktOfficer.post(`/api/v1/items/${item}/consultation`, { body: 'Уточните период', version: current.version });
        expect(opened.status, JSON.stringify(opened.body)).toBe(200);
        expect(opened.body).toMatchObject({ status: 'consultation', version: 6 });
        const after = await actionsOf(ctx.database.db, item);
        expect(after.at(-1)).toMatchObject({ seq: 7, kind: 'open_consultation', prevHash: log[5]!.hash, channel: 'system', actorRoles: ['officer'] });
        expect(await verifySubject(ctx.database.db, item)).toBeNull();
        expect(await replaySubject(ctx.database.db, 'item', item)).toEqual(await storedSubject(ctx.database.db, 'item', item));
        expect((await oreHead.get(`/api/v1/events/${event}/timeline`)).body.items.map((e: { action: string }) => e.action)).toEqual([
          'create',
          'update',
          'submit',
        ]);
        const blockView = await oreHead.get('/api/v1/annual-blocks/RU-ORE/2025');
        expect(blockView.status, JSON.stringify(blockView.body)).toBe(200);
        expect(blockView.body.history).toMatchObject([
          { action: 'save', actor: 'Прокуроров Олег Викторович', details: null },
          { action: 'submit', details: { late: false } },
          { action: 'return', actor: 'Координаторов Иван Петрович', details: { reason: 'Дополните' } },
        ]);
        // The block's own actor was the coordinator's office: the migration took the user's office.
        expect((await actionsOf(ctx.database.db, block)).map((a) => [a.kind, a.actorParty])).toEqual([
          ['save', 'RU'],
          ['submit', 'RU'],
          ['return', 'RU'],
          ['baseline', null],
        ]);
      } finally {
        await ctx.close();
      }
    } finally {
      if (!closed) {
        await database.close();
        await database.drop();
      }
    }
  });
});
