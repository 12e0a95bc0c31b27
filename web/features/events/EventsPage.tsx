import { CalendarOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { can, hasRole } from '../../../domain/access.ts';
import { EVENT_STAGES, EVENT_STATUSES, EVENT_TYPES } from '../../../domain/events.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { EventListQuery } from '../../../domain/schemas/events.ts';
import { localDate } from '../../../domain/time.ts';
import type { OfficeView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterBar, JournalTable, NumberLink, type FilterDef, type JournalColumn } from '../../components/JournalTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { QueryKey } from '../../components/url-filters.ts';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { formatDate, pickText } from '../../i18n/format.ts';
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
  const coordinatorView = hasRole(user, 'coordinator', 'leadership');
  // An office sees its own events: the office filter is the coordinator's.
  const filters = useUrlFilters(EventListQuery, coordinatorView ? {} : { fixed: { office: undefined } });

  const view: View = params.get('view') === 'list' ? 'list' : 'calendar';
  const month = parseMonth(params.get('month')) ?? today.slice(0, 7);
  /** The page's own parameters (the view, the month): they keep the filters and the page. */
  const setOwn = (key: 'view' | 'month', value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  // The calendar shows the month with its filters; the period, the search, the order and the page are the list's.
  const { from: _from, to: _to, q: _q, sort: _sort, order: _order, limit: _limit, offset: _offset, ...selection } = filters.query;
  const calendarQuery: EventQuery = { ...selection, ...calendarRange(month), sort: 'startsAt', order: 'asc', limit: CALENDAR_LIMIT, offset: 0 };
  const list = useEventList(filters.query, view === 'list');
  const calendar = useEventList(calendarQuery, view === 'calendar');

  const all = offices.data?.items ?? [];
  const byCode = (a: OfficeView, b: OfficeView) => a.code.localeCompare(b.code);
  const officeOption = (o: OfficeView) => ({ value: o.code, label: `${pickText(o.name, locale)} (${o.code})` });
  const ownOffices = all
    .filter((o) => o.party === user.office.party && o.kind !== 'coordinator' && o.kind !== 'leadership')
    .sort(byCode)
    .map(officeOption);
  const otherOffices = all
    .filter((o) => o.party !== user.office.party && o.kind !== 'coordinator' && o.kind !== 'leadership')
    .sort(byCode)
    .map(officeOption);

  const columns: JournalColumn<EventListRow>[] = [
    {
      title: t('events:fields.number'),
      key: 'number',
      width: 120,
      sortKey: 'number',
      render: (_, r) => (
        <NumberLink to={`/events/${r.id}`} label={t('events:journal.open', { number: formatNumber(r) })} number={formatNumber(r)}>
          <EventTypeTag type={r.type} />
        </NumberLink>
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
      sortKey: 'startsAt',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{periodText(r.startsLocal, r.endsLocal)}</span>
          {r.timeZone ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {zoneText(t, r.timeZone, zoneOffsetAt(r.timeZone, r.startsAt))}
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
          {r.peerCopy ? <Tag color="purple">{t('events:peer.tag')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('events:fields.reportDue'),
      key: 'reportDueAt',
      width: 160,
      sortKey: 'reportDueAt',
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

  const listFilters: FilterDef<QueryKey<typeof EventListQuery>>[] = [
    { type: 'search', key: 'q', label: t('events:journal.search'), width: 280 },
    { type: 'period', from: 'from', to: 'to', label: t('events:journal.period'), placeholder: [t('events:journal.periodFrom'), t('events:journal.periodTo')] },
  ];
  const defs: FilterDef<QueryKey<typeof EventListQuery>>[] = [
    ...(view === 'list' ? listFilters : []),
    ...(coordinatorView
      ? [
          {
            type: 'select' as const,
            key: 'office' as const,
            label: t('events:journal.office'),
            width: 280,
            searchable: true,
            loading: offices.isPending,
            options: ownOffices,
          },
        ]
      : []),
    {
      type: 'select',
      key: 'counterpart',
      label: t('events:journal.counterpart'),
      width: 280,
      searchable: true,
      loading: offices.isPending,
      options: otherOffices,
    },
    { type: 'multi', key: 'type', label: t('events:fields.type'), width: 220, options: EVENT_TYPES.map((x) => ({ value: x, label: t(`events:types.${x}`) })) },
    {
      type: 'multi',
      key: 'status',
      label: t('events:fields.status'),
      width: 240,
      options: EVENT_STATUSES.map((s) => ({ value: s, label: t(`events:statuses.${s}`) })),
    },
    {
      type: 'select',
      key: 'stage',
      label: t('events:journal.stage'),
      width: 200,
      options: EVENT_STAGES.map((s) => ({ value: s, label: t(`events:stages.${s}`) })),
    },
  ];

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
      <FilterBar
        filters={filters}
        defs={defs}
        hint={t(view === 'calendar' ? 'events:calendar.hint' : 'events:journal.periodHint')}
        before={
          <Segmented<View>
            aria-label={t('events:views.label')}
            value={view}
            onChange={(v) => setOwn('view', v === 'list' ? 'list' : undefined)}
            options={[
              { value: 'calendar', label: t('events:views.calendar'), icon: <CalendarOutlined aria-hidden /> },
              { value: 'list', label: t('events:views.list'), icon: <UnorderedListOutlined aria-hidden /> },
            ]}
          />
        }
      />
      {view === 'calendar' ? (
        <>
          <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} />
          <EventCalendar
            month={month}
            today={today}
            events={calendar.data?.items ?? []}
            onMonthChange={(m) => setOwn('month', m === today.slice(0, 7) ? undefined : m)}
          />
        </>
      ) : (
        <JournalTable
          filters={filters}
          columns={columns}
          result={list}
          open={{ href: (r) => `/events/${r.id}`, on: 'doubleClick' }}
          rowClassName={(r) => (r.stage === 'report_overdue' ? 'row-overdue' : '')}
          emptyText={filters.anyFilter ? t('events:journal.emptyFiltered') : t('events:journal.empty')}
          scrollX={1000}
        />
      )}
    </>
  );
}
