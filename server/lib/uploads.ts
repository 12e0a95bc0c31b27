import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../domain/errors.ts';

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
    throw new AppError('UNSUPPORTED_FILE_TYPE', `${file.fileName}: not an accepted document type`, {
      issues: [{ field: 'body.file', rule: 'file_type', message: 'PDF, DOCX, XLSX, ODT, images or archives', params: { fileName: file.fileName } }],
    });
  }
  return detected.mime;
}

export const cleanName = (name: string) => name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255) || 'file';


/** Reads every uploaded file of a multipart request, refusing one larger than the setting allows. */
export async function readFiles(request: FastifyRequest, maxBytes: number): Promise<IncomingFile[]> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data');
  const files: IncomingFile[] = [];
  for await (const part of request.files({ limits: { fileSize: maxBytes, files: 10 } })) {
    const data = await part.toBuffer().catch((e: { code?: string }) => {
      if (e.code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppError('PAYLOAD_TOO_LARGE', `${part.filename}: larger than ${Math.round(maxBytes / 1e6)} MB`, {
          issues: [{ field: 'body.file', rule: 'file_too_large', message: 'File too large', params: { fileName: part.filename, maxMb: Math.round(maxBytes / 1048576) } }],
        });
      }
      throw e;
    });
    files.push({ fileName: part.filename || 'file', data });
  }
  if (files.length === 0) throw new AppError('VALIDATION_FAILED', 'No file', { issues: [{ field: 'body.file', rule: 'required', message: 'Choose a file' }] });
  return files;
}

