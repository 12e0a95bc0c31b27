import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG, type Client } from '../../test/build-test-app.ts';
import { createPair, type Pair } from '../../test/pair.ts';
import { startTestTsa, type TestTsa } from '../../test/tsa.ts';
import { checkpointPeers, stampCheckpoints } from './exchange.checkpoints.ts';
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

/** The manifest: the payload of the signed manifest.json (a JWS). */
function readManifest(files: Files): EvidenceManifest {
  const jws = JSON.parse(strFromU8(files['manifest.json']!)) as { payload: string };
  return JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')) as EvidenceManifest;
}

/**
 * Rebuilds a bundle after a change, with the manifest's hashes recomputed under the node's old
 * signature (an attacker has no node key): an attacker's best effort, caught by the manifest's
 * signature, and by the signatures, the proofs and the chain within.
 */
function rebuild(files: Files, change: (f: Files) => void, changeManifest: (m: EvidenceManifest) => void = () => undefined): Uint8Array {
  const f = { ...files };
  change(f);
  const manifest = readManifest(f);
  changeManifest(manifest);
  manifest.files = manifestEntries(f);
  const jws = JSON.parse(strFromU8(f['manifest.json']!)) as { payload: string };
  jws.payload = Buffer.from(JSON.stringify(manifest)).toString('base64url');
  f['manifest.json'] = strToU8(JSON.stringify(jws));
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
  let tsa: TestTsa;
  const bundles: { ru?: Buffer; kz?: Buffer; early?: Buffer } = {};

  beforeAll(async () => {
    tsa = await startTestTsa({ name: 'Test TSA' });
    pair = await createPair({ env: { ru: { TSA_URL: tsa.url }, kz: { TSA_URL: tsa.url } } });
    [officer, deputy, oreHead] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('oreDeputy'), pair.ru.as('oreHead')]);
    [akt, aktHead] = await Promise.all([pair.kz.as('aktOfficer'), pair.kz.as('aktHead')]);
    // Sent from Orenburg, registered in Aktobe, consulted on with a restricted file, answered.
    const draft = await officer.post('/api/v1/items', request);
    id = draft.body.id;
    const signed = await deputy.post(`/api/v1/items/${id}/sign`, { version: draft.body.version });
    await officer.post(`/api/v1/items/${id}/send`, { outgoingNumber: '7-13-2026', outgoingDate: '2026-03-02', version: signed.body.version });
    // Three out, and Aktobe's receipt of the request back.
    expect(await pair.pump()).toBe(4);
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
    // A bundle before any checkpoint; then each node checkpoints its stream, countersigned, and has it time-stamped.
    bundles.early = (await oreHead.get(`/api/v1/items/${id}/evidence.zip`)).raw;
    expect(await checkpointPeers(pair.ru.deps, pair.toKz)).toEqual([{ peer: 'kz-node', status: 'agreed' }]);
    expect(await checkpointPeers(pair.kz.deps, pair.toRu)).toEqual([{ peer: 'ru-node', status: 'agreed' }]);
    expect(await stampCheckpoints(pair.ru.deps)).toEqual({ stamped: 1, failed: 0 });
    expect(await stampCheckpoints(pair.kz.deps)).toEqual({ stamped: 1, failed: 0 });
  });
  afterAll(async () => {
    await pair?.close();
    await tsa?.stop();
  });

  it('the bundle from either node verifies: every check passes, the peer’s checkpoint carrying no time-stamp here', async () => {
    for (const [node, client] of [
      ['ru', oreHead],
      ['kz', aktHead],
    ] as const) {
      const res = await client.get(`/api/v1/items/${id}/evidence.zip`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('application/zip');
      bundles[node] = res.raw;
      const files = unzipSync(res.raw);
      const manifest = readManifest(files);
      expect(manifest).toMatchObject({ item: { id, kind: 'request' }, node: { nodeId: `${node}-node`, party: node.toUpperCase() }, complete: true });
      const actions = JSON.parse(strFromU8(files['actions.json']!)) as { kind: string }[];
      expect(actions.map((a) => a.kind)).toEqual([
        'create',
        'sign',
        'send',
        'receipt',
        'register',
        'open_consultation',
        'attach',
        'close_consultation',
        'record_outcome',
      ]);
      // The Russian node sent seq 1–3 and received the rest; the Kazakh node the other way round.
      const out = manifest.messages.filter((m) => m.direction === 'out').length;
      expect(out).toBe(node === 'ru' ? 3 : 6);
      expect(manifest.messages).toHaveLength(9);
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
      // The checkpoints: this node's stream (size 3 from Russia, 6 from Kazakhstan) countersigned and
      // time-stamped, the peer's countersigned here; each message's leaf proven in one of them.
      const [own, other] = node === 'ru' ? ['ru-node→kz-node 3', 'kz-node→ru-node 6'] : ['kz-node→ru-node 6', 'ru-node→kz-node 3'];
      expect(manifest.checkpoints.map((c) => [c.path, c.status, c.timestamp])).toEqual(
        expect.arrayContaining([
          [`checkpoints/${own.split(' ')[0]!.replace('→', '/')}/${own.split(' ')[1]}`, 'agreed', 'stamped'],
          [`checkpoints/${other.split(' ')[0]!.replace('→', '/')}/${other.split(' ')[1]}`, 'agreed', null],
        ]),
      );
      expect(manifest.checkpoints).toHaveLength(2);
      expect(manifest.messages.every((m) => m.checkpoint !== null)).toBe(true);
      expect(ru).toContain('включено в контрольную точку');
      expect(ru).toContain('метка времени (RFC 3161) Test TSA');
      expect(kk).toContain('бақылау нүктесіне енгізілді');
      const checks = await verifyEvidence(res.raw);
      // Everything passes; only the peer's checkpoint carries no time-stamp here (its node keeps it).
      expect(checks.filter((c) => c.status !== 'pass').map((c) => [c.name, c.status, c.detail])).toEqual([
        [`checkpoint ${other}: timestamp`, 'skip', 'no time-stamp in the bundle'],
      ]);
      // Each kind of check ran: the hashes, both signatures of every message, the chain, the action equality.
      const names = checks.map((c) => c.name);
      expect(names[0]).toBe('manifest: signature');
      expect(names.filter((n) => n.startsWith('inclusion '))).toHaveLength(9);
      expect(names).toEqual(expect.arrayContaining([`checkpoint ${own}: note`, `checkpoint ${own}: cosignature`, `checkpoint ${own}: timestamp`]));
      expect(checks.find((c) => c.name === `checkpoint ${own}: timestamp`)!.detail).toContain('by Test TSA');
      expect(names.filter((n) => n.startsWith('envelope '))).toHaveLength(9);
      expect(names.filter((n) => n.startsWith('receipt ') || n.startsWith('response '))).toHaveLength(9);
      expect(names.filter((n) => n.startsWith('action of '))).toHaveLength(9);
      expect(names.filter((n) => n.startsWith('chain: action '))).toHaveLength(9);
    }
    const audit = await pair.kz.database.db.execute(`select after from audit_log where action = 'item.evidence'`);
    const rows = ((audit as { rows?: unknown[] }).rows ?? audit) as { after: Record<string, unknown> }[];
    expect(rows.map((r) => r.after)).toEqual([{ complete: true, messages: 9 }]);
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
    expect(failedNames(checks)).toEqual(['manifest: signature', `envelope out 2 ${messageId}`]);
    expect(passed(checks)).toBe(false);
  });

  it('a receipt swapped between two messages fails the receipt checks of both', async () => {
    const files = unzipSync(bundles.ru!);
    const manifest = readManifest(files);
    const [a, b] = manifest.messages.filter((m) => m.direction === 'out').map((m) => m.messageId);
    const checks = await verifyEvidence(
      rebuild(files, (f) => {
        const ra = f[`receipts/${a}.jws`]!;
        f[`receipts/${a}.jws`] = f[`receipts/${b}.jws`]!;
        f[`receipts/${b}.jws`] = ra;
      }),
    );
    expect(failedNames(checks).sort()).toEqual(['manifest: signature', `receipt ${a}`, `receipt ${b}`].sort());
    expect(checks.find((c) => c.name === `receipt ${a}`)!.detail).toContain(`names message ${b}`);
  });

  it('an action edited in actions.json fails the chain and the envelope that carried it', async () => {
    const files = unzipSync(bundles.kz!);
    const checks = await verifyEvidence(
      rebuild(files, (f) => {
        const actions = JSON.parse(strFromU8(f['actions.json']!)) as { seq: number; input: Record<string, unknown> }[];
        actions.find((x) => x.seq === 5)!.input.incomingNumber = 'вх-2026/999';
        f['actions.json'] = strToU8(JSON.stringify(actions));
      }),
    );
    const manifest = readManifest(files);
    // (The Kazakh node's first message was its receipt of the request; the registration its second.)
    const reg = manifest.messages.find((m) => m.direction === 'out' && m.streamIndex === 2)!;
    expect(failedNames(checks)).toEqual(['manifest: signature', 'chain: action 5 (register)', `action of out 2 ${reg.messageId}`]);
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

  it('a bundle made before any checkpoint lists each message as not yet in a checkpoint, which is no failure', async () => {
    const files = unzipSync(bundles.early!);
    expect(readManifest(files).checkpoints).toEqual([]);
    expect(Object.keys(files).some((p) => p.startsWith('checkpoints/'))).toBe(false);
    expect(strFromU8(files['summary.ru.txt']!)).toContain('ещё не вошло в контрольную точку');
    expect(strFromU8(files['summary.kk.txt']!)).toContain('әлі бақылау нүктесіне енген жоқ');
    const checks = await verifyEvidence(bundles.early!);
    expect(failedNames(checks)).toEqual([]);
    const inclusions = checks.filter((c) => c.name.startsWith('inclusion '));
    expect(inclusions).toHaveLength(9);
    expect(inclusions.every((c) => c.status === 'skip' && c.detail === 'not yet in a checkpoint')).toBe(true);
  });

  it('a changed inclusion proof fails that message’s inclusion check; a changed root fails the checkpoint’s note and every inclusion in it', async () => {
    const files = unzipSync(bundles.ru!);
    const manifest = readManifest(files);
    const second = manifest.messages.find((m) => m.direction === 'out' && m.streamIndex === 2)!;
    const proofChanged = await verifyEvidence(
      rebuild(
        files,
        () => undefined,
        (m) => {
          const p = m.messages.find((x) => x.messageId === second.messageId && x.direction === 'out')!.checkpoint!.proof;
          p[0] = `${p[0]!.slice(0, -1)}${p[0]!.endsWith('0') ? '1' : '0'}`;
        },
      ),
    );
    expect(failedNames(proofChanged)).toEqual(['manifest: signature', `inclusion out 2 ${second.messageId}`]);
    // The root line of the Russian node's checkpoint replaced by another root.
    const path = 'checkpoints/ru-node/kz-node/3.note';
    const note = strFromU8(files[path]!);
    const [origin, size, root] = note.split('\n');
    const otherRoot = Buffer.from(root!, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b));
    const rootChanged = await verifyEvidence(
      rebuild(
        files,
        (f) => (f[path] = strToU8(note.replace(`${origin}\n${size}\n${root}\n`, `${origin}\n${size}\n${Buffer.from(otherRoot).toString('base64')}\n`))),
      ),
    );
    const outIds = manifest.messages.filter((m) => m.direction === 'out').map((m) => `inclusion out ${m.streamIndex} ${m.messageId}`);
    // The peer's cosignature and the time-stamp were over the true note: they fail with it.
    expect(failedNames(rootChanged)).toEqual([
      'manifest: signature',
      'checkpoint ru-node→kz-node 3: note',
      'checkpoint ru-node→kz-node 3: cosignature',
      'checkpoint ru-node→kz-node 3: timestamp',
      ...outIds,
    ]);
  });

  it('a file changed in the ZIP fails the manifest: its hash, or the manifest’s signature when the hashes are recomputed; a tampered time-stamp token fails its check', async () => {
    const files = unzipSync(bundles.kz!);
    const tsr = 'checkpoints/kz-node/ru-node/6.tsr';
    const token = Uint8Array.from(files[tsr]!);
    token[token.length - 5]! ^= 0x01;
    expect(failedNames(await verifyEvidence(zipSync({ ...files, [tsr]: token })))).toEqual([`hash ${tsr}`, 'checkpoint kz-node→ru-node 6: timestamp']);
    const summary = strToU8(strFromU8(files['summary.ru.txt']!).replace('Зарегистрирован', 'Отказано'));
    expect(failedNames(await verifyEvidence(zipSync({ ...files, 'summary.ru.txt': summary })))).toEqual(['hash summary.ru.txt']);
    expect(failedNames(await verifyEvidence(rebuild(files, (f) => (f['summary.ru.txt'] = summary))))).toEqual(['manifest: signature']);
    // A manifest signed by another key than the node's fails its signature whatever it lists.
    const unsigned = {
      ...files,
      'manifest.json': strToU8(JSON.stringify({ payload: JSON.parse(strFromU8(files['manifest.json']!)).payload, signatures: [] })),
    };
    expect(failedNames(await verifyEvidence(zipSync(unsigned)))).toEqual(['manifest: signature']);
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
      const manifest = readManifest(files);
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
