import { Card, Statistic, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import { ARROWS, delta, figures, formatNumber, type Delta, type Figure } from './analysis-state.ts';
import type { AnalysisView } from './useAnalysis.ts';

const TONE_COLORS: Record<Delta['tone'], string> = { good: '#389e0d', bad: '#cf1322', neutral: '#595959' };

function FigureCard({ figure, compareYear }: { figure: Figure; compareYear: number | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const d = delta(figure);
  const shown = (n: number | null) =>
    n !== null && figure.unit === 'share' ? t('analysis:percentValue', { value: formatNumber(n, locale) }) : formatNumber(n, locale);
  const detail = Object.fromEntries(Object.entries(figure.detail).map(([k, v]) => [k, formatNumber(v, locale)]));
  const tone = d ? t(`analysis:delta.${d.tone === 'good' ? 'better' : d.tone === 'bad' ? 'worse' : 'same'}`) : '';
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`figure-${figure.key}`}>
      <Statistic title={t(`analysis:figures.${figure.key}.title`)} value={shown(figure.value)} />
      {compareYear ? (
        <div style={{ fontSize: 13, marginTop: 2 }}>
          {d ? (
            <Tooltip title={tone}>
              <span style={{ color: TONE_COLORS[d.tone], fontWeight: 600, marginRight: 6 }} data-testid="delta" data-tone={d.tone}>
                <span aria-hidden>{ARROWS[d.direction]}</span> {t(`analysis:delta.${d.unit}`, { value: formatNumber(d.amount, locale) })}
              </span>
            </Tooltip>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(d ? 'analysis:delta.against' : 'analysis:delta.noBase', { year: compareYear, before: shown(figure.before) })}
          </Typography.Text>
        </div>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
        {t(`analysis:figures.${figure.key}.detail`, detail)}
      </Typography.Paragraph>
    </Card>
  );
}

/** The key figures of the year, each with its change against the comparison year (▲/▼, green when better). */
export function FigureCards({ data }: { data: AnalysisView }) {
  return (
    <div data-testid="figures" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 12, marginBottom: 16 }}>
      {figures(data).map((f) => (
        <FigureCard key={f.key} figure={f} compareYear={data.compareSummary ? data.compareYear : null} />
      ))}
    </div>
  );
}
