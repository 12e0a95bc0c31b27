/**
 * How many sheets a file attached to a letter takes, for its attachment line («на 3 л.»): a PDF
 * its pages (read with pdf-lib), an image one sheet. For anything else (a DOCX, an archive) the
 * count is not known without rendering it, so none is printed. pdf-lib is loaded with the first PDF,
 * not at start-up.
 */
export async function sheetsOf(mimeType: string, read: () => Promise<Buffer>): Promise<number | null> {
  if (mimeType.startsWith('image/')) return 1;
  if (mimeType !== 'application/pdf') return null;
  try {
    const { PDFDocument } = await import('pdf-lib');
    const pdf = await PDFDocument.load(await read(), { ignoreEncryption: true, updateMetadata: false });
    return pdf.getPageCount();
  } catch {
    // A damaged or missing file is named without a count rather than stopping the letter.
    return null;
  }
}
