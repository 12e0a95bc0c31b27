import { Col, Row, Space, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { hasRole } from '../../../domain/access.ts';
import { BLOCK_STATUSES, type BlockStatus } from '../../../domain/annual.ts';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime, pickText, zoneCity } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import type { Locale } from '../../api/types.ts';
import { useUser } from '../auth/useSession.ts';
import { useToday } from '../auth/useToday.ts';
import { offsetText, zoneOffsetAt } from '../events/event-time.ts';
import { OfficeName } from '../items/ItemTags.tsx';
import { blockPath, defaultYear, parseYear } from './annual-figures.ts';
import { BlockStatusTag, DueFlagTag, YearSelect } from './AnnualTags.tsx';
import { useBlockList, type BlockListRow } from './useAnnual.ts';
import { DataTable } from '../../components/DataTable.tsx';

const SORTS = ['office', 'status', 'due', 'submittedAt'] as const;
type Sort = (typeof SORTS)[number];
type OneOrMany<T> = T | T[];

const statusRank = (s: BlockStatus) => BLOCK_STATUSES.indexOf(s);
const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);
const byName = (locale: Locale) => (a: BlockListRow, b: BlockListRow) => pickText(a.office.name, locale).localeCompare(pickText(b.office.name, locale), locale);
const COMPARE: Record<Exclude<Sort, 'office'>, (a: BlockListRow, b: BlockListRow) => number> = {
  status: (a, b) => statusRank(a.status) - statusRank(b.status) || Number(b.overdue) - Number(a.overdue),
  due: (a, b) => Date.parse(a.due.dueAt) - Date.parse(b.due.dueAt),
  submittedAt: (a, b) => time(a.submittedAt) - time(b.submittedAt),
};

/**
 * O-3.6, O-4.1: the annual blocks of a year. The coordinator and leadership see every reporting
 * office of their Party — who has submitted, who is late; office staff go straight to their own
 * block. The year, the status filter and the sorting live in the address.
 */
export default function AnnualListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useUser();
  const today = useToday();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = parseYear(params.get('year')) ?? defaultYear(today);
  const statusParam = params.get('status');
  const status = (BLOCK_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as BlockStatus) : undefined;
  const sort: Sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : 'office';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const partyView = hasRole(user, 'coordinator', 'leadership');
  const list = useBlockList(year, status);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  // Office staff have one block a year: theirs.
  if (!partyView && list.data && !status && list.data.items.length === 1) return <Navigate to={blockPath(list.data.items[0]!.office.code, year)} replace />;
  if (!partyView && list.isPending) return <PageSpinner />;

  const name = byName(locale);
  const compare = sort === 'office' ? name : COMPARE[sort];
  const rows = [...(list.data?.items ?? [])].sort((a, b) => (order === 'asc' ? 1 : -1) * (compare(a, b) || name(a, b)));
  const sortOrder = (key: Sort) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableColumnsType<BlockListRow> = [
    {
      title: t('annual:list.office'),
      key: 'office',
      sorter: true,
      sortOrder: sortOrder('office'),
      render: (_, r) => (
        <Link
          to={blockPath(r.office.code, r.year)}
          aria-label={t('annual:list.open', { office: pickText(r.office.name, locale) })}
          onClick={(e) => e.stopPropagation()}
        >
          <OfficeName office={r.office} />
        </Link>
      ),
    },
    {
      title: t('annual:list.status'),
      key: 'status',
      width: 220,
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (_, r) => <BlockStatusTag status={r.status} />,
    },
    {
      title: t('annual:list.due'),
      key: 'due',
      width: 190,
      sorter: true,
      sortOrder: sortOrder('due'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{t('annual:list.dueShort', { date: formatDate(r.due.lastDay) })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`${zoneCity(t, r.due.timeZone, 'name')}, UTC${offsetText(zoneOffsetAt(r.due.timeZone, r.due.dueAt))}`}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('annual:list.flags'),
      key: 'flags',
      width: 220,
      render: (_, r) => <DueFlagTag overdue={r.overdue} late={r.late} submitted={r.status === 'submitted'} />,
    },
    {
      title: t('annual:list.submittedAt'),
      key: 'submittedAt',
      width: 170,
      sorter: true,
      sortOrder: sortOrder('submittedAt'),
      render: (_, r) => (r.submittedAt ? formatDateTime(r.submittedAt) : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];

  const onTableChange = (_p: TablePaginationConfig, _f: unknown, sorter: OneOrMany<SorterResult<BlockListRow>>) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? String(s.columnKey) : undefined;
    update({ sort: key && key !== 'office' ? key : undefined, order: s?.order === 'descend' ? 'desc' : undefined });
  };

  const all = list.data?.items ?? [];
  const submitted = all.filter((r) => r.status === 'submitted').length;
  const overdue = all.filter((r) => r.overdue).length;

  return (
    <>
      <PageHeader title={t('annual:title')}>
        <Typography.Text type="secondary">{t(partyView ? 'annual:list.hint' : 'annual:list.hintOffice')}</Typography.Text>
      </PageHeader>
      <div className="table-filters">
        <Row gutter={[8, 8]} align="middle">
          <Col>
            <YearSelect value={year} today={today} onChange={(y) => update({ year: y === defaultYear(today) ? undefined : String(y) })} />
          </Col>
          <Col>
            <FilterSelect<BlockStatus>
              label={t('annual:list.status')}
              width={240}
              value={status}
              onChange={(v) => update({ status: v })}
              options={BLOCK_STATUSES.map((s) => ({ value: s, label: t(`annual:statuses.${s}`) }))}
            />
          </Col>
          {list.data && !status ? (
            <Col>
              <Typography.Text data-testid="annual-summary">{t('annual:list.summary', { submitted, total: all.length, overdue })}</Typography.Text>
            </Col>
          ) : null}
        </Row>
      </div>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <DataTable<BlockListRow>
        rowKey={(r) => r.office.id}
        size="middle"
        data-testid="annual-list"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching}
        onChange={onTableChange}
        onRow={(r) => ({ onClick: () => navigate(blockPath(r.office.code, r.year)), style: { cursor: 'pointer' } })}
        rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
        pagination={false}
        locale={{ emptyText: status ? t('annual:list.emptyFiltered') : partyView ? t('annual:list.empty') : t('annual:list.notReporting') }}
        scroll={{ x: 900 }}
      />
    </>
  );
}
