import { newWorkbook } from '../../lib/workbook.ts';
import { fullName } from '../../../domain/contacts.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { formatDateDots } from '../../../domain/time.ts';
import { dataTable, officialDocx, para } from '../../lib/docx.ts';
import { dateLine, officeBlank } from '../../lib/docx-parts.ts';
import { pick, translate } from '../../lib/i18n.ts';
import type { OfficeRow } from '../registry/index.ts';
import type { ContactListEntry } from './contacts.service.ts';

interface ListInput {
  party: 'RU' | 'KZ';
  asOf: Date;
  entries: ContactListEntry[];
  coordinator: OfficeRow | undefined;
  lang: Locale;
  timeZone: string;
}

const officeName = (o: OfficeRow, lang: Locale) => pick({ ru: o.nameRu, kk: o.nameKk, en: o.nameEn }, lang);

const KIND_ORDER = ['territorial', 'transport', 'environmental'];

/** Offices as the Order lists them: territorial, then transport, then environmental; by name within each. */
function sortedEntries(input: ListInput): ContactListEntry[] {
  const collator = new Intl.Collator(input.lang);
  return [...input.entries].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.office.kind) - KIND_ORDER.indexOf(b.office.kind) ||
      collator.compare(officeName(a.office, input.lang), officeName(b.office, input.lang)),
  );
}

/**
 * One row per contact; an office with none says so. In the letter an office with several contacts is
 * named once; the spreadsheet repeats it so that filters work.
 */
function rows(input: ListInput, repeatOffice = false): string[][] {
  const out: string[][] = [];
  let n = 0;
  for (const e of sortedEntries(input)) {
    const name = officeName(e.office, input.lang);
    if (e.contacts.length === 0) {
      out.push([String(++n), name, translate(input.lang, 'documents:contactList.none'), '', '', '']);
      continue;
    }
    e.contacts.forEach((c, i) => out.push([String(++n), i === 0 || repeatOffice ? name : '', fullName(c), c.position, c.phone, c.email]));
  }
  return out;
}

const header = (lang: Locale) => ['no', 'office', 'name', 'position', 'phone', 'email'].map((k) => translate(lang, `documents:contactList.columns.${k}`));

/** P-3: the list of designated officials that the coordinating unit sends to the other Party. */
export async function contactListDocx(input: ListInput): Promise<Buffer> {
  const { lang } = input;
  const date = formatDateDots(input.asOf, input.timeZone);
  return officialDocx({
    title: translate(lang, 'documents:contactList.title'),
    ...(input.coordinator
      ? officeBlank({ ...input.coordinator, address: null }, lang, input.asOf, input.timeZone)
      : { blank: [translate(lang, `documents:blank.superior.${input.party}`)], dateLine: dateLine(input.asOf, input.timeZone, lang) }),
    marking: translate(lang, 'documents:marking.personalData'),
    heading: translate(lang, 'documents:contactList.heading', { date }),
    body: [
      para(translate(lang, 'documents:contactList.intro', { date }), { indent: true, after: 200 }),
      dataTable(header(lang), rows(input), [5, 27, 18, 20, 14, 16], 257),
    ],
    landscape: true,
  });
}

export async function contactListXlsx(input: ListInput): Promise<Buffer> {
  const { lang } = input;
  const wb = await newWorkbook();
  wb.creator = 'Border Cooperation';
  wb.created = input.asOf;
  const ws = wb.addWorksheet(translate(lang, 'documents:contactList.sheet'), { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = translate(lang, 'documents:contactList.heading', { date: formatDateDots(input.asOf, input.timeZone) });
  ws.getCell('A1').font = { bold: true, size: 12 };
  ws.getRow(2).values = header(lang);
  ws.getRow(2).font = { bold: true };
  ws.getRow(2).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  ws.columns = [{ width: 6 }, { width: 48 }, { width: 32 }, { width: 36 }, { width: 22 }, { width: 30 }];
  for (const r of rows(input, true)) ws.addRow([Number(r[0]), ...r.slice(1)]).alignment = { vertical: 'top', wrapText: true };
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: 6 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
