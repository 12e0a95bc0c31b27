import { CalendarOutlined, ClearOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Input, Row, Segmented, Select, Space, Table, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { can, hasRole } from '../../../domain/access.ts';
import { EVENT_STATUSES, EVENT_TYPES } from '../../../domain/events.ts';
import { localDate } from '../../../domain/time.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import type { OfficeView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DATE_FORMAT, formatDate, pickText, toIsoDate } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser } from '../auth/useSession.ts';
import { useToday } from '../auth/useToday.ts';
import { CountdownText, OfficeName } from '../items/ItemTags.tsx';
import { useNow } from '../items/deadline.ts';
import { useAllOffices } from '../offices/useOffices.ts';
import { EventCalendar } from './EventCalendar.tsx';
import { EventStageTag, EventStatusTag, EventTypeTag } from './EventTags.tsx';
import { calendarRange, parseMonth, periodText, zoneOffsetAt, zoneText } from './event-time.ts';
import { useEventList, type EventListRow, type EventQuery } from './useEvents.ts';

type View = 'calendar' | 'list';
const FILTER_KEYS = ['office', 'counterpart', 'type', 'status', 'stage', 'from', 'to', 'q'] as const;
const SORTS = ['startsAt', 'number', 'reportDueAt'] as const;
const STAGES = ['planned', 'awaiting_report', 'report_overdue'] as const;
const PAGE_SIZES = [20, 50, 100, 200];
type OneOrMany<T> = T | T[];
type Sorter = OneOrMany<SorterResult<EventListRow>>;
/** The calendar asks for a month at once; more than this in a month is not a realistic load. */
const CALENDAR_LIMIT = 500;

/**
 * International events (O-3.5): a month calendar and a list, with the same filters; everything —
 * the view, the month, the filters, the sorting and the page — lives in the address.
 */
export default function EventsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useUser();
  const navigate = useNavigate();
  const today = useToday();
  const now = useNow(60_000);
  const offices = useAllOffices();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;

  const view: View = get('view') === 'list' ? 'list' : 'calendar';
  const month = parseMonth(get('month')) ?? today.slice(0, 7);
  const limit = PAGE_SIZES.includes(Number(get('limit'))) ? Number(get('limit')) : 50;
  const page = Math.max(1, Number(get('page')) || 1);
  const sort = (SORTS as readonly string[]).includes(get('sort') ?? '') ? get('sort')! : 'startsAt';
  const order = get('order') === 'desc' ? 'desc' : 'asc';
  const coordinatorView = hasRole(user, 'coordinator', 'leadership');

  const filters: Omit<EventQuery, 'limit' | 'offset'> = {};
  for (const k of ['office', 'counterpart', 'type', 'status', 'stage'] as const) {
    const v = get(k);
    if (v && (k !== 'office' || coordinatorView)) filters[k] = v;
  }
  const listQuery: EventQuery = { ...filters, from: get('from'), to: get('to'), q: get('q'), sort, order, limit, offset: (page - 1) * limit };
  const calendarQuery: EventQuery = { ...filters, ...calendarRange(month), sort: 'startsAt', order: 'asc', limit: CALENDAR_LIMIT, offset: 0 };
  const list = useEventList(listQuery, view === 'list');
  const calendar = useEventList(calendarQuery, view === 'calendar');
  const current = view === 'list' ? list : calendar;

  /** Sets (or clears) parameters; any filter change returns to page 1. */
  const update = (changes: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next);
  };
  const anyFilter = FILTER_KEYS.some((k) => params.has(k));

  const all = offices.data?.items ?? [];
  const byCode = (a: OfficeView, b: OfficeView) => a.code.localeCompare(b.code);
  const officeOption = (o: OfficeView) => ({ value: o.code, label: `${pickText(o.name, locale)} (${o.code})` });
  const ownOffices = all.filter((o) => o.party === user.office.party && o.kind !== 'coordinator' && o.kind !== 'leadership').sort(byCode).map(officeOption);
  const otherOffices = all.filter((o) => o.party !== user.office.party && o.kind !== 'coordinator' && o.kind !== 'leadership').sort(byCode).map(officeOption);
  const multi = (k: 'type' | 'status') => (get(k) ? get(k)!.split(',') : []);

  const sortOrder = (key: string) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableColumnsType<EventListRow> = [
    {
      title: t('events:fields.number'),
      dataIndex: 'number',
      key: 'number',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('number'),
      render: (_: number, r) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/events/${r.id}`} aria-label={t('events:journal.open', { number: formatNumber(r) })}>
            № {formatNumber(r)}
          </Link>
          <EventTypeTag type={r.type} />
        </Space>
      ),
    },
    {
      title: t('events:journal.titleColumn'),
      key: 'title',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{r.title || t('events:noTitle')}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.city, r.country].filter(Boolean).join(', ') || '—'}
            {r.venue ? ` · ${t(`events:venuesShort.${r.venue}`)}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('events:fields.period'),
      key: 'startsAt',
      width: 200,
      sorter: true,
      sortOrder: sortOrder('startsAt'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{periodText(r.startsLocal, r.endsLocal)}</span>
          {r.timeZone ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {zoneText(r.timeZone, zoneOffsetAt(r.timeZone, r.startsAt))}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: coordinatorView ? t('events:journal.officesColumn') : t('events:fields.counterparts'),
      key: 'offices',
      width: 240,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          {coordinatorView ? <OfficeName office={r.office} /> : null}
          {r.counterparts.map((c) => (
            <Typography.Text key={c.id} type={coordinatorView ? 'secondary' : undefined} style={coordinatorView ? { fontSize: 12 } : undefined}>
              {coordinatorView ? '↔ ' : ''}
              <OfficeName office={c} code={!coordinatorView} />
            </Typography.Text>
          ))}
          {r.counterparts.length === 0 && !coordinatorView ? '—' : null}
        </Space>
      ),
    },
    {
      title: t('events:fields.status'),
      key: 'status',
      width: 150,
      render: (_, r) => (
        <Space orientation="vertical" size={4}>
          <EventStatusTag status={r.status} />
          <EventStageTag stage={r.stage} />
        </Space>
      ),
    },
    {
      title: t('events:fields.reportDue'),
      key: 'reportDueAt',
      width: 160,
      sorter: true,
      sortOrder: sortOrder('reportDueAt'),
      render: (_, r) =>
        r.reportDueAt ? (
          <Space orientation="vertical" size={2}>
            {/* The due instant is the start of the day after the last day, in the reporting office. */}
            <span>{t('events:reportDue.until', { date: formatDate(localDate(new Date(Date.parse(r.reportDueAt) - 1), user.office.timeZone)) })}</span>
            {r.stage === 'awaiting_report' || r.stage === 'report_overdue' ? <CountdownText dueAt={r.reportDueAt} now={now} /> : null}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  const onTableChange = (pagination: TablePaginationConfig, _filters: unknown, sorter: Sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? String(s.columnKey) : undefined;
    const size = pagination.pageSize ?? limit;
    update(
      {
        sort: key && key !== 'startsAt' ? key : undefined,
        order: s?.order === 'descend' ? 'desc' : undefined,
        page: size !== limit ? undefined : String(pagination.current ?? 1),
        limit: size !== 50 ? String(size) : undefined,
      },
      true,
    );
  };

  const range: [Dayjs | null, Dayjs | null] | null = listQuery.from || listQuery.to ? [listQuery.from ? dayjs(listQuery.from) : null, listQuery.to ? dayjs(listQuery.to) : null] : null;

  return (
    <>
      <PageHeader
        title={t('events:title')}
        extra={
          can(user, 'events.propose') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/events/new')}>
              {t('events:actions.propose')}
            </Button>
          ) : undefined
        }
      >
        <Typography.Text type="secondary">{t(coordinatorView ? 'events:journal.hintCoordinator' : 'events:journal.hint')}</Typography.Text>
      </PageHeader>
      <div className="table-filters">
        <Row gutter={[8, 8]} align="middle">
          <Col>
            <Segmented<View>
              aria-label={t('events:views.label')}
              value={view}
              onChange={(v) => update({ view: v === 'list' ? 'list' : undefined }, true)}
              options={[
                { value: 'calendar', label: t('events:views.calendar'), icon: <CalendarOutlined aria-hidden /> },
                { value: 'list', label: t('events:views.list'), icon: <UnorderedListOutlined aria-hidden /> },
              ]}
            />
          </Col>
          {view === 'list' ? (
            <>
              <Col flex="280px">
                <Input.Search
                  key={listQuery.q ?? ''}
                  defaultValue={listQuery.q}
                  allowClear
                  aria-label={t('events:journal.search')}
                  placeholder={t('events:journal.search')}
                  onSearch={(v) => update({ q: v.trim().length >= 2 ? v.trim() : undefined })}
                />
              </Col>
              <Col>
                <DatePicker.RangePicker
                  format={DATE_FORMAT}
                  aria-label={t('events:journal.period')}
                  placeholder={[t('events:journal.periodFrom'), t('events:journal.periodTo')]}
                  value={range}
                  allowEmpty={[true, true]}
                  onChange={(r) => update({ from: toIsoDate(r?.[0] ?? null) ?? undefined, to: toIsoDate(r?.[1] ?? null) ?? undefined })}
                />
              </Col>
            </>
          ) : null}
          {coordinatorView ? (
            <Col>
              <Select<string>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                aria-label={t('events:journal.office')}
                placeholder={t('events:journal.office')}
                style={{ width: 280 }}
                value={filters.office}
                loading={offices.isPending}
                onChange={(v?: string) => update({ office: v })}
                options={ownOffices}
              />
            </Col>
          ) : null}
          <Col>
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('events:journal.counterpart')}
              placeholder={t('events:journal.counterpart')}
              style={{ width: 280 }}
              value={filters.counterpart}
              loading={offices.isPending}
              onChange={(v?: string) => update({ counterpart: v })}
              options={otherOffices}
            />
          </Col>
          <Col>
            <Select<string[]>
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              aria-label={t('events:fields.type')}
              placeholder={t('events:fields.type')}
              style={{ width: 220 }}
              value={multi('type')}
              onChange={(v) => update({ type: v.length ? v.join(',') : undefined })}
              options={EVENT_TYPES.map((x) => ({ value: x, label: t(`events:types.${x}`) }))}
            />
          </Col>
          <Col>
            <Select<string[]>
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              aria-label={t('events:fields.status')}
              placeholder={t('events:fields.status')}
              style={{ width: 240 }}
              value={multi('status')}
              onChange={(v) => update({ status: v.length ? v.join(',') : undefined })}
              options={EVENT_STATUSES.map((s) => ({ value: s, label: t(`events:statuses.${s}`) }))}
            />
          </Col>
          <Col>
            <FilterSelect label={t('events:journal.stage')} width={200} value={filters.stage} onChange={(v) => update({ stage: v })} options={STAGES.map((s) => ({ value: s, label: t(`events:stages.${s}`) }))} />
          </Col>
          {anyFilter ? (
            <Col>
              <Button
                icon={<ClearOutlined aria-hidden />}
                onClick={() => {
                  const next = new URLSearchParams();
                  if (view === 'list') next.set('view', 'list');
                  if (params.has('month')) next.set('month', month);
                  setParams(next);
                }}
              >
                {t('events:journal.resetFilters')}
              </Button>
            </Col>
          ) : null}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(view === 'calendar' ? 'events:calendar.hint' : 'events:journal.periodHint')}
        </Typography.Text>
      </div>
      <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />
      {view === 'calendar' ? (
        <EventCalendar month={month} today={today} events={calendar.data?.items ?? []} onMonthChange={(m) => update({ month: m === today.slice(0, 7) ? undefined : m }, true)} />
      ) : (
        <Table<EventListRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          onChange={onTableChange}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/events/${r.id}`) })}
          rowClassName={(r) => (r.stage === 'report_overdue' ? 'row-overdue' : '')}
          pagination={{
            current: page,
            pageSize: limit,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (count) => t('common:list.total', { count }),
          }}
          locale={{ emptyText: anyFilter ? t('events:journal.emptyFiltered') : t('events:journal.empty') }}
          scroll={{ x: 1000 }}
        />
      )}
    </>
  );
}
