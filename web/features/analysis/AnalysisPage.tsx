import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Select, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { download } from '../../api/client.ts';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useToday } from '../auth/useToday.ts';
import { AnalysisCharts } from './AnalysisCharts.tsx';
import { AnalysisTables } from './AnalysisTables.tsx';
import { NO_COMPARE, parseState, yearOptions, type TableTab } from './analysis-state.ts';
import { FigureCards } from './FigureCards.tsx';
import { ReportPanel } from './ReportPanel.tsx';
import { documentPath, useAnalysis, xlsxPath, type AnalysisView } from './useAnalysis.ts';
import { usePartyContext } from '../auth/useSession.ts';

/** The offices' proposals for improving cooperation, from their submitted annual blocks (O-3.6). */
function OfficeProposals({ data }: { data: AnalysisView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card size="small" title={t('analysis:officeProposals.title')} style={{ height: '100%' }} data-testid="office-proposals">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('analysis:officeProposals.hint', { year: data.year })}
      </Typography.Paragraph>
      {data.officeProposals.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analysis:officeProposals.none')} />
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.officeProposals.map((p) => (
            <li key={p.office.id} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
              <Typography.Text strong>{pickText(p.office.name, locale)}</Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{p.text}</div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/**
 * O-4.3, O-6: the consolidated analysis of the Party's direct cooperation in a year — key figures
 * against a comparison year, charts, tables, the offices' proposals, and the coordinator's
 * conclusions and proposals; the report for the Deputy Prosecutor General as DOCX, the tables as
 * XLSX. The coordinator writes; leadership reads. Year, comparison and table tab live in the address.
 */
export default function AnalysisPage() {
  const { t } = useTranslation();
  const party = usePartyContext();
  const locale = currentLocale();
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const state = parseState(params, today);
  const { data, error, isPending, isPlaceholderData, refetch } = useAnalysis(state.year, state.compare);
  const [busy, setBusy] = useState<'docx' | 'xlsx' | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const update = (changes: Record<string, string | undefined>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace });
  };
  const setYear = (year: number) => {
    // The comparison follows the year unless one was chosen.
    const compare = params.get('compare');
    update({ year: String(year), compare: compare && compare !== NO_COMPARE && Number(compare) === year ? undefined : (compare ?? undefined) });
  };

  const fetchFile = async (kind: 'docx' | 'xlsx') => {
    setBusy(kind);
    setDownloadError(null);
    try {
      await download((kind === 'docx' ? documentPath : xlsxPath)(state.year, state.compare, locale));
    } catch (e) {
      setDownloadError(e);
    } finally {
      setBusy(null);
    }
  };

  const years = yearOptions(today, state.year, state.compare);

  return (
    <>
      <PageHeader
        title={t('analysis:title')}
        extra={
          <>
            <Tooltip title={t('analysis:actions.docxHint')}>
              <Button type="primary" icon={<FileWordOutlined aria-hidden />} loading={busy === 'docx'} disabled={!data} onClick={() => void fetchFile('docx')}>
                {t('analysis:actions.docx')}
              </Button>
            </Tooltip>
            <Tooltip title={t('analysis:actions.xlsxHint')}>
              <Button icon={<FileExcelOutlined aria-hidden />} loading={busy === 'xlsx'} disabled={!data} onClick={() => void fetchFile('xlsx')}>
                {t('analysis:actions.xlsx')}
              </Button>
            </Tooltip>
          </>
        }
      >
        <Typography.Text type="secondary" className="hint" style={{ display: 'block' }}>
          {t('analysis:hint', party)}
        </Typography.Text>
      </PageHeader>
      <div className="table-filters">
        <Row gutter={[16, 8]} align="middle">
          <Col>
            <Space>
              <label htmlFor="analysis-year">{t('analysis:filters.year')}</label>
              <Select<number>
                id="analysis-year"
                aria-label={t('analysis:filters.year')}
                value={state.year}
                style={{ width: 110 }}
                onChange={setYear}
                options={years.map((y) => ({ value: y, label: String(y) }))}
              />
            </Space>
          </Col>
          <Col>
            <Space>
              <label htmlFor="analysis-compare">{t('analysis:filters.compare')}</label>
              <Select<string>
                id="analysis-compare"
                aria-label={t('analysis:filters.compare')}
                value={state.compare === null ? NO_COMPARE : String(state.compare)}
                style={{ width: 170 }}
                onChange={(v) => update({ compare: v })}
                options={[
                  { value: NO_COMPARE, label: t('analysis:filters.noCompare') },
                  ...years.filter((y) => y !== state.year).map((y) => ({ value: String(y), label: String(y) })),
                ]}
              />
            </Space>
          </Col>
          {data ? (
            <Col>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="as-of">
                {t('analysis:asOf', { date: formatDateTime(data.asOf) })}
              </Typography.Text>
            </Col>
          ) : null}
        </Row>
      </div>
      <ErrorAlert error={error} onRetry={() => void refetch()} />
      <ErrorAlert error={downloadError} description={t('analysis:downloadFailed')} />
      {isPending && !data ? <PageSpinner /> : null}
      {data ? (
        // While another year loads, the previous one stays on screen, dimmed.
        <div style={{ opacity: isPlaceholderData ? 0.6 : 1, transition: 'opacity 0.2s' }} aria-busy={isPlaceholderData}>
          <FigureCards data={data} />
          <AnalysisCharts data={data} />
          <AnalysisTables data={data} tab={state.tab} onTab={(tab: TableTab) => update({ tab: tab === 'offices' ? undefined : tab }, true)} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <OfficeProposals data={data} />
            </Col>
            <Col xs={24} xl={12}>
              <ReportPanel data={data} />
            </Col>
          </Row>
        </div>
      ) : null}
    </>
  );
}
