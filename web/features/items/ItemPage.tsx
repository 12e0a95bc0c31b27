import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { awaitsConfirmation } from '../../../domain/deadlines.ts';
import { wasSent, type ItemAction } from '../../../domain/item-status.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import type { ItemView } from '../../api/types.ts';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { ActionDialog, type DialogAction } from './ActionDialog.tsx';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { ConsentsPanel } from './ConsentsPanel.tsx';
import { infoRoles, uploadRoles } from './item-rules.ts';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { LettersPanel } from './LettersPanel.tsx';
import {
  ConsultationPanel,
  ContentPanel,
  DeadlinesPanel,
  DetailsPanel,
  OutcomePanel,
  RegistrationBlock,
  SignaturePanel,
  TimelinePanel,
} from './ItemPanels.tsx';
import { ConfidentialityTag, KindTag, OralTag, OverdueTag, PieceLevel, RouteTag, StatusTag } from './ItemTags.tsx';
import { RouteNotice } from './RouteNotice.tsx';
import { useNow } from './deadline.ts';
import { useItem, useMessages } from './useItems.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { DeliveryBlock } from '../exchange/DeliveryBlock.tsx';

/** Buttons that move the item forward; the rest are secondary, and those that end or refuse are marked danger. */
const PRIMARY: readonly ItemAction[] = ['sign', 'send', 'register', 'record_outcome', 'confirm_in_writing', 'forward', 'confirm_authenticity', 'revise'];
const DANGER: readonly ItemAction[] = ['withdraw', 'return', 'reject_conditions', 'doubt_authenticity'];

function ActionButtons({ item, onAction }: { item: ItemView; onAction: (a: DialogAction) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Space wrap data-testid="actions">
      {item.availableActions.map((a) =>
        a === 'update' ? (
          <Button key={a} icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/items/${item.id}/edit`)} disabled={!item.contentVisible}>
            {t('items:actions.update')}
          </Button>
        ) : (
          <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => onAction(a)}>
            {t(`items:actions.${a}`)}
          </Button>
        ),
      )}
    </Space>
  );
}

/** One request or proposal: what it says, where it stands, what this user may do with it now. */
export default function ItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow();
  const item = useItem(id);
  // Each message has its own level: the thread is always read; the server hides what this user may not read.
  const thread = useMessages(id, Boolean(item.data));
  const [action, setAction] = useState<DialogAction | null>(null);

  if (item.isPending) return <PageSpinner />;
  if (item.error || !item.data) return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  const it = item.data;
  const roles = infoRoles(it);
  const showConsultation = it.conditions.status !== 'none' || it.status === 'consultation' || (thread.data?.items.length ?? 0) > 0;
  const showConsents = roles.received;
  const backTo = it.side === 'sender' ? '/items/outgoing' : it.side === 'receiver' ? '/items/incoming' : '/items/all';

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span>{t('items:page.title', { kind: t(`items:kinds.${it.kind}`), number: formatNumber(it) })}</span>
          </Space>
        }
        extra={<ActionButtons item={it} onAction={setAction} />}
      >
        <Space size={[0, 6]} wrap>
          <LinkButton to={backTo} type="link" size="small" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInlineStart: 0 }}>
            {t(`items:journal.titles.${backTo.split('/').pop()}`)}
          </LinkButton>
          <KindTag kind={it.kind} />
          <StatusTag status={it.status} />
          {it.mode === 'oral' ? <OralTag /> : null}
          {it.route === 'coordinator' ? <RouteTag /> : null}
          {/* The highest level any piece of the item carries, as in the journal; each piece shows its own below. */}
          <ConfidentialityTag level={it.highestConfidentiality} title={t('items:pieces.highestHint')} />
          {it.overdue ? <OverdueTag /> : null}
          <Typography.Text type="secondary">
            {pickText(it.fromOffice.name, locale)} → {pickText(it.toOffice.name, locale)}
          </Typography.Text>
        </Space>
      </PageHeader>

      <RouteNotice
        reasons={it.route === 'coordinator' ? it.routeReasons : []}
        coordinator={pickText(it.toOffice.name, locale)}
        intended={it.intendedOffice ? pickText(it.intendedOffice.name, locale) : null}
        future={!wasSent(it.status)}
      />
      {it.status === 'on_hold' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('items:page.onHold')}
          description={t(`items:page.onHoldSide.${it.side ?? 'other'}`)}
        />
      ) : null}
      {it.status === 'returned' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('items:page.returned')} /> : null}
      {it.exchange && !it.exchange.allowed ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('items:page.exchangeNotAllowed', { date: formatDate(it.exchange.on) })}
          description={t('items:page.exchangeNotAllowedHint', { reason: it.exchange.reason ? t(`registry:exchangeReasons.${it.exchange.reason}`) : '' })}
        />
      ) : null}
      {it.oral && it.side === 'sender' && awaitsConfirmation({ mode: it.mode, oralConfirmedAt: it.oral.confirmedAt, status: it.status }) ? (
        <Alert
          type={it.oral.overdue ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(it.oral.overdue ? 'items:oral.overdue' : 'items:oral.confirmNeeded')}
        />
      ) : null}
      {it.warnings.map((w) => (
        <Alert
          key={w}
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`items:warnings.${w}`, { defaultValue: w })}
          description={t(`items:warningHints.${w}`, { defaultValue: '' }) || undefined}
        />
      ))}
      {it.missingFields.length > 0 && !wasSent(it.status) ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('items:form.missingTitle')}
          description={it.missingFields.map((f) => t(`items:mandatory.${f}`, { defaultValue: f })).join(', ')}
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('items:page.content')} extra={<PieceLevel level={it.confidentiality} />} style={{ marginBottom: 16 }}>
            <ContentPanel item={it} />
          </Card>
          {it.outcome ? (
            <Card
              title={t('items:page.outcome')}
              extra={it.outcome.confidentiality ? <PieceLevel level={it.outcome.confidentiality} /> : null}
              style={{ marginBottom: 16 }}
            >
              <OutcomePanel item={it} />
            </Card>
          ) : null}
          {showConsultation ? (
            <Card title={t('items:page.consultation')} style={{ marginBottom: 16 }}>
              <ConsultationPanel item={it} />
            </Card>
          ) : null}
          <LettersPanel item={it} />
          {it.attachments.length > 0 || it.hiddenAttachments.length > 0 || uploadRoles(it).length > 0 ? (
            <Card title={t('items:attachments.title')} style={{ marginBottom: 16 }}>
              <AttachmentsPanel item={it} />
            </Card>
          ) : null}
          {showConsents ? (
            <Card title={t('items:page.consents')} style={{ marginBottom: 16 }}>
              <ConsentsPanel item={it} />
            </Card>
          ) : null}
          <Card title={t('items:page.timeline')}>
            <TimelinePanel item={it} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('items:page.registration')} style={{ marginBottom: 16 }}>
            <RegistrationBlock item={it} />
          </Card>
          <Card title={t('items:page.deadlines')} style={{ marginBottom: 16 }}>
            <DeadlinesPanel item={it} now={now} />
          </Card>
          <Card title={t(it.paperSignature ? 'items:page.paperSignature' : 'items:page.signature')} style={{ marginBottom: 16 }}>
            <SignaturePanel item={it} />
          </Card>
          <Card title={t('items:page.documents')} style={{ marginBottom: 16 }}>
            <DocumentsPanel item={it} />
          </Card>
          <DeliveryBlock itemId={it.id} registration={it.side === 'sender' ? it.registration : null} />
          <Card title={t('items:page.details')}>
            <DetailsPanel item={it} />
          </Card>
        </Col>
      </Row>
      {action ? <ActionDialog key={action} item={it} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
