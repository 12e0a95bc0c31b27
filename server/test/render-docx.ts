import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Documents are read by officials, so tests render them the way an official's office would open
 * them: LibreOffice converts the DOCX to PDF, pdftotext reads the text back (and pdftoppm draws
 * pages for a person to look at). Without LibreOffice the rendering tests are skipped locally;
 * CI (REQUIRE_E2E=1) installs it and fails if it is missing.
 */
export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

export function rendererAvailable(): boolean {
  const present = fs.existsSync(SOFFICE) && fs.existsSync('/usr/bin/pdftotext');
  if (!present && process.env.REQUIRE_E2E === '1')
    throw new Error('LibreOffice (soffice) and poppler-utils (pdftotext) are required for the document rendering tests');
  return present;
}

export interface RenderedDocument {
  name: string;
  pdf: string;
  /** The text as laid out on the pages (pdftotext -layout), pages separated by form feeds. */
  text: string;
  pages: number;
}

/**
 * Renders several documents in one LibreOffice start (a start costs seconds); each call gets its
 * own profile directory, so parallel test files do not share LibreOffice's lock.
 * With `png` the pages are also drawn (60 dpi) next to the PDF, for a person to look at.
 */
export async function renderDocuments(docs: { name: string; docx: Buffer }[], opts: { outDir?: string; png?: boolean } = {}): Promise<RenderedDocument[]> {
  const dir = opts.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bc-render-'));
  fs.mkdirSync(dir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-lo-profile-'));
  const inputs = docs.map((d) => {
    const file = path.join(dir, `${d.name}.docx`);
    fs.writeFileSync(file, d.docx);
    return file;
  });
  try {
    await run(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...inputs], { timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const out: RenderedDocument[] = [];
  for (const d of docs) {
    const pdf = path.join(dir, `${d.name}.pdf`);
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
    if (opts.png) await run('pdftoppm', ['-png', '-r', '60', pdf, path.join(dir, d.name)]);
    out.push({ name: d.name, pdf, text: stdout, pages: stdout.split('\f').filter((p) => p.trim()).length });
  }
  return out;
}

/** The text with the line breaks and runs of spaces of the layout folded, for phrase checks. */
export function flat(text: string): string {
  return text
    .replace(/-\n\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
