import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAIR_PASSWORD } from '../scripts/pair-setup.ts';
import { peerRequest } from '../server/test/pair.ts';
import { apiSession, chromiumAvailable, launchBrowser, type RunningServer } from './harness.ts';
import { startNodePair, until, type NodePair } from './pair.ts';
import { errorsOf, logIn, newPage, screenshot } from './ui.ts';

/**
 * Journey (issue 12, A-5.1, O-3.3, A-8.2): two node processes joined by the exchange (mutual TLS +
 * RFC 9421 on loopback). Orenburg sends a request; the Kazakh node receives it — its receipt, from
 * which the answer's term runs, comes back — and Aktobe registers it. On the Russian node the
 * request's page shows each message delivered with the signed receipt's time, the registration
 * number Aktobe gave it, and the receipt in the timeline.
 */
describe.skipIf(!chromiumAvailable())('a request crosses to the Kazakh node and its registration comes back [e2e]', () => {
  let pair: NodePair;
  let ru: RunningServer;
  let kz: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    pair = await startNodePair('request');
    ({ ru, kz } = pair);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await pair?.stop();
  });

  it('A-5.1 O-3.3 A-8.2 the sender sees each message delivered, the addressee’s registration number and the receipt the term runs from', async () => {
    const [officer, deputy] = await Promise.all(['ore-officer', 'ore-deputy'].map((login) => apiSession(ru.url, login, PAIR_PASSWORD)));
    const draft = await officer!.post('/api/v1/items', peerRequest(1));
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id as string;
    const signed = await deputy!.post(`/api/v1/items/${id}/sign`, { version: draft.body.version });
    const sent = await officer!.post(`/api/v1/items/${id}/send`, {
      outgoingNumber: '7-e2e-1',
      outgoingDate: DateTime.now().setZone('Asia/Yekaterinburg').toISODate(),
      version: signed.body.version,
    });
    expect(sent.body.status, JSON.stringify(sent.body)).toBe('sent');

    const akt = await apiSession(kz.url, 'akt-officer', PAIR_PASSWORD);
    const seen = await until('the request on the Kazakh node', async () => {
      const r = await akt.get(`/api/v1/items/${id}`);
      return r.status === 200 ? r.body : null;
    });
    const reg = await akt.post(`/api/v1/items/${id}/register`, {
      incomingNumber: 'вх-e2e-77',
      incomingDate: DateTime.now().setZone('Asia/Aqtobe').toISODate(),
      version: seen.version,
    });
    expect(reg.body.status, JSON.stringify(reg.body)).toBe('registered');
    await until('the registration on the Russian node', async () => (await officer!.get(`/api/v1/items/${id}`)).body.status === 'registered');

    const page = await newPage(browser);
    await logIn(page, ru.url, 'ore-officer', PAIR_PASSWORD);
    await page.goto(`${ru.url}/items/${id}`);
    const delivery = page.getByTestId('delivery');
    await delivery.waitFor();
    expect(await delivery.getByText('Доставлено').count()).toBe(3);
    await delivery.getByText('Зарегистрировано адресатом: вх. № вх-e2e-77').waitFor();
    await page.getByText('Получен узлом адресата (время подписанной квитанции)').first().waitFor();
    await screenshot(page, 'e2e-x1-request-delivered-registered');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  }, 120_000);
});
