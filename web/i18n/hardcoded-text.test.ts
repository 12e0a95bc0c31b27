import { describe, expect, it } from 'vitest';

/**
 * Every text a user reads comes from the locale files. This scan catches the common slips in
 * components: words between JSX tags and words in text-bearing props (title, placeholder, label…).
 */
const sources = import.meta.glob<string>('../**/*.tsx', { eager: true, query: '?raw', import: 'default' });

const WORD = /\p{L}{2,}/u;
const JSX_TEXT = /([=-]?)>\s*([^<>{}`]*?\p{L}{2,}[^<>{}`]*?)\s*</gu;
const TEXT_PROP = /\b(title|placeholder|label|aria-label|okText|cancelText|description|extra|alt)="([^"]*)"/g;

function hardcoded(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of code.matchAll(JSX_TEXT)) {
    const text = m[2]!.trim();
    // Skip TypeScript that looks like text between angle brackets: an arrow's body, generics
    // (`api.post<T>`, `Promise<void>`), comparisons and statements.
    if (m[1] || /^[\w$.]+$/.test(text) || /[;=(),]|\bconst\b|\breturn\b/.test(text)) continue;
    if (WORD.test(text)) found.push(text);
  }
  for (const m of code.matchAll(TEXT_PROP)) if (WORD.test(m[2]!)) found.push(`${m[1]}="${m[2]}"`);
  return found;
}

describe('no hard-coded texts in components', () => {
  it('finds the .tsx sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });
  for (const [file, source] of Object.entries(sources)) {
    if (file.endsWith('.test.tsx')) continue;
    it(file, () => {
      expect(hardcoded(source)).toEqual([]);
    });
  }
});
