import { formatNumber } from '../../../domain/numbering.ts';
import type { DamagedFileView } from '../../../domain/schemas/files.ts';
import type { FileStore } from '../../lib/storage.ts';
import type { FileUseRow } from './files.repository.ts';

/**
 * One entry per stored file, with the attachments it backs: number, office and attachment id —
 * never a file name — and the path under FILES_DIR to restore it to. The earliest found first.
 */
export function presentDamagedFiles(rows: FileUseRow[], store: Pick<FileStore, 'relativePath'>): DamagedFileView[] {
  const bySha = new Map<string, FileUseRow[]>();
  for (const r of rows) {
    if (!r.damagedAt) continue;
    bySha.set(r.sha256, [...(bySha.get(r.sha256) ?? []), r]);
  }
  const files = [...bySha.entries()].map(([sha256, uses]) => {
    const sorted = [...uses].sort((a, b) => a.damagedAt!.getTime() - b.damagedAt!.getTime() || a.attachmentId.localeCompare(b.attachmentId));
    const first = sorted[0]!;
    return {
      sha256,
      path: store.relativePath(sha256),
      fault: first.damage ?? 'damaged',
      detectedAt: first.damagedAt!.toISOString(),
      uses: sorted.map((u) => ({
        kind: u.kind,
        attachmentId: u.attachmentId,
        parentId: u.parentId,
        number: formatNumber(u),
        role: u.role,
        officeCode: u.officeCode,
        officeName: u.officeName,
        uploadedByOfficeCode: u.uploadedByOfficeCode,
        detectedAt: u.damagedAt!.toISOString(),
      })),
    };
  });
  return files.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.sha256.localeCompare(b.sha256));
}
