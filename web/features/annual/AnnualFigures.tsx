import { CalendarOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Direction } from '../../../domain/annual.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { OfficeName } from '../items/ItemTags.tsx';
import { eventsPath, figurePath, type Figure } from './annual-figures.ts';
import type { BlockView } from './useAnnual.ts';
import { DataTable } from '../../components/DataTable.tsx';

/** A count that opens the items behind it; a figure of another kind (days) is plain text. */
type Cell = { n: number; figure: Figure } | number | null;

interface FigureRow {
  key: string;
  label: ReactNode;
  /** The row's name in words, for the links' accessible names. */
  text: string;
  cells: Cell[];
}

/** A number of the block as a link to its items; its accessible name says what it counts. */
function FigureLink({ n, to, label }: { n: number; to: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Link
      to={to}
      aria-label={t('annual:figures.link', { value: n, label })}
      title={t('annual:figures.openHint')}
      style={n === 0 ? { color: 'rgba(0,0,0,0.45)' } : { fontWeight: 600 }}
    >
      {n}
    </Link>
  );
}

function FigureTable({
  block,
  testId,
  first,
  columns,
  rows,
  numberWidth,
}: {
  block: BlockView;
  testId: string;
  first: string;
  columns: string[];
  rows: FigureRow[];
  numberWidth?: number;
}) {
  const { t } = useTranslation();
  const cols: TableColumnsType<FigureRow> = [
    { title: first, key: 'label', render: (_, r) => r.label },
    ...columns.map((title, i) => ({
      title,
      key: `c${i}`,
      align: 'right' as const,
      width: numberWidth ?? (columns.length > 2 ? 104 : 110),
      render: (_: unknown, r: FigureRow) => {
        const c = r.cells[i];
        if (c === null || c === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
        if (typeof c === 'number') return String(c).replace('.', ',');
        return <FigureLink n={c.n} to={figurePath(block.office.code, block.year, c.figure)} label={`${title}: ${r.text}`} />;
      },
    })),
  ];
  return (
    <DataTable<FigureRow>
      data-testid={testId}
      size="small"
      pagination={false}
      columns={cols}
      dataSource={rows}
      locale={{ emptyText: t('annual:figures.empty') }}
    />
  );
}

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card size="small" title={<span style={{ whiteSpace: 'normal' }}>{title}</span>} style={{ height: '100%' }}>
    {children}
  </Card>
);

/**
 * The figures of the block (O-3.6), in the order of the report memo: totals, by counterpart, form,
 * area and result, timeliness, oral requests, refusals, consultations, consents and events. Every
 * count opens the items it counts.
 */
export function AnnualFigures({ block }: { block: BlockView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const f = block.figures;
  const sent = t('annual:figures.sent');
  const received = t('annual:figures.received');
  const cell = (n: number, figure: Figure): Cell => ({ n, figure });
  const inOut = (key: string, label: string, out: number, inn: number, filter: Omit<Figure, 'direction'>): FigureRow => ({
    key,
    label,
    text: label,
    cells: [cell(out, { direction: 'out', ...filter }), cell(inn, { direction: 'in', ...filter })],
  });

  const totals: FigureRow[] = [
    inOut('request', t('annual:figures.rows.requests'), f.totals.out.requests, f.totals.in.requests, { kind: 'request' }),
    inOut('proposal', t('annual:figures.rows.proposals'), f.totals.out.proposals, f.totals.in.proposals, { kind: 'proposal' }),
    inOut('all', t('annual:figures.rows.all'), f.totals.out.requests + f.totals.out.proposals, f.totals.in.requests + f.totals.in.proposals, {}),
  ];
  const byCounterpart: FigureRow[] = f.byCounterpart.map((c) => {
    const code = c.counterpart.code;
    return {
      key: code,
      label: <OfficeName office={c.counterpart} />,
      text: pickText(c.counterpart.name, locale),
      cells: [
        cell(c.out.requests, { direction: 'out', kind: 'request', counterpart: code }),
        cell(c.out.proposals, { direction: 'out', kind: 'proposal', counterpart: code }),
        cell(c.in.requests, { direction: 'in', kind: 'request', counterpart: code }),
        cell(c.in.proposals, { direction: 'in', kind: 'proposal', counterpart: code }),
      ],
    };
  });
  const byForm = f.byForm.map((r) => inOut(r.form || '-', r.form ? t(`items:forms.${r.form}`) : t('annual:figures.noForm'), r.out, r.in, { form: r.form }));
  const byArea = f.byArea.map((r) => inOut(r.area, t(`items:areas.${r.area}`), r.out, r.in, { area: r.area }));
  const byStatus = f.byStatus.map((r) => inOut(r.status, t(`items:statuses.${r.status}`), r.out, r.in, { status: r.status }));
  // `in`: refused by this office; `out`: refused to it.
  const refusals: FigureRow[] = f.refusals.map((r) => {
    const label = t(`items:refusalGrounds.${r.ground}`);
    return {
      key: r.ground,
      label,
      text: label,
      cells: [cell(r.in, { direction: 'in', ground: r.ground }), cell(r.out, { direction: 'out', ground: r.ground })],
    };
  });
  const timeliness: FigureRow[] = (['in', 'out'] as const).map((d: Direction) => {
    const x = f.timeliness[d];
    const label = t(d === 'in' ? 'annual:figures.rows.timelinessIn' : 'annual:figures.rows.timelinessOut');
    return {
      key: d,
      label,
      text: label,
      cells: [
        cell(x.answered, { direction: d, measure: 'answered' }),
        cell(x.inTime, { direction: d, measure: 'answered_in_time' }),
        cell(x.late, { direction: d, measure: 'answered_late' }),
        x.meanDays,
        x.medianDays,
      ],
    };
  });
  const oral: FigureRow[] = (['out', 'in'] as const).map((d: Direction) => {
    const x = f.oral[d];
    const label = t(d === 'out' ? 'annual:figures.rows.oralOut' : 'annual:figures.rows.oralIn');
    return {
      key: d,
      label,
      text: label,
      cells: [
        cell(x.total, { direction: d, measure: 'oral' }),
        cell(x.confirmedInTime, { direction: d, measure: 'oral_confirmed_in_time' }),
        cell(x.confirmedLate, { direction: d, measure: 'oral_confirmed_late' }),
        cell(x.unconfirmed, { direction: d, measure: 'oral_unconfirmed' }),
      ],
    };
  });
  const consultations: FigureRow[] = (['in', 'out'] as const).map((d: Direction) => {
    const x = f.consultations[d];
    const label = t(d === 'in' ? 'annual:figures.rows.consultationsIn' : 'annual:figures.rows.consultationsOut');
    return {
      key: d,
      label,
      text: label,
      cells: [
        cell(x.conditionsProposed, { direction: d, measure: 'conditions_proposed' }),
        cell(x.conditionsAccepted, { direction: d, measure: 'conditions_accepted' }),
      ],
    };
  });

  const table = (testId: string, first: string, columns: string[], rows: FigureRow[], numberWidth?: number) => (
    <FigureTable block={block} testId={testId} first={first} columns={columns} rows={rows} numberWidth={numberWidth} />
  );
  const numbers = (testId: string, group: 'consents' | 'events', values: Record<string, number>) => (
    <Descriptions size="small" column={1} bordered data-testid={testId} styles={{ content: { textAlign: 'right', width: 80 } }}>
      {Object.entries(values).map(([k, v]) => (
        <Descriptions.Item key={k} label={t(`annual:figures.${group}.${k}`)}>
          {group === 'consents' ? (
            <FigureLink
              n={v}
              to={figurePath(block.office.code, block.year, { direction: 'in', measure: `consent_${k}` as Figure['measure'] })}
              label={t(`annual:figures.${group}.${k}`)}
            />
          ) : (
            v
          )}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );

  return (
    <div data-testid="annual-figures">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Section title={t('annual:figures.sections.totals')}>{table('figures-totals', t('annual:figures.cols.kind'), [sent, received], totals)}</Section>
        </Col>
        <Col xs={24} xl={15}>
          <Section title={t('annual:figures.sections.byCounterpart')}>
            {table(
              'figures-counterparts',
              t('annual:figures.cols.counterpart'),
              [
                t('annual:figures.cols.sentRequests'),
                t('annual:figures.cols.sentProposals'),
                t('annual:figures.cols.receivedRequests'),
                t('annual:figures.cols.receivedProposals'),
              ],
              byCounterpart,
            )}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('annual:figures.sections.byForm')}>{table('figures-forms', t('annual:figures.cols.form'), [sent, received], byForm)}</Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('annual:figures.sections.byArea')}>{table('figures-areas', t('annual:figures.cols.area'), [sent, received], byArea)}</Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('annual:figures.sections.byStatus')}>
            {table('figures-statuses', t('annual:figures.cols.status'), [sent, received], byStatus)}
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={t('annual:figures.sections.refusals')}>
            {table('figures-refusals', t('annual:figures.cols.ground'), [t('annual:figures.cols.refusedBy'), t('annual:figures.cols.refusedTo')], refusals)}
          </Section>
        </Col>
        <Col xs={24}>
          <Section title={t('annual:figures.sections.timeliness')}>
            {table(
              'figures-timeliness',
              t('annual:figures.cols.direction'),
              [
                t('annual:figures.cols.answered'),
                t('annual:figures.cols.inTime'),
                t('annual:figures.cols.late'),
                t('annual:figures.cols.meanDays'),
                t('annual:figures.cols.medianDays'),
              ],
              timeliness,
            )}
          </Section>
        </Col>
        <Col xs={24}>
          <Section title={t('annual:figures.sections.oral')}>
            {table(
              'figures-oral',
              t('annual:figures.cols.direction'),
              [
                t('annual:figures.cols.oral'),
                t('annual:figures.cols.confirmedInTime'),
                t('annual:figures.cols.confirmedLate'),
                t('annual:figures.cols.unconfirmed'),
              ],
              oral,
            )}
          </Section>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Section title={t('annual:figures.sections.consultations')}>
            {table(
              'figures-consultations',
              t('annual:figures.cols.requests'),
              [t('annual:figures.cols.conditionsProposed'), t('annual:figures.cols.conditionsAccepted')],
              consultations,
              90,
            )}
          </Section>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Section title={t('annual:figures.sections.consents')}>{numbers('figures-consents', 'consents', f.consents)}</Section>
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Section title={t('annual:figures.sections.events')}>
            {numbers('figures-events', 'events', f.events)}
            <div style={{ marginTop: 8 }}>
              <Link to={eventsPath(block.office.code, block.year)}>
                <CalendarOutlined aria-hidden /> {t('annual:figures.events.open', { year: block.year })}
              </Link>
            </div>
          </Section>
        </Col>
      </Row>
    </div>
  );
}
