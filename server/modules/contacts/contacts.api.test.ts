import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';

const ivanov = {
  surname: 'Иванов',
  firstName: 'Иван',
  patronymic: 'Петрович',
  position: 'старший прокурор отдела',
  phone: '+7 (3532) 44-55-66',
  email: 'Ivanov@orenprok.ru',
};

describe(`contact persons ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let gumps: Client;
  let dms: Client;
  let offices: Map<string, string>;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2022-03-20T05:00:00Z' });
    [officer, gumps, dms] = await Promise.all([ctx.as('oreOfficer'), ctx.as('gumps'), ctx.as('dms')]);
    const all = await officer.get('/api/v1/offices?limit=200');
    offices = new Map(all.body.items.map((o: { code: string; id: string }) => [o.code, o.id]));
  });
  afterAll(async () => ctx?.close());

  /** Moves the clock (years pass between steps of this story) and logs in again: old sessions expire. */
  async function at(instant: string) {
    ctx.clock.set(instant);
    [officer, gumps, dms] = await Promise.all([ctx.as('oreOfficer'), ctx.as('gumps'), ctx.as('dms')]);
  }

  const ore = () => offices.get('RU-ORE')!;

  it('O-3.1 rejects an invalid phone and e-mail with field errors and saves nothing', async () => {
    const res = await officer.post(`/api/v1/offices/${ore()}/contacts`, { ...ivanov, phone: '12-34', email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(['body.email', 'body.phone']);
    expect(res.body.details.issues.find((i: any) => i.field === 'body.phone').rule).toBe('phone');
    const missing = await officer.post(`/api/v1/offices/${ore()}/contacts`, { surname: 'Иванов' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.issues.map((i: any) => i.field)).toEqual(
      expect.arrayContaining(['body.firstName', 'body.position', 'body.phone', 'body.email']),
    );
    expect((await officer.get(`/api/v1/offices/${ore()}/contacts`)).body.total).toBe(0);
  });

  it('O-3.1 an office designates its contact person; ГУМПС is notified at once, the Kazakh department is not', async () => {
    const res = await officer.post(`/api/v1/offices/${ore()}/contacts`, { ...ivanov, designatedFrom: '2022-03-20' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      surname: 'Иванов',
      phone: '+7 (3532) 44-55-66',
      email: 'ivanov@orenprok.ru',
      designatedFrom: '2022-03-20',
      current: true,
      officeCode: 'RU-ORE',
    });
    const bell = await gumps.get('/api/v1/notifications/unread-count');
    expect(bell.body.unread).toBe(1);
    const list = await gumps.get('/api/v1/notifications');
    expect(list.body.items[0]).toMatchObject({
      kind: 'contact.changed',
      officeId: ore(),
      payload: { officeCode: 'RU-ORE', changeKind: 'designated', link: `/offices/${ore()}?tab=contacts` },
    });
    // The notification points to the page; it carries no personal data.
    expect(JSON.stringify(list.body.items[0])).not.toMatch(/Иванов|ivanov|244/);
    expect((await dms.get('/api/v1/notifications/unread-count')).body.unread).toBe(0);
  });

  it('O-3.1 only the office’s own staff designate its contacts', async () => {
    const oms = await ctx.as('omsOfficer');
    expect((await oms.post(`/api/v1/offices/${ore()}/contacts`, ivanov)).status).toBe(404);
    expect((await gumps.post(`/api/v1/offices/${ore()}/contacts`, ivanov)).status).toBe(404);
    const leader = await ctx.as('leader');
    expect((await leader.post(`/api/v1/offices/${ore()}/contacts`, ivanov)).status).toBe(404);
  });

  it('O-3.1 keeps the full history: who was the contact, with which data, on a given date', async () => {
    const [first] = (await officer.get(`/api/v1/offices/${ore()}/contacts`)).body.items;
    await at('2023-01-10T05:00:00Z');
    const upd = await officer.patch(`/api/v1/contacts/${first.id}`, { phone: '+7 3532 77-88-99', effectiveFrom: '2023-01-10', version: first.version });
    expect(upd.status).toBe(200);
    expect(upd.body.phone).toBe('+7 3532 77-88-99');
    await at('2024-06-01T05:00:00Z');
    const rep = await officer.post(`/api/v1/contacts/${first.id}/replace`, {
      successor: {
        surname: 'Петрова',
        firstName: 'Анна',
        patronymic: 'Сергеевна',
        position: 'прокурор отдела',
        phone: '+7 3532 11-22-33',
        email: 'petrova@orenprok.ru',
      },
      effectiveFrom: '2024-06-01',
      version: upd.body.version,
    });
    expect(rep.status).toBe(201);

    const on = async (date: string) => (await officer.get(`/api/v1/offices/${ore()}/contacts?on=${date}`)).body.items;
    expect(await on('2022-03-19')).toEqual([]);
    expect((await on('2022-04-01')).map((c: any) => [c.surname, c.phone])).toEqual([['Иванов', '+7 (3532) 44-55-66']]);
    expect((await on('2023-06-01')).map((c: any) => [c.surname, c.phone])).toEqual([['Иванов', '+7 3532 77-88-99']]);
    expect((await on('2024-05-31')).map((c: any) => c.surname)).toEqual(['Иванов']);
    expect((await on('2024-06-01')).map((c: any) => c.surname)).toEqual(['Петрова']);
    const all = await officer.get(`/api/v1/offices/${ore()}/contacts?includeEnded=true`);
    expect(all.body.items.find((c: any) => c.surname === 'Иванов')).toMatchObject({ designatedTo: '2024-05-31', current: false });

    const hist = await officer.get(`/api/v1/contacts/${first.id}/history`);
    expect(hist.body.items.map((h: any) => h.kind)).toEqual(['updated', 'designated']);
    expect(hist.body.items[0]).toMatchObject({ changedFields: ['phone'], before: { phone: '+7 (3532) 44-55-66' }, after: { phone: '+7 3532 77-88-99' } });
  });

  it('O-3.1 a change to an ended designation is refused; a stale version is refused; nothing changes', async () => {
    const all = (await officer.get(`/api/v1/offices/${ore()}/contacts?includeEnded=true`)).body.items;
    const ended = all.find((c: any) => c.surname === 'Иванов');
    const res = await officer.patch(`/api/v1/contacts/${ended.id}`, { position: 'x position', version: ended.version });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONTACT_ALREADY_ENDED');
    const current = all.find((c: any) => c.surname === 'Петрова');
    const stale = await officer.patch(`/api/v1/contacts/${current.id}`, { position: 'новая должность', version: current.version + 5 });
    expect(stale.status).toBe(409);
    expect((await officer.get(`/api/v1/contacts/${current.id}`)).body.position).toBe('прокурор отдела');
  });

  it('contacts are personal data: counterparts and coordinators see them, anyone else gets 404', async () => {
    expect((await (await ctx.as('aktOfficer')).get(`/api/v1/offices/${ore()}/contacts`)).status).toBe(200);
    expect((await gumps.get(`/api/v1/offices/${ore()}/contacts`)).status).toBe(200);
    expect((await dms.get(`/api/v1/offices/${ore()}/contacts`)).status).toBe(200);
    for (const user of ['vosOfficer', 'omsOfficer', 'leader', 'auditor', 'admin'] as const) {
      const c = await ctx.as(user);
      const res = await c.get(`/api/v1/offices/${ore()}/contacts`);
      expect(res.status, user).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/Петрова|petrova/);
    }
  });

  it('every read and change of contact data is written to the audit log', async () => {
    const auditor = await ctx.as('auditor');
    const res = await auditor.get(`/api/v1/audit?objectId=${ore()}&action=contact.read`);
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.items[0]).toMatchObject({ action: 'contact.read', objectType: 'office_contacts', officeCode: 'RU-ORE' });
    const changes = await auditor.get('/api/v1/audit?action=contact.');
    const actions = new Set(changes.body.items.map((i: any) => i.action));
    for (const a of ['contact.create', 'contact.update', 'contact.replace', 'contact.read']) expect(actions.has(a), a).toBe(true);
  });

  it('O-3.1 the compliance page lists offices without contacts, overdue and late ones', async () => {
    const kgn = offices.get('RU-KGN')!;
    const kgnOfficer = await ctx.as('admin').then((a) =>
      a.post('/api/v1/users', {
        login: 'kgn-officer',
        password: 'Kurgan-Officer-2026',
        fullName: 'Курганов Кирилл',
        officeCode: 'RU-KGN',
        roles: ['officer'],
      }),
    );
    expect(kgnOfficer.status).toBe(201);
    const kgnClient = await ctx.as('kgn-officer', 'Kurgan-Officer-2026');
    await kgnClient.post('/api/v1/auth/password', { currentPassword: 'Kurgan-Officer-2026', newPassword: 'Kurgan-Officer-2026-new' });
    const created = await kgnClient.post(`/api/v1/offices/${kgn}/contacts`, {
      ...ivanov,
      surname: 'Курганов',
      email: 'k@kurganprok.ru',
      designatedFrom: '2022-04-05',
    });
    expect(created.status).toBe(201);

    const leader = await ctx.as('leader');
    const res = await leader.get('/api/v1/contacts/compliance');
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.items.map((r: any) => [r.office.code, r]));
    expect(res.body.items).toHaveLength(17);
    expect(by['RU-ORE']).toMatchObject({
      status: 'ok',
      firstDesignatedOn: '2022-03-20',
      currentContacts: 1,
      deadline: { start: '2022-03-10', lastDay: '2022-03-25', timeZone: 'Asia/Yekaterinburg' },
    });
    // Entered in June 2024 as effective from 05.04.2022: late, and marked as back-dated.
    expect(by['RU-KGN']).toMatchObject({ status: 'late', firstDesignatedOn: '2022-04-05', firstInformedOn: '2024-06-01', backdatedDays: 788 });
    expect(by['RU-ORE']).toMatchObject({ firstInformedOn: '2022-03-20', backdatedDays: 0 });
    expect(by['RU-OMS']).toMatchObject({ status: 'overdue', currentContacts: 0, firstDesignatedOn: null });
    expect(by['RU-ORE'].deadline.dueAt).toBe('2022-03-25T19:00:00.000Z');
    expect(res.body.summary).toMatchObject({ total: 17, ok: 1, late: 1, overdue: 15 });
    const kz = await dms.get('/api/v1/contacts/compliance');
    expect(kz.body.items.every((r: any) => r.office.party === 'KZ')).toBe(true);
    expect(kz.body.items.every((r: any) => r.status === 'missing' && r.deadline === null)).toBe(true);
    expect((await officer.get('/api/v1/contacts/compliance')).status).toBe(403);
  });

  it('O-4.2 lists the changes not yet communicated to the other Party until the coordinator marks them sent', async () => {
    const pending = await gumps.get('/api/v1/contact-changes?pending=true');
    expect(pending.status).toBe(200);
    expect(pending.body.total).toBe(4); // designated, updated, replaced (Orenburg) + designated (Kurgan)
    expect(pending.body.items.every((c: any) => c.communication === null)).toBe(true);
    const mark = await gumps.post('/api/v1/contact-communications', { sentOn: '2024-06-03', outgoingNumber: '87-12-2024/Исорг123', note: 'нота в ГП РК' });
    expect(mark.status).toBe(201);
    expect(mark.body).toMatchObject({ party: 'RU', sentOn: '2024-06-03', outgoingNumber: '87-12-2024/Исорг123', changes: 4 });
    expect((await gumps.get('/api/v1/contact-changes?pending=true')).body.total).toBe(0);
    const again = await gumps.post('/api/v1/contact-communications', { sentOn: '2024-06-03', outgoingNumber: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOTHING_TO_COMMUNICATE');
    const sent = await gumps.get('/api/v1/contact-changes?pending=false');
    expect(sent.body.items[0].communication).toMatchObject({ sentOn: '2024-06-03', outgoingNumber: '87-12-2024/Исорг123' });
    const history = await gumps.get('/api/v1/contact-communications');
    expect(history.body.items[0]).toMatchObject({ changes: 4, recordedBy: { fullName: 'Координаторов Иван Петрович' } });
    expect((await officer.post('/api/v1/contact-communications', { sentOn: '2024-06-03', outgoingNumber: 'x' })).status).toBe(403);
  });

  it('P-3 exports the current contact list as DOCX and XLSX for the other Party', async () => {
    const docx = await gumps.get('/api/v1/contacts/export.docx?lang=ru');
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toMatch(/attachment; filename="contacts-RU-2024-06-01\.docx"/);
    const { value: text } = await mammoth.extractRawText({ buffer: docx.raw });
    expect(text).toContain('Генеральная прокуратура Российской Федерации'); // printed in capitals by the blank's style
    expect(text).toContain('О контактных данных должностных лиц, ответственных за непосредственное взаимодействие, по состоянию на 01.06.2024');
    expect(text).toContain('Петрова Анна Сергеевна');
    expect(text).toContain('Прокуратура Оренбургской области');
    expect(text).not.toContain('Иванов Иван'); // no longer current
    expect(text).toContain('не определено'); // offices without a contact are listed as such

    const xlsx = await gumps.get('/api/v1/contacts/export.xlsx?lang=kk');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, 'Р/с №', 'Прокуратура', 'Тегі, аты, әкесінің аты', 'Лауазымы', 'Телефон', 'Электрондық пошта']);
    const rows = ws.getSheetValues().slice(3) as unknown[][];
    const ore = rows.find((r) => r[2] === 'Орынбор облысының прокуратурасы')!;
    expect(ore.slice(3)).toEqual(['Петрова Анна Сергеевна', 'прокурор отдела', '+7 3532 11-22-33', 'petrova@orenprok.ru']);
    expect(rows).toHaveLength(17);

    const auditor = await ctx.as('auditor');
    const exp = await auditor.get('/api/v1/audit?action=contact.export');
    expect(exp.body.total).toBe(2);
    expect((await officer.get('/api/v1/contacts/export.docx')).status).toBe(403);
  });

  it('O-3.1 ending a designation notifies ГУМПС and makes the office lapse', async () => {
    const before = (await gumps.get('/api/v1/notifications/unread-count')).body.unread;
    const [current] = (await officer.get(`/api/v1/offices/${ore()}/contacts`)).body.items;
    const res = await officer.post(`/api/v1/contacts/${current.id}/end`, { designatedTo: '2024-06-01', version: current.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ designatedTo: '2024-06-01' });
    expect((await gumps.get('/api/v1/notifications/unread-count')).body.unread).toBe(before + 1);
    await at('2024-06-02T05:00:00Z');
    const comp = await gumps.get('/api/v1/contacts/compliance');
    expect(comp.body.items.find((r: any) => r.office.code === 'RU-ORE').status).toBe('lapsed');
    const read = await gumps.post('/api/v1/notifications/read', { all: true });
    expect(read.body.updated).toBeGreaterThan(0);
    expect((await gumps.get('/api/v1/notifications/unread-count')).body.unread).toBe(0);
  });
});

describe(`back-dated and implausible designation dates ${TAG}`, () => {
  let ctx: TestContext;
  let ore: string;
  let akt: string;
  beforeAll(async () => {
    // 02.04.2022 in Orenburg: a week after the O-3.1 deadline of 25.03.2022.
    ctx = await createTestContext({ now: '2022-04-02T05:00:00Z' });
    const all = await (await ctx.as('oreOfficer')).get('/api/v1/offices?limit=200');
    const ids = new Map<string, string>(all.body.items.map((o: { code: string; id: string }) => [o.code, o.id]));
    ore = ids.get('RU-ORE')!;
    akt = ids.get('KZ-AKT')!;
  });
  afterAll(async () => ctx?.close());

  it('O-3.1 a designation entered on 02.04 as effective from 20.03 keeps its stated date, is marked back-dated, and the office is late', async () => {
    const officer = await ctx.as('oreOfficer');
    const res = await officer.post(`/api/v1/offices/${ore}/contacts`, { ...ivanov, designatedFrom: '2022-03-20' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ designatedFrom: '2022-03-20', recordedOn: '2022-04-02', backdatedDays: 13, current: true });

    const gumps = await ctx.as('gumps');
    const comp = await gumps.get('/api/v1/contacts/compliance');
    const row = comp.body.items.find((r: any) => r.office.code === 'RU-ORE');
    // Judged by when ГУМПС was informed (02.04, after the deadline of 25.03), not by the stated 20.03.
    expect(row).toMatchObject({ status: 'late', firstDesignatedOn: '2022-03-20', firstInformedOn: '2022-04-02', backdatedDays: 13, currentContacts: 1 });

    const pending = await gumps.get('/api/v1/contact-changes?pending=true');
    expect(pending.body.items.find((c: any) => c.contactId === res.body.id)).toMatchObject({
      kind: 'designated',
      effectiveFrom: '2022-03-20',
      recordedOn: '2022-04-02',
      backdatedDays: 13,
    });
    const history = await gumps.get(`/api/v1/contacts/${res.body.id}/history`);
    expect(history.body.items[0]).toMatchObject({ effectiveFrom: '2022-03-20', recordedOn: '2022-04-02', backdatedDays: 13 });
    const note = (await gumps.get('/api/v1/notifications')).body.items.find((n: any) => n.kind === 'contact.changed');
    expect(note.payload).toMatchObject({ effectiveFrom: '2022-03-20', backdatedDays: 13 });

    // A change recorded on its own effective day is not back-dated.
    const upd = await officer.patch(`/api/v1/contacts/${res.body.id}`, { position: 'прокурор отдела', version: res.body.version });
    expect(upd.status).toBe(200);
    const latest = (await gumps.get(`/api/v1/contacts/${res.body.id}/history`)).body.items[0];
    expect(latest).toMatchObject({ kind: 'updated', effectiveFrom: '2022-04-02', recordedOn: '2022-04-02', backdatedDays: 0 });
  });

  it('O-3.1 the day of recording is the office’s own: 00:30 on 03.04 in Orenburg is still 02.04 in UTC', async () => {
    ctx.clock.set('2022-04-02T18:30:00Z'); // 23:30 on 02.04 in Orenburg (UTC+5)
    const officer = await ctx.as('oreOfficer');
    const own = (await officer.get(`/api/v1/offices/${ore}/contacts`)).body.items[0];
    expect(own.recordedOn).toBe('2022-04-02');
    ctx.clock.set('2022-04-02T19:30:00Z'); // 00:30 on 03.04 in Orenburg
    const again = await ctx.as('oreOfficer');
    const res = await again.post(`/api/v1/offices/${ore}/contacts`, { ...ivanov, surname: 'Ночной', email: 'night@orenprok.ru', designatedFrom: '2022-04-02' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ recordedOn: '2022-04-03', backdatedDays: 1 });
    ctx.clock.set('2022-04-02T05:00:00Z');
  });

  it('O-3.1 refuses a designation before Order No. 136 (Russia) or the Protocol (Kazakhstan), or more than a year ahead, naming the field; nothing is saved', async () => {
    const officer = await ctx.as('oreOfficer');
    const before = (await officer.get(`/api/v1/offices/${ore}/contacts?includeEnded=true`)).body.total;
    const early = await officer.post(`/api/v1/offices/${ore}/contacts`, { ...ivanov, designatedFrom: '2022-03-09' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('DATE_RANGE_INVALID');
    expect(early.body.details.issues).toEqual([
      expect.objectContaining({ field: 'body.designatedFrom', rule: 'before_legal_basis', params: { date: '10.03.2022', code: 'ORDER-136-2022' } }),
    ]);
    const far = await officer.post(`/api/v1/offices/${ore}/contacts`, { ...ivanov, designatedFrom: '2030-01-01' });
    expect(far.status).toBe(422);
    expect(far.body.details.issues).toEqual([
      expect.objectContaining({ field: 'body.designatedFrom', rule: 'too_far_ahead', params: { date: '02.04.2023', years: 1 } }),
    ]);
    expect((await officer.get(`/api/v1/offices/${ore}/contacts?includeEnded=true`)).body.total).toBe(before);

    const kz = await ctx.as('aktOfficer');
    const kzEarly = await kz.post(`/api/v1/offices/${akt}/contacts`, { ...ivanov, email: 'k@prokuror.kz', designatedFrom: '2022-01-11' });
    expect(kzEarly.status).toBe(422);
    expect(kzEarly.body.details.issues[0]).toMatchObject({ rule: 'before_legal_basis', params: { date: '12.01.2022', code: 'PROTOCOL-2022' } });
    expect((await kz.post(`/api/v1/offices/${akt}/contacts`, { ...ivanov, email: 'k@prokuror.kz', designatedFrom: '2022-01-12' })).status).toBe(201);

    // Changes, replacements and ends are held to the same bounds.
    const [current] = (await officer.get(`/api/v1/offices/${ore}/contacts`)).body.items;
    const change = await officer.patch(`/api/v1/contacts/${current.id}`, { position: 'иная должность', effectiveFrom: '2062-04-02', version: current.version });
    expect(change.status).toBe(422);
    expect(change.body.details.issues[0]).toMatchObject({ field: 'body.effectiveFrom', rule: 'too_far_ahead' });
    const replace = await officer.post(`/api/v1/contacts/${current.id}/replace`, {
      successor: { ...ivanov, surname: 'Преемников' },
      effectiveFrom: '2062-04-02',
      version: current.version,
    });
    expect(replace.status).toBe(422);
    expect(replace.body.details.issues[0]).toMatchObject({ field: 'body.effectiveFrom', rule: 'too_far_ahead' });
    const end = await officer.post(`/api/v1/contacts/${current.id}/end`, { designatedTo: '2062-04-02', version: current.version });
    expect(end.status).toBe(422);
    expect(end.body.details.issues[0]).toMatchObject({ field: 'body.designatedTo', rule: 'too_far_ahead' });
    expect((await officer.get(`/api/v1/contacts/${current.id}`)).body).toMatchObject({
      version: current.version,
      designatedTo: null,
      position: current.position,
    });
  });
});

describe(`a designation dated ahead ${TAG}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2022-03-15T05:00:00Z' });
  });
  afterAll(async () => ctx?.close());

  it('O-3.1 entered in time but starting after the deadline: pending, then overdue, then late once it starts — never “lapsed”', async () => {
    const officer = await ctx.as('oreOfficer');
    const ore = (await officer.get('/api/v1/offices?q=RU-ORE')).body.items[0].id;
    const res = await officer.post(`/api/v1/offices/${ore}/contacts`, { ...ivanov, designatedFrom: '2022-03-30' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ recordedOn: '2022-03-15', backdatedDays: 0, current: false });
    const status = async () => ((await (await ctx.as('gumps')).get('/api/v1/contacts/compliance')).body.items as any[]).find((r) => r.office.code === 'RU-ORE');
    expect(await status()).toMatchObject({ status: 'pending', firstDesignatedOn: '2022-03-30', firstInformedOn: '2022-03-30', currentContacts: 0 });
    ctx.clock.set('2022-03-27T05:00:00Z');
    expect((await status()).status).toBe('overdue');
    ctx.clock.set('2022-03-30T05:00:00Z');
    expect(await status()).toMatchObject({ status: 'late', currentContacts: 1, backdatedDays: 0 });
  });
});
