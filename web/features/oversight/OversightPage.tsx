import { ClearOutlined, ClockCircleOutlined, FileExcelOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Select, Space, Statistic, Switch, Table, Tag, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { ColumnType, SorterResult, SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasRole } from '../../../domain/access.ts';
import type { BlockStatus } from '../../../domain/annual.ts';
import { OVERSIGHT_CELLS } from '../../../domain/schemas/oversight.ts';
import { download } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ComplianceTag } from '../../components/Tags.tsx';
import { formatDateTime, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser, usePartyContext } from '../auth/useSession.ts';
import { useToday } from '../auth/useToday.ts';
import { CellItemsDrawer } from './CellItemsDrawer.tsx';
import {
  blockPath,
  EVENT_CELLS,
  eventsPath,
  INCOMING_CELLS,
  OUTGOING_CELLS,
  OVERDUE_CELLS,
  parseState,
  summarize,
  visibleRows,
  yearOptions,
  type EventCell,
  type OversightCell,
  type SortKey,
  type SortOrder,
} from './oversight-state.ts';
import { exportPath, useOversight, type OversightRow } from './useOversight.ts';
import { DataTable } from '../../components/DataTable.tsx';

type OneOrMany<T> = T | T[];
type Sorter = OneOrMany<SorterResult<OversightRow>>;

const BLOCK_COLORS: Record<BlockStatus, string> = { not_started: 'default', draft: 'blue', submitted: 'green', returned: 'volcano' };
const DANGER_BG = '#fff1f0';
/** Column widths: the headers are several words; each word is kept whole. */
const COUNT_WIDTH = 128;
const WIDE: Partial<Record<string, number>> = { held_by_office: 144, held_awaiting_confirmation: 144 };
const width = (key: string) => WIDE[key] ?? COUNT_WIDTH;
const FIXED_WIDTHS = { office: 240, problems: 104, contacts: 136, block: 170 };
/** Headers of the number columns are several words: a smaller font keeps each word whole. */
const SMALL_HEADER = { style: { fontSize: 12, lineHeight: 1.3 } };

/** A summary counter; pressing it sorts the table by what it counts. */
function StatCard({
  title,
  value,
  danger,
  detail,
  active,
  onPress,
}: {
  title: ReactNode;
  value: number;
  danger?: boolean;
  detail?: ReactNode;
  active: boolean;
  onPress: () => void;
}) {
  return (
    <Card size="small" hoverable className={active ? 'stat-active' : undefined} styles={{ body: { padding: 0, height: '100%' } }} style={{ height: '100%' }}>
      <button type="button" className="stat-button" aria-pressed={active} onClick={onPress}>
        <Statistic title={title} value={value} styles={{ content: danger && value > 0 ? { color: '#cf1322' } : undefined }} />
        {detail ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {detail}
          </Typography.Text>
        ) : null}
      </button>
    </Card>
  );
}

/**
 * O-4.1, O-6: the implementation of the Protocol by each office of the Party — contact persons,
 * requests and proposals open, overdue or held, events awaiting a decision or a report, the annual
 * block. Every number opens what it counts. The coordinator controls; leadership reads the same.
 * All the state (year, search, switch, sorting, the open cell) lives in the address.
 */
export default function OversightPage() {
  const { t } = useTranslation();
  const party = usePartyContext();
  const locale = currentLocale();
  const user = useUser();
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const state = parseState(params);
  const { data, error, isFetching, refetch } = useOversight(state.year);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const canOpenItems = hasRole(user, 'coordinator');

  const year = state.year ?? data?.year ?? null;
  const rows = data ? visibleRows(data.items, state, locale) : [];
  const summary = data ? summarize(data) : null;

  /**
   * Sets (or clears) parameters of the address. It starts from the address as it is now, not as it
   * was at the last render, so quick successive changes (typing, then a switch) do not undo each other.
   */
  const update = (changes: Record<string, string | undefined>, replace = false) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace });
  };
  const sortBy = (sort: SortKey, order: SortOrder) => update({ sort, order: order === 'asc' ? 'asc' : undefined }, true);
  const openCell = (office: string, cell: OversightCell) => update({ office, cell, page: undefined, limit: undefined });
  const anyFilter = state.q !== '' || state.onlyProblems || state.sort !== null;

  const cellTitle = (key: OversightCell | EventCell) => t(`oversight:cellTitles.${key}`);
  const sortOrder = (key: SortKey): AntSortOrder => (state.sort === key ? (state.order === 'asc' ? 'ascend' : 'descend') : null);
  const danger = (key: string, value: number) => OVERDUE_CELLS.has(key) && value > 0;
  const dangerCell = (key: string, value: (r: OversightRow) => number) => (r: OversightRow) =>
    danger(key, value(r)) ? { style: { background: DANGER_BG } } : {};

  const countText = (key: string, value: number) =>
    danger(key, value) ? (
      <Typography.Text type="danger" strong>
        {value}
      </Typography.Text>
    ) : (
      value
    );

  const itemColumn = (cell: OversightCell): ColumnType<OversightRow> => ({
    title: t(`oversight:cells.${cell}`),
    key: cell,
    width: width(cell),
    align: 'center',
    sorter: true,
    sortDirections: ['descend', 'ascend'],
    sortOrder: sortOrder(cell),
    onHeaderCell: () => SMALL_HEADER,
    onCell: dangerCell(cell, (r) => r.items[cell]),
    render: (_: unknown, r: OversightRow) => {
      const n = r.items[cell];
      if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
      return (
        <Button
          type="link"
          size="small"
          aria-label={t('oversight:openCell', { what: cellTitle(cell), office: r.office.code, count: n })}
          onClick={() => openCell(r.office.code, cell)}
        >
          {countText(cell, n)}
        </Button>
      );
    },
  });

  const eventColumn = (cell: EventCell): ColumnType<OversightRow> => ({
    title: t(`oversight:cells.${cell}`),
    key: cell,
    width: width(cell),
    align: 'center',
    sorter: true,
    sortDirections: ['descend', 'ascend'],
    sortOrder: sortOrder(cell),
    onHeaderCell: () => SMALL_HEADER,
    onCell: dangerCell(cell, (r) => r.events[cell]),
    render: (_: unknown, r: OversightRow) => {
      const n = r.events[cell];
      if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
      return (
        <Link to={eventsPath(r.office.code, cell)} aria-label={t('oversight:openCell', { what: cellTitle(cell), office: r.office.code, count: n })}>
          {countText(cell, n)}
        </Link>
      );
    },
  });

  const columns: TableColumnsType<OversightRow> = [
    {
      title: t('oversight:columns.office'),
      key: 'office',
      fixed: 'left',
      width: FIXED_WIDTHS.office,
      sorter: true,
      sortOrder: sortOrder('office'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/offices/${r.office.id}`}>{pickText(r.office.name, locale)}</Link>
          <Typography.Text type="secondary" code>
            {r.office.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('oversight:columns.problems'),
      key: 'problems',
      width: FIXED_WIDTHS.problems,
      align: 'center',
      onHeaderCell: () => SMALL_HEADER,
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrder('problems'),
      render: (_, r) => (r.problems > 0 ? <Tag color="red">{r.problems}</Tag> : <Typography.Text type="secondary">0</Typography.Text>),
    },
    {
      title: t('oversight:columns.contacts'),
      key: 'contacts',
      width: FIXED_WIDTHS.contacts,
      sorter: true,
      sortOrder: sortOrder('contacts'),
      render: (_, r) =>
        r.contacts ? (
          <Space orientation="vertical" size={2}>
            <Link
              to="/compliance"
              aria-label={t('oversight:contactsLink', { office: r.office.code, status: t(`contacts:compliance.statuses.${r.contacts.status}`) })}
            >
              <ComplianceTag status={r.contacts.status} />
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('oversight:currentContacts', { count: r.contacts.currentContacts })}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('oversight:columns.incoming'), key: 'incoming', children: INCOMING_CELLS.map(itemColumn) },
    { title: t('oversight:columns.outgoing'), key: 'outgoing', children: OUTGOING_CELLS.map(itemColumn) },
    { title: t('oversight:columns.events'), key: 'events', children: EVENT_CELLS.map(eventColumn) },
    {
      title: year ? t('oversight:columns.block', { year }) : t('oversight:columns.blockNoYear'),
      key: 'block',
      width: FIXED_WIDTHS.block,
      sorter: true,
      sortOrder: sortOrder('block'),
      onCell: (r) => (r.block.overdue ? { style: { background: DANGER_BG } } : {}),
      render: (_, r) => (
        <Link
          to={blockPath(r.office.code, r.block.year)}
          aria-label={t('oversight:blockLink', { office: r.office.code, year: r.block.year, status: t(`oversight:blockStatuses.${r.block.status}`) })}
        >
          <Space size={[0, 4]} wrap>
            <Tag color={BLOCK_COLORS[r.block.status]}>{t(`oversight:blockStatuses.${r.block.status}`)}</Tag>
            {r.block.overdue ? (
              <Tag color="red" icon={<WarningOutlined aria-hidden />}>
                {t('oversight:blockFlags.overdue')}
              </Tag>
            ) : null}
            {r.block.late ? (
              <Tag color="gold" icon={<ClockCircleOutlined aria-hidden />}>
                {t('oversight:blockFlags.late')}
              </Tag>
            ) : null}
          </Space>
        </Link>
      ),
    },
  ];

  const onTableChange: TableProps<OversightRow>['onChange'] = (_pagination, _filters, sorter: Sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s?.order) update({ sort: undefined, order: undefined }, true);
    else sortBy(String(s.columnKey) as SortKey, s.order === 'ascend' ? 'asc' : 'desc');
  };

  const exportXlsx = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await download(exportPath(state.year, locale));
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  const drawerOffice = state.office ? (data?.items.find((r) => r.office.code === state.office)?.office ?? null) : null;
  const cards: { key: string; title: string; value: number; danger?: boolean; detail?: string; sort: SortKey; order: SortOrder }[] = summary
    ? [
        {
          key: 'overdueAnswers',
          title: t('oversight:cards.overdueAnswers'),
          value: summary.overdueAnswers,
          danger: true,
          sort: 'overdue_answers',
          order: 'desc',
        },
        {
          key: 'unconfirmedOral',
          title: t('oversight:cards.unconfirmedOral'),
          value: summary.unconfirmedOral,
          danger: true,
          sort: 'overdue_confirmations',
          order: 'desc',
        },
        {
          key: 'held',
          title: t('oversight:cards.held'),
          value: summary.heldIncoming + summary.heldOutgoing,
          detail: t('oversight:cards.heldDetail', { incoming: summary.heldIncoming, outgoing: summary.heldOutgoing }),
          sort: 'held_by_office',
          order: 'desc',
        },
        {
          key: 'reportsOverdue',
          title: t('oversight:cards.reportsOverdue'),
          value: summary.reportsOverdue,
          danger: true,
          sort: 'reportOverdue',
          order: 'desc',
        },
        {
          key: 'blocks',
          title: year ? t('oversight:cards.blocksNotSubmitted', { year }) : t('oversight:columns.blockNoYear'),
          value: summary.blocksNotSubmitted,
          danger: summary.blocksOverdue > 0,
          detail: t('oversight:cards.blocksDetail', { overdue: summary.blocksOverdue, total: data?.items.length ?? 0 }),
          sort: 'block',
          order: 'asc',
        },
        { key: 'contacts', title: t('oversight:cards.contactProblems'), value: summary.contactProblems, danger: true, sort: 'contacts', order: 'asc' },
      ]
    : [];

  return (
    <>
      <PageHeader
        title={t('oversight:title')}
        extra={
          <Button icon={<FileExcelOutlined aria-hidden />} loading={exporting} disabled={!data} onClick={() => void exportXlsx()}>
            {t('oversight:export')}
          </Button>
        }
      >
        <Space orientation="vertical" size={0}>
          <Typography.Text type="secondary">{t('oversight:hint', party)}</Typography.Text>
          {data ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="as-of">
              {t('oversight:asOf', { date: formatDateTime(data.asOf) })}
            </Typography.Text>
          ) : null}
        </Space>
      </PageHeader>
      <ErrorAlert error={error} onRetry={() => void refetch()} />
      <ErrorAlert error={exportError} description={t('oversight:exportFailed')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="summary">
        {cards.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <StatCard
              title={c.title}
              value={c.value}
              danger={c.danger}
              detail={c.detail}
              active={state.sort === c.sort && state.order === c.order}
              onPress={() => sortBy(c.sort, c.order)}
            />
          </Col>
        ))}
      </Row>
      <div className="table-filters">
        <Row gutter={[16, 8]} align="middle">
          <Col flex="320px">
            <Input.Search
              allowClear
              aria-label={t('oversight:filters.search')}
              placeholder={t('oversight:filters.search')}
              value={state.q}
              onChange={(e) => update({ q: e.target.value }, true)}
            />
          </Col>
          <Col>
            <Space>
              <Switch id="only-problems" checked={state.onlyProblems} onChange={(v) => update({ problems: v ? '1' : undefined }, true)} />
              <label htmlFor="only-problems">{t('oversight:filters.onlyProblems')}</label>
            </Space>
          </Col>
          <Col>
            <Space>
              <label htmlFor="oversight-year">{t('oversight:filters.year')}</label>
              <Select<number>
                id="oversight-year"
                aria-label={t('oversight:filters.year')}
                value={year ?? undefined}
                style={{ width: 110 }}
                loading={!data && isFetching}
                onChange={(y) => update({ year: String(y), office: undefined, cell: undefined })}
                options={yearOptions(today, year).map((y) => ({ value: y, label: String(y) }))}
              />
            </Space>
          </Col>
          {anyFilter ? (
            <Col>
              <Button
                icon={<ClearOutlined aria-hidden />}
                onClick={() => setParams(state.year ? new URLSearchParams({ year: String(state.year) }) : new URLSearchParams())}
              >
                {t('oversight:filters.reset')}
              </Button>
            </Col>
          ) : null}
        </Row>
      </div>
      <DataTable<OversightRow>
        rowKey={(r) => r.office.id}
        size="small"
        bordered
        data-testid="oversight-table"
        columns={columns}
        dataSource={rows}
        loading={isFetching}
        onChange={onTableChange}
        pagination={false}
        locale={{ emptyText: data && data.items.length > 0 ? t('oversight:emptyFiltered') : t('oversight:empty') }}
        scroll={{ x: Object.values(FIXED_WIDTHS).reduce((a, b) => a + b, 0) + [...OVERSIGHT_CELLS, ...EVENT_CELLS].reduce((n, c) => n + width(c), 0) }}
        summary={() =>
          data ? (
            <Table.Summary fixed="bottom">
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('oversight:total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="center">
                  <Typography.Text strong>{data.items.reduce((n, r) => n + r.problems, 0)}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} />
                {[...INCOMING_CELLS, ...OUTGOING_CELLS].map((c, i) => (
                  <Table.Summary.Cell key={c} index={3 + i} align="center">
                    <Typography.Text strong type={danger(c, data.totals[c]) ? 'danger' : undefined}>
                      {data.totals[c]}
                    </Typography.Text>
                  </Table.Summary.Cell>
                ))}
                {EVENT_CELLS.map((c, i) => (
                  <Table.Summary.Cell key={c} index={9 + i} align="center">
                    <Typography.Text strong type={danger(c, data.eventTotals[c]) ? 'danger' : undefined}>
                      {data.eventTotals[c]}
                    </Typography.Text>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={12} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      {state.office && state.cell ? (
        <CellItemsDrawer
          key={`${state.office}:${state.cell}`}
          office={drawerOffice}
          officeCode={state.office}
          cell={state.cell}
          canOpenItems={canOpenItems}
          onClose={() => update({ office: undefined, cell: undefined, page: undefined, limit: undefined })}
        />
      ) : null}
    </>
  );
}
