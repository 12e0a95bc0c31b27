import { ClearOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Input, Row, Select, Space, Typography, type TableColumnType, type TableProps } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DATE_FORMAT, toIsoDate } from '../i18n/format.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { PAGE_SIZES, type QueryKey, type QuerySchema, type UrlFilterChanges } from './url-filters.ts';
import type { UrlFilters } from './useUrlFilters.ts';
import { DataTable } from './DataTable.tsx';

/**
 * The one list of the journals and the drill-downs: the filter bar, the table, the sorting and the
 * paging, all kept in the address by useUrlFilters. Each page declares its columns and filters.
 */

/** A column; `sortKey` is the value of the route's `sort` parameter that orders by it. */
export type JournalColumn<Row> = TableColumnType<Row> & { sortKey?: string };

export interface JournalPage<Row> {
  items: Row[];
  total: number;
  /** A text search stops counting at a cap: the total is "at least". */
  totalCapped?: boolean;
}

export interface JournalResult<Row> {
  data?: JournalPage<Row>;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

interface JournalTableProps<S extends QuerySchema, Row extends { id: string }> {
  filters: UrlFilters<S>;
  columns: JournalColumn<Row>[];
  result: JournalResult<Row>;
  /** Where a row leads, and whether a click or a double click opens it (none: the list is read only). */
  open?: { href: (row: Row) => string; on: 'click' | 'doubleClick' };
  emptyText: ReactNode;
  rowClassName?: (row: Row) => string;
  scrollX: number;
  size?: 'small' | 'middle';
  testId?: string;
}

export function JournalTable<S extends QuerySchema, Row extends { id: string }>({
  filters: f,
  columns,
  result,
  open,
  emptyText,
  rowClassName,
  scrollX,
  size = 'middle',
  testId,
}: JournalTableProps<S, Row>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const shown = columns.map(({ sortKey, ...c }) =>
    sortKey && f.sortable ? { ...c, sorter: true, sortOrder: f.sort === sortKey ? (f.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null } : c,
  );

  const onChange: TableProps<Row>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.order ? columns.find((c) => c.key === s.columnKey)?.sortKey : undefined;
      f.set({ ['sort' as QueryKey<S>]: key, ['order' as QueryKey<S>]: key ? (s?.order === 'ascend' ? 'asc' : 'desc') : undefined } as UrlFilterChanges<S>);
    } else if (extra.action === 'paginate') {
      f.set({ page: pagination.current ?? 1, ['limit' as QueryKey<S>]: pagination.pageSize ?? f.limit } as UrlFilterChanges<S>);
    }
  };

  const href = open?.href;
  const onRow = (r: Row) =>
    href && open.on === 'click' ? { onClick: () => navigate(href(r)), style: { cursor: 'pointer' } } : href ? { onDoubleClick: () => navigate(href(r)) } : {};

  return (
    <>
      <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />
      <DataTable<Row>
        rowKey="id"
        size={size}
        data-testid={testId}
        columns={shown}
        dataSource={result.data?.items}
        loading={result.isFetching}
        onChange={onChange}
        onRow={onRow}
        rowClassName={rowClassName}
        pagination={
          f.paged
            ? {
                current: f.page,
                pageSize: f.limit,
                total: result.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [...(f.pageSizes ?? PAGE_SIZES)],
                showTotal: (count) => (result.data?.totalCapped ? t('common:list.totalCapped', { count }) : t('common:list.total', { count })),
              }
            : false
        }
        locale={{ emptyText }}
        scroll={{ x: scrollX }}
      />
    </>
  );
}

/** «№ 12/2026» leading to the record, with its kind under it. */
export function NumberLink({ to, label, number, children }: { to: string | null; label: string; number: string; children?: ReactNode }) {
  return (
    <Space orientation="vertical" size={2}>
      {to ? (
        // A row that opens on click would open twice.
        <Link to={to} aria-label={label} onClick={(e) => e.stopPropagation()}>
          № {number}
        </Link>
      ) : (
        <Typography.Text strong>№ {number}</Typography.Text>
      )}
      {children}
    </Space>
  );
}

// ─── the filter bar ──────────────────────────────────────────────────────────

interface Option {
  value: string;
  label: string;
}

/** A filter above the list; `label` is translated and is also what a screen reader announces. */
export type FilterDef<K extends string> =
  | { type: 'search'; key: K; label: string; width: number }
  | { type: 'select'; key: K; label: string; width: number; options: Option[]; searchable?: boolean; loading?: boolean }
  | { type: 'multi'; key: K; label: string; width: number; options: Option[] }
  | { type: 'period'; from: K; to: K; label: string; placeholder: [string, string] }
  | { type: 'check'; key: K; label: string };

/** A search shorter than this finds too much to be of use (the journals' route refuses it). */
const MIN_SEARCH = 2;

interface FilterBarProps<S extends QuerySchema> {
  filters: UrlFilters<S>;
  defs: FilterDef<QueryKey<S>>[];
  /** Controls of the page's own before the filters (the events' calendar/list switch). */
  before?: ReactNode;
  hint: string;
}

export function FilterBar<S extends QuerySchema>({ filters: f, defs, before, hint }: FilterBarProps<S>) {
  const { t } = useTranslation();
  const set = (changes: UrlFilterChanges<S>) => f.set(changes);
  const control = (d: FilterDef<QueryKey<S>>): ReactNode => {
    switch (d.type) {
      case 'search': {
        const q = f.get(d.key);
        return (
          <Col flex={`${d.width}px`} key={d.key}>
            <Input.Search
              key={q ?? ''}
              defaultValue={q}
              allowClear
              aria-label={d.label}
              placeholder={d.label}
              onSearch={(v) => set({ [d.key]: v.trim().length >= MIN_SEARCH ? v.trim() : undefined } as UrlFilterChanges<S>)}
            />
          </Col>
        );
      }
      case 'select':
        return (
          <Col key={d.key}>
            <Select<string>
              allowClear
              showSearch={d.searchable ? { optionFilterProp: 'label' } : undefined}
              aria-label={d.label}
              placeholder={d.label}
              style={{ width: d.width }}
              value={f.get(d.key)}
              loading={d.loading}
              onChange={(v?: string) => set({ [d.key]: v } as UrlFilterChanges<S>)}
              options={d.options}
            />
          </Col>
        );
      case 'multi': {
        const v = f.get(d.key);
        return (
          <Col key={d.key}>
            <Select<string[]>
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              aria-label={d.label}
              placeholder={d.label}
              style={{ width: d.width }}
              value={v ? v.split(',') : []}
              onChange={(list) => set({ [d.key]: list.length ? list.join(',') : undefined } as UrlFilterChanges<S>)}
              options={d.options}
            />
          </Col>
        );
      }
      case 'period': {
        const from = f.get(d.from);
        const to = f.get(d.to);
        return (
          <Col key={d.from}>
            <DatePicker.RangePicker
              format={DATE_FORMAT}
              aria-label={d.label}
              placeholder={d.placeholder}
              value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
              allowEmpty={[true, true]}
              onChange={(r) => set({ [d.from]: toIsoDate(r?.[0] ?? null) ?? undefined, [d.to]: toIsoDate(r?.[1] ?? null) ?? undefined } as UrlFilterChanges<S>)}
            />
          </Col>
        );
      }
      case 'check':
        return (
          <Col key={d.key} style={{ display: 'flex', alignItems: 'center' }}>
            <Checkbox checked={f.get(d.key) === 'true'} onChange={(e) => set({ [d.key]: e.target.checked ? 'true' : undefined } as UrlFilterChanges<S>)}>
              {d.label}
            </Checkbox>
          </Col>
        );
    }
  };
  return (
    <div className="table-filters">
      <Row gutter={[8, 8]} align="middle">
        {before ? <Col>{before}</Col> : null}
        {defs.map(control)}
        {f.anyFilter ? (
          <Col>
            <Button icon={<ClearOutlined aria-hidden />} onClick={f.reset}>
              {t('common:list.resetFilters')}
            </Button>
          </Col>
        ) : null}
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
    </div>
  );
}
