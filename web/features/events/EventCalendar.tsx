import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Calendar, Flex, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventStatus } from '../../../domain/events.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { eventDays, localDay, periodText, zoneText, zoneOffsetAt } from './event-time.ts';
import type { EventListRow } from './useEvents.ts';

/** Colours of the marks in the day cells, as the status tags; an overdue report is red whatever the status. */
const MARK_COLORS: Record<EventStatus, string> = {
  draft: '#8c8c8c',
  submitted: '#1677ff',
  returned: '#d4380d',
  approved: '#389e0d',
  rejected: '#a8071a',
  cancelled: '#bfbfbf',
  reported: '#2f54eb',
};
const OVERDUE = '#cf1322';

interface Props {
  /** `YYYY-MM`. */
  month: string;
  /** `YYYY-MM-DD` in the user's office. */
  today: string;
  events: readonly EventListRow[];
  onMonthChange: (month: string) => void;
}

/**
 * A month of events, each shown on every day it takes at its place (local dates of the place, not
 * of the browser). A click on an event opens it.
 */
export function EventCalendar({ month, today, events, onMonthChange }: Props) {
  const { t } = useTranslation();
  const byDay = useMemo(() => {
    const map = new Map<string, EventListRow[]>();
    for (const e of events) {
      for (const d of eventDays(e.startsLocal, e.endsLocal)) {
        const list = map.get(d) ?? [];
        list.push(e);
        map.set(d, list);
      }
    }
    for (const list of map.values())
      list.sort((a, b) => (a.startsLocal ?? '').localeCompare(b.startsLocal ?? '') || a.numberYear - b.numberYear || a.number - b.number);
    return map;
  }, [events]);

  const value = today.startsWith(month) ? dayjs(today) : dayjs(`${month}-01`);
  const shift = (n: number) => onMonthChange(dayjs(`${month}-01`).add(n, 'month').format('YYYY-MM'));

  const cell = (date: Dayjs) => {
    const day = date.format('YYYY-MM-DD');
    const list = byDay.get(day);
    if (!list?.length) return null;
    return (
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid={`calendar-day-${day}`}>
        {list.map((e) => {
          const first = e.startsLocal ? localDay(e.startsLocal) === day : false;
          const color = e.stage === 'report_overdue' ? OVERDUE : MARK_COLORS[e.status];
          const faded = e.status === 'cancelled' || e.status === 'rejected';
          const label = `${first && e.startsLocal ? `${e.startsLocal.slice(11)} ` : ''}${e.title || t('events:noTitle')}`;
          return (
            <li key={e.id} style={{ marginBottom: 2 }}>
              <Tooltip
                title={
                  <>
                    <div>
                      № {formatNumber(e)} · {t(`events:statuses.${e.status}`)}
                      {e.stage ? ` · ${t(`events:stages.${e.stage}`)}` : ''}
                    </div>
                    <div>{e.title || t('events:noTitle')}</div>
                    <div>{periodText(e.startsLocal, e.endsLocal)}</div>
                    {e.timeZone ? <div>{zoneText(t, e.timeZone, zoneOffsetAt(e.timeZone, e.startsAt))}</div> : null}
                    {e.city ? <div>{[e.city, e.country].filter(Boolean).join(', ')}</div> : null}
                  </>
                }
              >
                <Link
                  to={`/events/${e.id}`}
                  onClick={(ev) => ev.stopPropagation()}
                  // The name begins with what the link shows (WCAG 2.5.3), then says which event it is.
                  aria-label={`${label} — ${t('events:calendar.eventLabel', {
                    number: formatNumber(e),
                    title: e.title || t('events:noTitle'),
                    status: t(`events:statuses.${e.status}`),
                  })}`}
                  style={{
                    display: 'block',
                    padding: '0 4px',
                    borderInlineStart: `3px solid ${color}`,
                    background: e.stage === 'report_overdue' ? '#fff1f0' : '#f3f6fb',
                    color: faded ? '#8c8c8c' : undefined,
                    textDecoration: faded ? 'line-through' : undefined,
                    fontSize: 12,
                    lineHeight: '18px',
                    whiteSpace: 'nowrap',
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                >
                  {label}
                </Link>
              </Tooltip>
            </li>
          );
        })}
      </ul>
    );
  };

  return (
    <div data-testid="events-calendar" style={{ background: '#fff', padding: '8px 16px', borderRadius: 4 }}>
      <Calendar
        value={value}
        mode="month"
        cellRender={(date, info) => (info.type === 'date' ? cell(date) : null)}
        onSelect={(date, info) => {
          // A day of the month before or after moves the calendar there.
          if (info.source === 'date' && date.format('YYYY-MM') !== month) onMonthChange(date.format('YYYY-MM'));
        }}
        headerRender={() => (
          <Flex justify="space-between" align="center" gap={8} wrap style={{ padding: '8px 0 12px' }}>
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0, textTransform: 'capitalize' }} data-testid="calendar-month">
              {dayjs(`${month}-01`).format('MMMM YYYY')}
            </Typography.Title>
            <Flex gap={8}>
              <Button icon={<LeftOutlined aria-hidden />} aria-label={t('events:calendar.prevMonth')} onClick={() => shift(-1)} />
              <Button onClick={() => onMonthChange(today.slice(0, 7))} disabled={today.startsWith(month)}>
                {t('events:calendar.thisMonth')}
              </Button>
              <Button icon={<RightOutlined aria-hidden />} aria-label={t('events:calendar.nextMonth')} onClick={() => shift(1)} />
            </Flex>
          </Flex>
        )}
      />
    </div>
  );
}
