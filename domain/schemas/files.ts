import { z } from 'zod';
import { LocalizedText } from './common.ts';

/**
 * The integrity of stored files (the administrator's page): which files no longer match their
 * SHA-256 or are gone, what they back (by number, office and attachment id — never a file name),
 * and where each lives under FILES_DIR, so it can be restored from a backup.
 */
export const FileFault = z.enum(['damaged', 'missing']);
export type FileFault = z.infer<typeof FileFault>;

export const Sha256 = z.string().refine((v) => /^[0-9a-f]{64}$/.test(v), { message: 'Expected a SHA-256 in lowercase hex', params: { rule: 'sha256' } });

export const FileUse = z.object({
  kind: z.enum(['item', 'event']),
  attachmentId: z.string(),
  /** The item or event the file is attached to. */
  parentId: z.string(),
  /** «12/2026»: the item's or event's number with its year (domain/numbering.ts). */
  number: z.string(),
  role: z.string(),
  /** The office the item or event belongs to (whose number it is). */
  officeCode: z.string(),
  officeName: LocalizedText,
  /** The office that uploaded the file: it holds the original. */
  uploadedByOfficeCode: z.string().nullable(),
  detectedAt: z.string(),
});
export type FileUse = z.infer<typeof FileUse>;

export const DamagedFileView = z.object({
  sha256: z.string(),
  /** Relative to FILES_DIR. */
  path: z.string(),
  fault: FileFault,
  detectedAt: z.string(),
  uses: z.array(FileUse),
});
export type DamagedFileView = z.infer<typeof DamagedFileView>;

export const DamagedFileList = z.object({ items: z.array(DamagedFileView), total: z.number().int() });
export type DamagedFileList = z.infer<typeof DamagedFileList>;

export const FileCheckParams = z.object({ sha256: Sha256 });

export const FileCheckResult = z.object({
  result: z.enum(['ok', 'damaged', 'missing']),
  /** How many attachments lost their damaged mark (the file verified again). */
  cleared: z.number().int(),
  /** The file as it now stands on the list; null when it verified. */
  file: DamagedFileView.nullable(),
});
export type FileCheckResult = z.infer<typeof FileCheckResult>;
