import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayFileName, storedFileName } from './file-names.ts';

const REORDERING = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('file names', () => {
  it('security: a right-to-left override cannot make an executable pose as a document', () => {
    expect(displayFileName('invoice\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(displayFileName('a\u2066b\u2069\u200e\u200f\u061c.pdf')).toBe('a_b____.pdf');
    expect(displayFileName('справка №1 (копия).pdf')).toBe('справка №1 (копия).pdf');
  });

  it('security: any name becomes displayable and well-formed, and storing keeps at most 255 whole characters without path separators', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (name) => {
        for (const clean of [displayFileName(name), storedFileName(name)]) {
          expect(clean).not.toMatch(REORDERING);
          // oxlint-disable-next-line no-control-regex -- control characters are what it finds
          expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
          expect(clean).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        }
        const stored = storedFileName(name);
        expect([...stored].length).toBeLessThanOrEqual(255);
        expect(stored).not.toMatch(/[\\/]/);
        expect(stored.length).toBeGreaterThan(0);
        expect(storedFileName(stored)).toBe(stored);
      }),
      { seed: 9, numRuns: 500 },
    );
    // A name cut at 255 does not split a surrogate pair.
    expect(storedFileName(`${'a'.repeat(254)}😀😀`)).toBe(`${'a'.repeat(254)}😀`);
  });
});
