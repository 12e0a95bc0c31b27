import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, type Pair } from '../../test/pair.ts';

const officeId = async (pair: Pair, code: string) =>
  ((await pair.ru.database.db.execute(sql`select id from offices where code = ${code}`)) as unknown as { rows: { id: string }[] }).rows[0]!.id;

describe(`exchange: contact persons and coordinating units reach the other Party's node ${TAG}`, () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair();
  });
  afterAll(async () => pair?.close());

  it('P-3 O-4.2 a contact designated in Orenburg reaches the Kazakh coordinator by itself; its signed receipt empties the list of changes not yet communicated', async () => {
    const [officer, gumps] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('gumps')]);
    const ore = await officeId(pair, 'RU-ORE');
    const created = await officer.post(`/api/v1/offices/${ore}/contacts`, {
      surname: 'Письменный',
      firstName: 'Олег',
      position: 'прокурор отдела',
      phone: '+7 3532 11-22-33',
      email: 'pismenny@prok.example',
    });
    expect(created.status).toBe(201);
    expect((await gumps.get('/api/v1/contact-changes?pending=true')).body.total).toBe(1);
    await pair.pump();
    expect((await gumps.get('/api/v1/contact-changes?pending=true')).body.total).toBe(0);
    const communicated = await gumps.get('/api/v1/contact-communications');
    expect(communicated.body.items[0]).toMatchObject({ party: 'RU', changes: 1 });
    expect(communicated.body.items[0].outgoingNumber).toMatch(/^exchange:/);
    // On the Kazakh node: the Department is told in the application and sees the contact.
    const dms = await pair.kz.as('dms');
    const bell = await dms.get('/api/v1/notifications');
    expect(bell.body.items[0]).toMatchObject({ kind: 'contact.changed', payload: { officeCode: 'RU-ORE', changeKind: 'designated' } });
    const contacts = await dms.get(`/api/v1/offices/${ore}/contacts`);
    expect(contacts.body.items.map((c: { surname: string }) => c.surname)).toContain('Письменный');
    // Not a change the Kazakh node has to communicate.
    expect((await dms.get('/api/v1/contact-changes?pending=true')).body.total).toBe(0);
  });

  it('A-5.3 a change of ГУМПС reaches the Kazakh Department in the application; the notice counts as sent when the receipt comes', async () => {
    const gumps = await pair.ru.as('gumps');
    const unit = await officeId(pair, 'RU-GP-GUMPS');
    const current = await gumps.get(`/api/v1/offices/${unit}`);
    const edit = await gumps.patch(`/api/v1/offices/${unit}`, {
      address: 'Москва, ул. Большая Дмитровка, 15а',
      effectiveFrom: '2026-03-02',
      version: current.body.version,
    });
    expect(edit.status).toBe(200);
    expect((await gumps.get('/api/v1/party-notices?pending=true')).body.total).toBe(1);
    await pair.pump();
    expect((await gumps.get('/api/v1/party-notices?pending=true')).body.total).toBe(0);
    const dms = await pair.kz.as('dms');
    const bell = await dms.get('/api/v1/notifications');
    expect(bell.body.items[0]).toMatchObject({ kind: 'registry.coordinator_changed', payload: { officeCode: 'RU-GP-GUMPS', fields: ['address'] } });
  });
});
