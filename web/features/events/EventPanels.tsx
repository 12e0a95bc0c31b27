import { FileWordOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Empty, Space, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_STATUSES, type EventStatus } from '../../../domain/events.ts';
import { displayFileName } from '../../../domain/file-names.ts';
import { download } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { HostingTag } from '../../components/Tags.tsx';
import { errorMessage } from '../../components/error-message.ts';
import { formatDate, formatDateTime, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { CountdownText, OfficeName } from '../items/ItemTags.tsx';
import { EventStatusTag } from './EventTags.tsx';
import { periodText, reportDueEnd, reportDueRule, zoneText } from './event-time.ts';
import { eventDocuments, type EventDocument } from './event-rules.ts';
import { letterText } from './CounterpartLetters.tsx';
import { useEventTimeline, type EventTimelineEntry, type EventView } from './useEvents.ts';
import { DataTable } from '../../components/DataTable.tsx';

const pre = { whiteSpace: 'pre-wrap' as const };

/** What the event is, where and when (local time of the place, with its zone), with whom, on what. */
export function EventDetailsPanel({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div data-testid="event-details">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {e.title || t('events:noTitle')}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered styles={{ label: { width: 190 } }}>
        <Descriptions.Item label={t('events:fields.type')}>{e.type ? t(`events:types.${e.type}`) : dash}</Descriptions.Item>
        <Descriptions.Item label={t('events:fields.venue')}>{e.venue ? t(`events:venuesShort.${e.venue}`) : dash}</Descriptions.Item>
        <Descriptions.Item label={t('events:fields.form')} span={{ xs: 1, md: 2 }}>
          {e.form ? t(`items:formsShort.${e.form}`) : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('events:fields.place')} span={{ xs: 1, md: 2 }}>
          {[e.city, e.country].filter(Boolean).join(', ') || dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('events:fields.period')} span={{ xs: 1, md: 2 }}>
          {e.startsLocal || e.endsLocal ? (
            <>
              <span data-testid="event-period">{periodText(e.startsLocal, e.endsLocal)}</span>
              {e.timeZone ? (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('events:time.localAt', { zone: zoneText(t, e.timeZone, e.utcOffset) })}
                  </Typography.Text>
                </div>
              ) : null}
            </>
          ) : (
            dash
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('events:fields.counterparts')} span={{ xs: 1, md: 2 }}>
          {e.counterparts.length
            ? e.counterparts.map((c) => (
                <div key={c.id}>
                  <OfficeName office={c} /> {c.hosting !== 'here' ? <HostingTag hosting={c.hosting} /> : null}
                </div>
              ))
            : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('items:fields.priorityAreas')} span={{ xs: 1, md: 2 }}>
          {e.priorityAreas.length ? e.priorityAreas.map((a) => t(`items:areas.${a}`)).join('; ') : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('items:fields.costArrangement')} span={{ xs: 1, md: 2 }}>
          {t(`items:costs.${e.costArrangement}`)}
          {e.costArrangement === 'agreed' ? <div style={pre}>{e.costTerms || '—'}</div> : null}
        </Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('events:fields.agenda')}</Typography.Text>
        <div style={pre} data-testid="event-agenda">
          {e.agenda.trim() ? e.agenda : dash}
        </div>
      </div>
    </div>
  );
}

type ParticipantRow = EventView['participants'][number] & { key: number };

/** Who takes part, of which side and office; those a counterpart's letter named are marked so. */
export function ParticipantsPanel({ event }: { event: EventView }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ParticipantRow> = [
    {
      title: t('events:fields.participantSide'),
      dataIndex: 'side',
      width: 150,
      render: (s: string) => <Tag color={s === 'own' ? 'blue' : 'cyan'}>{t(`events:sides.${s}`)}</Tag>,
    },
    { title: t('events:fields.participantName'), dataIndex: 'fullName' },
    { title: t('events:fields.participantPosition'), dataIndex: 'position', render: (p: string) => p || '—' },
    {
      title: t('events:fields.participantOffice'),
      dataIndex: 'office',
      render: (_: unknown, p) => (
        <Space orientation="vertical" size={2}>
          {p.office ? <OfficeName office={p.office} code={false} /> : '—'}
          {p.fromLetter ? <Tag>{t('events:letters.fromLetter')}</Tag> : null}
        </Space>
      ),
    },
  ];
  return (
    <DataTable
      data-testid="participants"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={event.participants.map((p, i) => ({ ...p, key: i }))}
      locale={{ emptyText: t('events:page.noParticipants') }}
    />
  );
}

/** O-3.5: when the report is due and how that date was computed. */
export function ReportDuePanel({ event: e, now }: { event: EventView; now: number }) {
  const { t } = useTranslation();
  if (!e.reportDue) {
    return (
      <Typography.Text type="secondary">
        {t(e.status === 'cancelled' || e.status === 'rejected' ? 'events:reportDue.none' : 'events:reportDue.notYet')}
      </Typography.Text>
    );
  }
  const d = e.reportDue;
  return (
    <div data-testid="report-due">
      <Typography.Text strong>{reportDueEnd(t, d)}</Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {reportDueRule(t, d)}
        </Typography.Text>
      </div>
      <div style={{ marginTop: 4 }}>
        {e.status === 'reported' && e.report.reportedAt ? (
          <Tag color="green">{t('events:reportDue.submittedOn', { date: formatDate(e.report.reportedAt) })}</Tag>
        ) : e.stage === 'awaiting_report' || e.stage === 'report_overdue' ? (
          <CountdownText dueAt={d.dueAt} now={now} />
        ) : e.stage === 'planned' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('events:reportDue.afterEnd')}
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}

/** The coordinator's decision (or the office's cancellation): what, who, when, why. */
export function DecisionPanel({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const d = e.decision;
  if (!d) {
    return <Typography.Text type="secondary">{t(e.status === 'submitted' ? 'events:decision.awaiting' : 'events:decision.none')}</Typography.Text>;
  }
  const color = d.action === 'approve' ? 'green' : d.action === 'reject' ? 'red' : d.action === 'cancel' ? 'default' : 'volcano';
  return (
    <Descriptions size="small" column={1} data-testid="decision">
      <Descriptions.Item label={t('events:decision.what')}>
        <Tag color={color}>{t(`events:decision.actions.${d.action}`, { defaultValue: d.action })}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('events:decision.by')}>{d.by?.fullName ?? t('events:timeline.system')}</Descriptions.Item>
      <Descriptions.Item label={t('events:decision.at')}>{formatDateTime(d.at)}</Descriptions.Item>
      {d.reason ? (
        <Descriptions.Item label={t('events:decision.reason')}>
          <span style={pre}>{d.reason}</span>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** Each counterpart office's own account of the results, as its letter states it (beside the office's report). */
export function CounterpartStatements({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (e.counterpartStatements.length === 0) return null;
  return (
    <div data-testid="counterpart-statements" style={{ marginTop: 8 }}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('events:letters.statementsTitle')}
      </Typography.Title>
      {e.counterpartStatements.map((st) => (
        <div key={st.office.id} style={{ marginBottom: 14 }}>
          <Typography.Text type="secondary">
            {t('events:letters.statementFrom', { office: pickText(st.office.name, locale), letter: letterText(t, st.letter) })}
          </Typography.Text>
          <div style={pre}>{st.outcomes}</div>
          {st.agreements ? (
            <div style={pre}>
              <Typography.Text type="secondary">{t('events:report.agreements')}: </Typography.Text>
              {st.agreements}
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** The report as submitted (or saved so far). */
export function ReportView({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  const r = e.report;
  if (!r.outcomes && !r.agreements && !r.followUp) {
    return (
      <>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events:report.none')} />
        <CounterpartStatements event={e} />
      </>
    );
  }
  const row = (label: string, value: string | null) => (
    <div style={{ marginBottom: 14 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={pre}>{value?.trim() ? value : '—'}</div>
    </div>
  );
  return (
    <div data-testid="report">
      {row(t('events:report.outcomes'), r.outcomes)}
      {row(t('events:report.agreements'), r.agreements)}
      {row(t('events:report.followUp'), r.followUp)}
      {r.reportedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.reportedBy
            ? t('events:report.submittedBy', { name: r.reportedBy.fullName, date: formatDateTime(r.reportedAt) })
            : t('events:report.submittedAt', { date: formatDateTime(r.reportedAt) })}
        </Typography.Text>
      ) : (
        <Tag>{t('events:report.draft')}</Tag>
      )}
      <CounterpartStatements event={e} />
    </div>
  );
}

/** DOCX of the proposal, and of the report once written. */
export function EventDocumentsPanel({ event }: { event: EventView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<EventDocument | null>(null);
  const get = async (doc: EventDocument) => {
    setBusy(doc);
    try {
      await download(`/api/v1/events/${event.id}/documents/${doc}`);
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap data-testid="documents">
      {eventDocuments(event).map((d) => (
        <Button key={d} icon={<FileWordOutlined aria-hidden />} loading={busy === d} onClick={() => void get(d)}>
          {t(`events:documents.${d}`)}
        </Button>
      ))}
    </Space>
  );
}

const STATUS_SET = new Set<string>(EVENT_STATUSES);

function detailText(t: TFunction, e: EventTimelineEntry): string | null {
  const d = e.details ?? {};
  const parts: string[] = [];
  // A counterpart's act, recorded here from its letter: «recorded from the letter No. … of … of <office>».
  if (e.onBehalfOf && d.letter && typeof d.letter === 'object') {
    parts.push(
      t('events:letters.recordedFrom', {
        letter: letterText(t, d.letter as Parameters<typeof letterText>[1], 'byKinds'),
        office: pickText(e.onBehalfOf.name, currentLocale()),
      }),
    );
    if (typeof d.participants === 'number' && d.participants > 0) parts.push(t('events:letters.namesParticipants', { count: d.participants }));
    if (d.statement === true) parts.push(t('events:letters.statesOutcomes'));
  }
  if (typeof d.reason === 'string') parts.push(d.reason);
  if (Array.isArray(d.changed) && d.changed.length)
    parts.push(t('events:timeline.changed', { fields: d.changed.map((f) => t(`events:fieldNames.${String(f)}`, { defaultValue: String(f) })).join(', ') }));
  for (const key of ['attached', 'files']) {
    const files = d[key];
    if (Array.isArray(files)) parts.push(files.map((a) => displayFileName(String((a as { fileName?: string } | null)?.fileName ?? ''))).join(', '));
  }
  if (typeof d.role === 'string') parts.push(t(`events:attachments.roles.${d.role}`, { defaultValue: d.role }));
  if (d.late === true) parts.push(t('events:timeline.late'));
  return parts.length ? parts.join(' · ') : null;
}

/** Who did what and when, from the first draft on. */
export function EventTimelinePanel({ event }: { event: EventView }) {
  const { t } = useTranslation();
  const timeline = useEventTimeline(event.id);
  if (timeline.error) return <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const entries = timeline.data?.items ?? [];
  if (timeline.data && entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="timeline"
      items={entries.map((e) => {
        const detail = detailText(t, e);
        const changedStatus = e.toStatus && e.fromStatus !== e.toStatus && STATUS_SET.has(e.toStatus);
        return {
          key: e.id,
          color: changedStatus ? 'blue' : 'gray',
          content: (
            <div>
              <Space size={6} wrap>
                <Typography.Text strong>{t(`events:timeline.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
                {changedStatus ? <EventStatusTag status={e.toStatus as EventStatus} /> : null}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)} · {e.actor?.fullName ?? t('events:timeline.system')}
                  {e.officeCode ? ` · ${e.officeCode}` : ''}
                </Typography.Text>
              </div>
              {detail ? <div style={{ ...pre, fontSize: 13 }}>{detail}</div> : null}
            </div>
          ),
        };
      })}
    />
  );
}

/** The office and the record's dates. */
export function EventMetaPanel({ event: e }: { event: EventView }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={1}
      layout="vertical"
      colon={false}
      data-testid="event-meta"
      styles={{ label: { paddingBottom: 0, color: 'rgba(0,0,0,0.55)' } }}
    >
      <Descriptions.Item label={t('events:fields.office')}>
        <OfficeName office={e.office} />
      </Descriptions.Item>
      <Descriptions.Item label={t('events:fields.createdAt')}>{formatDateTime(e.createdAt)}</Descriptions.Item>
      {e.submittedAt ? <Descriptions.Item label={t('events:fields.submittedAt')}>{formatDateTime(e.submittedAt)}</Descriptions.Item> : null}
      <Descriptions.Item label={t('events:fields.updatedAt')}>{formatDateTime(e.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}
