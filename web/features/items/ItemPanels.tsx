import { CheckCircleFilled, CloseCircleFilled, FileTextOutlined, MinusCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Collapse, Descriptions, Empty, Flex, Space, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayFileName } from '../../../domain/file-names.ts';
import { answerRuns, awaitsConfirmation } from '../../../domain/deadlines.ts';
import { isItemStatus } from '../../../domain/item-status.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import type { ItemView, MessageView, SignatureView, TimelineEntry } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { letterLine } from './letter-rules.ts';
import { ConfidentialityTag, CountdownText, HiddenPiece, OfficeName, PieceLevel, StatusTag } from './ItemTags.tsx';
import { RaiseLevel } from './RaiseLevel.tsx';
import { deadlineEnd, deadlineRule, formatInZone, type Deadline } from './deadline.ts';
import { useMessages, useSignature, useTimeline } from './useItems.ts';
import { usePartyContext } from '../auth/useSession.ts';

const pre = { whiteSpace: 'pre-wrap' as const };

/** «Исх. № … от …», «Вх. № … от …», «На № … от …». */
export function RegistrationBlock({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const r = item.registration;
  const lines: ReactNode[] = [];
  if (r.outgoingNumber) lines.push(<div key="out">{t('items:registration.outgoingFull', { number: r.outgoingNumber, date: formatDate(r.outgoingDate) })}</div>);
  if (r.incomingNumber) lines.push(<div key="in">{t('items:registration.incomingFull', { number: r.incomingNumber, date: formatDate(r.incomingDate) })}</div>);
  for (const l of item.links) {
    const ref = l.outgoingNumber
      ? t('items:registration.reference', { number: l.outgoingNumber, date: formatDate(l.outgoingDate) })
      : t('items:registration.systemNumber', { number: formatNumber(l) });
    const key = `${l.direction}.${l.kind}`;
    lines.push(
      <div key={`${l.itemId}-${key}`}>
        {t(`items:linkLines.${key}`)} <Link to={`/items/${l.itemId}`}>{ref}</Link>
      </div>,
    );
  }
  if (lines.length === 0) return <Typography.Text type="secondary">{t('items:registration.none')}</Typography.Text>;
  return <div data-testid="registration">{lines}</div>;
}

function DeadlineBlock({ title, deadline, running, now, done }: { title: string; deadline: Deadline; running: boolean; now: number; done?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <div>{deadlineEnd(t, deadline)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {deadlineRule(t, deadline)}
      </Typography.Text>
      <div>{running ? <CountdownText dueAt={deadline.dueAt} now={now} /> : done}</div>
    </div>
  );
}

/** The answer term and the 72 hours of written confirmation, each with how it was computed. */
export function DeadlinesPanel({ item, now }: { item: ItemView; now: number }) {
  const { t } = useTranslation();
  const blocks: ReactNode[] = [];
  if (item.oral) {
    const o = item.oral;
    blocks.push(
      <DeadlineBlock
        key="oral"
        title={t('items:deadline.oralConfirmation')}
        deadline={o.confirmationDue}
        running={awaitsConfirmation({ mode: item.mode, oralConfirmedAt: o.confirmedAt, status: item.status })}
        now={now}
        done={o.confirmedAt ? <Tag color="green">{t('items:oral.confirmedAt', { at: formatInZone(o.confirmedAt, o.confirmationDue.timeZone) })}</Tag> : null}
      />,
    );
  }
  if (item.answerDue) {
    blocks.push(
      <DeadlineBlock
        key="answer"
        title={t('items:deadline.answer')}
        deadline={item.answerDue}
        running={answerRuns(item.status)}
        now={now}
        done={item.outcome?.at ? <Tag color="green">{t('items:deadline.answeredOn', { date: formatDate(item.outcome.at) })}</Tag> : null}
      />,
    );
  }
  if (item.resolution?.dueOn) {
    blocks.push(
      <div key="resolution">
        <Typography.Text strong>{t('items:deadline.executor')}</Typography.Text>
        <div>{t('items:deadline.lastDay', { date: formatDate(item.resolution.dueOn) })}</div>
      </div>,
    );
  }
  const none = blocks.length === 0;
  return (
    <div data-testid="deadlines">
      {none ? null : blocks}
      {none ? (
        <Typography.Text type="secondary">{item.route === 'coordinator' ? t('items:deadline.noneRouted') : t('items:deadline.none')}</Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * Issue 10: a document received by letter from an office off the system carries its signature on
 * paper: who signed it as printed, the letter, and who recorded it here — no electronic check.
 */
function PaperSignature({ paper }: { paper: NonNullable<ItemView['paperSignature']> }) {
  const { t } = useTranslation();
  return (
    <div data-testid="signature">
      <Alert
        type="info"
        showIcon
        icon={<FileTextOutlined />}
        title={t('items:paperSignature.title')}
        description={t(paper.letterNumber ? 'items:paperSignature.text' : 'items:paperSignature.textNoNumber', {
          name: paper.signerName ?? '—',
          position: paper.signerPosition ?? '—',
          number: paper.letterNumber ?? '',
          date: formatDate(paper.letterDate),
          user: paper.recordedBy,
        })}
        style={{ marginBottom: 8 }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
        {t('items:paperSignature.hint')}
      </Typography.Paragraph>
    </div>
  );
}

/**
 * Issue 12: whose check the status rests on — this node's own, the sending node's attested one (no
 * provider for the algorithm here), or nobody's.
 */
function SignatureBasis({ sig }: { sig: SignatureView }) {
  const { t } = useTranslation();
  const a = sig.attestation;
  const by = a ? { node: a.node, date: formatDateTime(a.checkedAt) } : null;
  if (sig.status === 'unverifiable') return <span data-testid="signature-basis">{t('items:signature.unverifiable', { algorithm: sig.algorithm ?? '' })}</span>;
  if (sig.verifiedBy === 'peer_node' && by) return <span data-testid="signature-basis">{t('items:signature.verifiedBy.peer_node', by)}</span>;
  if (sig.verifiedBy !== 'this_node') return null;
  const agrees = a ? (a.result === 'valid') === (sig.status === 'valid') : null;
  return (
    <span data-testid="signature-basis">
      {t('items:signature.verifiedBy.this_node')}
      {by ? <> {t(agrees ? 'items:signature.peerAgrees' : 'items:signature.peerDiffers', by)}</> : null}
    </span>
  );
}

/** A-6.2b: the signature checked against the content and files as they are stored now. */
export function SignaturePanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const sig = useSignature(item.id, !item.paperSignature);
  if (item.paperSignature) return <PaperSignature paper={item.paperSignature} />;
  if (sig.error) return <ErrorAlert error={sig.error} onRetry={() => void sig.refetch()} />;
  if (!sig.data) return null;
  const s = sig.data;
  const icon =
    s.status === 'valid' ? (
      <CheckCircleFilled style={{ color: '#389e0d' }} />
    ) : s.status === 'invalid' ? (
      <CloseCircleFilled style={{ color: '#cf1322' }} />
    ) : (
      <MinusCircleOutlined />
    );
  return (
    <div data-testid="signature">
      <Alert
        type={s.status === 'valid' ? 'success' : s.status === 'invalid' ? 'error' : s.status === 'unverifiable' ? 'warning' : 'info'}
        icon={icon}
        showIcon
        title={t(`items:signature.status.${s.status}`)}
        description={s.status === 'none' ? t(item.status === 'draft' ? 'items:signature.noneDraft' : 'items:signature.none') : <SignatureBasis sig={s} />}
        style={{ marginBottom: 8 }}
      />
      {s.signer ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('items:signature.signer')}>
            {s.signer.fullName} ({s.signer.officeCode})
          </Descriptions.Item>
          <Descriptions.Item label={t('items:signature.signedAt')}>{formatDateTime(s.signedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('items:signature.purpose')}>
            {t(`items:signature.purposes.${s.purpose}`, { defaultValue: s.purpose ?? '' })}
          </Descriptions.Item>
          <Descriptions.Item label={t('items:signature.algorithm')}>{s.algorithm}</Descriptions.Item>
          <Descriptions.Item label={t('items:signature.contentHash')}>
            <Typography.Text code copyable={{ text: s.contentHash ?? '' }} style={{ fontSize: 11, wordBreak: 'break-all' }}>
              {s.contentHash}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {s.publicKey ? (
        <Collapse
          size="small"
          items={[
            {
              key: 'key',
              label: t('items:signature.publicKey'),
              children: (
                <Typography.Paragraph copyable={{ text: s.publicKey }} style={{ marginBottom: 0 }}>
                  <pre className="json" style={{ fontSize: 11 }}>
                    {s.publicKey}
                  </pre>
                </Typography.Paragraph>
              ),
            },
          ]}
        />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        <SafetyCertificateOutlined aria-hidden /> {t('items:signature.voidRule')}
      </Typography.Paragraph>
    </div>
  );
}

export function ContentPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  if (!item.content) return <HiddenPiece piece="request" level={item.confidentiality} />;
  const c = item.content;
  const row = (label: string, value: string | null) => (
    <div style={{ marginBottom: 14 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={pre}>{value && value.trim() ? value : <Typography.Text type="secondary">—</Typography.Text>}</div>
    </div>
  );
  return (
    <div data-testid="content">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        {c.subject || t('items:noSubject')}
      </Typography.Title>
      {row(t('items:fields.essence'), c.essence)}
      {row(t(`items:fields.purpose.${item.kind}`), c.purpose)}
      {row(t(`items:fields.assistance.${item.kind}`), c.assistance)}
      {c.otherInfo ? row(t('items:fields.otherInfo'), c.otherInfo) : null}
      {item.costArrangement === 'agreed' ? row(t('items:fields.costTerms'), c.costTerms) : null}
    </div>
  );
}

export function OutcomePanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const o = item.outcome;
  if (!o) return null;
  return (
    <>
      {o.contentVisible ? null : (
        <div style={{ marginBottom: 12 }}>
          <HiddenPiece piece="answer" level={o.confidentiality ?? 'restricted'} />
        </div>
      )}
      <Descriptions size="small" column={1} bordered data-testid="outcome">
        <Descriptions.Item label={t('items:fields.outcome')}>
          <StatusTag status={o.outcome} /> {o.at ? <Typography.Text type="secondary">{formatDateTime(o.at)}</Typography.Text> : null}
        </Descriptions.Item>
        {o.refusalGrounds.length > 0 ? (
          <Descriptions.Item label={t('items:fields.refusalGrounds')}>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {o.refusalGrounds.map((g) => (
                <li key={g}>{t(`items:refusalGrounds.${g}`)}</li>
              ))}
            </ul>
          </Descriptions.Item>
        ) : null}
        {o.reason ? (
          <Descriptions.Item label={t('items:fields.refusalReason')}>
            <span style={pre}>{o.reason}</span>
          </Descriptions.Item>
        ) : null}
        {o.contentVisible ? (
          <>
            <Descriptions.Item label={t('items:fields.outcomeText')}>
              <span style={pre}>{o.text}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('items:fields.legalBasisApplied')}>{o.legalBasisApplied ?? '—'}</Descriptions.Item>
          </>
        ) : null}
        <Descriptions.Item label={t('items:fields.outcomeConfidentiality')}>
          {o.confidentiality ? <PieceLevel level={o.confidentiality} /> : '—'}
          {o.confidentiality && o.contentVisible && item.side === 'receiver' ? <RaiseLevel item={item} piece="answer" level={o.confidentiality} /> : null}
        </Descriptions.Item>
        {item.conditions.status === 'accepted' ? (
          <Descriptions.Item label={t('items:conditions.obligations')}>
            {item.conditions.text === null ? (
              <HiddenPiece compact piece="conditions" level={item.conditions.confidentiality ?? 'restricted'} />
            ) : (
              <span style={pre}>{item.conditions.text}</span>
            )}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </>
  );
}

const CONDITION_COLORS: Record<string, string> = { proposed: 'gold', accepted: 'green', rejected: 'red', none: 'default' };

/** the consultation thread and the state of the proposed conditions. */
export function ConsultationPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  // Each message carries its own level: the thread is read, and the server hides what this user may not read.
  const thread = useMessages(item.id, true);
  const messages = thread.data?.items ?? [];
  const side = (m: MessageView) =>
    m.side === 'sender' ? t(`items:consultation.sides.sender.${item.kind}`) : t(`items:consultation.sides.receiver.${item.kind}`);
  return (
    <div data-testid="consultation">
      {item.conditions.status !== 'none' ? (
        <Alert
          type={item.conditions.status === 'accepted' ? 'success' : item.conditions.status === 'rejected' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <Space>
              {t('items:conditions.title')}
              <Tag color={CONDITION_COLORS[item.conditions.status]}>
                {t(`items:conditions.statuses.${item.conditions.status}`, { defaultValue: item.conditions.status })}
              </Tag>
            </Space>
          }
          description={
            <>
              {item.conditions.text === null ? (
                <HiddenPiece compact piece="conditions" level={item.conditions.confidentiality ?? 'restricted'} />
              ) : (
                <div style={pre}>{item.conditions.text}</div>
              )}
              {item.conditions.status === 'accepted' ? <div style={{ marginTop: 6 }}>{t('items:conditions.acceptedObligation')}</div> : null}
            </>
          }
        />
      ) : null}
      <ErrorAlert error={thread.error} onRetry={() => void thread.refetch()} />
      {messages.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('items:consultation.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {messages.map((m) => (
            <div key={m.id} className={`message message-${m.side}`}>
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text strong>
                  {side(m)} · {m.officeCode} · {m.author.fullName}
                </Typography.Text>
                <Space size={4}>
                  <PieceLevel level={m.confidentiality} />
                  {m.contentVisible && m.side === item.side ? <RaiseLevel item={item} piece="message" pieceId={m.id} level={m.confidentiality} /> : null}
                  <Typography.Text type="secondary">{formatDateTime(m.createdAt)}</Typography.Text>
                </Space>
              </Flex>
              {m.contentVisible ? <div style={pre}>{m.body}</div> : <HiddenPiece compact piece="message" level={m.confidentiality} />}
              {m.proposedConditions ? (
                <div className="message-conditions">
                  <Typography.Text strong>{t('items:conditions.proposed')}: </Typography.Text>
                  <span style={pre}>{m.proposedConditions}</span>
                </div>
              ) : null}
            </div>
          ))}
        </Flex>
      )}
    </div>
  );
}

function detailText(t: TFunction, e: TimelineEntry, party: { context: string }): string | null {
  const d = e.details ?? {};
  const parts: string[] = [];
  if (typeof d.outgoingNumber === 'string') {
    parts.push(
      typeof d.outgoingDate === 'string'
        ? t('items:registration.outgoing', { number: d.outgoingNumber, date: formatDate(d.outgoingDate) })
        : t('items:registration.outgoingNoDate', { number: d.outgoingNumber }),
    );
  }
  if (typeof d.incomingNumber === 'string')
    parts.push(
      typeof d.incomingDate === 'string'
        ? t('items:registration.incomingFull', { number: d.incomingNumber, date: formatDate(d.incomingDate) })
        : t('items:registration.incomingNoDate', { number: d.incomingNumber }),
    );
  if (typeof d.reason === 'string') parts.push(d.reason);
  if (typeof d.note === 'string') parts.push(d.note);
  if (typeof d.outcome === 'string') parts.push(t(`items:outcomes.${d.outcome}`));
  if (Array.isArray(d.refusalGrounds) && d.refusalGrounds.length) parts.push(d.refusalGrounds.map((g) => t(`items:refusalGrounds.${String(g)}`)).join('; '));
  if (Array.isArray(d.changed) && d.changed.length)
    parts.push(t('items:timeline.changed', { fields: d.changed.map((f) => t(`items:fieldNames.${String(f)}`, { defaultValue: String(f) })).join(', ') }));
  // Files come named only when this user may read them; otherwise as «a file of level X».
  const file = (a: unknown) => {
    const f = (a ?? {}) as { fileName?: string; hidden?: boolean; confidentiality?: string | null };
    // Names as recorded at the time, shown without characters that reorder them (domain/file-names.ts).
    if (f.fileName) return displayFileName(f.fileName);
    return f.confidentiality
      ? t('items:timeline.hiddenFile', { level: t(`items:confidentiality.${f.confidentiality}`) })
      : t('items:timeline.hiddenFileNoLevel');
  };
  if (Array.isArray(d.attached)) parts.push(d.attached.map(file).join(', '));
  if (d.removed) parts.push(file(d.removed));
  if (Array.isArray(d.files)) parts.push(d.files.map(file).join(', '));
  // The scans of a counterpart's letter (issue 10), named like any file.
  if (Array.isArray(d.scans) && d.scans.length) parts.push(d.scans.map(file).join(', '));
  if (e.action === 'confidentiality' && typeof d.from === 'string' && typeof d.to === 'string') {
    const what = d.attachment ? file(d.attachment) : t(`items:pieces.names.${String(d.piece)}`, { defaultValue: String(d.piece) });
    parts.push(t('items:timeline.levelChanged', { piece: what, from: t(`items:confidentiality.${d.from}`), to: t(`items:confidentiality.${d.to}`) }));
  }
  if (typeof d.purpose === 'string') parts.push(t('items:timeline.purpose', { purpose: d.purpose }));
  if (typeof d.decision === 'string') parts.push(t(`items:consents.statuses.${d.decision}`));
  if (Array.isArray(d.routeReasons) && d.routeReasons.length) parts.push(d.routeReasons.map((r) => t(`items:route.reasons.${String(r)}`, party)).join('; '));
  return parts.length ? parts.join(' · ') : null;
}

/** Who did what and when, from the first draft on. */
export function TimelinePanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const locale = currentLocale();
  const timeline = useTimeline(item.id);
  if (timeline.error) return <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const entries = timeline.data?.items ?? [];
  return (
    <Timeline
      data-testid="timeline"
      items={entries.map((e) => {
        const detail = detailText(t, e, party);
        const fromLetter = letterLine(t, item, e, locale);
        return {
          key: e.id,
          color: e.toStatus && e.toStatus !== e.fromStatus ? 'blue' : 'gray',
          content: (
            <div>
              <Space size={6} wrap>
                <Typography.Text strong>{t(`items:timeline.actions.${e.action}`, { defaultValue: e.action })}</Typography.Text>
                {e.toStatus && e.fromStatus !== e.toStatus && isItemStatus(e.toStatus) ? <StatusTag status={e.toStatus} /> : null}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)} · {e.actor?.fullName ?? t('items:timeline.system')}
                  {e.officeCode ? ` · ${e.officeCode}` : ''}
                </Typography.Text>
              </div>
              {fromLetter ? (
                <div style={{ fontSize: 13 }} data-testid="from-letter">
                  <Typography.Text type="secondary">{fromLetter}</Typography.Text>
                </div>
              ) : null}
              {detail ? <div style={{ ...pre, fontSize: 13 }}>{detail}</div> : null}
            </div>
          ),
        };
      })}
    />
  );
}

/** Addressee, office meant and classification. */
export function DetailsPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  return (
    <Descriptions
      size="small"
      column={1}
      layout="vertical"
      colon={false}
      data-testid="details"
      styles={{ label: { paddingBottom: 0, color: 'rgba(0,0,0,0.55)' } }}
    >
      <Descriptions.Item label={t('items:fields.fromOffice')}>
        <OfficeName office={item.fromOffice} />
      </Descriptions.Item>
      <Descriptions.Item label={t('items:fields.toOffice')}>
        <OfficeName office={item.toOffice} />
      </Descriptions.Item>
      {item.intendedOffice ? (
        <Descriptions.Item label={t('items:fields.intendedOffice')}>
          <OfficeName office={item.intendedOffice} />
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('items:fields.subjectMatter')}>{t(`items:subjectMatters.${item.subjectMatter}`, party)}</Descriptions.Item>
      <Descriptions.Item label={t('items:fields.form')}>{item.form ? t(`items:formsShort.${item.form}`) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('items:fields.priorityAreas')}>
        {item.priorityAreas.length ? item.priorityAreas.map((a) => t(`items:areas.${a}`)).join('; ') : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('items:fields.language')}>
        {t(`items:languages.${item.language}`)}
        {item.translationAttached ? ` · ${t('items:fields.translationAttached')}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('items:fields.confidentiality')}>
        <Space orientation="vertical" size={2}>
          <span>
            {t(`items:confidentiality.${item.confidentiality}`)}
            {item.isPublic ? ` · ${t('items:fields.isPublicShort')}` : ''}
          </span>
          {item.highestConfidentiality !== item.confidentiality ? (
            <Space size={4} wrap>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('items:pieces.highest')}:
              </Typography.Text>
              <ConfidentialityTag level={item.highestConfidentiality} />
            </Space>
          ) : null}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('items:fields.costArrangement')}>{t(`items:costs.${item.costArrangement}`)}</Descriptions.Item>
      {item.mode === 'oral' && item.oral ? (
        <Descriptions.Item label={t('items:oral.title')}>
          {t('items:oral.summary', {
            at: formatInZone(item.oral.at, item.oral.confirmationDue.timeZone),
            channel: t(`items:channels.${item.oral.channel}`, { defaultValue: item.oral.channel }),
          })}
          {item.oral.spokenBy ? (
            <div>
              {item.oral.spokenTo ? t('items:oral.who', { by: item.oral.spokenBy, to: item.oral.spokenTo }) : t('items:oral.whoBy', { by: item.oral.spokenBy })}
            </div>
          ) : null}
        </Descriptions.Item>
      ) : null}
      {item.resolution ? (
        <Descriptions.Item label={t('items:fields.resolution')}>
          {item.resolution.executor ? <div>{t('items:resolution.executor', { name: item.resolution.executor.fullName })}</div> : null}
          {item.resolution.instruction ? <div style={pre}>{item.resolution.instruction}</div> : null}
          {item.resolution.dueOn ? <div>{t('items:resolution.dueOn', { date: formatDate(item.resolution.dueOn) })}</div> : null}
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('items:fields.createdAt')}>{formatDateTime(item.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}
