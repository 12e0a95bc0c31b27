import { ArrowLeftOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Row, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { EVENT_EDITABLE, type EventAction } from '../../../domain/events.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useNow } from '../items/deadline.ts';
import { EventActionDialog } from './EventActionDialog.tsx';
import { EventAttachmentsPanel } from './EventAttachmentsPanel.tsx';
import { CounterpartLettersPanel } from './CounterpartLetters.tsx';
import {
  CounterpartStatements,
  DecisionPanel,
  EventDetailsPanel,
  EventDocumentsPanel,
  EventMetaPanel,
  EventTimelinePanel,
  ParticipantsPanel,
  ReportDuePanel,
  ReportView,
} from './EventPanels.tsx';
import { EventReportForm, unsavedReport, type ReportValues } from './EventReportForm.tsx';
import { EventStageTag, EventStatusTag, EventTypeTag } from './EventTags.tsx';
import { eventUploadRoles, peerCopyView } from './event-rules.ts';
import { PeerCopyNotice, PeerStatementForm } from './PeerStatement.tsx';
import { useEvent, useEventTimeline, type EventTimelineEntry, type EventView, type PostedEventAction } from './useEvents.ts';
import { LinkButton } from '../../components/LinkButton.tsx';

/** Buttons that move the event forward; those that end or refuse are marked danger. */
const PRIMARY: readonly EventAction[] = ['submit', 'approve', 'submit_report'];
const DANGER: readonly EventAction[] = ['reject', 'cancel'];

function ActionButtons({ event, onAction, onWriteReport }: { event: EventView; onAction: (a: PostedEventAction) => void; onWriteReport: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Space wrap data-testid="actions">
      {event.availableActions.map((a) =>
        a === 'update' ? (
          <Button key={a} icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/events/${event.id}/edit`)}>
            {t('events:actions.update')}
          </Button>
        ) : a === 'save_report' ? (
          <Button key={a} icon={<FormOutlined aria-hidden />} onClick={onWriteReport}>
            {t('events:actions.save_report')}
          </Button>
        ) : (
          <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => onAction(a)}>
            {t(`events:actions.${a}`)}
          </Button>
        ),
      )}
    </Space>
  );
}

/** The reason of the latest of these steps, when it is the latest of them (cancellation and a returned report keep theirs only in the course). */
function latestReason(entries: readonly EventTimelineEntry[] | undefined, action: string, among: readonly string[]): string | null {
  const last = [...(entries ?? [])].reverse().find((x) => among.includes(x.action));
  const reason = last?.action === action ? last.details?.reason : null;
  return typeof reason === 'string' ? reason : null;
}

/** One international event: what, where and when, the decision, the report, the files and the course. */
export default function EventPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow();
  const event = useEvent(id);
  const timeline = useEventTimeline(id);
  const [action, setAction] = useState<PostedEventAction | null>(null);
  const [reportForm] = Form.useForm<ReportValues>();
  const reportCard = useRef<HTMLDivElement>(null);

  if (event.isPending) return <PageSpinner />;
  if (event.error || !event.data) return <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />;
  const e = event.data;
  const writing = e.availableActions.includes('save_report');
  const showReport =
    writing ||
    e.status === 'reported' ||
    Boolean(e.report.outcomes || e.report.agreements || e.report.followUp) ||
    e.counterpartStatements.length > 0 ||
    e.stage === 'awaiting_report' ||
    e.stage === 'report_overdue';
  const showLetters = e.counterpartLetters.length > 0 || e.letterOfficeCodes.length > 0;
  // Issue 12: a peer's joint event shows what its counterpart needs, not the proposing Party's procedure.
  const peer = peerCopyView(e);
  const mayUpload = eventUploadRoles(e).length > 0;
  const cancelReason = e.status === 'cancelled' ? latestReason(timeline.data?.items, 'cancel', ['cancel']) : null;
  const reportReturned =
    e.status === 'approved' && !e.report.reportedAt ? latestReason(timeline.data?.items, 'return_report', ['submit_report', 'return_report']) : null;

  const writeReport = () => {
    reportCard.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    reportForm.focusField('outcomes');
  };

  return (
    <>
      <PageHeader
        title={t('events:page.title', { number: formatNumber(e) })}
        extra={<ActionButtons event={e} onAction={setAction} onWriteReport={writeReport} />}
      >
        <Space size={[0, 6]} wrap>
          <LinkButton to="/events" type="link" size="small" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInlineStart: 0 }}>
            {t('events:actions.backToList')}
          </LinkButton>
          <EventTypeTag type={e.type} />
          <EventStatusTag status={e.status} />
          <EventStageTag stage={e.stage} />
          {e.peerCopy ? <Tag color="purple">{t('events:peer.tag')}</Tag> : null}
          <Typography.Text type="secondary">
            {pickText(e.office.name, locale)}
            {e.counterparts.length ? ` ↔ ${e.counterparts.map((c) => pickText(c.name, locale)).join(', ')}` : ''}
          </Typography.Text>
        </Space>
      </PageHeader>

      <PeerCopyNotice event={e} />
      {e.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('events:page.returnedTitle')}
          description={e.decision?.action === 'return' && e.decision.reason ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.decision.reason}</div> : undefined}
        />
      ) : null}
      {e.status === 'rejected' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('events:page.rejectedTitle')}
          description={e.decision?.action === 'reject' ? (e.decision.reason ?? undefined) : undefined}
        />
      ) : null}
      {e.status === 'cancelled' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('events:page.cancelledTitle')} description={cancelReason ?? undefined} />
      ) : null}
      {e.stage === 'report_overdue' ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('events:page.reportOverdue')} /> : null}
      {reportReturned ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('events:page.reportReturnedTitle')}
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{reportReturned}</div>}
        />
      ) : null}
      {e.missingFields.length > 0 && EVENT_EDITABLE.includes(e.status) && e.side === 'office' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="missing-fields"
          title={t('events:form.missingTitle')}
          description={e.missingFields.map((f) => t(`events:mandatory.${f}`, { defaultValue: f })).join(', ')}
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('events:page.details')} style={{ marginBottom: 16 }}>
            <EventDetailsPanel event={e} />
          </Card>
          <Card title={t('events:fields.participants')} style={{ marginBottom: 16 }}>
            <ParticipantsPanel event={e} />
          </Card>
          {showLetters ? (
            <Card title={t('events:letters.title')} style={{ marginBottom: 16 }}>
              <CounterpartLettersPanel event={e} />
            </Card>
          ) : null}
          {e.peerCopy ? (
            <Card title={t('events:peer.cardTitle')} style={{ marginBottom: 16 }}>
              <PeerStatementForm event={e} />
              <CounterpartStatements event={e} />
            </Card>
          ) : null}
          {showReport && peer.internal ? (
            <div ref={reportCard}>
              <Card title={t('events:page.report')} style={{ marginBottom: 16 }}>
                {writing ? (
                  <>
                    <EventReportForm key={e.id} event={e} form={reportForm} />
                    <CounterpartStatements event={e} />
                  </>
                ) : (
                  <ReportView event={e} />
                )}
              </Card>
            </div>
          ) : null}
          {e.attachments.length > 0 || mayUpload ? (
            <Card title={t('events:page.attachments')} style={{ marginBottom: 16 }}>
              <EventAttachmentsPanel event={e} />
            </Card>
          ) : null}
          <Card title={t('events:page.timeline')}>
            <EventTimelinePanel event={e} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          {peer.internal ? (
            <>
              <Card title={t('events:page.reportDue')} style={{ marginBottom: 16 }}>
                <ReportDuePanel event={e} now={now} />
              </Card>
              <Card title={t('events:page.decision')} style={{ marginBottom: 16 }}>
                <DecisionPanel event={e} />
              </Card>
              <Card title={t('events:page.documents')} style={{ marginBottom: 16 }}>
                <EventDocumentsPanel event={e} />
              </Card>
            </>
          ) : null}
          <Card title={t('events:page.meta')}>
            <EventMetaPanel event={e} />
          </Card>
        </Col>
      </Row>
      {action ? (
        <EventActionDialog
          key={action}
          event={e}
          action={action}
          unsaved={action === 'submit_report' && writing ? unsavedReport(reportForm, e) : null}
          onClose={() => setAction(null)}
        />
      ) : null}
    </>
  );
}
