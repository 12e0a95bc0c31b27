import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type Client, type TestContext } from './build-test-app.ts';
import { FIXTURE_USERS, type FixtureUser } from './fixtures.ts';

/**
 * Walks every route of the API for every role, against an object of the caller's own office and
 * one of a foreign office, and checks that nothing leaks: denied calls answer 401/403/404 and
 * never carry the contact data planted below; allowed reads answer 200.
 */
const USERS = Object.keys(FIXTURE_USERS) as FixtureUser[];
const SECRET_ORE = 'Утечкина';
const SECRET_VOS = 'Секретов';
/** Text of a restricted request from Orenburg to Aktobe: its own staff and heads read it, coordinators only its metadata. */
const SECRET_ITEM = 'Совершенно-секретная-суть';
const ITEM_READERS = new Set<FixtureUser>(['oreOfficer', 'oreHead', 'oreDeputy', 'aktOfficer', 'aktHead']);
const ITEM_VIEWERS = new Set<FixtureUser>([...ITEM_READERS, 'gumps', 'dms']);
/**
 * pieces of an OPEN request Orenburg → Aktobe (drafted by the deputy, signed by the head,
 * handled in Aktobe by its head), each given the restricted level by the Party that provided it: the
 * answer, a consultation message proposing conditions, a file. Their readers are the users assigned
 * to the item and the heads; the unassigned officers of both offices and the coordinators see the
 * item, its open text and that these pieces exist, never their text, file name or hash.
 */
const SECRET_ANSWER = 'Ответ-под-грифом-Зюйд';
const SECRET_MESSAGE = 'Сообщение-под-грифом-Норд';
const SECRET_CONDITIONS = 'Условие-под-грифом-Вест';
const SECRET_FILE = 'secret-plan-Ivanov.pdf';
const OPEN_SUBJECT = 'О сведениях по пункту пропуска';
const PIECE_READERS = new Set<FixtureUser>(['oreHead', 'oreDeputy', 'aktHead']);
const OPEN_ITEM_VIEWERS = new Set<FixtureUser>([...PIECE_READERS, 'oreOfficer', 'aktOfficer', 'gumps', 'dms']);
/** A participant of an Orenburg draft event: only its office sees it (the coordinator and leadership once it is submitted, O-3.5, O-6). */
const SECRET_EVENT = 'Участникова-Тайная';
const EVENT_VIEWERS = new Set<FixtureUser>(['oreOfficer', 'oreHead', 'oreDeputy']);
const eventViewer = (u: FixtureUser) => (EVENT_VIEWERS.has(u) ? 'allow' : 'deny');
/** Orenburg's annual block: its staff, the Russian coordinator and leadership (O-3.6, O-6). */
const blockViewer = (u: FixtureUser) => (['oreOfficer', 'oreHead', 'oreDeputy', 'gumps', 'leader'].includes(u) ? 'allow' : 'deny');

type Target = 'own' | 'foreign' | 'none';
type Expect = 'allow' | 'deny';
const roles = (u: FixtureUser) => FIXTURE_USERS[u].roles as readonly string[];
const office = (u: FixtureUser) => FIXTURE_USERS[u].office;
const is = (u: FixtureUser, ...r: string[]) => r.some((x) => roles(u).includes(x));
const staff = (u: FixtureUser) => is(u, 'head', 'deputy_head', 'officer');
// Orenburg's counterparts today (active pairings): Aktobe, Kostanay, West Kazakhstan.
const ORE_COUNTERPARTS = new Set(['KZ-AKT', 'KZ-KUS', 'KZ-ZAP']);

/** Who may read the contacts of the office that `target` designates for user `u`. */
function mayReadContacts(u: FixtureUser, target: Target): boolean {
  if (is(u, 'coordinator')) return true;
  if (!staff(u)) return false;
  const targetOffice = target === 'own' ? office(u) : foreignOfficeOf(u);
  if (targetOffice === office(u)) return true;
  if (targetOffice === 'RU-ORE') return ORE_COUNTERPARTS.has(office(u));
  if (targetOffice === 'KZ-VOS') return false; // no fixture user's office is paired with East Kazakhstan
  return false;
}
/** The foreign office probed for a user: East Kazakhstan for everyone, Orenburg for its counterparts' staff would leak legitimately, so use VOS. */
const foreignOfficeOf = (u: FixtureUser) => (office(u) === 'KZ-VOS' ? 'RU-ORE' : 'KZ-VOS');

interface RouteRule {
  /** Expected outcome of a GET for this user and target. */
  read?: (u: FixtureUser, t: Target) => Expect;
  targets: Target[];
}

const everyone = () => 'allow' as const;
const only =
  (...r: string[]) =>
  (u: FixtureUser) =>
    is(u, ...r) ? 'allow' : 'deny';

/** GET routes and who may read them. Every GET route of the API must be listed here. */
const READS: Record<string, RouteRule> = {
  '/api/health': { read: everyone, targets: ['none'] },
  '/api/v1/auth/me': { read: everyone, targets: ['none'] },
  '/api/v1/offices': { read: everyone, targets: ['none'] },
  '/api/v1/offices/{id}': { read: everyone, targets: ['own', 'foreign'] },
  '/api/v1/offices/{id}/counterparts': { read: everyone, targets: ['own', 'foreign'] },
  '/api/v1/offices/{id}/history': { read: everyone, targets: ['own', 'foreign'] },
  '/api/v1/offices/{id}/signing-keys': { read: everyone, targets: ['own', 'foreign'] },
  '/api/v1/offices/{id}/contacts': { read: (u, t) => (mayReadContacts(u, t) ? 'allow' : 'deny'), targets: ['own', 'foreign'] },
  '/api/v1/contacts/{id}': { read: (u, t) => (mayReadContacts(u, t) ? 'allow' : 'deny'), targets: ['own', 'foreign'] },
  '/api/v1/contacts/{id}/history': { read: (u, t) => (is(u, 'coordinator') || (staff(u) && t === 'own') ? 'allow' : 'deny'), targets: ['own', 'foreign'] },
  '/api/v1/contact-changes': { read: only('coordinator'), targets: ['none'] },
  '/api/v1/contacts/compliance': { read: only('coordinator', 'leadership'), targets: ['none'] },
  '/api/v1/contact-communications': { read: only('coordinator'), targets: ['none'] },
  '/api/v1/party-notices': { read: only('coordinator'), targets: ['none'] },
  '/api/v1/contacts/export.docx': { read: only('coordinator'), targets: ['none'] },
  '/api/v1/contacts/export.xlsx': { read: only('coordinator'), targets: ['none'] },
  '/api/v1/pairings': { read: everyone, targets: ['none'] },
  '/api/v1/pairings/{id}': { read: everyone, targets: ['none'] },
  '/api/v1/pairings/{id}/history': { read: everyone, targets: ['none'] },
  '/api/v1/registry/direct-exchange': { read: everyone, targets: ['none'] },
  '/api/v1/legal-basis': { read: everyone, targets: ['none'] },
  '/api/v1/legal-basis/{id}': { read: everyone, targets: ['none'] },
  '/api/v1/legal-basis/{id}/history': { read: everyone, targets: ['none'] },
  '/api/v1/notifications': { read: everyone, targets: ['none'] },
  '/api/v1/law': { read: everyone, targets: ['none'] },
  '/api/v1/notifications/unread-count': { read: everyone, targets: ['none'] },
  '/api/v1/users': { read: only('admin'), targets: ['none'] },
  '/api/v1/users/{id}': { read: only('admin'), targets: ['none'] },
  '/api/v1/settings': { read: only('admin'), targets: ['none'] },
  '/api/v1/settings/uploads': { read: everyone, targets: ['none'] },
  '/api/v1/files/damaged': { read: only('admin'), targets: ['none'] },
  '/api/v1/audit': { read: only('auditor'), targets: ['none'] },
  '/api/v1/audit/actions': { read: only('auditor'), targets: ['none'] },
  '/api/v1/audit/checkpoints': { read: only('auditor'), targets: ['none'] },
  '/api/v1/audit/checkpoints.jsonl': { read: only('auditor'), targets: ['none'] },
  '/api/v1/audit/checkpoint-key.pem': { read: only('auditor'), targets: ['none'] },
  '/api/v1/items': { read: (u) => (staff(u) || is(u, 'coordinator') ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}': { read: (u) => (ITEM_VIEWERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}/timeline': { read: (u) => (ITEM_VIEWERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}/messages': { read: (u) => (ITEM_VIEWERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}/signature': { read: (u) => (ITEM_VIEWERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}/consents': { read: (u) => (ITEM_VIEWERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}/uses': { read: (u) => (ITEM_VIEWERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}/documents/{document}': { read: (u) => (ITEM_READERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}/delivery': { read: (u) => (ITEM_VIEWERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/items/{id}/evidence.zip': { read: (u) => (ITEM_VIEWERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/exchange/link': { read: only('admin', 'coordinator'), targets: ['none'] },
  '/api/v1/exchange/trust': { read: only('admin'), targets: ['none'] },
  '/api/v1/items/{id}/executors': { read: (u) => (u === 'aktHead' ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/attachments/{id}': { read: (u) => (ITEM_READERS.has(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/events': { read: (u) => (staff(u) || is(u, 'coordinator', 'leadership') ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/events/{id}': { read: eventViewer, targets: ['none'] },
  '/api/v1/events/{id}/timeline': { read: eventViewer, targets: ['none'] },
  '/api/v1/events/{id}/attachments/{attachmentId}': { read: eventViewer, targets: ['none'] },
  '/api/v1/events/{id}/documents/{document}': { read: eventViewer, targets: ['none'] },
  '/api/v1/analysis': { read: only('coordinator', 'leadership'), targets: ['none'] },
  '/api/v1/analysis/{year}/document': { read: only('coordinator', 'leadership'), targets: ['none'] },
  '/api/v1/analysis/{year}/export.xlsx': { read: only('coordinator', 'leadership'), targets: ['none'] },
  '/api/v1/oversight': { read: only('coordinator', 'leadership'), targets: ['none'] },
  '/api/v1/oversight/items': { read: (u) => (['gumps', 'leader'].includes(u) ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/oversight/export.xlsx': { read: only('coordinator', 'leadership'), targets: ['none'] },
  '/api/v1/annual-blocks': { read: (u) => (staff(u) || is(u, 'coordinator', 'leadership') ? 'allow' : 'deny'), targets: ['none'] },
  '/api/v1/annual-blocks/{officeCode}/{year}': { read: blockViewer, targets: ['none'] },
  '/api/v1/annual-blocks/{officeCode}/{year}/items': { read: blockViewer, targets: ['none'] },
  '/api/v1/annual-blocks/{officeCode}/{year}/document': { read: blockViewer, targets: ['none'] },
};

/** State-changing routes and the roles that can ever succeed on them (office scoping aside). */
const WRITES: Record<string, string[]> = {
  'POST /api/v1/auth/login': ['*'],
  'POST /api/v1/auth/logout': ['*'],
  'PATCH /api/v1/auth/me': ['*'],
  'POST /api/v1/auth/password': ['*'],
  'POST /api/v1/offices': ['admin', 'coordinator'],
  'PATCH /api/v1/offices/{id}': ['admin', 'coordinator'],
  'PUT /api/v1/offices/{id}/hosting': ['admin', 'coordinator'],
  'POST /api/v1/party-notices/sent': ['coordinator'],
  'POST /api/v1/offices/{id}/contacts': ['head', 'deputy_head', 'officer'],
  'PATCH /api/v1/contacts/{id}': ['head', 'deputy_head', 'officer'],
  'POST /api/v1/contacts/{id}/replace': ['head', 'deputy_head', 'officer'],
  'POST /api/v1/contacts/{id}/end': ['head', 'deputy_head', 'officer'],
  'POST /api/v1/contact-communications': ['coordinator'],
  'POST /api/v1/pairings': ['admin', 'coordinator'],
  'PATCH /api/v1/pairings/{id}': ['admin', 'coordinator'],
  'POST /api/v1/legal-basis': ['admin', 'coordinator'],
  'PATCH /api/v1/legal-basis/{id}': ['admin', 'coordinator'],
  'POST /api/v1/legal-basis/{id}/termination-notice': ['admin', 'coordinator'],
  'POST /api/v1/notifications/read': ['*'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/{id}': ['admin'],
  'POST /api/v1/users/{id}/reset-password': ['admin'],
  'POST /api/v1/users/{id}/unlock': ['admin'],
  'PATCH /api/v1/settings': ['admin'],
  'POST /api/v1/files/{sha256}/check': ['admin'],
  'POST /api/v1/audit/verify': ['auditor'],
  'POST /api/v1/audit/checkpoints': ['auditor'],
  // Issue 12: the link with the other Party's node is configured by administrators.
  'POST /api/v1/exchange/peers': ['admin'],
  'POST /api/v1/exchange/keys/rotate': ['admin'],
  'POST /api/v1/exchange/keys/{kid}/revoke': ['admin'],
  'POST /api/v1/exchange/peers/{peerId}/messages/{messageId}/resend': ['admin'],
  // Issue 10, part 3: the staff of the event's office record its counterparts' letters.
  'POST /api/v1/events/{id}/counterpart-letters': ['head', 'deputy_head', 'officer'],
  // Issue 12: the staff of a counterpart office state their participants and outcomes on a peer's joint event.
  'POST /api/v1/events/{id}/counterpart-statement': ['head', 'deputy_head', 'officer'],
  ...Object.fromEntries(
    [
      'POST /api/v1/items',
      'PATCH /api/v1/items/{id}',
      ...[
        'sign',
        'send',
        'send-oral',
        'confirm-in-writing',
        'withdraw',
        'register',
        'assign',
        'doubt-authenticity',
        'confirm-authenticity',
        'consultation',
        'messages',
        'conditions/accept',
        'conditions/reject',
        'consultation/close',
        'outcome',
        'forward',
        'return',
        'revise',
        'consents',
        'uses',
        'attachments',
      ].map((a) => `POST /api/v1/items/{id}/${a}`),
      'DELETE /api/v1/items/{id}/attachments/{attachmentId}',
      'POST /api/v1/items/{id}/confidentiality',
      'POST /api/v1/consents/{id}/decision',
      'POST /api/v1/events',
      'PATCH /api/v1/events/{id}',
      'PUT /api/v1/events/{id}/report',
      ...['submit', 'approve', 'return', 'reject', 'cancel', 'report/submit', 'report/return', 'attachments'].map((a) => `POST /api/v1/events/{id}/${a}`),
      'PUT /api/v1/annual-blocks/{officeCode}/{year}',
      'PUT /api/v1/analysis/{year}/report',
      'POST /api/v1/annual-blocks/{officeCode}/{year}/submit',
      'POST /api/v1/annual-blocks/{officeCode}/{year}/return',
    ].map((r) => [r, ['head', 'deputy_head', 'officer', 'coordinator']]),
  ),
  // Issue 10: letters of a counterpart off the system are recorded by the staff of an office.
  'POST /api/v1/items/received': ['head', 'deputy_head', 'officer'],
  'POST /api/v1/items/{id}/letters': ['head', 'deputy_head', 'officer'],
};

describe(`access matrix: every route × every role × own/foreign office ${TAG}`, () => {
  let ctx: TestContext;
  const clients = new Map<FixtureUser, Client>();
  const ids: Record<string, string> = {};
  let paths: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    ctx = await createTestContext();
    for (const u of USERS) clients.set(u, await ctx.as(u));
    const offices = (await clients.get('admin')!.get('/api/v1/offices?limit=200')).body.items as { id: string; code: string }[];
    for (const o of offices) ids[o.code] = o.id;
    const plant = async (user: FixtureUser, code: string, surname: string) => {
      const res = await clients.get(user)!.post(`/api/v1/offices/${ids[code]}/contacts`, {
        surname,
        firstName: 'Тайна',
        position: 'прокурор',
        phone: '+7 7172 71 28 00',
        email: `${code.toLowerCase()}@prok.example`,
      });
      expect(res.status).toBe(201);
      ids[`contact:${code}`] = res.body.id;
    };
    await plant('oreOfficer', 'RU-ORE', SECRET_ORE);
    await plant('vosOfficer', 'KZ-VOS', SECRET_VOS);
    await plant('aktOfficer', 'KZ-AKT', 'Актюбинский');
    await plant('omsOfficer', 'RU-OMS', 'Омичев');
    // A restricted request Orenburg → Aktobe with an attachment, signed, sent and registered.
    const ore = clients.get('oreOfficer')!;
    const item = await ore.post('/api/v1/items', {
      kind: 'request',
      toOfficeCode: 'KZ-AKT',
      subject: 'О проверке',
      essence: SECRET_ITEM,
      purpose: 'Цель',
      assistance: 'Содействие',
      form: 'crime_information',
      confidentiality: 'restricted',
    });
    expect(item.status).toBe(201);
    ids.item = item.body.id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const boundary = 'matrixboundary';
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/items/${ids.item}/attachments?role=content&version=${item.body.version}`,
      headers: { cookie: ore.cookie, 'x-csrf-token': ore.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="справка.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode).toBe(200);
    ids.attachment = upload.json().attachments[0].id;
    ids.attachmentSha = upload.json().attachments[0].sha256;
    const signed = await clients.get('oreHead')!.post(`/api/v1/items/${ids.item}/sign`, { version: upload.json().version });
    const sent = await ore.post(`/api/v1/items/${ids.item}/send`, { outgoingNumber: '1', outgoingDate: '2026-03-02', version: signed.body.version });
    const registered = await clients
      .get('aktOfficer')!
      .post(`/api/v1/items/${ids.item}/register`, { incomingNumber: '2', incomingDate: '2026-03-02', version: sent.body.version });
    expect(registered.body.status).toBe('registered');
    // An open request whose answer, consultation message (with conditions) and a file are restricted.
    const deputy = clients.get('oreDeputy')!;
    const akt = clients.get('aktHead')!;
    const open = await deputy.post('/api/v1/items', {
      kind: 'request',
      toOfficeCode: 'KZ-AKT',
      subject: OPEN_SUBJECT,
      essence: 'Открытая суть',
      purpose: 'Цель',
      assistance: 'Содействие',
      form: 'crime_information',
      confidentiality: 'open',
    });
    expect(open.status).toBe(201);
    ids.openItem = open.body.id;
    const openSigned = await clients.get('oreHead')!.post(`/api/v1/items/${ids.openItem}/sign`, { version: open.body.version });
    const openSent = await deputy.post(`/api/v1/items/${ids.openItem}/send`, {
      outgoingNumber: '3',
      outgoingDate: '2026-03-02',
      version: openSigned.body.version,
    });
    const openReg = await akt.post(`/api/v1/items/${ids.openItem}/register`, {
      incomingNumber: '4',
      incomingDate: '2026-03-02',
      version: openSent.body.version,
    });
    const consult = await akt.post(`/api/v1/items/${ids.openItem}/consultation`, {
      body: SECRET_MESSAGE,
      proposedConditions: SECRET_CONDITIONS,
      confidentiality: 'restricted',
      version: openReg.body.version,
    });
    expect(consult.status, JSON.stringify(consult.body)).toBe(200);
    const secretPdf = Buffer.from(`%PDF-1.4\n% ${SECRET_FILE}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
    ids.secretFileSha = createHash('sha256').update(secretPdf).digest('hex');
    const fileUpload = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/items/${ids.openItem}/attachments?role=consultation&confidentiality=restricted`,
      headers: { cookie: akt.cookie, 'x-csrf-token': akt.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${SECRET_FILE}"\r\nContent-Type: application/pdf\r\n\r\n`),
        secretPdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(fileUpload.statusCode, fileUpload.body).toBe(201);
    ids.secretFile = fileUpload.json().items[0].id;
    const accepted = await clients.get('oreHead')!.post(`/api/v1/items/${ids.openItem}/conditions/accept`, { version: consult.body.version });
    const answered = await akt.post(`/api/v1/items/${ids.openItem}/outcome`, {
      outcome: 'executed',
      text: SECRET_ANSWER,
      legalBasisApplied: SECRET_ANSWER,
      confidentiality: 'restricted',
      version: accepted.body.version,
    });
    expect(answered.body).toMatchObject({
      status: 'executed',
      confidentiality: 'open',
      highestConfidentiality: 'restricted',
      outcome: { confidentiality: 'restricted', text: SECRET_ANSWER },
    });
    // An Orenburg event with a participant's name and a document.
    const event = await ore.post('/api/v1/events', { title: 'Семинар', participants: [{ side: 'own', fullName: SECRET_EVENT, position: 'прокурор' }] });
    expect(event.status).toBe(201);
    ids.event = event.body.id;
    const eventUpload = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/events/${ids.event}/attachments?role=proposal`,
      headers: { cookie: ore.cookie, 'x-csrf-token': ore.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="программа.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(eventUpload.statusCode).toBe(201);
    ids.eventAttachment = eventUpload.json().attachments[0].id;
    ids.pairing = (await clients.get('admin')!.get('/api/v1/pairings?limit=1')).body.items[0].id;
    ids.legalBasis = (await clients.get('admin')!.get('/api/v1/legal-basis')).body.items[0].id;
    ids.user = (await clients.get('admin')!.get('/api/v1/users?q=oreofficer')).body.items[0].id;
    paths = (await ctx.anonymous.get('/api/openapi.json')).body.paths;
  });
  afterAll(async () => ctx?.close());

  function url(path: string, u: FixtureUser, t: Target): string {
    const officeCode = t === 'own' ? office(u) : foreignOfficeOf(u);
    let id = '';
    if (path === '/api/v1/oversight/items') return `${path}?office=RU-ORE&cell=open_incoming`;
    if (path === '/api/v1/analysis') return `${path}?year=2026`;
    if (path.startsWith('/api/v1/analysis/')) return path.replace('{year}', '2026');
    if (path.startsWith('/api/v1/annual-blocks')) {
      const q = path === '/api/v1/annual-blocks' ? '?year=2026' : path.endsWith('/items') ? '?direction=out' : '';
      return path.replace('{officeCode}', 'RU-ORE').replace('{year}', '2026') + q;
    }
    if (path.startsWith('/api/v1/events/')) {
      const q = path.endsWith('/attachments') ? '?role=proposal' : '';
      return path.replace('{id}', ids.event!).replace('{attachmentId}', ids.eventAttachment!).replace('{document}', 'proposal') + q;
    }
    if (path === '/api/v1/audit') return `${path}?limit=500`;
    if (path.startsWith('/api/v1/items/')) id = ids.item!;
    else if (path.startsWith('/api/v1/attachments/')) id = ids.attachment!;
    else if (path.startsWith('/api/v1/consents/')) id = '01900000-0000-7000-8000-000000000000';
    else if (path.startsWith('/api/v1/offices/')) id = ids[officeCode]!;
    else if (path.startsWith('/api/v1/contacts/{id}')) id = ids[`contact:${officeCode}`] ?? ids['contact:RU-ORE']!;
    else if (path.startsWith('/api/v1/pairings/')) id = ids.pairing!;
    else if (path.startsWith('/api/v1/legal-basis/')) id = ids.legalBasis!;
    else if (path.startsWith('/api/v1/users/')) id = ids.user!;
    const query = path === '/api/v1/registry/direct-exchange' ? '?from=RU-ORE&to=KZ-AKT' : path.includes('{attachmentId}') ? '?version=1' : '';
    return (
      path
        .replace('{id}', id)
        .replace('{attachmentId}', ids.attachment ?? '')
        .replace('{document}', 'request.docx')
        .replace('{sha256}', ids.attachmentSha ?? '')
        .replace('{kid}', 'no-such-key')
        .replace('{peerId}', '01900000-0000-7000-8000-000000000000')
        .replace('{messageId}', '01900000-0000-7000-8000-000000000000') + query
    );
  }

  /** Every restricted piece planted, with what would betray it and who may read it. */
  const secrets = () => [
    { label: 'restricted request', readers: ITEM_READERS, markers: [SECRET_ITEM, 'справка.pdf', ids.attachmentSha!] },
    { label: 'restricted answer', readers: PIECE_READERS, markers: [SECRET_ANSWER] },
    { label: 'restricted message', readers: PIECE_READERS, markers: [SECRET_MESSAGE, SECRET_CONDITIONS] },
    { label: 'restricted file', readers: PIECE_READERS, markers: [SECRET_FILE, ids.secretFileSha!] },
  ];
  /** what of the restricted pieces a response (its body — inside DOCX/XLSX too — and its headers) shows one who may not read them. */
  function leaks(u: FixtureUser, res: { raw: Buffer; headers: object }): string[] {
    const text = responseText(res);
    return secrets()
      .filter((x) => !x.readers.has(u))
      .flatMap((x) => x.markers.filter((m) => text.includes(m)).map((m) => `${x.label} (${m.slice(0, 24)})`));
  }

  it('every route of the API is in the matrix', () => {
    const documented: string[] = [];
    for (const [p, methods] of Object.entries(paths)) for (const m of Object.keys(methods)) documented.push(`${m.toUpperCase()} ${p}`);
    const known = [...Object.keys(READS).map((p) => `GET ${p}`), ...Object.keys(WRITES)];
    expect(documented.filter((r) => !known.includes(r))).toEqual([]);
    expect(known.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('GET routes: allowed callers get 200, denied ones 403/404 with no personal data of another office', async () => {
    const failures: string[] = [];
    for (const [path, rule] of Object.entries(READS)) {
      for (const u of USERS) {
        for (const t of rule.targets) {
          const expected = rule.read!(u, t);
          const res = await clients.get(u)!.get(url(path, u, t));
          const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          const label = `${u} ${t} GET ${path} → ${res.status}`;
          for (const l of leaks(u, res)) failures.push(`${label} shows the ${l}`);
          if (expected === 'allow' && res.status !== 200) failures.push(`${label}, expected 200`);
          if (expected === 'deny') {
            if (![403, 404].includes(res.status)) failures.push(`${label}, expected 403/404`);
            if (text.includes(SECRET_ORE) || text.includes(SECRET_VOS) || text.includes(SECRET_ITEM) || text.includes(SECRET_EVENT))
              failures.push(`${label} leaks protected data`);
          }
          // Whatever is allowed, a user never sees contact data of an office he has no business with.
          const seesOre = text.includes(SECRET_ORE);
          const seesVos = text.includes(SECRET_VOS);
          // The auditor reads the trail of every change of their own Party, personal data included (and that read is itself audited).
          const auditTrail = path === '/api/v1/audit' && is(u, 'auditor');
          const mayOre =
            (auditTrail && office(u).startsWith('RU-')) || is(u, 'coordinator') || (staff(u) && (office(u) === 'RU-ORE' || ORE_COUNTERPARTS.has(office(u))));
          const mayVos = (auditTrail && office(u).startsWith('KZ-')) || is(u, 'coordinator') || (staff(u) && office(u) === 'KZ-VOS');
          if ((seesOre && !mayOre) || (seesVos && !mayVos)) failures.push(`${label} shows contact data it must not`);
          if (text.includes(SECRET_EVENT) && !EVENT_VIEWERS.has(u)) failures.push(`${label} shows an event's participants`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('A-9.1 A-9.2 security: every view of an open request shows its restricted answer, message and file to their readers only', async () => {
    const failures: string[] = [];
    const itemUrls = Object.keys(READS)
      .filter((p) => p.startsWith('/api/v1/items/{id}'))
      .flatMap((p) => (p.endsWith('{document}') ? ['request.docx', 'refusal.docx', 'outcome.docx'].map((d) => p.replace('{document}', d)) : [p]))
      .map((p) => p.replace('{id}', ids.openItem!));
    const urls = [
      ...itemUrls,
      `/api/v1/attachments/${ids.secretFile}`,
      `/api/v1/items/${ids.item}/documents/outcome.docx`,
      `/api/v1/attachments/${ids.attachment}`,
    ];
    for (const u of USERS) {
      for (const path of urls) {
        const res = await clients.get(u)!.get(path);
        for (const l of leaks(u, res)) failures.push(`${u} GET ${path} → ${res.status} shows the ${l}`);
        if (path === `/api/v1/items/${ids.openItem}`) {
          // Those who see the item see its open request and that the restricted pieces exist, with their level.
          if (OPEN_ITEM_VIEWERS.has(u) !== (res.status === 200)) failures.push(`${u} GET the open item → ${res.status}`);
          if (res.status === 200) {
            const b = res.body;
            const reads = PIECE_READERS.has(u);
            if (b.content?.subject !== OPEN_SUBJECT || b.highestConfidentiality !== 'restricted') failures.push(`${u} does not see the open request as it is`);
            if (b.outcome.contentVisible !== reads || b.outcome.confidentiality !== 'restricted')
              failures.push(`${u} sees the answer as ${b.outcome.contentVisible}`);
            if (b.hiddenAttachments.length !== (reads ? 0 : 1)) failures.push(`${u} hidden files: ${b.hiddenAttachments.length}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // The readers do read them: the matrix would pass on a server that showed nothing.
    const head = await clients.get('aktHead')!.get(`/api/v1/items/${ids.openItem}`);
    expect(head.body.outcome.text).toBe(SECRET_ANSWER);
    expect(head.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([SECRET_FILE]);
    expect((await clients.get('oreHead')!.get(`/api/v1/items/${ids.openItem}/messages`)).body.items[0].body).toBe(SECRET_MESSAGE);
    expect((await clients.get('oreDeputy')!.get(`/api/v1/attachments/${ids.secretFile}`)).status).toBe(200);
  });

  it('A-9.1 search and counts never reveal a restricted item to those who may not read it', async () => {
    const failures: string[] = [];
    for (const u of USERS) {
      for (const box of ['incoming', 'outgoing', 'all']) {
        const res = await clients.get(u)!.get(`/api/v1/items?box=${box}&q=${encodeURIComponent(SECRET_ITEM)}`);
        if (res.status !== 200) continue;
        const found = res.body.total > 0 || res.body.items.length > 0;
        if (found && !ITEM_READERS.has(u)) failures.push(`${u} ${box} finds the restricted item by its text`);
        if (JSON.stringify(res.body).includes(SECRET_ITEM)) failures.push(`${u} ${box} leaks the text`);
        // The open request's restricted pieces are not matched for anyone who may not read them.
        for (const marker of [SECRET_ANSWER, SECRET_MESSAGE, SECRET_CONDITIONS, SECRET_FILE]) {
          const r = await clients.get(u)!.get(`/api/v1/items?box=${box}&q=${encodeURIComponent(marker)}`);
          if (r.status === 200 && r.body.items.length > 0 && !PIECE_READERS.has(u)) failures.push(`${u} ${box} finds the open request by a restricted piece`);
          for (const l of leaks(u, r)) failures.push(`${u} ${box} search shows the ${l}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Those who may read it do find it.
    expect((await clients.get('aktHead')!.get(`/api/v1/items?box=incoming&q=${encodeURIComponent(SECRET_ITEM)}`)).body.total).toBe(1);
  });

  it('anonymous callers get 401 on every route but health, login and the OpenAPI document', async () => {
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const m of Object.keys(methods)) {
        const res = await ctx.app.inject({ method: m.toUpperCase() as 'GET', url: url(path, 'admin', 'own'), payload: m === 'get' ? undefined : {} });
        const isPublic = path === '/api/health' || path === '/api/v1/auth/login';
        if (!isPublic && res.statusCode !== 401) failures.push(`${m} ${path} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('state-changing routes never succeed for a role that may not use them, and say so before reading the body', async () => {
    const failures: string[] = [];
    for (const [route, allowed] of Object.entries(WRITES)) {
      if (allowed.includes('*')) continue;
      const [method, path] = route.split(' ') as ['POST' | 'PATCH' | 'PUT', string];
      for (const u of USERS) {
        if (is(u, ...allowed)) continue;
        for (const t of ['own', 'foreign'] as const) {
          const res = await ctx.app.inject({
            method,
            url: url(path, u, t),
            headers: { cookie: clients.get(u)!.cookie, 'x-csrf-token': clients.get(u)!.csrfToken },
            payload: validBody(route),
          });
          if (res.statusCode < 400 || ![403, 404].includes(res.statusCode)) failures.push(`${u} ${t} ${route} → ${res.statusCode}`);
          if (res.body.includes(SECRET_ORE) || res.body.includes(SECRET_VOS) || res.body.includes(SECRET_ITEM) || res.body.includes(SECRET_EVENT))
            failures.push(`${u} ${t} ${route} leaks protected data`);
          for (const l of leaks(u, { raw: res.rawPayload, headers: res.headers })) failures.push(`${u} ${t} ${route} shows the ${l}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // A few thousand requests one after another: minutes on a loaded CI machine.
  }, 180_000);

  it('A-9.2 security: no state-changing route answers one who may see the open request but not its restricted pieces with any of them', async () => {
    // Last in the file: some of these calls are allowed and change the item (a use recorded, a level refused…).
    const failures: string[] = [];
    for (const u of [...OPEN_ITEM_VIEWERS].filter((x) => !PIECE_READERS.has(x))) {
      for (const route of Object.keys(WRITES)) {
        const [method, path] = route.split(' ') as ['POST' | 'PATCH' | 'PUT' | 'DELETE', string];
        if (!path.startsWith('/api/v1/items/{id}')) continue;
        const res = await ctx.app.inject({
          method,
          url: path.replace('{id}', ids.openItem!).replace('{attachmentId}', ids.secretFile!) + (path.includes('{attachmentId}') ? '?version=1' : ''),
          headers: { cookie: clients.get(u)!.cookie, 'x-csrf-token': clients.get(u)!.csrfToken },
          payload:
            route === 'POST /api/v1/items/{id}/confidentiality' ? { piece: 'attachment', pieceId: ids.secretFile, confidentiality: 'open' } : validBody(route),
        });
        if (res.statusCode >= 500) failures.push(`${u} ${route} → ${res.statusCode}`);
        for (const l of leaks(u, { raw: res.rawPayload, headers: res.headers })) failures.push(`${u} ${route} → ${res.statusCode} shows the ${l}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/** A body that passes validation, so the answer shows the permission decision, not a 400. */
function validBody(route: string): Record<string, unknown> | undefined {
  const contact = { surname: 'Проверкин', firstName: 'Пётр', position: 'прокурор', phone: '+7 3532 11-11-11', email: 'p@prok.example' };
  const text = { ru: 'т', kk: 'т', en: 't' };
  switch (route) {
    case 'POST /api/v1/offices':
      return {
        code: 'RU-MATRIX',
        party: 'RU',
        kind: 'territorial',
        name: text,
        seat: text,
        timeZone: 'Europe/Moscow',
        validFrom: null,
        validTo: null,
        authorized: false,
        authorizedFrom: null,
        listedInOrderItem1: false,
        regionCode: null,
        address: null,
      };
    case 'PATCH /api/v1/offices/{id}':
      return { notes: 'matrix', version: 1 };
    case 'PUT /api/v1/offices/{id}/hosting':
      return { hosting: 'off_system', version: 1 };
    case 'POST /api/v1/party-notices/sent':
      return { sentOn: '2026-03-02', outgoingNumber: '1' };
    case 'POST /api/v1/offices/{id}/contacts':
      return contact;
    case 'PATCH /api/v1/contacts/{id}':
      return { position: 'другая', version: 1 };
    case 'POST /api/v1/contacts/{id}/replace':
      return { successor: contact, version: 1 };
    case 'POST /api/v1/contacts/{id}/end':
      return { version: 1 };
    case 'POST /api/v1/contact-communications':
      return { sentOn: '2026-03-02', outgoingNumber: '1' };
    case 'POST /api/v1/pairings':
      return { ruOfficeCode: 'RU-SAM', kzOfficeCode: 'KZ-ATY', basis: 'shared_border', certainty: 'low' };
    case 'PATCH /api/v1/pairings/{id}':
      return { note: 'matrix', version: 1 };
    case 'POST /api/v1/legal-basis':
      return {
        code: 'MATRIX-1',
        kind: 'other',
        title: text,
        party: null,
        signedOn: null,
        inForceFrom: null,
        inForceTo: null,
        parentCode: null,
        enablesDirectExchange: false,
      };
    case 'PATCH /api/v1/legal-basis/{id}':
      return { notes: 'matrix', version: 1 };
    case 'POST /api/v1/legal-basis/{id}/termination-notice':
      return { receivedOn: '2026-03-01', fromParty: 'KZ', reference: 'x', version: 1 };
    case 'POST /api/v1/users':
      return { login: 'matrix-user', password: 'Matrix-Password-1', fullName: 'Матрица', officeCode: 'RU-ORE', roles: ['officer'] };
    case 'PATCH /api/v1/users/{id}':
      return { fullName: 'Матрица', version: 1 };
    case 'POST /api/v1/users/{id}/reset-password':
      return { password: 'Matrix-Password-1' };
    case 'PATCH /api/v1/settings':
      return { sessionIdleMinutes: 31 };
    case 'POST /api/v1/items':
      return { kind: 'request', toOfficeCode: 'KZ-AKT' };
    case 'PATCH /api/v1/items/{id}':
      return { subject: 'О другом', version: 1 };
    case 'POST /api/v1/items/{id}/send':
    case 'POST /api/v1/items/{id}/confirm-in-writing':
      return { outgoingNumber: '1', outgoingDate: '2026-03-02', version: 1 };
    case 'POST /api/v1/items/{id}/send-oral':
      return { oralAt: '2026-03-02T05:00:00Z', channel: 'phone', spokenBy: 'Иванов', spokenTo: 'Петров', version: 1 };
    case 'POST /api/v1/items/{id}/withdraw':
    case 'POST /api/v1/items/{id}/doubt-authenticity':
    case 'POST /api/v1/items/{id}/return':
      return { reason: 'причина', version: 1 };
    case 'POST /api/v1/items/{id}/register':
      return { incomingNumber: '1', incomingDate: '2026-03-02', version: 1 };
    case 'POST /api/v1/items/{id}/assign':
      return { executorId: '01900000-0000-7000-8000-000000000000', instruction: 'исполнить', version: 1 };
    case 'POST /api/v1/items/{id}/consultation':
    case 'POST /api/v1/items/{id}/messages':
      return { body: 'сообщение', version: 1 };
    case 'POST /api/v1/items/{id}/outcome':
      return { outcome: 'executed', text: 'исполнено', version: 1 };
    case 'POST /api/v1/items/{id}/confidentiality':
      return { piece: 'answer', confidentiality: 'restricted' };
    case 'POST /api/v1/items/{id}/forward':
      return { note: 'направлено', version: 1 };
    case 'POST /api/v1/items/{id}/consents':
      return { purpose: 'иная цель', justification: 'обоснование' };
    case 'POST /api/v1/items/{id}/uses':
      return { purpose: 'иная цель' };
    case 'POST /api/v1/consents/{id}/decision':
      return { decision: 'granted' };
    case 'POST /api/v1/items/{id}/sign':
    case 'POST /api/v1/items/{id}/revise':
    case 'POST /api/v1/items/{id}/confirm-authenticity':
    case 'POST /api/v1/items/{id}/conditions/accept':
    case 'POST /api/v1/items/{id}/conditions/reject':
    case 'POST /api/v1/items/{id}/consultation/close':
      return { version: 1 };
    case 'PUT /api/v1/annual-blocks/{officeCode}/{year}':
      return { proposals: 'предложения', version: null };
    case 'POST /api/v1/annual-blocks/{officeCode}/{year}/submit':
      return { version: 1 };
    case 'POST /api/v1/annual-blocks/{officeCode}/{year}/return':
      return { reason: 'причина', version: 1 };
    case 'PUT /api/v1/analysis/{year}/report':
      return { conclusions: 'выводы', proposals: 'предложения', version: null };
    case 'POST /api/v1/events':
      return { title: 'Семинар' };
    case 'PATCH /api/v1/events/{id}':
      return { title: 'Другой семинар', version: 1 };
    case 'PUT /api/v1/events/{id}/report':
      return { outcomes: 'итоги', version: 1 };
    case 'POST /api/v1/events/{id}/return':
    case 'POST /api/v1/events/{id}/reject':
    case 'POST /api/v1/events/{id}/cancel':
    case 'POST /api/v1/events/{id}/report/return':
      return { reason: 'причина', version: 1 };
    case 'POST /api/v1/exchange/peers':
      return { bundle: '{"payload":"e30","signatures":[]}', hash: 'a'.repeat(64), name: 'peer' };
    case 'POST /api/v1/exchange/keys/rotate':
      return { overlapDays: 7 };
    case 'POST /api/v1/events/{id}/submit':
    case 'POST /api/v1/events/{id}/approve':
    case 'POST /api/v1/events/{id}/report/submit':
      return { version: 1 };
    default:
      return {};
  }
}

/** The text of a response as a reader would get it: its headers and body, the entries of a DOCX/XLSX (zip) unpacked. */
function responseText(res: { raw: Buffer; headers: object }): string {
  const raw = res.raw;
  const head = JSON.stringify(res.headers);
  if (raw.length > 4 && raw.readUInt32LE(0) === 0x04034b50) return `${head}\n${unzipText(raw)}`;
  return `${head}\n${raw.toString('utf8')}`;
}

/** The entries of a zip archive as text (stored or deflated), read from its central directory. */
function unzipText(zip: Buffer): string {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return zip.toString('utf8');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const parts: string[] = [];
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    parts.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    p += 46 + nameLength + extra + comment;
  }
  return parts.join('\n');
}
