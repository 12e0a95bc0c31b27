import { formatNumber } from '../../../domain/numbering.ts';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, outbox } from '../../db/schema.ts';
import { fileStore } from '../../lib/storage.ts';
import { uploadFile } from '../../test/multipart.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { runFileChecks } from './index.ts';

const base = {
  kind: 'request',
  toOfficeCode: 'KZ-AKT',
  subject: 'О взаимодействии',
  essence: 'Существо дела по проверке',
  purpose: 'Проверка соблюдения законодательства',
  assistance: 'Предоставить сведения',
  form: 'crime_information',
  priorityAreas: ['organized_crime'],
};

/** A small PDF of its own per test: files are content-addressed, so equal bytes would share one file. */
const pdf = (marker: string) => Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

describe(`stored files: integrity when a file is read ${TAG}`, () => {
  let ctx: TestContext;
  let u: Record<'officer' | 'deputy' | 'akt' | 'admin', Client>;
  beforeAll(async () => {
    // SMTP configured, so the administrators' e-mails reach the outbox (nothing is sent in tests).
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z', env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    const [officer, deputy, akt, admin] = await Promise.all(['oreOfficer', 'oreDeputy', 'aktOfficer', 'admin'].map((n) => ctx.as(n)));
    u = { officer: officer!, deputy: deputy!, akt: akt!, admin: admin! };
  });
  afterAll(async () => ctx?.close());

  const upload = (client: Client, url: string, name: string, data: Buffer) => uploadFile(ctx.app, client, url, name, data);

  /** A draft of Orenburg with one content file; returns the item and its attachment. */
  async function draftWithFile(name: string, data: Buffer, extra: Record<string, unknown> = {}) {
    const d = await u.officer.post('/api/v1/items', { ...base, ...extra });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const up = await upload(u.officer, `/api/v1/items/${d.body.id}/attachments?role=content&version=${d.body.version}`, name, data);
    expect(up.statusCode, up.body).toBe(200);
    const item = up.json();
    return { item, attachment: item.attachments[0] as { id: string; sha256: string; damaged: boolean; damagedAt: string | null } };
  }

  const fileOf = (sha: string) => path.join(ctx.config.filesDir, sha.slice(0, 2), sha);
  function flipByte(sha: string) {
    const bytes = fs.readFileSync(fileOf(sha));
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x20;
    fs.writeFileSync(fileOf(sha), bytes);
  }

  async function adminNotes(attachmentId?: string) {
    const list = await u.admin.get('/api/v1/notifications?limit=500');
    expect(list.status).toBe(200);
    return (list.body.items as { kind: string; subjectId: string; payload: Record<string, unknown> }[]).filter(
      (n) => n.kind === 'file.damaged' && (!attachmentId || n.subjectId === attachmentId),
    );
  }
  async function auditOf(objectId: string) {
    return ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, objectId)).orderBy(auditLog.seq);
  }
  async function emailsToAdmin() {
    const rows = await ctx.database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'to' = 'admin@example.test'`);
    return rows.map((r) => r.payload as { to: string; subject: string; text: string });
  }

  it('security: a stored file whose bytes changed on disk is refused, audited, marked damaged on the item page, and the administrators are told once', async () => {
    const name = 'план-Иванова.pdf';
    const data = pdf('integrity-changed');
    const { item, attachment } = await draftWithFile(name, data);
    expect(attachment.damaged).toBe(false);
    const ok = await u.officer.get(`/api/v1/attachments/${attachment.id}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['x-content-sha256']).toBe(attachment.sha256);
    const emailsBefore = (await emailsToAdmin()).length;

    flipByte(attachment.sha256);
    const refused = await u.officer.get(`/api/v1/attachments/${attachment.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ATTACHMENT_DAMAGED', details: { reason: 'damaged' } });
    // Nothing of the changed bytes leaves, and no hash vouches for them.
    expect(refused.headers['x-content-sha256']).toBeUndefined();
    expect(refused.raw.toString('utf8')).not.toContain('integrity-changed');
    // A second attempt is refused too, and does not tell the administrators again.
    expect((await u.officer.get(`/api/v1/attachments/${attachment.id}`)).status).toBe(409);
    expect((await u.deputy.get(`/api/v1/attachments/${attachment.id}`)).status).toBe(409);

    // The item page marks it, with when it was found.
    const page = await u.officer.get(`/api/v1/items/${item.id}`);
    expect(page.body.attachments[0]).toMatchObject({ id: attachment.id, damaged: true, damagedAt: '2026-03-02T05:00:00.000Z' });

    // Audited: the fault once (by the system), each refused attempt with its user; by id and level, never name or hash.
    const rows = await auditOf(attachment.id);
    expect(rows.map((r) => r.action)).toEqual([
      'attachment.download',
      'attachment.damaged',
      'attachment.download_refused',
      'attachment.download_refused',
      'attachment.download_refused',
    ]);
    const damagedRow = rows.find((r) => r.action === 'attachment.damaged')!;
    expect(damagedRow.actorId).toBeNull();
    expect(damagedRow.after).toEqual({ itemId: item.id, role: 'content', confidentiality: 'open', fault: 'damaged' });
    expect(rows.filter((r) => r.action === 'attachment.download_refused').map((r) => r.actorLogin)).toEqual(['oreofficer', 'oreofficer', 'oredeputy']);
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(new RegExp(`${name}|${attachment.sha256}`));

    // The administrators: one in-app notification and one e-mail, with number, office and attachment id only.
    const notes = await adminNotes(attachment.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.payload).toMatchObject({
      context: 'item',
      number: formatNumber(item),
      officeCode: 'RU-ORE',
      attachmentId: attachment.id,
      link: '/admin/files',
    });
    expect(JSON.stringify(notes[0])).not.toMatch(new RegExp(`${name}|${attachment.sha256}|${base.subject}|${base.essence}`));
    const emails = (await emailsToAdmin()).slice(emailsBefore);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe(`Повреждён файл на сервере: документ № ${formatNumber(item)}`);
    expect(emails[0]!.text).toContain(attachment.id);
    expect(JSON.stringify(emails[0])).not.toMatch(new RegExp(`${name}|${attachment.sha256}|${base.subject}`));
    // No one else is told.
    const others = await ctx.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'file.damaged'), eq(notifications.subjectId, attachment.id)));
    expect(others).toHaveLength(1);
  });

  it('security: many readers meeting a damaged file at once record it and tell the administrators once', async () => {
    const { item, attachment } = await draftWithFile('одновременно.pdf', pdf('integrity-concurrent'));
    const signed = await u.deputy.post(`/api/v1/items/${item.id}/sign`, { version: item.version });
    expect(signed.status).toBe(200);
    flipByte(attachment.sha256);
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => u.officer.get(`/api/v1/attachments/${attachment.id}`)),
      ...Array.from({ length: 2 }, () => u.deputy.get(`/api/v1/items/${item.id}/signature`)),
    ]);
    expect(answers.slice(0, 4).map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect(answers.slice(4).map((r) => r.body.status)).toEqual(['invalid', 'invalid']);
    expect(await adminNotes(attachment.id)).toHaveLength(1);
    expect((await auditOf(attachment.id)).filter((r) => r.action === 'attachment.damaged')).toHaveLength(1);
  });

  it('security: a stored file that is gone is refused as missing, audited, marked, and told once', async () => {
    const { item, attachment } = await draftWithFile('справка.pdf', pdf('integrity-missing'));
    fs.rmSync(fileOf(attachment.sha256));
    const refused = await u.officer.get(`/api/v1/attachments/${attachment.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ATTACHMENT_DAMAGED', details: { reason: 'missing' } });
    expect((await u.officer.get(`/api/v1/attachments/${attachment.id}`)).status).toBe(409);
    expect((await u.officer.get(`/api/v1/items/${item.id}`)).body.attachments[0]).toMatchObject({ damaged: true });
    const rows = await auditOf(attachment.id);
    expect(rows.filter((r) => r.action === 'attachment.damaged').map((r) => r.after)).toEqual([
      { itemId: item.id, role: 'content', confidentiality: 'open', fault: 'missing' },
    ]);
    expect(rows.filter((r) => r.action === 'attachment.download_refused')).toHaveLength(2);
    expect(await adminNotes(attachment.id)).toHaveLength(1);
    const list = await u.admin.get('/api/v1/files/damaged');
    expect(list.body.items.find((f: { sha256: string }) => f.sha256 === attachment.sha256)).toMatchObject({ fault: 'missing' });
  });

  it('security: a damaged file of an event is refused, audited, marked on the event page, and the administrators are told once', async () => {
    const event = await u.officer.post('/api/v1/events', { title: 'Семинар по обмену опытом' });
    expect(event.status).toBe(201);
    const up = await upload(u.officer, `/api/v1/events/${event.body.id}/attachments?role=proposal`, 'программа.pdf', pdf('integrity-event'));
    expect(up.statusCode, up.body).toBe(201);
    const attachment = up.json().attachments[0];
    expect(attachment.damaged).toBe(false);
    flipByte(attachment.sha256);
    const url = `/api/v1/events/${event.body.id}/attachments/${attachment.id}`;
    const refused = await u.officer.get(url);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ATTACHMENT_DAMAGED');
    expect((await u.officer.get(url)).status).toBe(409);
    expect((await u.officer.get(`/api/v1/events/${event.body.id}`)).body.attachments[0]).toMatchObject({ id: attachment.id, damaged: true });
    const rows = await auditOf(attachment.id);
    expect(rows.map((r) => r.action)).toEqual(['event.attachment.damaged', 'event.attachment.download_refused', 'event.attachment.download_refused']);
    expect(rows[0]!.after).toEqual({ eventId: event.body.id, role: 'proposal', fault: 'damaged' });
    const notes = await adminNotes(attachment.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.payload).toMatchObject({ context: 'event', number: formatNumber(event.body), officeCode: 'RU-ORE', attachmentId: attachment.id });
    expect(JSON.stringify(notes[0])).not.toMatch(/программа|Семинар/);
  });

  it('A-6.4 security: the signature check of a request whose content file changed on disk shows invalid, and the file is marked and told', async () => {
    const { item, attachment } = await draftWithFile('подписанное.pdf', pdf('integrity-signed'));
    const signed = await u.deputy.post(`/api/v1/items/${item.id}/sign`, { version: item.version });
    expect(signed.status).toBe(200);
    expect((await u.officer.get(`/api/v1/items/${item.id}/signature`)).body.status).toBe('valid');
    flipByte(attachment.sha256);
    expect((await u.officer.get(`/api/v1/items/${item.id}/signature`)).body.status).toBe('invalid');
    expect((await u.officer.get(`/api/v1/items/${item.id}/signature`)).body.status).toBe('invalid');
    expect((await u.officer.get(`/api/v1/items/${item.id}`)).body.attachments[0]).toMatchObject({ damaged: true });
    expect((await auditOf(attachment.id)).map((r) => r.action)).toEqual(['attachment.damaged']);
    expect(await adminNotes(attachment.id)).toHaveLength(1);
  });

  it('security: a file that backs several attachments marks every one of them and is told once', async () => {
    const data = pdf('integrity-shared');
    const one = await draftWithFile('один.pdf', data);
    const two = await draftWithFile('два.pdf', data);
    expect(one.attachment.sha256).toBe(two.attachment.sha256);
    flipByte(one.attachment.sha256);
    expect((await u.officer.get(`/api/v1/attachments/${one.attachment.id}`)).status).toBe(409);
    expect((await u.officer.get(`/api/v1/items/${two.item.id}`)).body.attachments[0]).toMatchObject({ damaged: true });
    expect((await u.officer.get(`/api/v1/attachments/${two.attachment.id}`)).status).toBe(409);
    const notes = [...(await adminNotes(one.attachment.id)), ...(await adminNotes(two.attachment.id))];
    expect(notes).toHaveLength(1);
    const listed = (await u.admin.get('/api/v1/files/damaged')).body.items.find((f: { sha256: string }) => f.sha256 === one.attachment.sha256);
    expect(listed.uses.map((x: { attachmentId: string }) => x.attachmentId).sort()).toEqual([one.attachment.id, two.attachment.id].sort());
  });

  it('security: administrators list the damaged files with where to restore them, and a check after the restore clears the mark (audited)', async () => {
    const name = 'восстановить.pdf';
    const data = pdf('integrity-restore');
    const { item, attachment } = await draftWithFile(name, data);
    flipByte(attachment.sha256);
    expect((await u.officer.get(`/api/v1/attachments/${attachment.id}`)).status).toBe(409);

    // Only administrators see the list or check a file.
    expect((await u.officer.get('/api/v1/files/damaged')).status).toBe(403);
    expect((await u.officer.post(`/api/v1/files/${attachment.sha256}/check`)).status).toBe(403);
    const list = await u.admin.get('/api/v1/files/damaged');
    expect(list.status).toBe(200);
    const entry = list.body.items.find((f: { sha256: string }) => f.sha256 === attachment.sha256);
    expect(entry).toEqual({
      sha256: attachment.sha256,
      path: path.join(attachment.sha256.slice(0, 2), attachment.sha256),
      fault: 'damaged',
      detectedAt: '2026-03-02T05:00:00.000Z',
      uses: [
        {
          kind: 'item',
          attachmentId: attachment.id,
          parentId: item.id,
          number: formatNumber(item),
          role: 'content',
          officeCode: 'RU-ORE',
          officeName: expect.objectContaining({ ru: expect.any(String) }),
          uploadedByOfficeCode: 'RU-ORE',
          detectedAt: '2026-03-02T05:00:00.000Z',
        },
      ],
    });
    expect(JSON.stringify(list.body)).not.toContain(name);
    expect(fs.existsSync(path.join(ctx.config.filesDir, entry.path))).toBe(true);

    // Checked before the restore: still damaged, still listed.
    const early = await u.admin.post(`/api/v1/files/${attachment.sha256}/check`);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ result: 'damaged', cleared: 0, file: { sha256: attachment.sha256 } });
    expect(await adminNotes(attachment.id)).toHaveLength(1);

    // Restored from the backup (the original bytes), checked again: the mark goes.
    ctx.clock.set('2026-03-02T05:10:00Z');
    fs.writeFileSync(path.join(ctx.config.filesDir, entry.path), data);
    const checked = await u.admin.post(`/api/v1/files/${attachment.sha256}/check`);
    expect(checked.body).toEqual({ result: 'ok', cleared: 1, file: null });
    expect((await u.admin.get('/api/v1/files/damaged')).body.items.find((f: { sha256: string }) => f.sha256 === attachment.sha256)).toBeUndefined();
    expect((await u.officer.get(`/api/v1/items/${item.id}`)).body.attachments[0]).toMatchObject({ damaged: false, damagedAt: null });
    const back = await u.officer.get(`/api/v1/attachments/${attachment.id}`);
    expect(back.status).toBe(200);
    expect(back.raw.equals(data)).toBe(true);
    const checks = (await auditOf(attachment.id)).filter((r) => r.action === 'attachment.check');
    expect(checks.map((r) => [r.actorLogin, r.after])).toEqual([
      ['admin', { itemId: item.id, role: 'content', confidentiality: 'open', result: 'damaged', cleared: false }],
      ['admin', { itemId: item.id, role: 'content', confidentiality: 'open', result: 'ok', cleared: true }],
    ]);

    // Damaged again later: a new fault, told again.
    flipByte(attachment.sha256);
    expect((await u.officer.get(`/api/v1/attachments/${attachment.id}`)).status).toBe(409);
    expect(await adminNotes(attachment.id)).toHaveLength(2);
    // A file no attachment uses is not found; a malformed address is refused by the schema.
    expect((await u.admin.post(`/api/v1/files/${'0'.repeat(64)}/check`)).status).toBe(404);
    expect((await u.admin.post('/api/v1/files/../../etc/passwd/check')).status).toBe(404);
    expect((await u.admin.post(`/api/v1/files/${'A'.repeat(64)}/check`)).status).toBe(400);
    ctx.clock.set('2026-03-02T05:00:00Z');
  });

  it('uploading the original bytes again repairs a damaged stored file', async () => {
    const data = pdf('integrity-reupload');
    const { attachment } = await draftWithFile('исходный.pdf', data);
    flipByte(attachment.sha256);
    await draftWithFile('исходный-снова.pdf', data);
    expect(fs.readFileSync(fileOf(attachment.sha256)).equals(data)).toBe(true);
    expect((await u.officer.get(`/api/v1/attachments/${attachment.id}`)).status).toBe(200);
  });

  it('security: the periodic check finds a damaged file nobody has read yet, tells once, and does not read the same files again within a day', async () => {
    const { item, attachment } = await draftWithFile('архив.pdf', pdf('integrity-background'));
    flipByte(attachment.sha256);
    const deps = { db: ctx.database.db, clock: ctx.clock, config: ctx.config, files: fileStore(ctx.config.filesDir) };
    let faults = 0;
    for (let round = 0; round < 20; round++) {
      const r = await runFileChecks(deps);
      faults += r.faults;
      if (r.checked === 0) break;
    }
    expect(faults).toBeGreaterThanOrEqual(1);
    expect((await u.officer.get(`/api/v1/items/${item.id}`)).body.attachments[0]).toMatchObject({ damaged: true });
    expect(await adminNotes(attachment.id)).toHaveLength(1);
    // Everything was read this round; nothing is due again until a day has passed.
    expect(await runFileChecks(deps)).toEqual({ checked: 0, faults: 0, skipped: false });
    ctx.clock.set('2026-03-03T06:00:00Z');
    const next = await runFileChecks(deps);
    ctx.clock.set('2026-03-02T05:00:00Z');
    expect(next.checked).toBeGreaterThan(0);
    expect(await adminNotes(attachment.id)).toHaveLength(1);
  });
});
