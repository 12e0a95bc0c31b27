import { describe, expect, it } from 'vitest';
import { refusedFiles } from './upload-limits.ts';

const MB = 1024 * 1024;

describe('upload limits checked before sending', () => {
  it('refuses a file over the size the administrator set, naming it as the server would, and too many files at once', () => {
    const limits = { attachmentMaxMb: 5, maxFiles: 2 };
    expect(refusedFiles([{ name: 'plan.pdf', size: 5 * MB }], limits)).toEqual([]);
    expect(
      refusedFiles(
        [
          { name: 'scan.tiff', size: 5 * MB + 1 },
          { name: 'plan.pdf', size: 10 },
        ],
        limits,
      ),
    ).toEqual([{ field: 'body.file', rule: 'file_too_large', message: 'File too large', params: { fileName: 'scan.tiff', maxMb: 5 } }]);
    expect(
      refusedFiles(
        [1, 2, 3].map((i) => ({ name: `${i}.pdf`, size: 1 })),
        limits,
      ).map((i) => i.rule),
    ).toEqual(['too_many_files']);
  });

  it('leaves the check to the server while the limits are not known', () => {
    expect(refusedFiles([{ name: 'huge.zip', size: 900 * MB }], undefined)).toEqual([]);
  });
});
