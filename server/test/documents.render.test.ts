import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import mammoth from 'mammoth';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../domain/schemas/common.ts';
import { contacts, items, offices, users } from '../db/schema.ts';
import { dataTable, officialDocx } from '../lib/docx.ts';
import { translate } from '../lib/i18n.ts';
import { eventDocx } from '../modules/events/events.documents.ts';
import type { EventRow } from '../modules/events/events.repository.ts';
import type { OfficeRow } from '../modules/registry/index.ts';
import { createTestContext, TAG, type Client, type TestContext } from './build-test-app.ts';
import { itemArb, itemValues } from './random-items.ts';
import { flat, renderDocuments, rendererAvailable, type RenderedDocument } from './render-docx.ts';

/**
 * The documents officials read (the annual block, the analysis for the Deputy Prosecutor General,
 * the event proposal and report, the contact list), each in Russian and in Kazakh, rendered by
 * LibreOffice as an official's office would open them, and read back.
 * RENDER_OUT=<dir> keeps the PDFs and page PNGs for a person to look at.
 */

const NOW = '2027-02-10T06:00:00Z';

/** Every word of the DOCX is whole in the rendering: a word broken inside a narrow cell shows up as a missing word. */
function brokenWords(docxText: string, rendered: string): string[] {
  const count = (s: string) => {
    const m = new Map<string, number>();
    // Lower case: the blank prints the office in capitals (a run property, not the text).
    for (const w of s.toLowerCase().match(/\p{L}{4,}/gu) ?? []) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const printed = count(flat(rendered));
  return [...count(docxText)].filter(([w, n]) => (printed.get(w) ?? 0) < n).map(([w]) => w);
}

const RU_FORMS: Record<string, [string, string, string]> = {
  документ: ['документ', 'документа', 'документов'],
  ответ: ['ответ', 'ответа', 'ответов'],
  день: ['день', 'дня', 'дней'],
  файл: ['файл', 'файла', 'файлов'],
};

/** Each «N noun» of the Russian text agrees with N (one/few/many; other, for fractions, as few). */
function disagreements(text: string): string[] {
  const rules = new Intl.PluralRules('ru');
  const bad: string[] = [];
  for (const m of flat(text).matchAll(/(\d+(?:,\d+)?) (документ\p{L}*|ответ\p{L}*|д(?:ень|ня|ней)|файл\p{L}*)/gu)) {
    const n = Number(m[1]!.replace(',', '.'));
    const forms = Object.values(RU_FORMS).find((f) => f.includes(m[2]!));
    if (!forms) continue;
    const cat = rules.select(n);
    const want = forms[cat === 'one' ? 0 : cat === 'many' ? 2 : 1];
    if (m[2] !== want) bad.push(m[0]);
  }
  return bad;
}

/** A heading alone at the foot of a page: the last line of a page (not the last) is one of the headings. */
function orphanHeadings(doc: RenderedDocument, headings: string[]): string[] {
  const pages = doc.text.split('\f').filter((p) => p.trim());
  return pages.slice(0, -1).flatMap((p) => {
    const tail = flat(p.trim().split('\n').slice(-2).join(' '));
    return headings.filter((h) => tail.endsWith(flat(h)));
  });
}

describe.skipIf(!rendererAvailable())(`documents officials read, rendered in Russian and Kazakh (issue 11) ${TAG}`, () => {
  let ctx: TestContext;
  let gumps: Client;
  let dms: Client;
  const office = new Map<string, OfficeRow>();
  const rendered = new Map<string, RenderedDocument & { docxText: string }>();
  const xlsx = new Map<Locale, Buffer>();

  beforeAll(async () => {
    ctx = await createTestContext({ now: NOW });
    [gumps, dms] = await Promise.all([ctx.as('gumps'), ctx.as('dms')]);
    const db = ctx.database.db;
    const zones = new Map<string, string>();
    const ids = new Map<string, string>();
    for (const o of await db.select().from(offices)) {
      office.set(o.code, o);
      ids.set(o.code, o.id);
      zones.set(o.id, o.timeZone);
    }
    // The same items every run: figures in every table of the block and the analysis.
    const gen = fc.sample(itemArb, { numRuns: 40, seed: 11 });
    await db.insert(items).values(gen.map((g) => ({ id: uuidv7(), ...itemValues(g, ids, zones) })));
    // ГУМПС has a head (who signs the analysis); the coordinator who writes it is a designated contact with a phone.
    await db.insert(users).values({
      login: 'gumpshead',
      fullName: 'Начальников Сергей Иванович',
      officeId: ids.get('RU-GP-GUMPS')!,
      roles: ['coordinator', 'head'],
      passwordHash: 'x',
    });
    await db.insert(contacts).values({
      officeId: ids.get('RU-GP-GUMPS')!,
      surname: 'Координаторов',
      firstName: 'Иван',
      patronymic: 'Петрович',
      position: 'старший прокурор',
      phone: '+7 495 987-65-43',
      phoneE164: '+74959876543',
      email: 'gumps@example.test',
      designatedFrom: '2026-01-01',
    });
    expect(
      (await gumps.put('/api/v1/analysis/2026/report', { conclusions: 'Практика расширилась.', proposals: 'Провести совещание.', version: null })).status,
    ).toBe(200);

    const get = async (client: Client, url: string) => {
      const res = await client.get(url);
      expect(res.status, url).toBe(200);
      return res.raw;
    };
    const docs: { name: string; docx: Buffer }[] = [
      { name: 'analysis-ru', docx: await get(gumps, '/api/v1/analysis/2026/document?compare=2025&lang=ru') },
      { name: 'analysis-kk', docx: await get(dms, '/api/v1/analysis/2026/document?compare=2025&lang=kk') },
      { name: 'annual-ru', docx: await get(gumps, '/api/v1/annual-blocks/RU-ORE/2026/document') },
      { name: 'annual-kk', docx: await get(dms, '/api/v1/annual-blocks/KZ-AKT/2026/document') },
      { name: 'contacts-ru', docx: await get(gumps, '/api/v1/contacts/export.docx?lang=ru') },
      { name: 'contacts-kk', docx: await get(dms, '/api/v1/contacts/export.docx?lang=kk') },
    ];
    xlsx.set('ru', await get(gumps, '/api/v1/analysis/2026/export.xlsx?compare=2025&lang=ru'));
    xlsx.set('kk', await get(dms, '/api/v1/analysis/2026/export.xlsx?compare=2025&lang=kk'));
    if (process.env.RENDER_OUT) for (const [lang, buf] of xlsx) fs.writeFileSync(path.join(process.env.RENDER_OUT, `analysis-${lang}.xlsx`), buf);

    // An event of each Party with the other's office, reported, with the counterpart's own statement.
    for (const [lang, own, other] of [
      ['ru', 'RU-ORE', 'KZ-AKT'],
      ['kk', 'KZ-AKT', 'RU-ORE'],
    ] as const) {
      const event = {
        id: uuidv7(),
        number: 3,
        numberYear: 2026,
        officeId: ids.get(own)!,
        status: 'reported',
        type: 'seminar',
        venue: 'abroad',
        form: 'experience_exchange',
        title: lang === 'ru' ? 'Противодействие незаконному обороту наркотиков' : 'Есірткінің заңсыз айналымына қарсы іс-қимыл',
        country: lang === 'ru' ? 'Казахстан' : 'Ресей',
        city: lang === 'ru' ? 'Актобе' : 'Орынбор',
        timeZone: lang === 'ru' ? 'Asia/Aqtobe' : 'Asia/Yekaterinburg',
        startsAt: new Date('2026-04-14T05:00:00Z'),
        endsAt: new Date('2026-04-15T12:00:00Z'),
        counterpartOfficeIds: [ids.get(other)!],
        participants: [
          { side: 'own', fullName: 'Заместителев Антон Павлович', position: 'заместитель прокурора области', officeId: null },
          { side: 'counterpart', fullName: 'Жумабеков Ерлан Маратович', position: 'прокурор области', officeId: ids.get(other)! },
        ],
        agenda: lang === 'ru' ? '1. Обмен опытом. 2. Порядок обмена сведениями.' : '1. Тәжірибе алмасу. 2. Мәліметтер алмасу тәртібі.',
        priorityAreas: ['drug_trafficking', 'organized_crime'],
        costArrangement: 'each_own',
        costTerms: null,
        reportOutcomes: lang === 'ru' ? 'Проведён обмен опытом.' : 'Тәжірибе алмасу өткізілді.',
        reportAgreements: null,
        reportFollowUp: lang === 'ru' ? 'Провести встречу в 2027 году.' : '2027 жылы кездесу өткізу.',
        counterpartStatements: [
          {
            officeId: ids.get(other)!,
            outcomes: lang === 'ru' ? 'Стороны обменялись опытом.' : 'Тараптар тәжірибе алмасты.',
            agreements: null,
            letter: { channel: 'letter', date: '2026-04-20', number: null, signerPosition: null, signerName: null },
          },
        ],
        createdBy: null,
      } as unknown as EventRow;
      const input = {
        event,
        office: office.get(own)!,
        coordinator: office.get(lang === 'ru' ? 'RU-GP-GUMPS' : 'KZ-GP-DMS')!,
        counterparts: [office.get(other)!],
        signer: { fullName: lang === 'ru' ? 'Прокуроров Олег Викторович' : 'Жумабеков Ерлан Маратович', roles: ['head'] },
        executorName: lang === 'ru' ? 'Исполнителева Анна Сергеевна' : 'Серикбаев Нурлан Ерланович',
        attachmentsCount: 2,
        now: new Date(NOW),
      };
      docs.push({ name: `event-proposal-${lang}`, docx: await eventDocx({ ...input, document: 'proposal' }) });
      docs.push({ name: `event-report-${lang}`, docx: await eventDocx({ ...input, document: 'report' }) });
    }

    // A control: a word in a column too narrow for it is broken, and the check below sees it.
    docs.push({
      name: 'control-narrow',
      docx: await officialDocx({
        title: 't',
        blank: [],
        dateLine: '',
        heading: 'О проверке',
        body: [dataTable(['№', 'Текст'], [['Противодействие', 'x']], [4, 96])],
      }),
    });
    const out = await renderDocuments(docs, { png: true, ...(process.env.RENDER_OUT ? { outDir: process.env.RENDER_OUT } : {}) });
    for (const [i, r] of out.entries()) rendered.set(r.name, { ...r, docxText: (await mammoth.extractRawText({ buffer: docs[i]!.docx })).value });
  }, 300_000);
  afterAll(async () => ctx?.close());

  const doc = (name: string) => rendered.get(name)!;
  // Phrases are read from the document in its order (the layout text interleaves columns); that every
  // word of it is printed whole is checked on the rendering below.
  const text = (name: string) => flat(doc(name).docxText);

  it('every document: no word broken inside a table cell, no dash standing for a missing value, no heading alone at the foot of a page', () => {
    const control = rendered.get('control-narrow')!;
    expect(brokenWords(control.docxText, control.text)).toEqual(['противодействие']);
    rendered.delete('control-narrow');
    expect(rendered.size).toBe(10);
    for (const [name, d] of rendered) {
      expect(brokenWords(d.docxText, d.text), name).toEqual([]);
      expect(flat(d.text), name).not.toMatch(/—\s*—|— дн\.|: —|\(—\)/);
      expect(flat(d.text), name).not.toMatch(/\{\{|documents:|undefined|null/);
      const headings = d.docxText.split('\n').filter((l) => /^(\d+\. |Таблица \d|\d-кесте)/.test(l) || (l.length < 90 && l.endsWith(':')));
      expect(orphanHeadings(d, headings), name).toEqual([]);
    }
  });

  it('Russian numbers agree with their nouns: «1 документ», «2 документа», «5 документов»', () => {
    const t = (count: number) => translate('ru', 'documents:analysis.summarySent', { count, requests: 0, proposals: 0 });
    expect([t(1), t(2), t(5), t(21)].map((s) => s.match(/\d+ \p{L}+/u)![0])).toEqual(['1 документ', '2 документа', '5 документов', '21 документ']);
    expect(translate('ru', 'documents:analysis.median', { count: 2.5, days: '2,5' })).toContain('2,5 дня');
    for (const name of rendered.keys()) if (name.endsWith('-ru')) expect(disagreements(doc(name).text), name).toEqual([]);
    expect(text('analysis-ru')).toMatch(/\d+ документ/);
    // Kazakh keeps the noun singular after a numeral.
    expect(text('analysis-kk')).toMatch(/\d+ құжат (жіберді|алынды)/);
    expect(text('analysis-kk')).not.toMatch(/\d+ құжаттар/);
  });

  it('O-4.3 the analysis for the Deputy Prosecutor General is signed by the head of the coordinating unit, with the executor and phone', () => {
    const ru = text('analysis-ru');
    expect(ru).toContain('Заместителю Генерального прокурора Российской Федерации');
    expect(ru).toContain('Таблица 1. По прокуратурам');
    expect(ru).toMatch(
      /Предложения Провести совещание\. Начальник Главного управления международно-правового сотрудничества Генеральной прокуратуры Российской Федерации С\.И\. Начальников/,
    );
    expect(ru).toContain('Исп. Координаторов Иван Петрович, тел. +7 495 987-65-43');
    expect(ru).toMatch(/10\.02\.2027 №/);
    // The Kazakh department has no head on the system: its coordinator signs, on the bilingual blank, with the Kazakh date.
    const kk = text('analysis-kk');
    expect(kk).toContain('Қазақстан Республикасы Бас прокурорының орынбасарына');
    expect(kk).toContain('1-кесте. Прокуратуралар бойынша');
    expect(kk).toContain('Қазақстан Республикасының Бас прокуратурасы');
    expect(kk).toContain('Генеральная прокуратура Республики Казахстан');
    expect(kk).toContain('2027 жылғы 10 ақпан №');
    expect(kk).toMatch(/Қазақстан Республикасы Бас прокуратурасының Халықаралық ынтымақтастық департаменті директорының орынбасары А\. Үйлестіруші/);
    expect(kk).toContain('Орынд. Үйлестіруші Асқар');
  });

  it('O-3.6 the annual block: oral requests are labelled as requests sent and received, not as answers; every section heading is there', () => {
    const ru = text('annual-ru');
    expect(ru).toMatch(/6\. Срочные устные запросы.*Устные запросы Всего Подтверждены в срок.*Направлены прокуратурой \d+.*Поступили в прокуратуру \d+/);
    expect(ru.slice(ru.indexOf('6. Срочные'), ru.indexOf('7. Отказы'))).not.toContain('Ответы на запросы');
    for (const h of [
      '1. Обмен запросами',
      '2. По формам',
      '3. По направлениям',
      '4. По результатам',
      '5. Своевременность',
      '7. Отказы',
      'Предложения по совершенствованию',
    ])
      expect(ru).toContain(h);
    const kk = text('annual-kk');
    expect(kk).toMatch(/Ауызша сұраулар Барлығы.*Прокуратура жіберген \d+.*Прокуратураға келіп түскен \d+/);
    expect(kk).toContain('Қазақстан Республикасының Бас прокуратурасы');
    expect(kk).toContain('2027 жылғы 10 ақпан №');
    expect(kk).toContain('5. Жауаптардың уақтылығы');
  });

  it('O-3.5 the event proposal and the report with the counterpart’s statement read in both languages', () => {
    expect(text('event-proposal-ru')).toContain('Об участии в мероприятии «Противодействие незаконному обороту наркотиков»');
    expect(text('event-proposal-ru')).toContain('Приложение: 2 файла.');
    const ru = text('event-report-ru');
    expect(ru).toMatch(/Результаты: Проведён обмен опытом\. Достигнутые договорённости: нет/);
    expect(ru).toMatch(/Итоги мероприятия по сообщению другой Стороны: .*\(письмо от 20\.04\.2026 без номера\): Стороны обменялись опытом\./);
    expect(text('event-proposal-kk')).toContain('«Есірткінің заңсыз айналымына қарсы іс-қимыл» іс-шарасына қатысу туралы');
    const kk = text('event-report-kk');
    expect(kk).toContain('Қазақстан Республикасының Бас прокуратурасы');
    expect(kk).toContain('2027 жылғы 10 ақпан №');
    expect(kk).toMatch(/\(20\.04\.2026 нөмірсіз хат\): Тараптар тәжірибе алмасты\./);
  });

  it('P-3 the contact list for the other Party in both languages', () => {
    expect(text('contacts-ru')).toContain('О контактных данных должностных лиц');
    expect(text('contacts-ru')).toContain('Фамилия, имя, отчество');
    expect(text('contacts-kk')).toContain('Тегі, аты, әкесінің аты');
    expect(text('contacts-kk')).toContain('2027 жылғы 10 ақпан №');
  });

  it('O-4.3 the XLSX of the analysis: every sheet has its header row, every label translated', async () => {
    for (const [lang, buf] of xlsx) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      expect(wb.worksheets).toHaveLength(10);
      for (const ws of wb.worksheets) {
        const header = (ws.getRow(1).values as unknown[]).slice(1);
        expect(header.length, `${lang} ${ws.name}`).toBeGreaterThan(1);
        for (const h of header) expect(String(h), `${lang} ${ws.name}`).toMatch(/^[\p{L}\d][^{}]*$/u);
        ws.eachRow((row, n) => {
          if (n > 1) expect(String(row.getCell(1).value ?? ''), `${lang} ${ws.name} row ${n}`).not.toMatch(/^(figures|col|items|documents)[.:]|\{\{/);
        });
      }
      const summary = wb.worksheets[0]!;
      expect(summary.getRow(1).values).toEqual([undefined, translate(lang, 'documents:analysis.col.figure'), '2026', '2025']);
      expect(summary.getRow(2).getCell(1).value).toBe(translate(lang, 'documents:analysis.figures.sent'));
    }
  });
});
