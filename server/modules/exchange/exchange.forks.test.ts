import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionForks } from '../../db/schema.ts';
import { actionsOf, replaySubject, storedSubject, verifySubject } from '../../kernel/index.ts';
import { TAG, type Client } from '../../test/build-test-app.ts';
import { createPair, peerRequest, sendRequest, type Pair } from '../../test/pair.ts';
import * as repo from './exchange.repository.ts';

/**
 * Forks: both nodes act on the same request while the link is down. Once it is back, both hold the
 * same chain (the action taken first stays, domain/forks.ts), the same row and the same side rows;
 * the superseded actions are kept aside and their offices told.
 */

type Node = 'ru' | 'kz';

/** Today in Aktobe on the Kazakh node's clock: the date a registration made now may bear. */
const aqtobeToday = (pair: Pair) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Aqtobe' }).format(pair.kz.clock.now());

/** Both nodes hold the subject's same signed facts: chain, row (replayed from the chain) and side rows. */
async function expectSameRecord(pair: Pair, id: string): Promise<void> {
  const [ru, kz] = await Promise.all([actionsOf(pair.ru.database.db, id), actionsOf(pair.kz.database.db, id)]);
  expect(kz.map((a) => a.hash)).toEqual(ru.map((a) => a.hash));
  for (const node of [pair.ru, pair.kz]) {
    expect(await verifySubject(node.database.db, id)).toBeNull();
    expect(await replaySubject(node.database.db, 'item', id)).toEqual(await storedSubject(node.database.db, 'item', id));
  }
  const sides = await Promise.all([repo.itemSideRows(pair.ru.database.db, id), repo.itemSideRows(pair.kz.database.db, id)]);
  const ids = (s: Awaited<ReturnType<typeof repo.itemSideRows>>) =>
    Object.fromEntries(Object.entries(s).map(([k, rows]) => [k, rows.map((r) => String(r.id ?? `${String(r.userId)}${String(r.targetId)}`)).sort()]));
  expect(ids(sides[1])).toEqual(ids(sides[0]));
}

async function forksOf(pair: Pair, node: Node, id: string) {
  return pair[node].database.db.select().from(actionForks).where(eq(actionForks.subjectId, id));
}

async function held(pair: Pair): Promise<number> {
  let n = 0;
  for (const [node, peer] of [
    ['ru', 'kz-node'],
    ['kz', 'ru-node'],
  ] as const) {
    const p = (await repo.findPeer(pair[node].database.db, { nodeId: peer }))!;
    n += (await repo.inboxStats(pair[node].database.db, p.id)).held;
  }
  return n;
}

const ok = (res: { status: number; body: { code?: string } }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, any>;
};

describe(`exchange: both nodes act on one request while apart ${TAG}`, () => {
  let pair: Pair;
  let deputy: Client;
  let akt: Client;
  beforeAll(async () => {
    pair = await createPair();
    [deputy, akt] = await Promise.all([pair.ru.as('oreDeputy'), pair.kz.as('aktOfficer')]);
  });
  afterAll(async () => pair?.close());

  /** A request delivered to Aktobe, then the link goes down. */
  async function apart(n: number): Promise<string> {
    const id = await sendRequest(pair, n);
    await pair.pump();
    pair.link.down = true;
    return id;
  }

  it('A-5.1 the withdrawal made first stays on both nodes; Aktobe’s later registration is kept aside and Aktobe is told', async () => {
    const id = await apart(1);
    ok(await deputy.post(`/api/v1/items/${id}/withdraw`, { reason: 'Необходимость отпала', version: ok(await deputy.get(`/api/v1/items/${id}`)).version }));
    pair.advance(60_000);
    const seen = ok(await akt.get(`/api/v1/items/${id}`));
    ok(await akt.post(`/api/v1/items/${id}/register`, { incomingNumber: 'вх-1', incomingDate: '2026-03-02', version: seen.version }));
    pair.link.down = false;
    await pair.pump();
    await expectSameRecord(pair, id);
    expect(ok(await akt.get(`/api/v1/items/${id}`)).status).toBe('withdrawn');
    expect(ok(await deputy.get(`/api/v1/items/${id}`)).status).toBe('withdrawn');
    // Nothing acted is erased: the registration is kept aside on the node that made it, named by what superseded it.
    const aside = await forksOf(pair, 'kz', id);
    expect(aside.map((f) => f.kind)).toEqual(['register']);
    const withdrawal = (await actionsOf(pair.ru.database.db, id)).at(-1)!;
    expect(aside[0]).toMatchObject({ supersededBy: withdrawal.id, peerNodeId: 'ru-node' });
    expect(await forksOf(pair, 'ru', id)).toEqual([]);
    const bell = ok(await akt.get('/api/v1/notifications'));
    expect(bell.items.find((n: { subjectId: string; kind: string }) => n.subjectId === id && n.kind === 'item.superseded')).toBeTruthy();
    // Aktobe's message was refused with the signed reason, not raised as a security alert.
    const kzOut = await repo.outboxOfSubject(pair.kz.database.db, id);
    // (Its node's receipt of the request went first and was delivered.)
    expect(kzOut.map((m) => [m.seq, m.state, m.rejectionCode])).toEqual([
      [4, 'delivered', null],
      [5, 'rejected', 'FORK_LOST'],
    ]);
    expect((await repo.openAlerts(pair.ru.database.db, 1000)).filter((a) => a.subjectId === id)).toEqual([]);
    expect(await held(pair)).toBe(0);
  });

  it('A-5.1 the registration made first stays; Orenburg’s later withdrawal is kept aside on its node and the request goes on', async () => {
    const id = await apart(2);
    const seen = ok(await akt.get(`/api/v1/items/${id}`));
    ok(await akt.post(`/api/v1/items/${id}/register`, { incomingNumber: 'вх-2', incomingDate: '2026-03-02', version: seen.version }));
    pair.advance(60_000);
    ok(await deputy.post(`/api/v1/items/${id}/withdraw`, { reason: 'Необходимость отпала', version: ok(await deputy.get(`/api/v1/items/${id}`)).version }));
    pair.link.down = false;
    await pair.pump();
    await expectSameRecord(pair, id);
    const ru = ok(await deputy.get(`/api/v1/items/${id}`));
    expect(ru).toMatchObject({ status: 'registered', registration: { incomingNumber: 'вх-2' } });
    expect((await forksOf(pair, 'ru', id)).map((f) => f.kind)).toEqual(['withdraw']);
    // The request goes on: Orenburg may withdraw it again now, and that crosses as usual.
    expect(ru.availableActions).toContain('withdraw');
    ok(await deputy.post(`/api/v1/items/${id}/withdraw`, { reason: 'Необходимость отпала', version: ru.version }));
    await pair.pump();
    await expectSameRecord(pair, id);
    expect(ok(await akt.get(`/api/v1/items/${id}`)).status).toBe('withdrawn');
  });

  it('A-7.2 a losing branch of several actions goes whole, with the consultation message it wrote, even when its messages arrive out of order', async () => {
    const id = await apart(3);
    // Orenburg withdraws first; Aktobe then registers and opens consultations (two actions, one message row).
    ok(await deputy.post(`/api/v1/items/${id}/withdraw`, { reason: 'Необходимость отпала', version: ok(await deputy.get(`/api/v1/items/${id}`)).version }));
    pair.advance(60_000);
    let kz = ok(await akt.get(`/api/v1/items/${id}`));
    kz = ok(await akt.post(`/api/v1/items/${id}/register`, { incomingNumber: 'вх-3', incomingDate: '2026-03-02', version: kz.version }));
    ok(await akt.post(`/api/v1/items/${id}/consultation`, { body: 'Просим уточнить период.', version: kz.version }));
    expect((await repo.itemSideRows(pair.kz.database.db, id)).item_messages).toHaveLength(1);
    pair.link.down = false;
    pair.link.rates = { delay: 1 };
    await pair.pump(3);
    pair.link.rates = {};
    await pair.link.flushDelayed();
    await pair.pump();
    await expectSameRecord(pair, id);
    expect((await repo.itemSideRows(pair.kz.database.db, id)).item_messages).toEqual([]);
    expect((await forksOf(pair, 'kz', id)).map((f) => f.kind).sort()).toEqual(['open_consultation', 'register']);
    expect(await held(pair)).toBe(0);
  });

  it('A-8.2 a receipt that loses its place to an earlier action of the sender is recorded again after it: the term still runs from it, and nobody is told', async () => {
    const [officer, head, aktobe] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('oreHead'), pair.kz.as('aktOfficer')]);
    pair.link.down = true;
    let item = ok(await officer.post('/api/v1/items', peerRequest(50)), 201);
    item = ok(
      await officer.post(`/api/v1/items/${item.id}/send-oral`, {
        oralAt: pair.ru.clock.now().toISOString(),
        channel: 'phone',
        spokenBy: 'Исполнителева А.С.',
        spokenTo: 'Серикбаев Н.Е.',
        version: item.version,
      }),
    );
    pair.advance(60_000);
    // Confirmed in writing before the oral request reached Aktobe's node: the receipt there comes later.
    ok(await head.post(`/api/v1/items/${item.id}/confirm-in-writing`, { outgoingNumber: '7-уст-50', outgoingDate: '2026-03-02', version: item.version }));
    pair.advance(60_000);
    pair.link.down = false;
    await pair.pump();
    await expectSameRecord(pair, item.id);
    const log = await actionsOf(pair.ru.database.db, item.id);
    expect(log.map((a) => a.kind)).toEqual(['create', 'send_oral', 'confirm_in_writing', 'receipt']);
    const aside = await forksOf(pair, 'kz', item.id);
    expect(aside.map((f) => f.kind)).toEqual(['receipt']);
    // Recorded again at the time it was received, so the term is the same as before the fork.
    expect(log.at(-1)!.at.toISOString()).toBe((aside[0]!.action as { at: string }).at);
    const bell = ok(await aktobe.get('/api/v1/notifications')).items as { kind: string; subjectId: string }[];
    expect(bell.filter((n) => n.subjectId === item.id).map((n) => n.kind)).not.toContain('item.superseded');
    expect(bell.filter((n) => n.subjectId === item.id).map((n) => n.kind)).toContain('item.received');
  });

  it('security: the log stays append-only — a delete is let through only for a fork’s superseded rows, and those are never rewritten', async () => {
    const id = await apart(4);
    pair.link.down = false;
    const db = pair.kz.database.db;
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      );
    // Naming the subject is not enough: the row must have been kept aside first (and the application's role may not delete at all).
    expect(
      await refusal(
        db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('bc.fork_subject', ${id}, true)`);
          await tx.execute(sql`delete from actions where subject_id = ${id}`);
        }),
      ),
    ).toMatch(/append-only|permission denied/);
    // The owner's function deletes only what was kept aside: here nothing.
    const res = await db.execute(sql`select bc_supersede_actions(${id}::uuid, 1) as n`);
    expect(Number(((res as { rows?: { n: number }[] }).rows ?? (res as unknown as { n: number }[]))[0]!.n)).toBe(0);
    expect((await actionsOf(db, id)).length).toBe(4);
    const [aside] = await pair.kz.database.db.select().from(actionForks).limit(1);
    expect(await refusal(db.execute(sql`update action_forks set kind = 'x' where id = ${aside!.id}`))).toMatch(/append-only|permission denied/);
    expect(await refusal(db.execute(sql`delete from action_forks where id = ${aside!.id}`))).toMatch(/append-only|permission denied/);
  });

  it('A-5.1 property: random actions on both nodes under random faults — after healing, every shared record is the same on both', async () => {
    let seed = 4242;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const faulty = await createPair({ random });
    try {
      const bodies: Record<string, (version: number, n: number) => [string, Record<string, unknown>]> = {
        withdraw: (version) => ['withdraw', { reason: 'Необходимость отпала', version }],
        register: (version, n) => ['register', { incomingNumber: `вх-p${n}`, incomingDate: aqtobeToday(faulty), version }],
        doubt_authenticity: (version) => ['doubt-authenticity', { reason: 'Подпись вызывает сомнения', version }],
        open_consultation: (version, n) => ['consultation', { body: `Вопрос ${n}`, version }],
        message: (version, n) => ['messages', { body: `Ответ ${n}`, version }],
        close_consultation: (version) => ['consultation/close', { version }],
      };
      // A phase: the link goes down, both nodes act (with time passing between), then the link heals under faults.
      const act = fc.record({ node: fc.constantFrom<Node>('ru', 'kz'), pick: fc.nat(20), minutes: fc.integer({ min: 0, max: 90 }) });
      const phase = fc.record({
        acts: fc.array(act, { minLength: 1, maxLength: 5 }),
        faults: fc.record({
          drop: fc.constantFrom(0, 0.2, 0.4),
          duplicate: fc.constantFrom(0, 0.2, 0.4),
          delay: fc.constantFrom(0, 0.2),
          cut: fc.constantFrom(0, 0.2),
        }),
      });
      let n = 1000;
      const ids: string[] = [];
      await fc.assert(
        fc.asyncProperty(fc.array(phase, { minLength: 1, maxLength: 3 }), async (phases) => {
          faulty.link.down = false;
          faulty.link.rates = {};
          const id = await sendRequest(faulty, n++);
          ids.push(id);
          await faulty.pump();
          for (const p of phases) {
            faulty.link.down = true;
            for (const a of p.acts) {
              faulty.advance(a.minutes * 60_000);
              // A fresh session: the pumps move the clocks by hours when deliveries fail.
              const client = a.node === 'ru' ? await faulty.ru.as('oreDeputy') : await faulty.kz.as('aktOfficer');
              const item = ok(await client.get(`/api/v1/items/${id}`));
              const open = (item.availableActions as string[]).filter((x) => x in bodies);
              if (open.length === 0) continue;
              const [path, body] = bodies[open[a.pick % open.length]!]!(item.version, n++);
              ok(await client.post(`/api/v1/items/${id}/${path}`, body));
            }
            faulty.link.down = false;
            faulty.link.rates = p.faults;
            await faulty.pump(4);
          }
          faulty.link.rates = {};
          await faulty.link.flushDelayed();
          await faulty.pump();
          await expectSameRecord(faulty, id);
          expect(await held(faulty)).toBe(0);
        }),
        { numRuns: Number(process.env.FORK_RUNS ?? 10), seed: Number(process.env.FORK_SEED ?? 20261207) },
      );
      // Every request stays the same on both nodes, and neither node raised a security alert.
      for (const id of ids) await expectSameRecord(faulty, id);
      for (const node of [faulty.ru, faulty.kz])
        expect(
          (await repo.openAlerts(node.database.db, 1000)).filter((a) => ['sequence_conflict', 'message_id_reused', 'bad_signature'].includes(a.kind)),
        ).toEqual([]);
      const forks = (await faulty.ru.database.db.select().from(actionForks)).length + (await faulty.kz.database.db.select().from(actionForks)).length;
      if (process.env.EXCHANGE_STATS) console.log(JSON.stringify({ ...faulty.link.stats, forks, requests: ids.length }));
    } finally {
      await faulty.close();
    }
  }, 240_000);
});
