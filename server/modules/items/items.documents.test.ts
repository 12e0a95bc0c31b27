import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDocument, ItemLanguage } from '../../../domain/items.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { uploadFile } from '../../test/multipart.ts';
import { flat, renderDocuments, rendererAvailable, type RenderedDocument } from '../../test/render-docx.ts';

/**
 * Every letter of an item, in Russian and in Kazakh, produced through the API from a real course of
 * the item and rendered through LibreOffice as an official's office opens it: the basis in the
 * Agreement and the Protocol, the heading by rule, the attachments by name with their sheets, the
 * executor (never the signer) with a telephone, and no form-like joins. All the documents of the
 * file go to LibreOffice in one batch (a start costs seconds). RENDER_DIR keeps the PNGs to look at.
 */

const TEXTS = {
  ru: {
    subject: 'Запрос сведений о судимости гражданина Иванова',
    essence: 'в ходе проверки установлено, что гражданин Иванов И.И. с 2024 года проживает в г. Актобе',
    purpose: 'проверка законности выдачи разрешения на оружие',
    assistance: 'Просим сообщить, привлекался ли Иванов И.И. к уголовной ответственности на территории Республики Казахстан.',
    proposalSubject: 'Совместный семинар по противодействию наркопреступности',
    oralSubject: 'о запросе сведений о судимости.',
    reason: 'Исходящий номер не совпадает с журналом',
    refusal: 'Сведения составляют тайну следствия по уголовному делу',
    answer: 'Сведения о судимости направляются в части, не составляющей тайну следствия',
    basis: 'Закон Республики Казахстан от 30 июня 2017 года «О прокуратуре»',
    purposeOther: 'Использование в материалах прокурорской проверки по другому лицу',
    justification: 'Лица связаны общим эпизодом',
  },
  kk: {
    subject: 'Иванов азаматтың соттылығы туралы мәліметтер',
    essence: 'тексеру барысында Иванов И.И. азаматтың 2024 жылдан бастап Ақтөбе қаласында тұратыны анықталды',
    purpose: 'қаруға рұқсат берудің заңдылығын тексеру',
    assistance: 'Иванов И.И. Қазақстан Республикасының аумағында қылмыстық жауаптылыққа тартылды ма, хабарлауыңызды сұраймыз.',
    proposalSubject: 'Есірткі қылмысына қарсы іс-қимыл жөніндегі бірлескен семинар',
    oralSubject: 'Иванов азаматтың соттылығы туралы.',
    reason: 'Шығыс нөмірі журналмен сәйкес келмейді',
    refusal: 'Мәліметтер қылмыстық іс бойынша тергеу құпиясын құрайды',
    answer: 'Соттылық туралы мәліметтер тергеу құпиясын құрамайтын бөлігінде жіберіледі',
    basis: 'Қазақстан Республикасының 2017 жылғы 30 маусымдағы «Прокуратура туралы» Заңы',
    purposeOther: 'Басқа тұлға бойынша прокурорлық тексеру материалдарында пайдалану',
    justification: 'Тұлғалар ортақ эпизодпен байланысты',
  },
} satisfies Record<ItemLanguage, Record<string, string>>;

// As the profile keeps them: libphonenumber's international form.
const ORE_PHONE = '+7 (3532) 77-77-77';
const AKT_PHONE = '+7 7132 55 55 55';

async function threePagePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < 3; i++) pdf.addPage();
  return Buffer.from(await pdf.save());
}
// The smallest valid PNG (1×1).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

describe.skipIf(!rendererAvailable())(`item letters read as official documents ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let head: Client;
  let akt: Client;
  let aktHead: Client;
  const rendered = new Map<string, RenderedDocument>();

  const upload = (client: Client, url: string, name: string, mime: string, data: Buffer) => uploadFile(ctx.app, client, url, name, data, mime);

  const ok = (res: { status: number; body: any }, status = 200) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };

  /** A written request with two files, doubted, confirmed, assigned, partly refused; then a consent asked and granted. */
  async function requestCourse(lang: ItemLanguage, docs: { name: string; url: string }[]) {
    const x = TEXTS[lang];
    const pdf = await threePagePdf();
    let item = ok(
      await officer.post('/api/v1/items', {
        kind: 'request',
        toOfficeCode: 'KZ-AKT',
        subject: x.subject,
        essence: x.essence,
        purpose: x.purpose,
        assistance: x.assistance,
        form: 'crime_information',
        confidentiality: 'official_use',
        language: lang,
        translationAttached: true,
      }),
      201,
    );
    // the translation the letter says is attached is a file marked as the translation.
    for (const [file, mime, data, translation] of [
      ['Копия постановления.pdf', 'application/pdf', pdf, false],
      ['Фото документа.png', 'image/png', PNG, false],
      ['Перевод.pdf', 'application/pdf', pdf, true],
    ] as const) {
      const up = await upload(
        officer,
        `/api/v1/items/${item.id}/attachments?role=content&translation=${translation}&version=${item.version}`,
        file,
        mime,
        data,
      );
      expect(up.statusCode, up.body).toBeLessThan(300);
      item = ok(await officer.get(`/api/v1/items/${item.id}`));
    }
    item = ok(await head.post(`/api/v1/items/${item.id}/sign`, { version: item.version }));
    item = ok(await officer.post(`/api/v1/items/${item.id}/send`, { outgoingNumber: `7-13-${lang}`, outgoingDate: '2026-03-02', version: item.version }));
    item = ok(await akt.post(`/api/v1/items/${item.id}/register`, { incomingNumber: `вх-${lang}`, incomingDate: '2026-03-02', version: item.version }));
    item = ok(await akt.post(`/api/v1/items/${item.id}/doubt-authenticity`, { reason: x.reason, version: item.version }));
    docs.push({ name: `authenticity-${lang}`, url: `/api/v1/items/${item.id}/documents/authenticity.docx` });
    item = ok(await head.post(`/api/v1/items/${item.id}/confirm-authenticity`, { version: item.version }));
    const executors = ok(await aktHead.get(`/api/v1/items/${item.id}/executors`));
    const executorId = executors.items.find((u: { fullName: string }) => u.fullName.startsWith('Серикбаев')).id;
    item = ok(await aktHead.post(`/api/v1/items/${item.id}/assign`, { executorId, instruction: 'Исполнить', version: item.version }));
    item = ok(
      await aktHead.post(`/api/v1/items/${item.id}/outcome`, {
        outcome: 'partially_executed',
        refusalGrounds: ['security', 'contrary_to_legislation'],
        reason: x.refusal,
        text: x.answer,
        legalBasisApplied: x.basis,
        version: item.version,
      }),
    );
    const up = await upload(
      aktHead,
      `/api/v1/items/${item.id}/attachments?role=outcome&version=${item.version}`,
      'Справка о судимости.pdf',
      'application/pdf',
      pdf,
    );
    expect(up.statusCode, up.body).toBeLessThan(300);
    docs.push({ name: `request-${lang}`, url: `/api/v1/items/${item.id}/documents/request.docx` });
    docs.push({ name: `refusal-${lang}`, url: `/api/v1/items/${item.id}/documents/refusal.docx?purpose=${encodeURIComponent(x.purpose)}` });
    docs.push({ name: `outcome-${lang}`, url: `/api/v1/items/${item.id}/documents/outcome.docx?purpose=${encodeURIComponent(x.purpose)}` });
    const consent = ok(await officer.post(`/api/v1/items/${item.id}/consents`, { purpose: x.purposeOther, justification: x.justification }), 201);
    docs.push({ name: `consent_request-${lang}`, url: `/api/v1/items/${item.id}/documents/consent_request.docx?consentId=${consent.id}` });
    expect((await officer.get(`/api/v1/items/${item.id}/documents/consent_decision.docx?consentId=${consent.id}`)).status).toBe(404);
    ok(await aktHead.post(`/api/v1/consents/${consent.id}/decision`, { decision: 'granted', note: 'согласие дано при условии ссылки на источник' }));
    docs.push({ name: `consent_decision-${lang}`, url: `/api/v1/items/${item.id}/documents/consent_decision.docx?consentId=${consent.id}` });
    // A letter that does not apply is not there.
    expect((await officer.get(`/api/v1/items/${item.id}/documents/confirmation.docx`)).status).toBe(404);
  }

  /** An urgent oral request confirmed in writing by the head. */
  async function oralCourse(lang: ItemLanguage, docs: { name: string; url: string }[]) {
    const x = TEXTS[lang];
    let item = ok(
      await officer.post('/api/v1/items', {
        kind: 'request',
        toOfficeCode: 'KZ-AKT',
        // Typed with its own «о …» / «… туралы» and a full stop: the heading keeps one of each and drops the stop.
        subject: x.oralSubject,
        essence: x.essence,
        purpose: x.purpose,
        assistance: x.assistance,
        form: 'crime_information',
        language: lang,
      }),
      201,
    );
    item = ok(
      await officer.post(`/api/v1/items/${item.id}/send-oral`, {
        oralAt: '2026-03-02T04:30:00Z',
        channel: 'phone',
        spokenBy: 'Исполнителева А.С.',
        spokenTo: 'Серикбаев Н.Е.',
        version: item.version,
      }),
    );
    item = ok(
      await head.post(`/api/v1/items/${item.id}/confirm-in-writing`, { outgoingNumber: `7-уст-${lang}`, outgoingDate: '2026-03-02', version: item.version }),
    );
    docs.push({ name: `confirmation-${lang}`, url: `/api/v1/items/${item.id}/documents/confirmation.docx` });
  }

  /** An initiative proposal, signed and sent. */
  async function proposalCourse(lang: ItemLanguage, docs: { name: string; url: string }[]) {
    const x = TEXTS[lang];
    let item = ok(
      await officer.post('/api/v1/items', {
        kind: 'proposal',
        toOfficeCode: 'KZ-AKT',
        subject: x.proposalSubject,
        essence: x.essence,
        purpose: x.purpose,
        assistance: x.assistance,
        form: 'experience_exchange',
        language: lang,
        costArrangement: 'agreed',
        costTerms: 'расходы на проезд несёт направляющая сторона',
      }),
      201,
    );
    item = ok(await head.post(`/api/v1/items/${item.id}/sign`, { version: item.version }));
    ok(await officer.post(`/api/v1/items/${item.id}/send`, { outgoingNumber: `7-пр-${lang}`, outgoingDate: '2026-03-02', version: item.version }));
    docs.push({ name: `proposal-${lang}`, url: `/api/v1/items/${item.id}/documents/request.docx` });
  }

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
    [officer, head, akt, aktHead] = await Promise.all([ctx.as('oreOfficer'), ctx.as('oreHead'), ctx.as('aktOfficer'), ctx.as('aktHead')]);
    // The executors' telephones, from their own profiles.
    ok(await officer.patch('/api/v1/auth/me', { phone: '+7 (3532) 77-77-77' }));
    ok(await akt.patch('/api/v1/auth/me', { phone: '+7 7132 55 55 55' }));
    const docs: { name: string; url: string }[] = [];
    for (const lang of ['ru', 'kk'] as const) {
      await requestCourse(lang, docs);
      await oralCourse(lang, docs);
      await proposalCourse(lang, docs);
    }
    const files = [];
    for (const d of docs) {
      const res = await officer.get(d.url);
      expect(res.status, `${d.name}: ${JSON.stringify(res.body)}`).toBe(200);
      files.push({ name: d.name, docx: res.raw });
    }
    const out = process.env.RENDER_DIR;
    for (const r of await renderDocuments(files, { png: Boolean(out), ...(out ? { outDir: out } : {}) })) rendered.set(r.name, r);
  }, 300_000);
  afterAll(async () => ctx?.close());

  const text = (name: string) => flat(rendered.get(name)!.text);
  const ALL: string[] = ['request', 'confirmation', 'proposal', 'authenticity', 'refusal', 'outcome', 'consent_request', 'consent_decision'] satisfies (
    ItemDocument | 'proposal'
  )[];

  it.each(ALL.flatMap((d) => [`${d}-ru`, `${d}-kk`]))('%s: no doubled preposition, no form-like join, no blank where a value exists', (name) => {
    const t = text(name);
    expect(t).not.toMatch(/\bО О\b|Об О\b/);
    expect(t).not.toMatch(/туралы туралы/);
    expect(t).not.toMatch(/: (Просим|Прошу|Сұраймыз)/);
    expect(t).not.toMatch(/— —/);
    expect(t).not.toMatch(/в соответствии с: /);
    expect(t).not.toContain('undefined');
    expect(t).not.toContain('{{');
  });

  it('A-6.3 A-6.5 the request letter: the basis sentence, the heading by rule, connected prose, the translation, attachments with sheets, the executor with a telephone', () => {
    const ru = text('request-ru');
    expect(ru).toContain(
      'В соответствии со статьёй 4 Дополнительного протокола к Соглашению о сотрудничестве между Генеральной прокуратурой Российской Федерации и Генеральной прокуратурой Республики Казахстан от 23 июня 2009 г.',
    );
    expect(ru).toContain('и статьёй 6 Соглашения прошу оказать содействие');
    expect(ru).toContain('О запросе сведений о судимости гражданина Иванова');
    expect(ru).toContain('Существо дела состоит в следующем. В ходе проверки установлено');
    expect(ru).toContain('прошу оказать следующее содействие. Просим сообщить');
    expect(ru).toContain('Перевод запроса и прилагаемых к нему документов на казахский язык прилагается');
    expect(ru).toMatch(/Приложения: 1\. Копия постановления на 3 л\. в 1 экз\. 2\. Фото документа на 1 л\. в 1 экз\. 3\. Перевод на 3 л\. в 1 экз\./);
    expect(ru).toContain('02.03.2026 № 7-13-ru');
    expect(ru).toMatch(/Прокурору Актюбинской .*области/);
    expect(ru).toContain('Прокурор Оренбургской области');
    expect(ru).toContain('О.В. Прокуроров');
    expect(ru).toContain('Исп. Исполнителева Анна Сергеевна');
    expect(ru).toContain(`тел. ${ORE_PHONE}`);
    expect(ru).toContain('Для служебного пользования');

    const kk = text('request-kk');
    expect(kk).toContain('2009 жылғы 23 маусымдағы Келісімге');
    expect(kk).toContain('Қосымша хаттаманың (бұдан әрі – Қосымша хаттама) 4-бабына және Келісімнің 6-бабына сәйкес');
    expect(kk).toContain('Иванов азаматтың соттылығы туралы мәліметтер туралы');
    expect(kk).toContain('Істің мәні мынадай. Тексеру барысында');
    expect(kk).toContain('қазақ тіліне аудармасы қоса беріледі');
    expect(kk).toMatch(/Қосымшалар: 1\. Копия постановления 3 парақта 1 данада\. 2\. Фото документа 1 парақта 1 данада\. 3\. Перевод 3 парақта 1 данада\./);
    expect(kk).toContain('2026 жылғы 2 наурыз № 7-13-kk');
    expect(kk).toMatch(/Ақтөбе .*облысының .*прокурорына/);
    expect(kk).toContain(`тел. ${ORE_PHONE}`);
  });

  it('A-6.1 the proposal offers and asks for a decision; the agreed costs read as a sentence', () => {
    expect(text('proposal-ru')).toContain('вношу инициативное предложение');
    expect(text('proposal-ru')).toContain('О совместном семинаре по противодействию наркопреступности');
    expect(text('proposal-ru')).toContain(
      'Расходы, связанные с реализацией предложения, распределяются по договорённости Сторон (статья 10 Соглашения). Договорённость состоит в следующем. Расходы на проезд несёт направляющая сторона.',
    );
    expect(text('proposal-kk')).toContain('бастамашыл ұсыныс енгіземін');
    expect(text('proposal-kk')).toContain('Есірткі қылмысына қарсы іс-қимыл жөніндегі бірлескен семинар туралы');
  });

  it('A-6.2a the written confirmation names the oral request, its day and channel', () => {
    expect(text('confirmation-ru')).toContain('В подтверждение устного запроса, переданного 02.03.2026 по телефону');
    expect(text('confirmation-ru')).toContain('О запросе сведений о судимости');
    expect(text('confirmation-ru')).toContain('02.03.2026 № 7-уст-ru');
    expect(text('confirmation-kk')).toContain('2026 жылғы 2 наурызда телефон арқылы берілген ауызша сұрау салуды растау үшін');
    expect(text('confirmation-kk')).toContain('Иванов азаматтың соттылығы туралы');
  });

  it('A-6.2b the requested office asks to confirm authenticity on its bilingual blank, with the reason', () => {
    const ru = text('authenticity-ru');
    expect(ru).toContain('О подтверждении подлинности запроса');
    expect(ru).toContain('Ваш запрос от 02.03.2026 № 7-13-ru «О запросе сведений о судимости гражданина Иванова» получен.');
    expect(ru).toContain('абзацем вторым пункта 2 статьи 6 Соглашения');
    expect(ru).toContain('вызвано следующим. Исходящий номер не совпадает с журналом.');
    expect(ru).toContain('На № 7-13-ru от 02.03.2026');
    expect(ru).toMatch(/Прокурору Оренбургской .*области/);
    // The Kazakh office's blank: Kazakh and Russian halves.
    expect(ru).toMatch(/ҚАЗАҚСТАН[\s\S]*РЕСПУБЛИКАСЫНЫҢ БАС[\s\S]*ПРОКУРАТУРАСЫ/);
    expect(ru).toMatch(/ГЕНЕРАЛЬНАЯ ПРОКУРАТУРА[\s\S]*РЕСПУБЛИКИ КАЗАХСТАН/);
    expect(ru).toMatch(/АҚТӨБЕ ОБЛЫСЫНЫҢ[\s\S]*ПРОКУРАТУРАСЫ/);
    expect(ru).toMatch(/ПРОКУРАТУРА АКТЮБИНСКОЙ[\s\S]*ОБЛАСТИ/);
    const kk = text('authenticity-kk');
    expect(kk).toContain('Сұрау салудың түпнұсқалығын растау туралы');
    expect(kk).toContain('Сіздің 2026 жылғы 2 наурыздағы № 7-13-kk «Иванов азаматтың соттылығы туралы мәліметтер туралы» сұрау салуыңыз алынды.');
    expect(kk).toContain(`тел. ${AKT_PHONE}`);
  });

  it('A-7.3 the refusal notice names the grounds in words and the reason; the assigned executor prepared it, the head signed', () => {
    const ru = text('refusal-ru');
    expect(ru).toContain('О частичном отказе в исполнении запроса');
    expect(ru).toContain('рассмотрен и исполнен частично');
    expect(ru).toContain(
      'поскольку его исполнение может нанести ущерб безопасности Республики Казахстан и противоречит законодательству Республики Казахстан.',
    );
    expect(ru).toContain('Причина отказа состоит в следующем. Сведения составляют тайну следствия по уголовному делу.');
    expect(ru).toContain('Прокурор Актюбинской области');
    expect(ru).toContain('Е.М. Жумабеков');
    expect(ru).toContain('Исп. Серикбаев Нурлан Ерланович');
    expect(ru).not.toContain('Исп. Жумабеков');
    expect(ru).toContain(`тел. ${AKT_PHONE}`);
    expect(ru).toMatch(/Приложение: Справка о судимости на 3 л\. в 1 экз\./);
    expect(ru).toContain('02.03.2026 № ________');
    const kk = text('refusal-kk');
    expect(kk).toContain('Сұрау салуды орындаудан ішінара бас тарту туралы');
    expect(kk).toContain('Қазақстан Республикасының қауіпсіздігіне нұқсан келтіруі мүмкін және Қазақстан Республикасының заңнамасына қайшы келеді');
    expect(kk).toContain('Бас тарту себебі мынадай. Мәліметтер');
    expect(kk).toContain('2026 жылғы 2 наурыздағы № 7-13-kk хатқа');
    expect(kk).toContain('Ақтөбе облысының прокуроры');
  });

  it('A-8.1 A-8.2 the outcome letter: the legal basis as prose, the refusal referred to its notice, the executor is not the signer', () => {
    const ru = text('outcome-ru');
    expect(ru).toContain('О результатах рассмотрения запроса');
    expect(ru).toContain('рассмотрен и исполнен частично');
    expect(ru).toContain('в том числе на основании следующих актов. Закон Республики Казахстан от 30 июня 2017 года «О прокуратуре».');
    expect(ru).toContain('По результатам рассмотрения сообщаю следующее. Сведения о судимости направляются');
    expect(ru).toContain('Исп. Серикбаев Нурлан Ерланович');
    expect(ru).not.toContain('Исп. Жумабеков');
    const kk = text('outcome-kk');
    expect(kk).toContain('Сұрау салуды қарау нәтижелері туралы');
    expect(kk).toContain('оның ішінде мына актілер негізінде орындалды');
    expect(kk).toContain('2026 жылғы 2 наурыз № ________');
  });

  it('A-9.3 the consent letters: the request for consent with its purpose and justification; the decision', () => {
    const ask = text('consent_request-ru');
    expect(ask).toContain('О даче согласия на использование информации');
    expect(ask).toContain('пунктом 3 статьи 9 Соглашения');
    expect(ask).toContain('в связи с нашим запросом от 02.03.2026 № 7-13-ru');
    expect(ask).toContain('в следующих целях. Использование в материалах прокурорской проверки по другому лицу.');
    expect(ask).toMatch(/Прокурору Актюбинской .*области/);
    const granted = text('consent_decision-ru');
    expect(granted).toContain('О согласии на использование информации');
    expect(granted).toContain('Рассмотрев в соответствии с пунктом 3 статьи 9 Соглашения');
    expect(granted).toContain('предоставленных в связи с Вашим запросом от 02.03.2026 № 7-13-ru');
    expect(granted).toContain('Согласие на использование информации в заявленных целях дано.');
    expect(granted).toContain('Дополнительно сообщаю следующее. Согласие дано при условии ссылки на источник.');
    expect(text('consent_request-kk')).toContain('Ақпаратты пайдалануға келісім беру туралы');
    expect(text('consent_decision-kk')).toContain('келісім берілді');
  });
});
