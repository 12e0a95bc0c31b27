import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaySubject, storedSubject, verifySubject } from '../../kernel/index.ts';
import { TAG, type Client } from '../../test/build-test-app.ts';
import { seminar } from '../../test/event-fixtures.ts';
import { createPair, type Pair } from '../../test/pair.ts';
import { ENVELOPE_TYPE, signJws, type RecordEnvelope } from './exchange.envelope.ts';
import { signingKeys } from './exchange.keys.ts';
import { receive } from './exchange.inbox.ts';

/**
 * Issue 12: a joint event crosses. Orenburg (Russian node) proposes a seminar with Aktobe (hosted at
 * the Kazakh node); once ГУМПС approves it, the Kazakh node keeps a read-only copy that Aktobe's
 * staff and the Kazakh coordinator read. Aktobe states its participants in the system, and after the
 * event its outcomes; on the Russian node they are applied as Aktobe's letter would be.
 */

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** A record as the Russian node would send it, signed by its keys (for the stale, duplicate and forged cases). */
async function signedRecord(pair: Pair, messageId: string, index: number, record: RecordEnvelope['record']): Promise<string> {
  const env: RecordEnvelope = {
    v: 1,
    type: 'record',
    messageId,
    stream: { from: 'ru-node', to: 'kz-node', index },
    at: pair.ru.clock.now().toISOString(),
    record,
  };
  return signJws(env, await signingKeys(pair.ru.deps, pair.ru.database.db), pair.ru.deps.signer, ENVELOPE_TYPE).jws;
}

describe(`exchange: joint events reach the counterpart's node ${TAG}`, () => {
  let pair: Pair;
  let id: string;
  let officer: Client;
  let deputy: Client;
  let gumps: Client;
  let aktOfficer: Client;
  let aktHead: Client;
  let dms: Client;

  beforeAll(async () => {
    pair = await createPair({ now: '2026-03-06T05:00:00Z' });
    [officer, deputy, gumps] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('oreDeputy'), pair.ru.as('gumps')]);
    [aktOfficer, aktHead, dms] = await Promise.all([pair.kz.as('aktOfficer'), pair.kz.as('aktHead'), pair.kz.as('dms')]);
  });
  afterAll(async () => pair?.close());

  it('O-3.5 A-6.1 issue 12: nothing crosses before approval; once ГУМПС approves, the copy reaches the Kazakh node for Aktobe’s staff and coordinator, not other offices', async () => {
    const draft = await officer.post('/api/v1/events', { ...seminar, costArrangement: 'agreed', costTerms: 'Принимающая сторона оплачивает проживание' });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    id = draft.body.id;
    const submitted = await deputy.post(`/api/v1/events/${id}/submit`, { version: draft.body.version });
    expect(submitted.status).toBe(200);
    expect(await pair.pump()).toBe(0);
    expect((await aktOfficer.get(`/api/v1/events/${id}`)).status).toBe(404);

    const approved = await gumps.post(`/api/v1/events/${id}/approve`, { version: submitted.body.version });
    expect(approved.body.status).toBe('approved');
    expect(await pair.pump()).toBe(1);

    const copy = await aktOfficer.get(`/api/v1/events/${id}`);
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({
      number: approved.body.number,
      office: { code: 'RU-ORE' },
      status: 'approved',
      title: seminar.title,
      startsLocal: '2026-04-14T10:00',
      timeZone: 'Asia/Aqtobe',
      agenda: seminar.agenda,
      priorityAreas: seminar.priorityAreas,
      costArrangement: 'agreed',
      costTerms: 'Принимающая сторона оплачивает проживание',
      peerCopy: true,
      availableActions: [],
      side: null,
      statement: { officeCode: 'KZ-AKT', participants: true, outcomes: false },
    });
    expect(copy.body.participants.map((p: { fullName: string }) => p.fullName)).toEqual(seminar.participants.map((p) => p.fullName));
    expect(copy.body.counterparts).toMatchObject([{ code: 'KZ-AKT', hosting: 'here' }]);
    // The internal procedure stays at home: no decision, no report deadline, no files.
    expect(copy.body.decision).toBeNull();
    expect(copy.body.reportDue).toBeNull();
    expect(copy.body.submittedAt).toBeNull();
    // In the lists of Aktobe and of the Department; another Kazakh office neither lists nor opens it.
    expect((await aktOfficer.get('/api/v1/events')).body.items.map((e: { id: string; peerCopy: boolean }) => [e.id, e.peerCopy])).toEqual([[id, true]]);
    expect((await dms.get('/api/v1/events')).body.items.map((e: { id: string }) => e.id)).toContain(id);
    const vos = await pair.kz.as('vosOfficer');
    expect((await vos.get(`/api/v1/events/${id}`)).status).toBe(404);
    expect((await vos.get('/api/v1/events')).body.items).toEqual([]);
    // Its proposal document is the other Party's internal paper: not produced here.
    expect((await aktOfficer.get(`/api/v1/events/${id}/documents/proposal`)).status).toBe(409);
    // Nobody acts on it as the proposing side.
    expect((await aktHead.post(`/api/v1/events/${id}/cancel`, { version: copy.body.version, reason: 'Не можем' })).status).toBe(403);
    // Aktobe's staff are told in the application.
    const bell = (await aktOfficer.get('/api/v1/notifications')).body.items;
    expect(bell[0]).toMatchObject({ kind: 'event.shared', payload: { officeCode: 'RU-ORE', title: seminar.title } });
    // On the Russian node, Aktobe now acts in the system: its letters are no longer recorded.
    const ours = await officer.get(`/api/v1/events/${id}`);
    expect(ours.body.letterOfficeCodes).toEqual([]);
  });

  it('O-3.5 A-6.1 issue 12: Aktobe states its participants; on the Russian node they are Aktobe’s, recorded from the exchange; a letter for Aktobe is refused', async () => {
    const copy = (await aktOfficer.get(`/api/v1/events/${id}`)).body;
    const early = await aktOfficer.post(`/api/v1/events/${id}/counterpart-statement`, {
      participants: [],
      statement: { outcomes: 'Рано', agreements: null },
    });
    expect(early.status).toBe(403);
    const empty = await aktOfficer.post(`/api/v1/events/${id}/counterpart-statement`, { participants: [] });
    expect(empty).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const named = await aktOfficer.post(`/api/v1/events/${id}/counterpart-statement`, {
      participants: [
        { fullName: 'Жумабеков Ерлан Маратович', position: 'прокурор Актюбинской области' },
        { fullName: 'Серикбаев Нурлан Ерланович', position: 'прокурор отдела' },
      ],
    });
    expect(named.status, JSON.stringify(named.body)).toBe(201);
    expect(named.body.participants.filter((p: { fromLetter: boolean }) => p.fromLetter)).toHaveLength(2);
    expect(copy.version).toBeLessThanOrEqual(named.body.version);
    await pair.pump();

    const ours = (await officer.get(`/api/v1/events/${id}`)).body;
    const theirs = ours.participants.filter((p: { fromLetter: boolean }) => p.fromLetter);
    expect(theirs).toEqual([
      {
        side: 'counterpart',
        fullName: 'Жумабеков Ерлан Маратович',
        position: 'прокурор Актюбинской области',
        office: expect.objectContaining({ code: 'KZ-AKT' }),
        fromLetter: true,
      },
      {
        side: 'counterpart',
        fullName: 'Серикбаев Нурлан Ерланович',
        position: 'прокурор отдела',
        office: expect.objectContaining({ code: 'KZ-AKT' }),
        fromLetter: true,
      },
    ]);
    expect(ours.counterpartLetters).toMatchObject([
      {
        office: { code: 'KZ-AKT' },
        letter: { channel: 'peer', number: expect.stringMatching(/^exchange:/) },
        participants: 2,
        statement: false,
        recordedBy: null,
      },
    ]);
    const timeline = (await officer.get(`/api/v1/events/${id}/timeline`)).body.items;
    expect(timeline.at(-1)).toMatchObject({ action: 'counterpart_letter', channel: 'peer', onBehalfOf: { code: 'KZ-AKT' } });
    const bell = (await officer.get('/api/v1/notifications')).body.items;
    expect(bell[0]).toMatchObject({ kind: 'event.counterpart_stated', payload: { officeCode: 'KZ-AKT', title: seminar.title } });
    // The office can no longer record Aktobe's letters: Aktobe acts through the exchange.
    const boundary = 'b';
    const letter = await pair.ru.app.inject({
      method: 'POST',
      url: `/api/v1/events/${id}/counterpart-letters`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({
        officeCode: 'KZ-AKT',
        letter: { channel: 'phone', number: null, date: '2026-03-06', signerName: null, signerPosition: null },
        participants: [{ fullName: 'Иванов Иван', position: 'прокурор' }],
      })}\r\n--${boundary}--\r\n`,
    });
    expect(letter.statusCode).toBe(409);
    expect(letter.json()).toMatchObject({ code: 'COUNTERPART_IN_SYSTEM' });
    // The Russian node sent the event as it now stands back: the copy agrees.
    const again = (await aktOfficer.get(`/api/v1/events/${id}`)).body;
    expect(again.participants).toEqual(ours.participants);
  });

  it('O-3.5 A-6.4 issue 12: after the event Aktobe’s head states the outcomes (an officer may not); the Russian node keeps them beside its report, attributed to Aktobe', async () => {
    pair.advance(45 * 86_400_000);
    [officer, aktOfficer, aktHead] = await Promise.all([pair.ru.as('oreOfficer'), pair.kz.as('aktOfficer'), pair.kz.as('aktHead')]);
    const statement = { outcomes: 'Актюбинская сторона: выявлены два канала поставки.', agreements: 'Ежеквартальный обмен сведениями' };
    expect((await aktOfficer.get(`/api/v1/events/${id}`)).body.statement).toEqual({ officeCode: 'KZ-AKT', participants: true, outcomes: false });
    expect((await aktOfficer.post(`/api/v1/events/${id}/counterpart-statement`, { participants: [], statement })).status).toBe(403);
    expect((await aktHead.get(`/api/v1/events/${id}`)).body.statement).toEqual({ officeCode: 'KZ-AKT', participants: true, outcomes: true });
    const stated = await aktHead.post(`/api/v1/events/${id}/counterpart-statement`, { participants: [], statement });
    expect(stated.status, JSON.stringify(stated.body)).toBe(201);
    await pair.pump();
    const ours = (await officer.get(`/api/v1/events/${id}`)).body;
    expect(ours.counterpartStatements).toEqual([
      {
        office: expect.objectContaining({ code: 'KZ-AKT' }),
        ...statement,
        letter: {
          channel: 'peer',
          number: expect.stringMatching(/^exchange:/),
          date: expect.any(String),
          signerName: expect.any(String),
          signerPosition: null,
        },
      },
    ]);
    // The office's own report is untouched.
    expect(ours.report.outcomes).toBeNull();
    // The copy shows the statement as the Russian node holds it.
    expect((await aktHead.get(`/api/v1/events/${id}`)).body.counterpartStatements).toEqual(ours.counterpartStatements);
  });

  it('O-3.5 issue 12: the office reports; the copy follows; both rows are the projections of their logs', async () => {
    const [ruOfficer, ruDeputy] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('oreDeputy')]);
    const e = (await ruOfficer.get(`/api/v1/events/${id}`)).body;
    const saved = await ruOfficer.put(`/api/v1/events/${id}/report`, { outcomes: 'Проведён семинар.', agreements: null, followUp: null, version: e.version });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const reported = await ruDeputy.post(`/api/v1/events/${id}/report/submit`, { version: saved.body.version });
    expect(reported.body.status).toBe('reported');
    await pair.pump();
    const copy = (await pair.kz.as('aktOfficer').then((c) => c.get(`/api/v1/events/${id}`))).body;
    expect(copy.status).toBe('reported');
    // The office's report is its Party's internal document: it does not cross.
    expect(copy.report.outcomes).toBeNull();
    const bell = (await pair.kz.as('aktOfficer').then((c) => c.get('/api/v1/notifications'))).body.items;
    expect(bell[0]).toMatchObject({ kind: 'event.shared_changed', payload: { status: 'reported' } });
    for (const ctx of [pair.ru, pair.kz]) {
      expect(await verifySubject(ctx.database.db, id)).toBeNull();
      expect(await replaySubject(ctx.database.db, 'event', id)).toEqual(await storedSubject(ctx.database.db, 'event', id));
    }
  });

  it('O-3.5 issue 12: an older copy arriving after a newer one changes nothing and is receipted; a duplicate gets the same receipt; a record about an office not hosted at the peer is refused', async () => {
    const copyBefore = (await pair.kz.database.db.execute(sql`select status, version, title from events where id = ${id}`)) as unknown;
    const stalePayload = {
      id,
      number: 1,
      numberYear: 2026,
      officeCode: 'RU-ORE',
      status: 'cancelled',
      type: 'seminar',
      venue: 'abroad',
      form: 'experience_exchange',
      title: 'Старое название',
      country: 'Казахстан',
      city: 'Актобе',
      timeZone: 'Asia/Aqtobe',
      startsAt: null,
      endsAt: null,
      agenda: '',
      priorityAreas: [],
      costArrangement: 'each_own',
      costTerms: null,
      participants: [],
      counterpartOfficeCodes: ['KZ-AKT'],
      counterpartStatements: [],
      version: 2,
      seq: 3,
    };
    const stale = await signedRecord(pair, '01900000-0000-7000-8000-000000000001', 900_001, {
      kind: 'joint_event',
      officeCode: 'RU-ORE',
      content: stalePayload,
    });
    const first = await receive(pair.kz.deps, stale);
    expect(first.status).toBe(200);
    expect(JSON.parse(Buffer.from(JSON.parse(first.body).payload, 'base64url').toString())).toMatchObject({ type: 'receipt', status: 'applied' });
    expect(rowsOf(await pair.kz.database.db.execute(sql`select status, version, title from events where id = ${id}`))).toEqual(rowsOf(copyBefore));
    // The same message again: the same signed answer, byte for byte.
    const dup = await receive(pair.kz.deps, stale);
    expect(dup.body).toBe(first.body);

    // A joint event «of» an office hosted at the Kazakh node itself, sent by the Russian node: refused.
    const forged = await signedRecord(pair, '01900000-0000-7000-8000-000000000002', 900_002, {
      kind: 'joint_event',
      officeCode: 'KZ-AKT',
      content: { id: '01900000-0000-7000-8000-0000000000aa', officeCode: 'KZ-AKT' },
    });
    const refused = await receive(pair.kz.deps, forged);
    expect(JSON.parse(Buffer.from(JSON.parse(refused.body).payload, 'base64url').toString())).toMatchObject({
      type: 'rejection',
      code: 'ACTION_NOT_ALLOWED',
      detail: 'office',
    });
    // The id of an event of the Kazakh node itself (Aktobe's own draft): never overwritten by a peer.
    const own = await pair.kz.as('aktOfficer').then((c) => c.post('/api/v1/events', { ...seminar, counterpartOfficeCodes: ['RU-ORE'] }));
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const overwrite = await signedRecord(pair, '01900000-0000-7000-8000-000000000004', 900_004, {
      kind: 'joint_event',
      officeCode: 'RU-ORE',
      content: { ...(JSON.parse(JSON.stringify(stalePayload)) as object), id: own.body.id, seq: 1000 },
    });
    const kept = await receive(pair.kz.deps, overwrite);
    expect(JSON.parse(Buffer.from(JSON.parse(kept.body).payload, 'base64url').toString())).toMatchObject({
      type: 'rejection',
      code: 'ACTION_NOT_ALLOWED',
      detail: 'event',
    });
    expect((await pair.kz.as('aktOfficer').then((c) => c.get(`/api/v1/events/${own.body.id}`))).body).toMatchObject({
      office: { code: 'KZ-AKT' },
      status: 'draft',
    });
    // A statement «of» Orenburg sent to the Russian node by… the Russian node's own stream is not a peer: the Kazakh node refuses a statement about RU-ORE from the Russian node on a Kazakh event it does not have.
    const statement = await signedRecord(pair, '01900000-0000-7000-8000-000000000003', 900_003, {
      kind: 'event_statement',
      officeCode: 'RU-ORE',
      content: {
        eventId: '01900000-0000-7000-8000-0000000000bb',
        participants: [{ fullName: 'Иванов', position: '' }],
        statement: null,
        signerName: null,
        at: pair.ru.clock.now().toISOString(),
      },
    });
    const noEvent = await receive(pair.kz.deps, statement);
    expect(JSON.parse(Buffer.from(JSON.parse(noEvent.body).payload, 'base64url').toString())).toMatchObject({ type: 'rejection', code: 'SUBJECT_NOT_SHARED' });
  });

  it('O-3.5 issue 12: a cancellation reaches the copy of what was shared; one before approval sends nothing', async () => {
    const [ruOfficer, ruDeputy, ruHead, ruGumps] = await Promise.all([
      pair.ru.as('oreOfficer'),
      pair.ru.as('oreDeputy'),
      pair.ru.as('oreHead'),
      pair.ru.as('gumps'),
    ]);
    const later = { ...seminar, startsLocal: '2026-06-14T10:00', endsLocal: '2026-06-15T17:00' };
    // Submitted, then cancelled: never approved, never shared.
    const a = await ruOfficer.post('/api/v1/events', later);
    const aSubmitted = await ruDeputy.post(`/api/v1/events/${a.body.id}/submit`, { version: a.body.version });
    const aCancelled = await ruHead.post(`/api/v1/events/${a.body.id}/cancel`, { version: aSubmitted.body.version, reason: 'Перенесено' });
    expect(aCancelled.body.status).toBe('cancelled');
    expect(await pair.pump()).toBe(0);
    // Approved (shared), then cancelled: the copy follows.
    const b = await ruOfficer.post('/api/v1/events', later);
    const bSubmitted = await ruDeputy.post(`/api/v1/events/${b.body.id}/submit`, { version: b.body.version });
    const bApproved = await ruGumps.post(`/api/v1/events/${b.body.id}/approve`, { version: bSubmitted.body.version });
    const bCancelled = await ruHead.post(`/api/v1/events/${b.body.id}/cancel`, { version: bApproved.body.version, reason: 'Отменено принимающей стороной' });
    expect(bCancelled.body.status).toBe('cancelled');
    expect(await pair.pump()).toBe(2);
    const akt = await pair.kz.as('aktOfficer');
    const copy = (await akt.get(`/api/v1/events/${b.body.id}`)).body;
    expect(copy).toMatchObject({ status: 'cancelled', peerCopy: true, statement: null });
    // The reason is the proposing Party's: it does not cross.
    expect(JSON.stringify(copy)).not.toContain('Отменено принимающей стороной');
    expect((await akt.get(`/api/v1/events/${a.body.id}`)).status).toBe(404);
  });
});
