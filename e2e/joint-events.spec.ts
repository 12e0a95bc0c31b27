import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAIR_PASSWORD } from '../scripts/pair-setup.ts';
import { apiSession, chromiumAvailable, launchBrowser, type RunningServer } from './harness.ts';
import { startNodePair, until, type NodePair } from './pair.ts';
import { errorsOf, logIn, newPage, screenshot } from './ui.ts';

/**
 * Journey (issue 12, O-3.5, A-6.1): two node processes — Russian and Kazakh — joined by the exchange
 * (mutual TLS + RFC 9421 on loopback). Orenburg proposes a seminar with Aktobe, its deputy submits
 * it, ГУМПС approves it; on the Kazakh node Aktobe's officer finds it in the events list marked as
 * the other Party's event, opens it read-only (no actions, no decision), and states Aktobe's
 * participants there; on the Russian node they are Aktobe's, recorded from the exchange.
 */
describe.skipIf(!chromiumAvailable())('a joint event crosses to the counterpart’s node [e2e]', () => {
  let pair: NodePair;
  let ru: RunningServer;
  let kz: RunningServer;
  let browser: Browser;
  let id = '';
  const title = 'Совместный семинар по противодействию наркотрафику';
  const aktobeToday = DateTime.now().setZone('Asia/Aqtobe').startOf('day');
  const local = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm");

  beforeAll(async () => {
    pair = await startNodePair('joint');
    ({ ru, kz } = pair);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await pair?.stop();
  });

  it('O-3.5 A-6.1 approved in Moscow, the seminar appears in Aktobe as the Russian side’s event; Aktobe states its participants there and they reach Orenburg', async () => {
    const [officer, deputy, gumps] = await Promise.all(['ore-officer', 'ore-deputy', 'gumps'].map((login) => apiSession(ru.url, login, PAIR_PASSWORD)));
    const draft = await officer!.post('/api/v1/events', {
      type: 'seminar',
      venue: 'abroad',
      form: 'experience_exchange',
      title,
      country: 'Казахстан',
      city: 'Актобе',
      timeZone: 'Asia/Aqtobe',
      startsLocal: local(aktobeToday.plus({ days: 20 }).set({ hour: 10 })),
      endsLocal: local(aktobeToday.plus({ days: 21 }).set({ hour: 17 })),
      counterpartOfficeCodes: ['KZ-AKT'],
      participants: [{ side: 'own', fullName: 'Заместителев Антон Павлович', position: 'заместитель прокурора области' }],
      agenda: 'Обмен опытом выявления каналов поставки.',
      priorityAreas: ['drug_trafficking'],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    id = draft.body.id;
    const submitted = await deputy!.post(`/api/v1/events/${id}/submit`, { version: draft.body.version });
    const approved = await gumps!.post(`/api/v1/events/${id}/approve`, { version: submitted.body.version });
    expect(approved.body.status).toBe('approved');

    // The relay carries it to the Kazakh node.
    const akt = await apiSession(kz.url, 'akt-officer', PAIR_PASSWORD);
    await until('the copy on the Kazakh node', async () => (await akt.get(`/api/v1/events/${id}`)).status === 200);

    const page = await newPage(browser);
    await logIn(page, kz.url, 'akt-officer', PAIR_PASSWORD);
    await page.goto(`${kz.url}/events?view=list`);
    const row = page.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    await row.getByText('Екінші тараптың іс-шарасы').waitFor();
    await row.getByRole('link').first().click();
    await page.waitForURL(`**/events/${id}`);
    await page.getByTestId('peer-copy').waitFor();
    // Read-only: none of the proposing side's actions, decision or documents.
    expect(await page.getByTestId('actions').getByRole('button').count()).toBe(0);
    expect(await page.getByTestId('documents').count()).toBe(0);
    const form = page.getByTestId('peer-statement');
    await form.getByRole('button', { name: 'Қатысушы қосу' }).click();
    await form.getByLabel('1-қатысушының аты-жөні').fill('Жумабеков Ерлан Маратович');
    await form.getByLabel('1-қатысушының лауазымы').fill('прокурор Актюбинской области');
    await screenshot(page, 'e2e-j1-joint-event-counterpart');
    await form.getByRole('button', { name: 'Жіберу' }).click();
    await page.getByText('Іс-шараны ұсынған прокуратураға жіберілді').waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    // On the Russian node: Aktobe's participant, recorded from the exchange.
    const ours = await until('Aktobe’s participants on the Russian node', async () => {
      const e = (await officer!.get(`/api/v1/events/${id}`)).body;
      return e.counterpartLetters?.length ? e : null;
    });
    expect(ours.participants.filter((p: { fromLetter: boolean }) => p.fromLetter)).toMatchObject([
      { fullName: 'Жумабеков Ерлан Маратович', office: { code: 'KZ-AKT' } },
    ]);
    expect(ours.counterpartLetters[0]).toMatchObject({ office: { code: 'KZ-AKT' }, letter: { channel: 'peer' } });
  }, 120_000);
});
