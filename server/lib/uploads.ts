import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, fieldError, fieldIssue, validationError } from '../../domain/errors.ts';
import { storedFileName } from '../../domain/file-names.ts';
import { ATTACHMENT_MAX_FILES } from '../../domain/settings.ts';
import { inputIssue, textIssue, unstorableText } from './input-text.ts';

/**
 * Uploaded documents (requests' and events' attachments): read from multipart with a size limit,
 * typed by their bytes, never unpacked.
 */
export const ALLOWED_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/x-cfb': 'DOC/XLS (Office 97–2003)',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'image/tiff': 'TIFF',
  // Archives are kept as they are: never unpacked on the server.
  'application/zip': 'ZIP',
  'application/x-7z-compressed': '7Z',
  'application/x-rar-compressed': 'RAR',
  'application/vnd.rar': 'RAR',
  'application/gzip': 'GZIP',
};

export interface IncomingFile {
  fileName: string;
  data: Buffer;
}

/** The declared name is kept for people; the type is decided by the bytes alone. */
export async function detectType(file: IncomingFile): Promise<string> {
  const detected = await fileTypeFromBuffer(file.data);
  if (!detected || !ALLOWED_TYPES[detected.mime]) {
    throw fieldError(
      'UNSUPPORTED_FILE_TYPE',
      `${file.fileName}: not an accepted document type`,
      fieldIssue('body.file', 'file_type', 'PDF, DOCX, XLSX, ODT, images or archives', { fileName: file.fileName }),
    );
  }
  return detected.mime;
}

/** The name kept for people: nothing that reorders or hides text (see domain/file-names.ts). */
export const cleanName = storedFileName;

/** The one form field that carries files; anything else in the form is refused. */
export const FILE_FIELD = 'file';

/** Parser failures of a body that is not well-formed multipart (busboy's own errors carry no code). */
function malformed(): AppError {
  return fieldError('MALFORMED_MULTIPART', 'The multipart/form-data body is malformed', fieldIssue('body', 'multipart', 'Malformed multipart body'));
}

/**
 * Reads every uploaded file of a multipart request, refusing one larger than the setting allows,
 * fields other than the files, names that cannot be stored, and a body that is not well-formed.
 */
export async function readFiles(request: FastifyRequest, maxBytes: number): Promise<IncomingFile[]> {
  return (await readForm(request, maxBytes)).files;
}

/** The form field that carries a JSON document beside the files (a letter and what it says, with its scans). */
export const DATA_FIELD = 'data';

/**
 * Reads a multipart request: its files and, when `data` is asked for, one JSON field beside them,
 * so a record and its files arrive in one request and are stored in one transaction. Files may be
 * optional then (the rule that asks for them says so with its own field issue).
 */
export async function readForm(request: FastifyRequest, maxBytes: number, opts: { data?: boolean } = {}): Promise<{ files: IncomingFile[]; data: unknown }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data');
  const files: IncomingFile[] = [];
  let data: unknown = undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: ATTACHMENT_MAX_FILES, fields: 10, fieldSize: 1024 * 1024 } })) {
      const nameProblem = unstorableText(part.fieldname);
      if (nameProblem) throw validationError([textIssue('body', nameProblem)]);
      if (opts.data && part.type === 'field' && part.fieldname === DATA_FIELD && data === undefined) {
        try {
          data = JSON.parse(String(part.value));
        } catch {
          throw fieldError('INVALID_JSON', `The field "${DATA_FIELD}" is not JSON`, fieldIssue(`body.${DATA_FIELD}`, 'json', 'Not JSON'));
        }
        // The same guard as a JSON body's (plugins/input.ts): text that cannot be stored, nesting too deep.
        const issue = inputIssue('body', data);
        if (issue) throw validationError([issue]);
        continue;
      }
      if (part.type !== 'file' || part.fieldname !== FILE_FIELD) {
        throw validationError([{ field: `body.${part.fieldname.slice(0, 100)}`, rule: 'unknown_field', message: `Only files, in the field "${FILE_FIELD}"` }]);
      }
      const fileNameProblem = unstorableText(part.filename);
      if (fileNameProblem) throw validationError([textIssue('body.file.filename', fileNameProblem)]);
      const fileName = storedFileName(part.filename || 'file');
      const bytes = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') {
          throw fieldError(
            'PAYLOAD_TOO_LARGE',
            `${fileName}: larger than ${Math.round(maxBytes / 1e6)} MB`,
            fieldIssue('body.file', 'file_too_large', 'File too large', { fileName, maxMb: Math.round(maxBytes / 1048576) }),
          );
        }
        throw e;
      });
      files.push({ fileName, data: bytes });
    }
  } catch (e) {
    // Our own refusals and the plugin's limits (they have codes, mapped in plugins/errors.ts) pass;
    // anything else the parser raised means the body itself is broken.
    if (e instanceof AppError || (typeof (e as { code?: unknown }).code === 'string' && String((e as { code: string }).code).startsWith('FST_'))) throw e;
    throw malformed();
  }
  if (opts.data) {
    if (data === undefined) throw validationError(fieldIssue(`body.${DATA_FIELD}`, 'required', 'Required'), `The field "${DATA_FIELD}" is required`);
    return { files, data };
  }
  if (files.length === 0) throw validationError(fieldIssue('body.file', 'required', 'Choose a file'), 'No file');
  return { files, data };
}
