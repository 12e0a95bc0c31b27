import { ClearOutlined, FileAddOutlined, BulbOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Input, Row, Select, Space, Table, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isOfficeStaff } from '../../../domain/access.ts';
import { ITEM_STATUSES, OPEN_STATUSES } from '../../../domain/item-status.ts';
import { CONFIDENTIALITY_LEVELS, FORMS, ITEM_KINDS, PRIORITY_AREAS } from '../../../domain/items.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import type { ItemListRow, OfficeView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DATE_FORMAT, formatDate, pickText, toIsoDate } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser } from '../auth/useSession.ts';
import { useAllOffices } from '../offices/useOffices.ts';
import { CountdownText, KindTag, OfficeName, OverdueTag, RouteTag, StatusTag } from './ItemTags.tsx';
import { ItemRegistrationCell, ItemSubjectCell } from './ItemCells.tsx';
import { useNow } from './deadline.ts';
import { useJournal, type Box, type JournalQuery } from './useItems.ts';

const FILTER_KEYS = ['status', 'counterpart', 'kind', 'form', 'area', 'confidentiality', 'from', 'to', 'overdue', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORTS = ['number', 'createdAt', 'sentAt', 'answerDueAt'] as const;
const PAGE_SIZES = [20, 50, 100, 200];
type OneOrMany<T> = T | T[];
type Sorter = OneOrMany<SorterResult<ItemListRow>>;


/**
 * Journals of requests and initiative proposals: incoming and outgoing of the user's office, and
 * (coordinator) all items of the Party. Every filter, the sorting and the page live in the address.
 */
export default function ItemsJournalPage({ box }: { box: Box }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useUser();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const [params, setParams] = useSearchParams();
  const offices = useAllOffices();

  const get = (k: string) => params.get(k) ?? undefined;
  const limit = PAGE_SIZES.includes(Number(get('limit'))) ? Number(get('limit')) : 50;
  const page = Math.max(1, Number(get('page')) || 1);
  // Without a chosen sort the server orders by the journal's own date (its index serves it).
  const sort = (SORTS as readonly string[]).includes(get('sort') ?? '') ? get('sort')! : undefined;
  const order = get('order') === 'asc' ? 'asc' : 'desc';
  const query: JournalQuery = { box, limit, offset: (page - 1) * limit, order, ...(sort ? { sort } : {}) };
  for (const k of FILTER_KEYS) {
    const v = get(k);
    if (v) query[k] = v;
  }
  const journal = useJournal(query);

  /** Sets (or clears) parameters; any filter change returns to page 1. */
  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: false });
  };
  const setFilter = (k: FilterKey) => (v: string | undefined) => update({ [k]: v });
  const anyFilter = FILTER_KEYS.some((k) => params.has(k));

  const otherOffices = (offices.data?.items ?? []).filter((o) => o.id !== user.office.id).sort((a, b) => a.party.localeCompare(b.party) || a.code.localeCompare(b.code));
  const counterpartOptions = otherOffices.map((o: OfficeView) => ({ value: o.code, label: `${pickText(o.name, locale)} (${o.code})` }));

  const counterpartOf = (r: ItemListRow) => (box === 'incoming' ? r.fromOffice : r.toOffice);
  const sortOrder = (key: string) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableColumnsType<ItemListRow> = [
    {
      title: t('items:fields.number'),
      dataIndex: 'number',
      key: 'number',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('number'),
      render: (_: number, r) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/items/${r.id}`} aria-label={t('items:journal.open', { number: formatNumber(r) })}>
            № {formatNumber(r)}
          </Link>
          <KindTag kind={r.kind} />
        </Space>
      ),
    },
    {
      title: box === 'all' ? t('items:journal.fromTo') : box === 'incoming' ? t('items:fields.fromOffice') : t('items:fields.toOffice'),
      key: 'counterpart',
      width: 210,
      render: (_, r) =>
        box === 'all' ? (
          <Space orientation="vertical" size={0}>
            <OfficeName office={r.fromOffice} />
            <Typography.Text type="secondary">→ </Typography.Text>
            <OfficeName office={r.toOffice} />
          </Space>
        ) : (
          <Space orientation="vertical" size={2}>
            <OfficeName office={counterpartOf(r)} />
            {r.route === 'coordinator' ? <RouteTag /> : null}
            {/* A routed matter goes to ГУМПС but is meant for this office. */}
            {r.intendedOffice && box === 'outgoing' ? (
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
    { title: t('items:fields.status'), dataIndex: 'status', width: 130, render: (_, r) => <StatusTag status={r.status} /> },
    {
      title: t('items:fields.registration'),
      key: 'registration',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('sentAt'),
      render: (_, r) => <ItemRegistrationCell row={r} showNone />,
    },
    {
      title: t('items:fields.due'),
      key: 'due',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('answerDueAt'),
      render: (_, r) => {
        const open = OPEN_STATUSES.includes(r.status);
        return (
          <Space orientation="vertical" size={2}>
            {r.answerDue ? <span>{t('items:deadline.until', { date: formatDate(r.answerDue.lastDay) })}</span> : null}
            {r.answerDueAt && open ? <CountdownText dueAt={r.answerDueAt} now={now} /> : null}
            {r.mode === 'oral' && r.confirmationDueAt && !r.oralConfirmedAt && r.status !== 'withdrawn' ? <CountdownText dueAt={r.confirmationDueAt} now={now} prefix={t('items:oral.confirmationShort')} /> : null}
            {r.overdue ? <OverdueTag /> : null}
            {!r.answerDueAt && !r.confirmationDueAt ? '—' : null}
          </Space>
        );
      },
    },
  ];

  const onTableChange = (pagination: TablePaginationConfig, _filters: unknown, sorter: Sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey === 'registration' ? 'sentAt' : s.columnKey === 'due' ? 'answerDueAt' : String(s.columnKey)) : undefined;
    const size = pagination.pageSize ?? limit;
    update(
      {
        sort: key && key !== 'number' ? key : undefined,
        order: s?.order === 'ascend' ? 'asc' : undefined,
        page: size !== limit ? undefined : String(pagination.current ?? 1),
        limit: size !== 50 ? String(size) : undefined,
      },
      true,
    );
  };

  const staff = isOfficeStaff(user);
  const range: [Dayjs | null, Dayjs | null] | null = query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null;

  return (
    <>
      <PageHeader
        title={t(`items:journal.titles.${box}`)}
        extra={
          staff && box !== 'all' ? (
            <>
              <Button type="primary" icon={<FileAddOutlined aria-hidden />} onClick={() => navigate('/items/new?kind=request')}>
                {t('items:actions.newRequest')}
              </Button>
              <Button icon={<BulbOutlined aria-hidden />} onClick={() => navigate('/items/new?kind=proposal')}>
                {t('items:actions.newProposal')}
              </Button>
            </>
          ) : undefined
        }
      >
        <Typography.Text type="secondary">{t(`items:journal.hints.${box}`)}</Typography.Text>
      </PageHeader>
      <div className="table-filters">
        <Row gutter={[8, 8]}>
          <Col flex="320px">
            <Input.Search
              key={query.q ?? ''}
              defaultValue={query.q}
              allowClear
              aria-label={t('items:journal.search')}
              placeholder={t('items:journal.search')}
              onSearch={(v) => update({ q: v.trim().length >= 2 ? v.trim() : undefined })}
            />
          </Col>
          <Col>
            <Select<string[]>
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              aria-label={t('items:fields.status')}
              placeholder={t('items:fields.status')}
              style={{ width: 260 }}
              value={query.status ? query.status.split(',') : []}
              onChange={(v) => update({ status: v.length ? v.join(',') : undefined })}
              options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`items:statuses.${s}`) }))}
            />
          </Col>
          <Col>
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('items:journal.counterpart')}
              placeholder={t('items:journal.counterpart')}
              style={{ width: 300 }}
              value={query.counterpart}
              loading={offices.isPending}
              onChange={(v?: string) => setFilter('counterpart')(v)}
              options={counterpartOptions}
            />
          </Col>
          <Col>
            <FilterSelect label={t('items:fields.kind')} width={200} value={query.kind} onChange={setFilter('kind')} options={ITEM_KINDS.map((k) => ({ value: k, label: t(`items:kinds.${k}`) }))} />
          </Col>
          <Col>
            <FilterSelect label={t('items:fields.form')} width={260} value={query.form} onChange={setFilter('form')} options={FORMS.map((f) => ({ value: f, label: t(`items:formsShort.${f}`) }))} />
          </Col>
          <Col>
            <FilterSelect label={t('items:fields.priorityArea')} width={300} value={query.area} onChange={setFilter('area')} options={PRIORITY_AREAS.map((a) => ({ value: a, label: t(`items:areas.${a}`) }))} />
          </Col>
          <Col>
            <FilterSelect
              label={t('items:journal.highestConfidentiality')}
              width={260}
              value={query.confidentiality}
              onChange={setFilter('confidentiality')}
              options={CONFIDENTIALITY_LEVELS.map((c) => ({ value: c, label: t(`items:confidentiality.${c}`) }))}
            />
          </Col>
          <Col>
            <DatePicker.RangePicker
              format={DATE_FORMAT}
              aria-label={t('items:journal.period')}
              placeholder={[t('items:journal.periodFrom'), t('items:journal.periodTo')]}
              value={range}
              allowEmpty={[true, true]}
              onChange={(r) => update({ from: toIsoDate(r?.[0] ?? null) ?? undefined, to: toIsoDate(r?.[1] ?? null) ?? undefined })}
            />
          </Col>
          <Col style={{ display: 'flex', alignItems: 'center' }}>
            <Checkbox checked={query.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}>
              {t('items:journal.overdueOnly')}
            </Checkbox>
          </Col>
          {anyFilter ? (
            <Col>
              <Button icon={<ClearOutlined aria-hidden />} onClick={() => setParams(new URLSearchParams())}>
                {t('items:journal.resetFilters')}
              </Button>
            </Col>
          ) : null}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(box === 'outgoing' ? 'items:journal.periodHintOutgoing' : 'items:journal.periodHint')}
        </Typography.Text>
      </div>
      <ErrorAlert error={journal.error} onRetry={() => void journal.refetch()} />
      <Table<ItemListRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={journal.data?.items}
        loading={journal.isFetching}
        onChange={onTableChange}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/items/${r.id}`) })}
        rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
        pagination={{
          current: page,
          pageSize: limit,
          total: journal.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (count) => (journal.data?.totalCapped ? t('items:journal.totalCapped', { count }) : t('common:list.total', { count })),
        }}
        locale={{ emptyText: anyFilter ? t('items:journal.emptyFiltered') : t(`items:journal.empty.${box}`) }}
        scroll={{ x: 1100 }}
      />
    </>
  );
}
