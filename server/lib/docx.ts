import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/**
 * Official letters after GOST R 7.0.97 and the prosecutors' records-keeping instruction: A4,
 * margins 30/10/20/20 mm, Times New Roman 14 pt (12 pt in tables), a corner blank top left with
 * the superior body and the office in capitals, `DD.MM.YYYY № ___`, a heading «О …» without a
 * full stop, pages from the second numbered at the top centre, the executor at the foot.
 * The layout is a template so that the 2025 edition of the standard can be followed in one place.
 */
export const FONT = 'Times New Roman';
const PT = (n: number) => n * 2; // docx sizes are half-points

export interface OfficialDocumentSpec {
  title: string;
  /** Printed above the corner blank: a Kazakh office's bilingual blank (server/lib/docx-parts.ts). */
  top?: (Paragraph | Table)[];
  /** Lines of the corner blank: superior body, office name (put in capitals), address. */
  blank: string[];
  /** `10.03.2022 № ____`; the number stays blank for the records office to fill in. */
  dateLine: string;
  /** For a reply: `На № 7-13 от 10.03.2022`, under the date line. */
  replyLine?: string;
  /** Right-hand block: addressee lines («Прокурору … / И.О. Фамилия»). */
  addressee?: string[];
  /** Confidentiality or personal-data marking, printed top right. */
  marking?: string;
  heading: string;
  body: (Paragraph | Table)[];
  attachmentLine?: string;
  /** GOST's attachment requisite: «Приложение:» and its numbered entries, each as one line. */
  attachments?: { label: string; entries: string[] };
  signature?: { position: string; name: string };
  /** At the foot in 10 pt; `\n` separates lines (the executor's name, their telephone). */
  executor?: string;
  landscape?: boolean;
}

export function text(value: string, opts: { bold?: boolean; size?: number; italics?: boolean; allCaps?: boolean } = {}): TextRun {
  return new TextRun({ text: value, font: FONT, size: PT(opts.size ?? 14), bold: opts.bold, italics: opts.italics, allCaps: opts.allCaps });
}

export function para(
  value: string,
  opts: {
    bold?: boolean;
    size?: number;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    after?: number;
    /** Kept on the page of what follows (the last lines before the signature). */
    keepNext?: boolean;
  } = {},
): Paragraph {
  return new Paragraph({
    children: [text(value, opts)],
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent ? { firstLine: convertMillimetersToTwip(12.5) } : undefined,
    spacing: { after: opts.after ?? 0 },
    keepNext: opts.keepNext,
  });
}

/** A section heading: kept on one page with what follows it (keepNext) and never split itself (keepLines). */
export function heading(value: string, opts: { after?: number; before?: number } = {}): Paragraph {
  return new Paragraph({
    children: [text(value, { bold: true })],
    alignment: AlignmentType.LEFT,
    keepNext: true,
    keepLines: true,
    spacing: { before: opts.before ?? 120, after: opts.after ?? 60 },
  });
}

/**
 * Word and LibreOffice break a word that is wider than its cell letter by letter. A header label
 * gets the largest size (12 down to 9 pt) at which its longest word fits the column; the width is
 * estimated generously (0.58 em a letter, Times New Roman bold Cyrillic), on a 170 mm text line.
 */
export function headerSize(label: string, pct: number, lineMm = 170): number {
  const longest = Math.max(0, ...label.split(/\s+/).map((w) => w.length));
  const cellMm = (pct / 100) * lineMm - 2.9; // less the cell margins
  return [12, 11, 10, 9].find((size) => longest * 0.58 * size * 0.3528 <= cellMm) ?? 9;
}

export const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

/**
 * A bordered data table with a bold header row repeated on every page; 12 pt. The header has one
 * size, the largest at which every header word fits its column; figures are centred; a short table
 * is kept on one page (each row kept with the next). `lineMm`: the text line, 257 mm on a landscape page.
 */
export function dataTable(header: string[], rows: string[][], widthsPct: number[], lineMm = 170): Table {
  const headSize = Math.min(...header.map((h, i) => headerSize(h, widthsPct[i]!, lineMm)));
  const together = rows.length <= 15;
  const cell = (value: string, bold: boolean, pct: number, keepNext: boolean) =>
    new TableCell({
      width: { size: pct, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: value.split('\n').map(
        (line) =>
          new Paragraph({
            children: [text(line, { size: bold ? headSize : 12, bold })],
            alignment: bold || /^[+-]?[\d\s.,%]+$/.test(line) ? AlignmentType.CENTER : AlignmentType.LEFT,
            keepNext,
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, true, widthsPct[i]!, true)) }),
      ...rows.map((r, n) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, false, widthsPct[i]!, together && n < rows.length - 1)) })),
    ],
  });
}

const blankLines = (lines: string[]) =>
  lines.map((line, i) => new Paragraph({ alignment: AlignmentType.CENTER, children: [text(line, { size: i < 2 ? 12 : 10, bold: i < 2, allCaps: i < 2 })] }));

const halfCell = (children: Paragraph[]) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children });

/** The corner blank (one language) or the bilingual blank of a Kazakh office, with the date line and the addressee. */
function blankTable(spec: OfficialDocumentSpec): Table {
  const dates = [
    new Paragraph({ spacing: { before: 120 }, alignment: AlignmentType.CENTER, children: [text(spec.dateLine, { size: 12 })] }),
    ...(spec.replyLine ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(spec.replyLine, { size: 12 })] })] : []),
  ];
  const addressee = [
    ...(spec.marking ? [new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(spec.marking, { size: 12, bold: true })] })] : []),
    ...(spec.addressee ?? []).map(
      (line) => new Paragraph({ alignment: AlignmentType.LEFT, indent: { left: convertMillimetersToTwip(15) }, children: [text(line)] }),
    ),
  ];
  const rows = [new TableRow({ children: [halfCell([...blankLines(spec.blank), ...dates]), halfCell(addressee)] })];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows });
}

/** «Приложение:» on the left, its entries one under another on the right (numbered when more than one). */
function attachmentsTable(a: { label: string; entries: string[] }): Table {
  const entries = a.entries.length > 1 ? a.entries.map((e, i) => `${i + 1}. ${e}`) : a.entries;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ borders: NO_BORDERS, width: { size: 22, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [text(a.label)] })] }),
          new TableCell({
            borders: NO_BORDERS,
            width: { size: 78, type: WidthType.PERCENTAGE },
            children: entries.map((e) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [text(e)] })),
          }),
        ],
      }),
    ],
  });
}

export async function officialDocx(spec: OfficialDocumentSpec): Promise<Buffer> {
  const cornerBlank = blankTable(spec);

  const children: (Paragraph | Table)[] = [
    ...(spec.top ?? []),
    cornerBlank,
    new Paragraph({
      spacing: { before: 360, after: 240 },
      alignment: AlignmentType.LEFT,
      keepNext: true,
      keepLines: true,
      children: [text(spec.heading, { bold: false })],
    }),
    ...spec.body,
  ];
  if (spec.attachmentLine) children.push(new Paragraph({ spacing: { before: 240 }, keepNext: !!spec.signature, children: [text(spec.attachmentLine)] }));
  if (spec.attachments?.entries.length)
    children.push(new Paragraph({ spacing: { before: 120 }, keepNext: true, children: [] }), attachmentsTable(spec.attachments));
  if (spec.signature) {
    children.push(
      new Paragraph({ spacing: { before: 480 }, keepNext: true, children: [] }),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: NO_BORDERS,
        rows: [
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({
                borders: NO_BORDERS,
                width: { size: 60, type: WidthType.PERCENTAGE },
                // The executor's line stays on the signature's page.
                children: spec.signature.position.split('\n').map((l) => new Paragraph({ keepNext: !!spec.executor, children: [text(l)] })),
              }),
              new TableCell({
                borders: NO_BORDERS,
                width: { size: 40, type: WidthType.PERCENTAGE },
                verticalAlign: VerticalAlign.BOTTOM,
                children: [new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: !!spec.executor, children: [text(spec.signature.name)] })],
              }),
            ],
          }),
        ],
      }),
    );
  }
  if (spec.executor)
    children.push(
      ...spec.executor.split('\n').map((line, i) => new Paragraph({ spacing: { before: i === 0 ? 720 : 0 }, children: [text(line, { size: 10 })] })),
    );

  const doc = new Document({
    title: spec.title,
    creator: 'Border Cooperation',
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            // docx takes the portrait dimensions and swaps them itself for a landscape page.
            size: {
              width: convertMillimetersToTwip(210),
              height: convertMillimetersToTwip(297),
              ...(spec.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}),
            },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(10),
            },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT(12) })] }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
