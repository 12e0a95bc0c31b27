import { ArrowLeftOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasRole } from '../../../domain/access.ts';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime, zoneCity } from '../../i18n/format.ts';
import { useUser, usePartyContext } from '../auth/useSession.ts';
import { useToday } from '../auth/useToday.ts';
import { OfficeName } from '../items/ItemTags.tsx';
import { useNow } from '../items/deadline.ts';
import { NotFoundPage } from '../../components/RequireCapability.tsx';
import { blockPath, defaultYear, parseYear } from './annual-figures.ts';
import { AnnualFigures } from './AnnualFigures.tsx';
import { BlockStatusTag, YearSelect } from './AnnualTags.tsx';
import { BlockActionDialog, type BlockDialogAction } from './BlockActionDialog.tsx';
import { BlockDocumentButton, BlockDuePanel, BlockHistory } from './BlockPanels.tsx';
import { ProposalsEditor, unsavedProposals, type ProposalsValues } from './ProposalsEditor.tsx';
import { useBlock, type BlockView } from './useAnnual.ts';
import { LinkButton } from '../../components/LinkButton.tsx';

function ActionButtons({ block, onAction }: { block: BlockView; onAction: (a: BlockDialogAction) => void }) {
  const { t } = useTranslation();
  return (
    <Space wrap data-testid="actions">
      {block.availableActions.includes('submit') ? (
        <Button type="primary" onClick={() => onAction('submit')}>
          {t('annual:actions.submit')}
        </Button>
      ) : null}
      {block.availableActions.includes('return') ? (
        <Button danger onClick={() => onAction('return')}>
          {t('annual:actions.return')}
        </Button>
      ) : null}
      <BlockDocumentButton block={block} />
    </Space>
  );
}

/**
 * O-3.6: an office's annual block — «О непосредственных рабочих контактах с органами прокуратуры
 * Республики Казахстан в … году»: the deadline, the figures (each opening its items), the
 * proposals, submission and return, the course of work.
 */
export default function AnnualBlockPage() {
  const { officeCode = '', year: yearParam } = useParams();
  const year = parseYear(yearParam);
  if (year === null) return <NotFoundPage />;
  return <BlockPage key={`${officeCode}/${year}`} officeCode={officeCode} year={year} />;
}

function BlockPage({ officeCode, year }: { officeCode: string; year: number }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const user = useUser();
  const today = useToday();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const block = useBlock(officeCode, year);
  const [action, setAction] = useState<BlockDialogAction | null>(null);
  const [form] = Form.useForm<ProposalsValues>();

  if (block.isPending) return <PageSpinner />;
  if (block.error || !block.data) return <ErrorAlert error={block.error} onRetry={() => void block.refetch()} />;
  const b = block.data;
  const partyView = hasRole(user, 'coordinator', 'leadership');
  const listPath = `/annual${year === defaultYear(today) ? '' : `?year=${year}`}`;
  const returned = b.status === 'returned' && b.returned;

  return (
    <>
      <PageHeader title={t(`annual:heading.${b.office.party}`, { year: b.year })} extra={<ActionButtons block={b} onAction={setAction} />}>
        <Space size={[8, 6]} wrap align="center">
          {partyView ? (
            <LinkButton to={listPath} type="link" size="small" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInlineStart: 0 }}>
              {t('annual:actions.backToList')}
            </LinkButton>
          ) : null}
          <Typography.Text strong>
            <OfficeName office={b.office} />
          </Typography.Text>
          <BlockStatusTag status={b.status} />
          <YearSelect value={year} today={today} onChange={(y) => navigate(blockPath(b.office.code, y))} />
        </Space>
      </PageHeader>

      {b.overdue ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="block-overdue"
          title={t('annual:page.overdue', { date: formatDate(b.due.lastDay) })}
        />
      ) : null}
      {b.late && b.status === 'submitted' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="block-late"
          title={t('annual:page.lateTitle')}
          description={t('annual:page.late', {
            ...party,
            date: formatDateTime(b.submittedAt),
            count: b.daysLate,
            lastDay: formatDate(b.due.lastDay),
            timeZone: zoneCity(t, b.due.timeZone),
          })}
        />
      ) : null}
      {returned ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="block-returned"
          title={t('annual:page.returnedTitle')}
          description={
            <>
              {b.returned?.reason ? <div style={{ whiteSpace: 'pre-wrap' }}>{b.returned.reason}</div> : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('annual:page.returnedBy', { name: b.returned?.by ?? t('annual:history.system'), date: formatDateTime(b.returned?.at) })}
              </Typography.Text>
            </>
          }
        />
      ) : null}

      <Card title={t('annual:page.status')} size="small" style={{ marginBottom: 16 }}>
        <BlockDuePanel block={b} now={now} />
      </Card>
      <Card
        title={t('annual:page.figures')}
        style={{ marginBottom: 16 }}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="figures-as-of">
            <InfoCircleOutlined aria-hidden />{' '}
            {t(b.status === 'submitted' ? 'annual:page.asOfFixed' : 'annual:page.asOfLive', { date: formatDateTime(b.figuresAsOf) })}
          </Typography.Text>
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('annual:page.figuresHint', { year: b.year, timeZone: zoneCity(t, b.due.timeZone) })}
        </Typography.Paragraph>
        <AnnualFigures block={b} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('annual:proposals.title')} data-testid="proposals" style={{ height: '100%' }}>
            <ProposalsEditor block={b} form={form} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('annual:page.history')} style={{ height: '100%' }}>
            <BlockHistory block={b} />
          </Card>
        </Col>
      </Row>
      {action ? (
        <BlockActionDialog
          key={action}
          block={b}
          action={action}
          unsaved={action === 'submit' ? unsavedProposals(form, b) : null}
          onClose={() => setAction(null)}
        />
      ) : null}
    </>
  );
}
