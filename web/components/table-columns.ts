import type { TableColumnType } from 'antd';

/**
 * The key columns (the first `count`: what names the row, e.g. the office or the number) stay in
 * sight while a wide table scrolls sideways. A column that says where it sits (fixed start or end,
 * or explicitly not fixed) keeps its choice.
 */
export function withKeyColumnsFixed<C extends { fixed?: TableColumnType<object>['fixed'] }>(columns: readonly C[], count: number): C[] {
  return columns.map((c, i) => (i < count && !('fixed' in c) ? { ...c, fixed: 'start' as const } : c));
}
