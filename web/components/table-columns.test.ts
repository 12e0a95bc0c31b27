import { describe, expect, it } from 'vitest';
import { withKeyColumnsFixed } from './table-columns.ts';

describe('the key columns of a wide table', () => {
  it('UI-1366: the first column is fixed at the start unless the page placed it', () => {
    const cols: { key: string; fixed?: 'start' | 'end' }[] = [{ key: 'office' }, { key: 'count' }, { key: 'actions', fixed: 'end' }];
    expect(withKeyColumnsFixed(cols, 1).map((c) => c.fixed)).toEqual(['start', undefined, 'end']);
    expect(withKeyColumnsFixed(cols, 2).map((c) => c.fixed)).toEqual(['start', 'start', 'end']);
  });

  it('UI-1366: a column marked as not fixed, and a table with no key column, stay as they are', () => {
    expect(withKeyColumnsFixed<{ key: string; fixed?: false }>([{ key: 'a', fixed: false }, { key: 'b' }], 1).map((c) => c.fixed)).toEqual([false, undefined]);
    expect(withKeyColumnsFixed<{ key: string; fixed?: 'start' }>([{ key: 'a' }], 0).map((c) => c.fixed)).toEqual([undefined]);
  });
});
