import { Card, Col, Empty, Row, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import { analysisCharts, barsHeight, forScreen, matrixForScreen, matrixHeight, matrixTooltip, monthsHeight } from './analysis-state.ts';
import { EChart } from './EChart.tsx';
import type { AnalysisView } from './useAnalysis.ts';

function ChartCard({ title, hint, testId, children }: { title: string; hint?: string; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} style={{ height: '100%' }} styles={{ body: { padding: '8px 12px 12px' } }} data-testid={testId}>
      {hint ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '0 0 4px' }}>
          {hint}
        </Typography.Paragraph>
      ) : null}
      {children}
    </Card>
  );
}

/**
 * The charts of the report (O-4.3), drawn from the same ECharts options as the DOCX: the months
 * with the comparison year dashed, the priority areas, the offices, and the exchange matrix.
 */
export function AnalysisCharts({ data }: { data: AnalysisView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const charts = useMemo(() => {
    const c = analysisCharts(data, t, locale);
    return {
      months: forScreen(c.months),
      areas: forScreen(c.areas),
      offices: forScreen(c.offices),
      matrix: { ...matrixForScreen(c.matrix), tooltip: matrixTooltip(data, t, locale) },
    };
  }, [data, t, locale]);
  const nothing = data.summary.sent + data.summary.received === 0;
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analysis:charts.empty', { year: data.year })} style={{ margin: '48px 0' }} />;
  const byMonth = t('analysis:charts.byMonth', { year: data.year });

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="charts">
      <Col xs={24} xl={12}>
        <ChartCard title={byMonth} testId="chart-months">
          {nothing && !data.compareSummary?.sent && !data.compareSummary?.received ? (
            empty
          ) : (
            <EChart option={charts.months} height={monthsHeight} label={byMonth} />
          )}
        </ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard title={t('analysis:charts.byOffice')} testId="chart-offices">
          {data.byOffice.length === 0 ? (
            empty
          ) : (
            <EChart option={charts.offices} height={barsHeight(data.byOffice.length)} label={t('analysis:charts.byOffice')} />
          )}
        </ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard title={t('analysis:charts.byArea')} testId="chart-areas">
          {data.byArea.length === 0 ? empty : <EChart option={charts.areas} height={barsHeight(data.byArea.length)} label={t('analysis:charts.byArea')} />}
        </ChartCard>
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard title={t('analysis:charts.matrix')} hint={t('analysis:charts.matrixHint')} testId="chart-matrix">
          {data.matrix.cells.length === 0 ? (
            empty
          ) : (
            <EChart option={charts.matrix} height={matrixHeight(data.matrix.rows.length)} label={t('analysis:charts.matrix')} />
          )}
        </ChartCard>
      </Col>
    </Row>
  );
}
