import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Space, Table, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { OPEN_STATUSES } from '../../../domain/item-status.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import type { ItemListRow } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { NotFoundPage } from '../../components/RequireCapability.tsx';
import { formatDate, formatDateTime, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { CountdownText, KindTag, OfficeName, OverdueTag, RouteTag, StatusTag } from '../items/ItemTags.tsx';
import { ItemRegistrationCell, ItemSubjectCell } from '../items/ItemCells.tsx';
import { useNow } from '../items/deadline.ts';
import { blockPath, parseFigure, parseYear, type Figure } from './annual-figures.ts';
import { useBlock, useFigureItems, type BlockView } from './useAnnual.ts';

const PAGE_SIZES = [20, 50, 100, 200];

/** What the figure counts, in words: which side, what kind, with whom, in what form, area, result or ground. */
function FigureDescription({ figure: f, block }: { figure: Figure; block: BlockView | undefined }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const counterpart = f.counterpart ? block?.figures.byCounterpart.find((c) => c.counterpart.code === f.counterpart)?.counterpart : undefined;
  const rows: [string, string][] = [[t('annual:items.filters.direction'), t(`annual:items.direction.${f.direction}`)]];
  if (f.kind) rows.push([t('annual:items.filters.kind'), t(`items:kinds.${f.kind}`)]);
  if (f.counterpart) rows.push([t('annual:items.filters.counterpart'), counterpart ? `${pickText(counterpart.name, locale)} (${f.counterpart})` : f.counterpart]);
  if (f.form !== undefined) rows.push([t('annual:items.filters.form'), f.form ? t(`items:forms.${f.form}`, { defaultValue: f.form }) : t('annual:figures.noForm')]);
  if (f.area) rows.push([t('annual:items.filters.area'), t(`items:areas.${f.area}`, { defaultValue: f.area })]);
  if (f.status) rows.push([t('annual:items.filters.status'), t(`items:statuses.${f.status}`, { defaultValue: f.status })]);
  if (f.ground) rows.push([t('annual:items.filters.ground'), t(`items:refusalGrounds.${f.ground}`, { defaultValue: f.ground })]);
  if (f.measure && f.measure !== 'all') rows.push([t('annual:items.filters.measure'), t(`annual:items.measures.${f.measure}`)]);
  return (
    <Descriptions size="small" column={1} bordered data-testid="figure-description" styles={{ label: { width: 240 } }} style={{ marginBottom: 16 }}>
      {rows.map(([label, value]) => (
        <Descriptions.Item key={label} label={label}>
          {value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/**
 * O-3.6: the items one figure of an annual block counts, as journal rows; a row opens the item.
 * The figure, the page and its size live in the address.
 */
export default function AnnualItemsPage() {
  const { officeCode = '', year: yearParam } = useParams();
  const year = parseYear(yearParam);
  if (year === null) return <NotFoundPage />;
  return <ItemsPage officeCode={officeCode} year={year} />;
}

function ItemsPage({ officeCode, year }: { officeCode: string; year: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const [params, setParams] = useSearchParams();
  const figure = parseFigure(params);
  const limit = PAGE_SIZES.includes(Number(params.get('limit'))) ? Number(params.get('limit')) : 50;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const block = useBlock(officeCode, year);
  const list = useFigureItems(officeCode, year, figure, limit, (page - 1) * limit);
  const b = block.data;

  const columns: TableColumnsType<ItemListRow> = [
    {
      title: t('items:fields.number'),
      dataIndex: 'number',
      key: 'number',
      width: 120,
      render: (_: number, r) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/items/${r.id}`} aria-label={t('items:journal.open', { number: formatNumber(r) })} onClick={(e) => e.stopPropagation()}>
            № {formatNumber(r)}
          </Link>
          <KindTag kind={r.kind} />
        </Space>
      ),
    },
    {
      title: t('items:journal.fromTo'),
      key: 'offices',
      width: 240,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <OfficeName office={r.fromOffice} />
          <Typography.Text type="secondary">→ </Typography.Text>
          <OfficeName office={r.toOffice} />
          {r.route === 'coordinator' ? <RouteTag /> : null}
          {r.intendedOffice ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              → <OfficeName office={r.intendedOffice} />
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('items:journal.subjectColumn'),
      key: 'subject',
      render: (_, r) => <ItemSubjectCell row={r} />,
    },
    { title: t('items:fields.status'), key: 'status', width: 150, render: (_, r) => <StatusTag status={r.status} /> },
    {
      title: t('items:fields.registration'),
      key: 'registration',
      width: 190,
      render: (_, r) => <ItemRegistrationCell row={r} />,
    },
    {
      title: t('items:fields.due'),
      key: 'due',
      width: 180,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          {r.answerDue ? <span>{t('items:deadline.until', { date: formatDate(r.answerDue.lastDay) })}</span> : null}
          {r.answerDueAt && OPEN_STATUSES.includes(r.status) ? <CountdownText dueAt={r.answerDueAt} now={now} /> : null}
          {r.overdue ? <OverdueTag /> : null}
          {!r.answerDue ? '—' : null}
        </Space>
      ),
    },
  ];

  const onTableChange = (pagination: TablePaginationConfig) => {
    const next = new URLSearchParams(params);
    const size = pagination.pageSize ?? limit;
    if (size !== 50) next.set('limit', String(size));
    else next.delete('limit');
    const current = size !== limit ? 1 : (pagination.current ?? 1);
    if (current > 1) next.set('page', String(current));
    else next.delete('page');
    setParams(next);
  };

  const officeName = b ? pickText(b.office.name, locale) : officeCode;
  return (
    <>
      <PageHeader title={t('annual:items.title')}>
        <Space size={[8, 6]} wrap align="center">
          <Link to={blockPath(officeCode, year)}>
            <Button type="link" size="small" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInlineStart: 0 }}>
              {t('annual:items.back')}
            </Button>
          </Link>
          <Typography.Text type="secondary">{t('annual:items.subtitle', { office: officeName, year })}</Typography.Text>
        </Space>
      </PageHeader>
      <ErrorAlert error={block.error} />
      {figure ? (
        <>
          <FigureDescription figure={figure} block={b} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('annual:items.periodNote', { year, timeZone: b?.due.timeZone ?? '' })}
          </Typography.Paragraph>
          {b?.status === 'submitted' ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('annual:items.fixedNote', { date: formatDateTime(b.figuresAsOf) })} /> : null}
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          <Table<ItemListRow>
            rowKey="id"
            size="middle"
            data-testid="figure-items"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            onChange={onTableChange}
            onRow={(r) => ({ onClick: () => navigate(`/items/${r.id}`), style: { cursor: 'pointer' } })}
            rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
            pagination={{
              current: page,
              pageSize: limit,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (count) => t('common:list.total', { count }),
            }}
            locale={{ emptyText: t('annual:items.empty') }}
            scroll={{ x: 1100 }}
          />
        </>
      ) : (
        <Alert type="warning" showIcon title={t('annual:items.invalid')} />
      )}
    </>
  );
}
