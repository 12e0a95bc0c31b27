import type { FieldIssue } from '../../domain/errors.ts';
import type { UploadLimits } from '../../domain/settings.ts';

/** What the limits refuse in a choice of files, as the server would name it. */
export function refusedFiles(files: readonly Pick<File, 'name' | 'size'>[], limits: UploadLimits | undefined): FieldIssue[] {
  if (!limits) return [];
  const issues: FieldIssue[] = [];
  if (files.length > limits.maxFiles)
    issues.push({ field: 'body.file', rule: 'too_many_files', message: 'Too many files', params: { count: limits.maxFiles } });
  for (const f of files) {
    if (f.size > limits.attachmentMaxMb * 1024 * 1024)
      issues.push({ field: 'body.file', rule: 'file_too_large', message: 'File too large', params: { fileName: f.name, maxMb: limits.attachmentMaxMb } });
  }
  return issues;
}
