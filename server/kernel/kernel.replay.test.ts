import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualBlocks, events, items } from '../db/schema.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../test/build-test-app.ts';
import { actionsOf, replaySubject, storedSubject, verifyActions, verifySubject, type SubjectType } from './index.ts';

/**
 * The subjects' rows are projections of their logs. A random data set is made through the API —
 * random users taking random actions on random requests, proposals, events and annual blocks, many
 * of them refused, some on a stale version — and then every subject of the database is replayed
 * from its log and compared with its row, and every chain is verified.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

const content = {
  subject: 'О взаимодействии',
  essence: 'Существо дела',
  purpose: 'Проверка',
  assistance: 'Сведения',
  form: 'crime_information',
  priorityAreas: ['organized_crime'],
};
const seminar = (past: boolean, counterpart: string) => ({
  type: 'seminar',
  venue: 'abroad',
  form: 'experience_exchange',
  title: 'Семинар',
  country: 'Казахстан',
  city: 'Актобе',
  timeZone: 'Asia/Aqtobe',
  startsLocal: past ? '2026-02-10T10:00' : '2026-04-14T10:00',
  endsLocal: past ? '2026-02-11T17:00' : '2026-04-15T17:00',
  counterpartOfficeCodes: [counterpart],
  participants: [{ side: 'own', fullName: 'Иванов Иван', position: 'прокурор' }],
  agenda: 'Повестка',
  priorityAreas: ['drug_trafficking'],
});

type Party = 'ore' | 'akt';
interface ItemRef {
  id: string;
  sender: Party;
  routed: boolean;
}

/** One random move: which operation, and numbers that pick its subject, its user and its variant. */
const move = fc.record({ op: fc.nat(), a: fc.nat(), b: fc.nat(), stale: fc.nat({ max: 9 }) });
type Move = { op: number; a: number; b: number; stale: number };

describe(`the action log: replay rebuilds every subject ${TAG}`, () => {
  let ctx: TestContext;
  let c: Record<'oreOfficer' | 'oreDeputy' | 'oreHead' | 'aktOfficer' | 'aktHead' | 'gumps' | 'dms', Client>;
  let userIds: Map<string, string>;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
    const names = ['oreOfficer', 'oreDeputy', 'oreHead', 'aktOfficer', 'aktHead', 'gumps', 'dms'] as const;
    const clients = await Promise.all(names.map((n) => ctx.as(n)));
    c = Object.fromEntries(names.map((n, i) => [n, clients[i]!])) as typeof c;
    userIds = new Map(rowsOf<{ login: string; id: string }>(await ctx.database.db.execute(sql`select login, id from users`)).map((u) => [u.login, u.id]));
    // Kostanay works off the system: its letters about events are recorded by the Orenburg office (issue 10, part 3).
    const admin = await ctx.as('admin');
    const kus = (await admin.get('/api/v1/offices?limit=500')).body.items.find((o: { code: string }) => o.code === 'KZ-KUS');
    expect((await admin.put(`/api/v1/offices/${kus.id}/hosting`, { hosting: 'off_system', version: kus.version })).status).toBe(200);
  });
  afterAll(async () => ctx?.close());

  function upload(client: Client, url: string) {
    const boundary = 'replayboundary';
    const part = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="план.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: part,
    });
  }

  /** A counterpart's letter about an event: its JSON and one scan, in one multipart request. */
  function letter(client: Client, id: string, data: unknown) {
    const boundary = 'replayboundary';
    const part = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="письмо.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return ctx.app.inject({
      method: 'POST',
      url: `/api/v1/events/${id}/counterpart-letters`,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: part,
    });
  }

  it('a random data set made through the API: every item, event and annual block replays to its row, every chain verifies, and 5xx never happens', async () => {
    const itemRefs: ItemRef[] = [];
    const eventIds: string[] = [];
    const statuses = new Map<number, number>();
    const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
    const senderOf = (p: Party) =>
      p === 'ore' ? { officer: c.oreOfficer, head: n2(c.oreHead, c.oreDeputy) } : { officer: c.aktOfficer, head: () => c.aktHead };
    const n2 = (x: Client, y: Client) => (n: number) => (n % 2 ? x : y);
    const receiverOf = (r: ItemRef) =>
      r.routed
        ? { officer: r.sender === 'ore' ? c.gumps : c.dms, head: r.sender === 'ore' ? c.gumps : c.dms }
        : r.sender === 'ore'
          ? { officer: c.aktOfficer, head: c.aktHead }
          : { officer: c.oreOfficer, head: c.oreHead };
    const current = async (r: ItemRef) => (await senderOf(r.sender).officer.get(`/api/v1/items/${r.id}`)).body;
    const versionOf = (body: { version: number }, m: Move) => (m.stale === 0 ? Math.max(1, body.version - 1) : body.version);

    const itemOps: ((r: ItemRef, m: Move) => Promise<{ status: number }>)[] = [
      async (r, m) =>
        senderOf(r.sender).officer.patch(`/api/v1/items/${r.id}`, {
          essence: m.b % 3 ? `Существо ${m.b}` : 'Существо дела',
          version: versionOf(await current(r), m),
        }),
      async (r, m) =>
        senderOf(r.sender).officer.patch(`/api/v1/items/${r.id}`, {
          confidentiality: m.b % 2 ? 'official_use' : 'restricted',
          version: versionOf(await current(r), m),
        }),
      async (r, m) =>
        senderOf(r.sender)
          .head(m.b)
          .post(`/api/v1/items/${r.id}/sign`, { version: versionOf(await current(r), m) }),
      async (r, m) =>
        senderOf(r.sender).officer.post(`/api/v1/items/${r.id}/send`, {
          outgoingNumber: `И-${m.a}`,
          outgoingDate: '2026-03-02',
          version: versionOf(await current(r), m),
        }),
      async (r, m) =>
        senderOf(r.sender).officer.post(`/api/v1/items/${r.id}/send-oral`, {
          oralAt: '2026-03-02T04:30:00.000Z',
          channel: 'phone',
          spokenBy: 'Иванов',
          spokenTo: 'Петров',
          version: versionOf(await current(r), m),
        }),
      async (r, m) =>
        senderOf(r.sender)
          .head(m.b)
          .post(`/api/v1/items/${r.id}/confirm-in-writing`, {
            outgoingNumber: `П-${m.a}`,
            outgoingDate: '2026-03-02',
            version: versionOf(await current(r), m),
          }),
      async (r, m) =>
        receiverOf(r).officer.post(`/api/v1/items/${r.id}/register`, {
          incomingNumber: `вх-${m.a}`,
          incomingDate: '2026-03-02',
          version: versionOf(await current(r), m),
        }),
      async (r, m) => {
        const executor = userIds.get(r.sender === 'ore' ? 'aktofficer' : 'oreofficer')!;
        return receiverOf(r).head.post(`/api/v1/items/${r.id}/assign`, {
          executorId: executor,
          instruction: 'Исполнить',
          dueOn: '2026-03-20',
          version: versionOf(await current(r), m),
        });
      },
      async (r, m) =>
        receiverOf(r).officer.post(`/api/v1/items/${r.id}/doubt-authenticity`, { reason: 'Сомнения в подлинности', version: versionOf(await current(r), m) }),
      async (r, m) =>
        senderOf(r.sender)
          .head(m.b)
          .post(`/api/v1/items/${r.id}/confirm-authenticity`, { note: 'Подтверждаем', version: versionOf(await current(r), m) }),
      async (r, m) =>
        receiverOf(r).officer.post(`/api/v1/items/${r.id}/consultation`, {
          body: 'Консультация',
          ...(m.b % 2 ? { proposedConditions: 'Только для проверки' } : {}),
          version: versionOf(await current(r), m),
        }),
      async (r, m) =>
        (m.b % 2 ? senderOf(r.sender).officer : receiverOf(r).officer).post(`/api/v1/items/${r.id}/messages`, {
          body: 'Ответ',
          version: versionOf(await current(r), m),
        }),
      async (r, m) =>
        senderOf(r.sender)
          .head(m.b)
          .post(`/api/v1/items/${r.id}/conditions/${m.b % 3 ? 'accept' : 'reject'}`, { version: versionOf(await current(r), m) }),
      async (r, m) => receiverOf(r).officer.post(`/api/v1/items/${r.id}/consultation/close`, { version: versionOf(await current(r), m) }),
      async (r, m) =>
        receiverOf(r).head.post(
          `/api/v1/items/${r.id}/outcome`,
          m.b % 3
            ? { outcome: 'executed', text: 'Исполнено', version: versionOf(await current(r), m) }
            : {
                outcome: 'refused',
                refusalGrounds: ['security'],
                reason: 'Угроза',
                text: 'Отказ',
                confidentiality: 'restricted',
                version: versionOf(await current(r), m),
              },
        ),
      async (r, m) =>
        senderOf(r.sender)
          .head(m.b)
          .post(`/api/v1/items/${r.id}/withdraw`, { reason: 'Отпала необходимость', version: versionOf(await current(r), m) }),
      async (r, m) =>
        receiverOf(r).head.post(
          `/api/v1/items/${r.id}/${m.b % 2 ? 'forward' : 'return'}`,
          m.b % 2 ? { note: 'Направлено', version: versionOf(await current(r), m) } : { reason: 'Возвращено', version: versionOf(await current(r), m) },
        ),
      async (r, m) => senderOf(r.sender).officer.post(`/api/v1/items/${r.id}/revise`, { version: versionOf(await current(r), m) }),
      async (r, m) =>
        upload(senderOf(r.sender).officer, `/api/v1/items/${r.id}/attachments?role=content&version=${versionOf(await current(r), m)}`).then((x) => ({
          status: x.statusCode,
        })),
      async (r, m) =>
        upload(
          m.b % 2 ? receiverOf(r).officer : senderOf(r.sender).officer,
          `/api/v1/items/${r.id}/attachments?role=${m.b % 2 ? 'outcome' : 'consultation'}`,
        ).then((x) => ({ status: x.statusCode })),
      async (r) => receiverOf(r).head.post(`/api/v1/items/${r.id}/confidentiality`, { piece: 'answer', confidentiality: 'restricted' }),
      async (r, m) => {
        const files = (await current(r)).attachments as { id: string }[];
        const file = pick(files, m.b);
        return file
          ? (m.b % 2 ? receiverOf(r).head : senderOf(r.sender).head(m.b)).post(`/api/v1/items/${r.id}/confidentiality`, {
              piece: 'attachment',
              pieceId: file.id,
              confidentiality: 'restricted',
            })
          : { status: 404 };
      },
      async (r) => senderOf(r.sender).officer.post(`/api/v1/items/${r.id}/consents`, { purpose: 'Для другого дела', justification: 'Нужно' }),
      async (r, m) => {
        const consents = (await receiverOf(r).officer.get(`/api/v1/items/${r.id}/consents`)).body.items as { id: string }[] | undefined;
        const consent = pick(consents ?? [], m.b);
        return consent ? receiverOf(r).head.post(`/api/v1/consents/${consent.id}/decision`, { decision: m.b % 2 ? 'granted' : 'refused' }) : { status: 404 };
      },
      async (r, m) => senderOf(r.sender).officer.post(`/api/v1/items/${r.id}/uses`, { purpose: m.b % 2 ? 'Проверка' : 'Для другого дела' }),
    ];
    // The operations that make sense in each status (by index above): most moves take one of them, so lives go deep.
    const ITEM_PLAUSIBLE: Record<string, number[]> = {
      draft: [0, 1, 2, 2, 4, 18],
      signed: [3, 3, 0],
      sent: [6, 6, 8, 5],
      registered: [7, 10, 14, 14, 19, 8, 5],
      on_hold: [9, 15, 5],
      consultation: [11, 12, 13, 14, 19],
      executed: [20, 21, 22, 23, 24, 19],
      partially_executed: [20, 22, 23, 24],
      refused: [20, 21, 24],
      returned: [17],
      withdrawn: [24],
      forwarded: [24],
    };
    const ROUTED_PLAUSIBLE: Record<string, number[]> = { sent: [6, 16], registered: [16] };
    const EVENT_PLAUSIBLE: Record<string, number[]> = {
      draft: [0, 1, 7],
      returned: [0, 1],
      submitted: [2, 3],
      approved: [4, 5, 7, 3, 8],
      reported: [6, 8],
      rejected: [0],
      cancelled: [0],
    };
    const eventOps: ((id: string, m: Move) => Promise<{ status: number }>)[] = [
      async (id, m) =>
        c.oreOfficer.patch(`/api/v1/events/${id}`, { title: `Семинар ${m.b}`, version: versionOf((await c.oreOfficer.get(`/api/v1/events/${id}`)).body, m) }),
      async (id, m) => c.oreHead.post(`/api/v1/events/${id}/submit`, { version: versionOf((await c.oreOfficer.get(`/api/v1/events/${id}`)).body, m) }),
      async (id, m) =>
        c.gumps.post(`/api/v1/events/${id}/${['approve', 'return', 'reject'][m.b % 3]}`, {
          reason: 'Решение координатора',
          version: versionOf((await c.oreOfficer.get(`/api/v1/events/${id}`)).body, m),
        }),
      async (id, m) =>
        c.oreDeputy.post(`/api/v1/events/${id}/cancel`, { reason: 'Отменено', version: versionOf((await c.oreOfficer.get(`/api/v1/events/${id}`)).body, m) }),
      async (id, m) =>
        c.oreOfficer.put(`/api/v1/events/${id}/report`, {
          outcomes: m.b % 2 ? 'Итоги' : null,
          version: versionOf((await c.oreOfficer.get(`/api/v1/events/${id}`)).body, m),
        }),
      async (id, m) => c.oreHead.post(`/api/v1/events/${id}/report/submit`, { version: versionOf((await c.oreOfficer.get(`/api/v1/events/${id}`)).body, m) }),
      async (id, m) =>
        c.gumps.post(`/api/v1/events/${id}/report/return`, {
          reason: 'Дополните',
          version: versionOf((await c.oreOfficer.get(`/api/v1/events/${id}`)).body, m),
        }),
      async (id, m) => upload(c.oreOfficer, `/api/v1/events/${id}/attachments?role=${m.b % 2 ? 'proposal' : 'report'}`).then((x) => ({ status: x.statusCode })),
      // The counterpart's letter: its participants, or its statement of the outcomes (refused for Aktobe, which works here).
      async (id, m) =>
        letter(m.a % 2 ? c.oreOfficer : c.oreHead, id, {
          officeCode: m.stale % 3 ? 'KZ-KUS' : 'KZ-AKT',
          letter: {
            channel: m.b % 2 ? 'email' : 'letter',
            number: `исх-${m.a}`,
            date: '2026-03-01',
            signerName: 'Прокурор',
            signerPosition: 'прокурор области',
          },
          ...(m.b % 3
            ? { participants: [{ fullName: `Участник ${m.b}`, position: 'прокурор' }] }
            : { statement: { outcomes: `Итоги ${m.b}`, agreements: null } }),
        }).then((x) => ({ status: x.statusCode })),
    ];
    const blockOp = async (m: Move) => {
      const [code, staff, head, coordinator] = m.a % 2 ? ['RU-ORE', c.oreOfficer, c.oreHead, c.gumps] : ['KZ-AKT', c.aktOfficer, c.aktHead, c.dms];
      const url = `/api/v1/annual-blocks/${code}/${2025 + (m.b % 2)}`;
      const block = (await staff.get(url)).body as { version: number | null };
      const version = block.version === null ? null : versionOf({ version: block.version }, m);
      if (m.op % 3 === 0) return staff.put(url, { proposals: `Предложения ${m.b}`, version });
      if (m.op % 3 === 1) return head.post(`${url}/submit`, { version: version ?? 1 });
      return coordinator.post(`${url}/return`, { reason: 'Дополните', version: version ?? 1 });
    };

    const run = async (moves: Move[]) => {
      for (const m of moves) {
        const kind = m.op % 20;
        let res: { status: number; body?: { id?: string } };
        if (kind < 1 || itemRefs.length === 0) {
          const sender: Party = m.a % 3 === 0 ? 'akt' : 'ore';
          const routed = m.b % 7 === 0;
          res = await senderOf(sender).officer.post('/api/v1/items', {
            ...content,
            kind: m.b % 4 === 0 ? 'proposal' : 'request',
            toOfficeCode: sender === 'ore' ? 'KZ-AKT' : 'RU-ORE',
            ...(routed ? { subjectMatter: 'extradition' } : {}),
            ...(m.b % 5 === 0 ? { essence: '' } : {}),
          });
          if (res.status === 201) itemRefs.push({ id: res.body!.id!, sender, routed });
        } else if (kind < 2 || (kind < 6 && eventIds.length === 0)) {
          res = await c.oreOfficer.post('/api/v1/events', m.b % 4 === 0 ? { title: 'Встреча' } : seminar(m.b % 2 === 0, m.a % 3 ? 'KZ-KUS' : 'KZ-AKT'));
          if (res.status === 201) eventIds.push(res.body!.id!);
        } else if (kind < 6) {
          const id = pick(eventIds.slice(-4), m.a)!;
          const status = (await c.oreOfficer.get(`/api/v1/events/${id}`)).body.status as string;
          const op = m.stale < 8 ? pick(EVENT_PLAUSIBLE[status] ?? [], m.b)! : m.b % eventOps.length;
          res = await eventOps[op]!(id, m);
        } else if (kind < 7) {
          res = await blockOp(m);
        } else {
          // Mostly the latest few items, so their lives go on; now and then any op at all.
          const r = pick(itemRefs.slice(-6), m.a)!;
          const status = (await current(r)).status as string;
          const op = m.stale < 8 ? pick((r.routed ? ROUTED_PLAUSIBLE[status] : undefined) ?? ITEM_PLAUSIBLE[status] ?? [], m.b)! : m.b % itemOps.length;
          res = await itemOps[op]!(r, m);
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, JSON.stringify(res)).toBeLessThan(500);
      }
    };

    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 150, maxLength: 150 }), async (moves) => {
        await run(moves);
      }),
      { numRuns: 3, endOnFailure: true },
    );
    // Whatever the walk reached: Kostanay, off the system, writes about an approved event — who came, then
    // how it sees the results — and the event is reported after (issue 10, part 3).
    const past = await c.oreOfficer.post('/api/v1/events', seminar(true, 'KZ-KUS'));
    const submitted = await c.oreHead.post(`/api/v1/events/${past.body.id}/submit`, { version: past.body.version });
    const approved = await c.gumps.post(`/api/v1/events/${past.body.id}/approve`, { version: submitted.body.version });
    const said = {
      officeCode: 'KZ-KUS',
      letter: { channel: 'fax', number: 'исх-1', date: '2026-03-01', signerName: 'Прокурор', signerPosition: 'прокурор области' },
    };
    expect((await letter(c.oreOfficer, past.body.id, { ...said, participants: [{ fullName: 'Участник Костанай', position: 'прокурор' }] })).statusCode).toBe(
      201,
    );
    expect((await letter(c.oreHead, past.body.id, { ...said, statement: { outcomes: 'Итоги Костаная', agreements: 'Обмен' } })).statusCode).toBe(201);
    const report = await c.oreOfficer.put(`/api/v1/events/${past.body.id}/report`, { outcomes: 'Итоги', version: approved.body.version });
    expect((await c.oreHead.post(`/api/v1/events/${past.body.id}/report/submit`, { version: report.body.version })).body.status).toBe('reported');

    // Every subject in the database, whoever made it, replays to its row and its chain holds.
    const db = ctx.database.db;
    const all: [SubjectType, string][] = [
      ...(await db.select({ id: items.id }).from(items)).map((r) => ['item', r.id] as [SubjectType, string]),
      ...(await db.select({ id: events.id }).from(events)).map((r) => ['event', r.id] as [SubjectType, string]),
      ...(await db.select({ id: annualBlocks.id }).from(annualBlocks)).map((r) => ['annual_block', r.id] as [SubjectType, string]),
    ];
    let actionCount = 0;
    for (const [type, id] of all) {
      const log = await actionsOf(db, id);
      expect(log.length, `${type} ${id} has a log`).toBeGreaterThan(0);
      expect(log.every((a) => a.subjectType === type)).toBe(true);
      expect(verifyActions(log), `${type} ${id}`).toBeNull();
      expect(await replaySubject(db, type, id), `${type} ${id}`).toEqual(await storedSubject(db, type, id));
      actionCount += log.length;
    }
    // The data set is not a trivial one: many actions were taken, and many refused.
    expect(all.filter(([t]) => t === 'item').length).toBeGreaterThan(10);
    expect(actionCount).toBeGreaterThan(all.length * 3);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(80);
    const kinds = rowsOf<{ kind: string }>(await db.execute(sql`select distinct kind from actions`)).map((r) => r.kind);
    expect(kinds.length, kinds.join(' ')).toBeGreaterThanOrEqual(12);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    // 450 API moves and a replay of every subject: about 20 s alone, more on a machine that is busy.
  }, 180_000);

  it('A-6.4 concurrent actions on one subject queue on its row: two signers at once make one signature and one sign action; actions that do not depend on the version all land, in one unbroken chain', async () => {
    const d = await c.oreOfficer.post('/api/v1/items', { ...content, kind: 'request', toOfficeCode: 'KZ-AKT' });
    const id = d.body.id as string;
    const signs = await Promise.all([
      c.oreHead.post(`/api/v1/items/${id}/sign`, { version: d.body.version }),
      c.oreDeputy.post(`/api/v1/items/${id}/sign`, { version: d.body.version }),
    ]);
    expect(signs.map((r) => r.status).sort()).toEqual([200, 409]);
    const sent = await c.oreOfficer.post(`/api/v1/items/${id}/send`, {
      outgoingNumber: 'К-1',
      outgoingDate: '2026-03-02',
      version: signs.find((r) => r.status === 200)!.body.version,
    });
    const reg = await c.aktOfficer.post(`/api/v1/items/${id}/register`, { incomingNumber: 'вх-К-1', incomingDate: '2026-03-02', version: sent.body.version });
    const out = await c.aktHead.post(`/api/v1/items/${id}/outcome`, { outcome: 'executed', text: 'Исполнено', version: reg.body.version });
    expect(out.status).toBe(200);
    const uses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => c.oreOfficer.post(`/api/v1/items/${id}/uses`, { purpose: 'Проверка', kind: i % 2 ? 'use' : 'print' })),
    );
    expect(uses.map((r) => r.status)).toEqual(Array(6).fill(201));
    const log = await actionsOf(ctx.database.db, id);
    expect(log.filter((a) => a.kind === 'sign')).toHaveLength(1);
    expect(log.map((a) => a.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((a) => a.kind.startsWith('info_'))).toHaveLength(6);
    expect(verifyActions(log)).toBeNull();
    expect(await replaySubject(ctx.database.db, 'item', id)).toEqual(await storedSubject(ctx.database.db, 'item', id));
    // A use is recorded beside the item: its version, which users edit against, stays.
    expect((await c.oreOfficer.get(`/api/v1/items/${id}`)).body.version).toBe(out.body.version);
  });

  it('security: a changed, removed or reordered action breaks its subject’s chain, found at that action', async () => {
    const d = await c.oreOfficer.post('/api/v1/items', { ...content, kind: 'request', toOfficeCode: 'KZ-AKT' });
    const s = await c.oreHead.post(`/api/v1/items/${d.body.id}/sign`, { version: d.body.version });
    await c.oreOfficer.post(`/api/v1/items/${d.body.id}/send`, { outgoingNumber: 'Ц-1', outgoingDate: '2026-03-02', version: s.body.version });
    const id = d.body.id as string;
    const db = ctx.database.db;
    expect(await verifySubject(db, id)).toBeNull();
    const log = await actionsOf(db, id);
    expect(log.map((a) => a.seq)).toEqual([1, 2, 3]);
    // The application's role cannot rewrite the log at all.
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => 'allowed',
        (e: { cause?: { message?: string } }) => e.cause?.message ?? String(e),
      );
    expect(await refusal(db.execute(sql`update actions set input = '{}'::jsonb where subject_id = ${id} and seq = 2`))).toMatch(
      /append-only|permission denied/,
    );
    expect(await refusal(db.execute(sql`delete from actions where subject_id = ${id}`))).toMatch(/append-only|permission denied/);
    // Changes as the owner with the trigger off are found: in a field, in the order, or by removal.
    const tampered = (edit: (rows: typeof log) => typeof log) => verifyActions(edit(log.map((a) => ({ ...a }))));
    expect(tampered((rows) => rows.map((a) => (a.seq === 2 ? { ...a, changes: { ...a.changes, signatureId: null } } : a)))).toEqual({ seq: 2, reason: 'hash' });
    expect(tampered((rows) => rows.map((a) => (a.seq === 3 ? { ...a, actorUserId: userIds.get('orehead')! } : a)))).toEqual({ seq: 3, reason: 'hash' });
    expect(tampered((rows) => rows.filter((a) => a.seq !== 2))).toEqual({ seq: 3, reason: 'seq_gap' });
    expect(tampered((rows) => [rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }])).toEqual({ seq: 2, reason: 'prev_hash' });
    const owner = ctx.database.owner.db;
    await owner.execute(sql`alter table actions disable trigger user`);
    try {
      await owner.execute(sql`update actions set details = jsonb_set(details, '{outgoingNumber}', '"Ц-2"') where subject_id = ${id} and seq = 3`);
    } finally {
      await owner.execute(sql`alter table actions enable trigger user`);
    }
    expect(await verifySubject(db, id)).toEqual({ seq: 3, reason: 'hash' });
  });
});
