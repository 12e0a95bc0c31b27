import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema.ts';
import { createTestContext, TAG, type TestContext } from '../../test/build-test-app.ts';
import { freePort } from '../../test/ports.ts';
import { deliverDueEmails, smtpMailer } from './index.ts';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback (smtp-server), not a mock: the mailer speaks SMTP to it. */
async function startSmtp(port: number, received: Received[]): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

/** Decodes the base64 body and the encoded-word subject nodemailer produces for Cyrillic text. */
function decode(raw: string): { subject: string; body: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const subjectLine = /^Subject: ([\s\S]*?)\r?\n(?=\S)/m.exec(head)?.[1] ?? '';
  const bytes = [...subjectLine.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/g)].map((m) => Buffer.from(m[1]!, 'base64'));
  return { subject: Buffer.concat(bytes).toString('utf8'), body: Buffer.from(rest.join('').replace(/\s+/g, ''), 'base64').toString('utf8') };
}

const contact = {
  surname: 'Сидоров',
  firstName: 'Семён',
  patronymic: 'Семёнович',
  position: 'помощник прокурора',
  phone: '+7 3532 50-60-70',
  email: 'sidorov@orenprok.ru',
};

describe(`e-mail through the transactional outbox ${TAG}`, () => {
  let ctx: TestContext;
  let port: number;
  const received: Received[] = [];
  beforeAll(async () => {
    port = await freePort();
    ctx = await createTestContext({ now: '2026-03-02T07:00:00Z', env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://bc.example.test' } });
  });
  afterAll(async () => ctx?.close());

  it('O-3.1 a contact change e-mails ГУМПС; a mail-server outage loses nothing and the mail goes out after it', async () => {
    const officer = await ctx.as('oreOfficer');
    const offices = await officer.get('/api/v1/offices?q=RU-ORE');
    const res = await officer.post(`/api/v1/offices/${offices.body.items[0].id}/contacts`, contact);
    expect(res.status).toBe(201);

    const rows = await ctx.database.db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: 'email', status: 'pending', payload: { to: 'gumps@example.test' } });

    // The mail server is down: the attempt fails, the message stays queued with a later retry.
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'Border Cooperation <bc@example.test>');
    const down = await deliverDueEmails(ctx.database.db, mailer, ctx.clock);
    expect(down).toEqual({ sent: 0, failed: 1 });
    const [afterFailure] = await ctx.database.db.select().from(outbox).where(eq(outbox.id, rows[0]!.id));
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFailure!.nextAttemptAt.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    expect(afterFailure!.lastError).not.toMatch(/gumps@/);

    // Not yet due: nothing is sent even once the server is back.
    const smtp = await startSmtp(port, received);
    try {
      expect(await deliverDueEmails(ctx.database.db, mailer, ctx.clock)).toEqual({ sent: 0, failed: 0 });
      ctx.clock.advance(60_000);
      expect(await deliverDueEmails(ctx.database.db, mailer, ctx.clock)).toEqual({ sent: 1, failed: 0 });
      expect(await deliverDueEmails(ctx.database.db, mailer, ctx.clock)).toEqual({ sent: 0, failed: 0 });
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['gumps@example.test']);
    const { subject, body } = decode(received[0]!.raw);
    expect(subject).toBe('Изменение контактных лиц: Прокуратура Оренбургской области');
    expect(body).toContain('п. 3.1 приказа № 136');
    expect(body).toMatch(/https:\/\/bc\.example\.test\/offices\/[0-9a-f-]{36}/);
    // Personal data stays in the system: the e-mail only points to it.
    expect(`${subject}${body}`).not.toMatch(/Сидоров|Семён|sidorov|50-60-70|50 60 70/i);
    const [sent] = await ctx.database.db.select().from(outbox).where(eq(outbox.id, rows[0]!.id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('two workers never send the same message twice (claims are leased with SKIP LOCKED)', async () => {
    const officer = await ctx.as('oreOfficer');
    const offices = await officer.get('/api/v1/offices?q=RU-ORE');
    const [current] = (await officer.get(`/api/v1/offices/${offices.body.items[0].id}/contacts`)).body.items;
    await officer.patch(`/api/v1/contacts/${current.id}`, { position: 'старший помощник прокурора', version: current.version });
    const smtp = await startSmtp(port, received);
    const before = received.length;
    const m1 = smtpMailer(`smtp://127.0.0.1:${port}`, 'bc@example.test');
    const m2 = smtpMailer(`smtp://127.0.0.1:${port}`, 'bc@example.test');
    try {
      const [a, b] = await Promise.all([deliverDueEmails(ctx.database.db, m1, ctx.clock), deliverDueEmails(ctx.database.db, m2, ctx.clock)]);
      expect(a.sent + b.sent).toBe(1);
    } finally {
      m1.close();
      m2.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    expect(received.length - before).toBe(1);
  });

  it("P-3 a Kazakh office's contact change e-mails the Kazakh Department of International Cooperation, under the Protocol, not the Russian Order", async () => {
    const officer = await ctx.as('aktOfficer');
    const offices = await officer.get('/api/v1/offices?q=KZ-AKT');
    const res = await officer.post(`/api/v1/offices/${offices.body.items[0].id}/contacts`, { ...contact, phone: '+7 7132 50-60-70', email: 'a@prokuror.kz' });
    expect(res.status).toBe(201);
    const rows = (await ctx.database.db.select().from(outbox)).filter((r) => (r.payload as { to: string }).to === 'dms@example.test');
    expect(rows).toHaveLength(1);
    const { text } = rows[0]!.payload as { text: string };
    expect(text).toContain('ст. 3 Дополнительного протокола');
    expect(text).not.toMatch(/136|ГУМПС/);
  });
});
