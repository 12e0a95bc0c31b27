import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG, type Client } from '../../test/build-test-app.ts';
import { createPair, type Pair } from '../../test/pair.ts';
import { manifestEntries, passed, verifyEvidence, type EvidenceCheck, type EvidenceManifest } from './exchange.verify.ts';

const request = {
  kind: 'request',
  toOfficeCode: 'KZ-AKT',
  subject: 'О предоставлении сведений о перемещении товаров через пункт пропуска',
  essence: 'Установлены факты перемещения партий товаров без декларирования через пункт пропуска «Сагарчин».',
  purpose: 'Проверка по материалам № 12-46.',
  assistance: 'Просим сообщить сведения о перевозчиках за февраль 2026 года.',
  form: 'crime_information',
  priorityAreas: ['organized_crime'],
  confidentiality: 'open',
  language: 'ru',
};
const SECRET_FILE = 'perevozchiki-spisok-Zhumabaev.pdf';
const secretPdf = Buffer.from(`%PDF-1.4\n% ${SECRET_FILE}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
const secretSha = createHash('sha256').update(secretPdf).digest('hex');

type Files = Record<string, Uint8Array>;

/** Rebuilds a bundle after a change, with the manifest's hashes recomputed: an attacker's best effort, caught by the signatures and the chain. */
function rebuild(files: Files, change: (f: Files) => void): Uint8Array {
  const f = { ...files };
  change(f);
  const manifest = JSON.parse(strFromU8(f['manifest.json']!)) as EvidenceManifest;
  manifest.files = manifestEntries(f);
  f['manifest.json'] = strToU8(JSON.stringify(manifest));
  return zipSync(f);
}

const failedNames = (checks: EvidenceCheck[]) => checks.filter((c) => c.status === 'fail').map((c) => c.name);

/** Every text of a bundle, signed payloads decoded: what a reader of the ZIP could learn. */
function bundleText(files: Files): string {
  return Object.values(files)
    .map((bytes) => {
      const text = strFromU8(bytes);
      try {
        const jws = JSON.parse(text) as { payload?: string };
        if (typeof jws.payload === 'string') return `${text}\n${Buffer.from(jws.payload, 'base64url').toString('utf8')}`;
      } catch {
        // not JSON: the summaries
      }
      return text;
    })
    .join('\n');
}

describe(`exchange: the evidence bundle of an item and its offline check ${TAG}`, () => {
  let pair: Pair;
  let officer: Client;
  let deputy: Client;
  let oreHead: Client;
  let akt: Client;
  let aktHead: Client;
  let id: string;
  const bundles: { ru?: Buffer; kz?: Buffer } = {};

  beforeAll(async () => {
    pair = await createPair();
    [officer, deputy, oreHead] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('oreDeputy'), pair.ru.as('oreHead')]);
    [akt, aktHead] = await Promise.all([pair.kz.as('aktOfficer'), pair.kz.as('aktHead')]);
    // Sent from Orenburg, registered in Aktobe, consulted on with a restricted file, answered.
    const draft = await officer.post('/api/v1/items', request);
    id = draft.body.id;
    const signed = await deputy.post(`/api/v1/items/${id}/sign`, { version: draft.body.version });
    await officer.post(`/api/v1/items/${id}/send`, { outgoingNumber: '7-13-2026', outgoingDate: '2026-03-02', version: signed.body.version });
    expect(await pair.pump()).toBe(3);
    const seen = await akt.get(`/api/v1/items/${id}`);
    const reg = await akt.post(`/api/v1/items/${id}/register`, { incomingNumber: 'вх-2026/316', incomingDate: '2026-03-02', version: seen.body.version });
    expect(reg.body).toMatchObject({ status: 'registered' });
    const consult = await aktHead.post(`/api/v1/items/${id}/consultation`, { body: 'Уточните период.', version: reg.body.version });
    expect(consult.status, JSON.stringify(consult.body)).toBe(200);
    const boundary = 'evidence-boundary';
    const upload = await pair.kz.app.inject({
      method: 'POST',
      url: `/api/v1/items/${id}/attachments?role=consultation&confidentiality=restricted`,
      headers: { cookie: aktHead.cookie, 'x-csrf-token': aktHead.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${SECRET_FILE}"\r\nContent-Type: application/pdf\r\n\r\n`),
        secretPdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const current = await aktHead.get(`/api/v1/items/${id}`);
    const closed = await aktHead.post(`/api/v1/items/${id}/consultation/close`, { version: current.body.version });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const outcome = await aktHead.post(`/api/v1/items/${id}/outcome`, {
      outcome: 'executed',
      text: 'Сведения о перевозчиках прилагаются.',
      legalBasisApplied: 'Закон Республики Казахстан «О прокуратуре»',
      confidentiality: 'open',
      version: closed.body.version,
    });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    await pair.pump();
    expect((await officer.get(`/api/v1/items/${id}`)).body).toMatchObject({ status: 'executed' });
  });
  afterAll(async () => pair?.close());

  it('the bundle from either node verifies with every check passing', async () => {
    for (const [node, client] of [
      ['ru', oreHead],
      ['kz', aktHead],
    ] as const) {
      const res = await client.get(`/api/v1/items/${id}/evidence.zip`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('application/zip');
      bundles[node] = res.raw;
      const files = unzipSync(res.raw);
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as EvidenceManifest;
      expect(manifest).toMatchObject({ item: { id, kind: 'request' }, node: { nodeId: `${node}-node`, party: node.toUpperCase() }, complete: true });
      const actions = JSON.parse(strFromU8(files['actions.json']!)) as { kind: string }[];
      expect(actions.map((a) => a.kind)).toEqual(['create', 'sign', 'send', 'register', 'open_consultation', 'attach', 'close_consultation', 'record_outcome']);
      // The Russian node sent seq 1–3 and received the rest; the Kazakh node the other way round.
      const out = manifest.messages.filter((m) => m.direction === 'out').length;
      expect(out).toBe(node === 'ru' ? 3 : 5);
      expect(manifest.messages).toHaveLength(8);
      expect(Object.keys(files).filter((p) => p.startsWith('messages/out/'))).toHaveLength(out);
      expect(Object.keys(files).filter((p) => p.startsWith(node === 'ru' ? 'receipts/' : 'responses/'))).toHaveLength(3);
      expect(JSON.parse(strFromU8(files['attachments.json']!))).toMatchObject([{ name: SECRET_FILE, sha256: secretSha, confidentiality: 'restricted' }]);
      expect(JSON.parse(strFromU8(files['keys/peers.json']!))[0]).toMatchObject({ nodeId: node === 'ru' ? 'kz-node' : 'ru-node' });
      const ru = strFromU8(files['summary.ru.txt']!);
      const kk = strFromU8(files['summary.kk.txt']!);
      expect(ru).toContain('Зарегистрирован');
      expect(ru).toContain('квитанция узла');
      expect(kk).toContain('Тіркелді');
      expect(kk).toContain('торабы қол қойды');
      const checks = await verifyEvidence(res.raw);
      expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
      // Each kind of check ran: the hashes, both signatures of every message, the chain, the action equality.
      const names = checks.map((c) => c.name);
      expect(names.filter((n) => n.startsWith('envelope '))).toHaveLength(8);
      expect(names.filter((n) => n.startsWith('receipt ') || n.startsWith('response '))).toHaveLength(8);
      expect(names.filter((n) => n.startsWith('action of '))).toHaveLength(8);
      expect(names.filter((n) => n.startsWith('chain: action '))).toHaveLength(8);
    }
    const audit = await pair.kz.database.db.execute(`select after from audit_log where action = 'item.evidence'`);
    const rows = ((audit as { rows?: unknown[] }).rows ?? audit) as { after: Record<string, unknown> }[];
    expect(rows.map((r) => r.after)).toEqual([{ complete: true, messages: 8 }]);
  });

  it('a byte changed in an envelope fails its signature check', async () => {
    const files = unzipSync(bundles.ru!);
    const target = Object.keys(files).find((p) => p.startsWith('messages/out/2-'))!;
    const messageId = target.slice('messages/out/2-'.length, -4);
    // Untouched manifest: the hash check names the file.
    const bytes = Uint8Array.from(files[target]!);
    const at = strFromU8(bytes).indexOf('"payload":"') + 40;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    const plain = zipSync({ ...files, [target]: bytes });
    expect(failedNames(await verifyEvidence(plain))).toContain(`hash ${target}`);
    // Manifest recomputed: the signature still fails.
    const checks = await verifyEvidence(rebuild(files, (f) => (f[target] = bytes)));
    expect(failedNames(checks)).toEqual([`envelope out 2 ${messageId}`]);
    expect(passed(checks)).toBe(false);
  });

  it('a receipt swapped between two messages fails the receipt checks of both', async () => {
    const files = unzipSync(bundles.ru!);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as EvidenceManifest;
    const [a, b] = manifest.messages.filter((m) => m.direction === 'out').map((m) => m.messageId);
    const checks = await verifyEvidence(
      rebuild(files, (f) => {
        const ra = f[`receipts/${a}.jws`]!;
        f[`receipts/${a}.jws`] = f[`receipts/${b}.jws`]!;
        f[`receipts/${b}.jws`] = ra;
      }),
    );
    expect(failedNames(checks).sort()).toEqual([`receipt ${a}`, `receipt ${b}`].sort());
    expect(checks.find((c) => c.name === `receipt ${a}`)!.detail).toContain(`names message ${b}`);
  });

  it('an action edited in actions.json fails the chain and the envelope that carried it', async () => {
    const files = unzipSync(bundles.kz!);
    const checks = await verifyEvidence(
      rebuild(files, (f) => {
        const actions = JSON.parse(strFromU8(f['actions.json']!)) as { seq: number; input: Record<string, unknown> }[];
        actions.find((x) => x.seq === 4)!.input.incomingNumber = 'вх-2026/999';
        f['actions.json'] = strToU8(JSON.stringify(actions));
      }),
    );
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as EvidenceManifest;
    const reg = manifest.messages.find((m) => m.direction === 'out' && m.streamIndex === 1)!;
    expect(failedNames(checks)).toEqual(['chain: action 4 (register)', `action of out 1 ${reg.messageId}`]);
  });

  it('the command line lists the checks and exits non-zero when one fails', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
    try {
      const good = path.join(dir, 'good.zip');
      fs.writeFileSync(good, bundles.kz!);
      const cli = path.resolve(import.meta.dirname, '../../cli/evidence-verify.ts');
      const out = execFileSync(process.execPath, [cli, good], { encoding: 'utf8' });
      expect(out).toMatch(/^✔ manifest/m);
      expect(out).toMatch(/All \d+ checks passed/);
      const files = unzipSync(bundles.kz!);
      const bad = path.join(dir, 'bad.zip');
      fs.writeFileSync(
        bad,
        rebuild(
          files,
          // The key's first character changed to another one (whatever it was: a random key may start with «A»).
          (f) => (f['keys/node.json'] = strToU8(strFromU8(f['keys/node.json']!).replace(/"x": "(.)/, (_m, c: string) => `"x": "${c === 'A' ? 'B' : 'A'}`))),
        ),
      );
      let code = 0;
      let text = '';
      try {
        execFileSync(process.execPath, [cli, bad], { encoding: 'utf8' });
      } catch (e) {
        code = (e as { status: number }).status;
        text = (e as { stdout: string }).stdout;
      }
      expect(code).toBe(1);
      expect(text).toMatch(/^✘ envelope out /m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a user who may not see the item gets 404', async () => {
    const foreign = await pair.kz.as('vosOfficer');
    const res = await foreign.get(`/api/v1/items/${id}/evidence.zip`);
    expect(res.status).toBe(404);
    expect((await (await pair.ru.as('omsOfficer')).get(`/api/v1/items/${id}/evidence.zip`)).status).toBe(404);
  });

  it('A-9.1 a restricted file’s name and hash are not in the bundle of a viewer who may not read it', async () => {
    for (const [ctx, user] of [
      [pair.kz, 'dms'],
      [pair.ru, 'gumps'],
    ] as const) {
      const viewer = await ctx.as(user);
      const res = await viewer.get(`/api/v1/items/${id}/evidence.zip`);
      expect(res.status).toBe(200);
      const files = unzipSync(res.raw);
      const text = bundleText(files);
      expect(text).not.toContain(SECRET_FILE);
      expect(text).not.toContain(secretSha);
      expect(JSON.parse(strFromU8(files['attachments.json']!))).toMatchObject([{ name: '—', sha256: '—', confidentiality: 'restricted' }]);
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as EvidenceManifest;
      expect(manifest.complete).toBe(false);
      expect(Object.keys(files).some((p) => p.startsWith('messages/'))).toBe(false);
      // What is left still verifies: hashes, the chain's links, every receipt; the rest is marked as not checkable.
      const checks = await verifyEvidence(res.raw);
      expect(failedNames(checks)).toEqual([]);
      expect(checks.filter((c) => c.name.startsWith('receipt ') || c.name.startsWith('response ')).every((c) => c.status === 'pass')).toBe(true);
      expect(checks.some((c) => c.status === 'skip')).toBe(true);
    }
    // The readers' bundles do carry the name (the check above would pass on a bundle that showed nothing).
    expect(bundleText(unzipSync(bundles.kz!))).toContain(SECRET_FILE);
  });
});
