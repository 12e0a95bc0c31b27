import { describe, expect, it } from 'vitest';
import { formatDateLong } from './time.ts';

describe('dates in words', () => {
  it('official documents: «10 марта 2022 г.» in Russian, «2022 жылғы 10 наурыз» in Kazakh (not CLDR’s «2022 ж. 10 наурыз»)', () => {
    expect(formatDateLong('2022-03-10', 'ru')).toBe('10 марта 2022 г.');
    expect(formatDateLong('2022-03-10', 'kk')).toBe('2022 жылғы 10 наурыз');
    expect(formatDateLong('2026-12-01', 'kk')).toBe('2026 жылғы 1 желтоқсан');
    expect(formatDateLong('2026-05-09', 'en')).toBe('9 May 2026');
    // An instant is dated in the office's zone: 31.12 19:30 UTC is already 1 January in Aqtobe.
    expect(formatDateLong(new Date('2025-12-31T19:30:00Z'), 'kk', 'Asia/Aqtobe')).toBe('2026 жылғы 1 қаңтар');
  });
});
