import { Table, type GetRef, type TableProps } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { withKeyColumnsFixed } from './table-columns.ts';

export type DataTableProps<Row> = TableProps<Row> & {
  /** How many leading columns name the row and stay in sight when the table scrolls sideways (0: none). */
  keyColumns?: number;
};

/** The boxes antd scrolls sideways: the whole table, or its body under a sticky header. */
const SCROLL_BOXES = '.ant-table-content, .ant-table-body';

/**
 * Every list of the app. A table wider than its place scrolls inside it (never the page): its key
 * column stays fixed, the shadow at the edge shows there is more (styles.css makes antd's faint one
 * visible), and the scrolling box can be focused and scrolled with the arrow keys, named for a
 * screen reader. A page gives `scroll.x` when its columns have set widths; by default (`x: true`) the
 * table takes the width of its place, wraps its text, and scrolls only when it still cannot fit.
 */
export function DataTable<Row extends object>({ columns, scroll, keyColumns = 1, ...props }: DataTableProps<Row>) {
  const { t } = useTranslation();
  const ref = useRef<GetRef<typeof Table>>(null);
  const label = t('common:table.scrollable');

  // After every render (data, language, width): only a box that does scroll takes the focus.
  useEffect(() => {
    const root = ref.current?.nativeElement;
    if (!root) return;
    const boxes = [...root.querySelectorAll<HTMLElement>(SCROLL_BOXES)];
    const update = () => {
      for (const box of boxes) {
        if (box.scrollWidth > box.clientWidth + 1) {
          box.tabIndex = 0;
          box.setAttribute('role', 'region');
          box.setAttribute('aria-label', label);
        } else {
          box.removeAttribute('tabindex');
          box.removeAttribute('role');
          box.removeAttribute('aria-label');
        }
      }
    };
    update();
    const observer = new ResizeObserver(update);
    for (const box of boxes) {
      observer.observe(box);
      if (box.firstElementChild) observer.observe(box.firstElementChild);
    }
    return () => observer.disconnect();
  });

  return <Table<Row> ref={ref} columns={columns && withKeyColumnsFixed(columns, keyColumns)} scroll={{ x: true, ...scroll }} {...props} />;
}
