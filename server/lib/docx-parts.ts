import { AlignmentType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import { initialsAndSurname } from '../../domain/contacts.ts';
import type { Locale } from '../../domain/schemas/common.ts';
import { formatDateDots, formatDateLong, localDate } from '../../domain/time.ts';
import { dataTable, heading, NO_BORDERS, para, text, type OfficialDocumentSpec } from './docx.ts';
import { pick, translate } from './i18n.ts';

/** The office fields a blank needs (a registry OfficeRow has them). */
export interface BlankOffice {
  party: 'RU' | 'KZ';
  nameRu: string;
  nameKk: string;
  nameEn: string;
  address: string | null;
  timeZone: string;
}

export const officeName = (o: Pick<BlankOffice, 'nameRu' | 'nameKk' | 'nameEn'>, lang: Locale) => pick({ ru: o.nameRu, kk: o.nameKk, en: o.nameEn }, lang);

function blankColumn(lines: string[], pct: number): TableCell {
  return new TableCell({
    width: { size: pct, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    verticalAlign: VerticalAlign.TOP,
    children: lines
      .filter(Boolean)
      .map((line, i) => new Paragraph({ alignment: AlignmentType.CENTER, children: [text(line, { size: i < 2 ? 11 : 10, bold: i < 2, allCaps: i < 2 })] })),
  });
}

/** The blank names the superior body on its own line, so a unit of it is named without it. */
export function unitName(office: BlankOffice, lang: Locale): string {
  const superior = translate(lang, `documents:blank.superiorGenitive.${office.party}`);
  return officeName(office, lang)
    .replace(superior, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * The Kazakh blank (order No. 236 of 25.08.2023): the office in Kazakh on the left, in Russian on
 * the right, the State Emblem between them. The emblem is printed on the paper blank, so its place
 * is kept empty here.
 */
export function bilingualBlank(office: BlankOffice): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          blankColumn([translate('kk', `documents:blank.superior.${office.party}`), unitName(office, 'kk')], 42),
          new TableCell({ width: { size: 16, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: [new Paragraph({ children: [] })] }),
          blankColumn([translate('ru', `documents:blank.superior.${office.party}`), unitName(office, 'ru'), office.address ?? ''], 42),
        ],
      }),
    ],
  });
}

/** The date line of a blank: `10.03.2026 № ____` in Russian, «2026 жылғы 10 наурыз № ____» in Kazakh. */
export function dateLine(now: Date, timeZone: string, lang: Locale): string {
  const day = localDate(now, timeZone);
  return `${lang === 'kk' ? formatDateLong(day, 'kk') : formatDateDots(day)} № ________`;
}

/**
 * The top of a document on the office's blank: a Russian office's corner blank, a Kazakh office's
 * bilingual blank; the date in the document's language.
 */
export function officeBlank(
  office: BlankOffice,
  lang: Locale,
  now: Date,
  timeZone = office.timeZone,
): Pick<OfficialDocumentSpec, 'top' | 'blank' | 'dateLine'> {
  const date = dateLine(now, timeZone, lang);
  if (office.party === 'KZ') return { top: [bilingualBlank(office)], blank: [], dateLine: date };
  return { blank: [translate(lang, `documents:blank.superior.${office.party}`), unitName(office, lang), office.address ?? ''], dateLine: date };
}

/** A figure as the reader writes it: «34,5» in Russian and Kazakh, «34.5» in English. */
export function decimal(n: number, lang: Locale): string {
  return new Intl.NumberFormat(lang === 'kk' ? 'kk-KZ' : lang, { maximumFractionDigits: 1 }).format(n);
}

/** «И.О. Фамилия» from a user's full name written «Фамилия Имя Отчество». */
export function signerName(fullName: string): string {
  const [surname = '', firstName = '', patronymic = ''] = fullName.split(/\s+/);
  return initialsAndSurname({ surname, firstName, patronymic: patronymic || null });
}

/** A titled table of a report: the title stays on the page of the table. */
export function tableSection(title: string, table: Table): (Paragraph | Table)[] {
  return [heading(title), table, para('', { after: 120 })];
}

/** A titled table of figures; with no rows, a sentence saying so instead of an empty grid. */
export function figuresTable(title: string, header: string[], rows: string[][], widthsPct: number[], empty: string): (Paragraph | Table)[] {
  return rows.length ? tableSection(title, dataTable(header, rows, widthsPct)) : [heading(title), para(empty, { indent: true, after: 120 })];
}

/**
 * A person's free text as indented paragraphs, one a line, or a sentence saying there is none.
 * `beforeSignature`: the last of them stays on the page of the signature that follows.
 */
export function textParagraphs(value: string | null | undefined, empty: string, beforeSignature = false): Paragraph[] {
  const lines = value?.trim() ? value.trim().split(/\n+/) : [empty];
  return lines.map((line, i) => para(line, { indent: true, after: 60, keepNext: beforeSignature && i === lines.length - 1 }));
}
