import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, eventAttachments } from '../db/schema.ts';
import { createTestContext, TAG, type Client, type TestContext } from './build-test-app.ts';

/**
 * `invoice\u202Efdp.exe` displays as `invoiceexe.pdf`: a right-to-left override makes an executable
 * pose as a document. Such characters are neutralised where a name is stored, and for names stored
 * before that, wherever a name is shown or sent (the views and the download header).
 */
const SPOOF = 'invoice\u202Efdp.exe';
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The name a browser takes from `filename*` (RFC 5987), or from `filename`. */
function downloadName(disposition: string): string {
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  return star ? decodeURIComponent(star) : /filename="([^"]*)"/.exec(disposition)![1]!;
}

describe(`attachment names ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  const upload = async (url: string, fileName: string) => {
    const b = 'namesbnd';
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': `multipart/form-data; boundary=${b}` },
      payload: Buffer.concat([
        Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]),
    });
    expect(res.statusCode).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    officer = await ctx.as('oreOfficer');
  });
  afterAll(async () => ctx?.close());

  it('security: bidi overrides in an uploaded name are neutralised where it is stored — requests and events', async () => {
    const item = (await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT', subject: 'Счёт' })).body;
    const view = await upload(`/api/v1/items/${item.id}/attachments?role=content&version=${item.version}`, SPOOF);
    expect(view.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['invoice_fdp.exe']);
    const [stored] = await ctx.database.db.select({ fileName: attachments.fileName }).from(attachments).where(eq(attachments.itemId, item.id));
    expect(stored!.fileName).toBe('invoice_fdp.exe');
    const timeline = (await officer.get(`/api/v1/items/${item.id}/timeline`)).body;
    expect(JSON.stringify(timeline)).not.toMatch(BIDI);

    const event = (await officer.post('/api/v1/events', { title: 'Семинар' })).body;
    const eventView = await upload(`/api/v1/events/${event.id}/attachments?role=proposal`, `программа\u2067\u2066.pdf\u200f`);
    expect(eventView.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['программа__.pdf_']);
  });

  it('security: a name stored before the rule is shown and downloaded without bidi controls, with an RFC 6266/5987 Content-Disposition', async () => {
    const item = (await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT', subject: 'Старое' })).body;
    const view = await upload(`/api/v1/items/${item.id}/attachments?role=content&version=${item.version}`, 'x.pdf');
    const id = view.attachments[0].id;
    // As an earlier version stored it, bypassing today's cleaning.
    await ctx.database.db.update(attachments).set({ fileName: SPOOF }).where(eq(attachments.id, id));
    const shown = (await officer.get(`/api/v1/items/${item.id}`)).body.attachments[0].fileName;
    expect(shown).toBe('invoice_fdp.exe');
    const download = await officer.get(`/api/v1/attachments/${id}`);
    expect(download.status).toBe(200);
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toBe(`attachment; filename="invoice_fdp.exe"; filename*=UTF-8''invoice_fdp.exe`);
    expect(disposition).not.toMatch(/%E2%80%AE/i);

    // Non-ASCII, quotes and RFC 5987's reserved characters: an ASCII fallback, and the exact name encoded.
    const awkward = 'Счёт "май" (1)*\'итог\'.pdf';
    await ctx.database.db.update(attachments).set({ fileName: awkward }).where(eq(attachments.id, id));
    const header = String((await officer.get(`/api/v1/attachments/${id}`)).headers['content-disposition']);
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(/filename="([^"]*)"/.exec(header)![1]).toBe(`____ _____ (1)*'____'.pdf`);
    expect(downloadName(header)).toBe(awkward);

    const event = (await officer.post('/api/v1/events', { title: 'Семинар' })).body;
    const eventView = await upload(`/api/v1/events/${event.id}/attachments?role=proposal`, 'x.pdf');
    const eventAttachment = eventView.attachments[0].id;
    await ctx.database.db.update(eventAttachments).set({ fileName: `программа\u202Excod.exe` }).where(eq(eventAttachments.id, eventAttachment));
    expect((await officer.get(`/api/v1/events/${event.id}`)).body.attachments[0].fileName).toBe('программа_xcod.exe');
    const eventHeader = String((await officer.get(`/api/v1/events/${event.id}/attachments/${eventAttachment}`)).headers['content-disposition']);
    expect(downloadName(eventHeader)).toBe('программа_xcod.exe');
    expect(eventHeader).not.toMatch(BIDI);
  });
});
