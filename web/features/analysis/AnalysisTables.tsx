import { Card, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeRef } from '../../../domain/schemas/registry.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { OfficeName } from '../items/ItemTags.tsx';
import { formatNumber, TABLE_TABS, type TableTab } from './analysis-state.ts';
import type { AnalysisView } from './useAnalysis.ts';
import { DataTable } from '../../components/DataTable.tsx';

const COUNT_WIDTH = 100;
const LABEL_WIDTH = 260;

interface CountColumn<T> {
  key: string;
  title: string;
  value: (r: T) => number | null;
}

interface CountTableProps<T> {
  rows: readonly T[];
  rowKey: (r: T) => string;
  /** The first column: what a row counts; sorted by its text. */
  label: { title: string; text: (r: T) => string; render?: (r: T) => ReactNode };
  counts: CountColumn<T>[];
  empty: string;
  testId: string;
}

/** A table of counts: sortable on every column, with a total row. */
function CountTable<T extends object>({ rows, rowKey, label, counts, empty, testId }: CountTableProps<T>) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const columns: TableColumnsType<T> = [
    {
      title: label.title,
      key: 'label',
      sorter: (a, b) => label.text(a).localeCompare(label.text(b), locale),
      render: (_, r) => (label.render ? label.render(r) : label.text(r)),
    },
    ...counts.map((c) => ({
      title: c.title,
      key: c.key,
      width: COUNT_WIDTH,
      align: 'right' as const,
      sorter: (a: T, b: T) => (c.value(a) ?? -1) - (c.value(b) ?? -1),
      sortDirections: ['descend' as const, 'ascend' as const],
      render: (_: unknown, r: T) => formatNumber(c.value(r), locale),
    })),
  ];
  return (
    <DataTable<T>
      rowKey={rowKey}
      size="small"
      bordered
      data-testid={testId}
      columns={columns}
      dataSource={[...rows]}
      pagination={false}
      scroll={{ x: LABEL_WIDTH + counts.length * COUNT_WIDTH }}
      locale={{ emptyText: empty }}
      summary={(page) =>
        page.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('analysis:tables.total')}</Typography.Text>
            </Table.Summary.Cell>
            {counts.map((c, i) => {
              const values = page.map(c.value).filter((v): v is number => v !== null);
              return (
                <Table.Summary.Cell key={c.key} index={i + 1} align="right">
                  <Typography.Text strong>
                    {values.length
                      ? formatNumber(
                          values.reduce((a, v) => a + v, 0),
                          locale,
                        )
                      : '—'}
                  </Typography.Text>
                </Table.Summary.Cell>
              );
            })}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

/**
 * The tables of the report, one tab each (the tab lives in the address): by office, by the other
 * Party's office, by form, by area, by outcome, refusals by ground, events.
 */
export function AnalysisTables({ data, tab, onTab }: { data: AnalysisView; tab: TableTab; onTab: (tab: TableTab) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const cy = data.compareYear;
  const empty = t('analysis:tables.empty', { year: data.year });
  const officeLabel = (title: string) => ({
    title,
    text: (r: { office: OfficeRef }) => pickText(r.office.name, locale),
    render: (r: { office: OfficeRef }) => <OfficeName office={r.office} />,
  });
  const sentReceived = <T extends { sent: number; received: number; compareSent: number | null; compareReceived: number | null }>(): CountColumn<T>[] => [
    { key: 'sent', title: t('analysis:col.sent'), value: (r) => r.sent },
    { key: 'received', title: t('analysis:col.received'), value: (r) => r.received },
    ...(cy
      ? [
          { key: 'compareSent', title: t('analysis:col.sentIn', { year: cy }), value: (r: T) => r.compareSent },
          { key: 'compareReceived', title: t('analysis:col.receivedIn', { year: cy }), value: (r: T) => r.compareReceived },
        ]
      : []),
  ];
  type Office = AnalysisView['byOffice'][number];
  type Row<K extends keyof AnalysisView> = AnalysisView[K] extends readonly (infer R)[] ? R : never;

  const panes: Record<TableTab, ReactNode> = {
    offices: (
      <CountTable<Office>
        testId="table-offices"
        rows={data.byOffice}
        rowKey={(r) => r.office.id}
        label={officeLabel(t('analysis:col.office'))}
        counts={[
          { key: 'sent', title: t('analysis:col.sent'), value: (r) => r.sent },
          { key: 'received', title: t('analysis:col.received'), value: (r) => r.received },
          { key: 'answered', title: t('analysis:col.answered'), value: (r) => r.answered },
          { key: 'inTime', title: t('analysis:col.inTime'), value: (r) => r.inTime },
          { key: 'late', title: t('analysis:col.late'), value: (r) => r.late },
          { key: 'refused', title: t('analysis:col.refused'), value: (r) => r.refusedByUs },
          ...(cy
            ? [
                { key: 'compareSent', title: t('analysis:col.sentIn', { year: cy }), value: (r: Office) => r.compareSent },
                { key: 'compareReceived', title: t('analysis:col.receivedIn', { year: cy }), value: (r: Office) => r.compareReceived },
              ]
            : []),
        ]}
        empty={empty}
      />
    ),
    counterparts: (
      <CountTable<Row<'byCounterpart'>>
        testId="table-counterparts"
        rows={data.byCounterpart}
        rowKey={(r) => r.office.id}
        label={officeLabel(t('analysis:col.counterpart'))}
        counts={sentReceived()}
        empty={empty}
      />
    ),
    forms: (
      <CountTable<Row<'byForm'>>
        testId="table-forms"
        rows={data.byForm}
        rowKey={(r) => r.form || '-'}
        label={{ title: t('analysis:col.form'), text: (r) => (r.form ? t(`items:forms.${r.form}`) : t('analysis:noForm')) }}
        counts={sentReceived()}
        empty={empty}
      />
    ),
    areas: (
      <CountTable<Row<'byArea'>>
        testId="table-areas"
        rows={data.byArea}
        rowKey={(r) => r.area}
        label={{ title: t('analysis:col.area'), text: (r) => t(`items:areas.${r.area}`) }}
        counts={sentReceived()}
        empty={empty}
      />
    ),
    outcomes: (
      <CountTable<Row<'byOutcome'>>
        testId="table-outcomes"
        rows={data.byOutcome}
        rowKey={(r) => r.status}
        label={{ title: t('analysis:col.outcome'), text: (r) => t(`items:statuses.${r.status}`) }}
        counts={sentReceived()}
        empty={empty}
      />
    ),
    refusals: (
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('analysis:tables.refusalsHint')}
        </Typography.Text>
        <CountTable<Row<'refusals'>>
          testId="table-refusals"
          rows={data.refusals}
          rowKey={(r) => r.ground}
          label={{ title: t('analysis:col.ground'), text: (r) => t(`items:refusalGrounds.${r.ground}`) }}
          counts={[
            { key: 'byUs', title: t('analysis:col.byUs'), value: (r) => r.byUs },
            { key: 'toUs', title: t('analysis:col.toUs'), value: (r) => r.toUs },
          ]}
          empty={empty}
        />
      </Space>
    ),
    events: (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <div>
          <Typography.Title level={2} style={{ fontSize: 15, marginTop: 0 }}>
            {t('analysis:tables.eventsByType')}
          </Typography.Title>
          <CountTable<AnalysisView['events']['byType'][number]>
            testId="table-events"
            rows={data.events.byType}
            rowKey={(r) => r.type}
            label={{ title: t('analysis:col.type'), text: (r) => t(`events:types.${r.type}`) }}
            counts={[
              { key: 'proposed', title: t('analysis:col.proposed'), value: (r) => r.proposed },
              { key: 'held', title: t('analysis:col.held'), value: (r) => r.held },
              { key: 'reported', title: t('analysis:col.reported'), value: (r) => r.reported },
            ]}
            empty={empty}
          />
        </div>
        <div>
          <Typography.Title level={2} style={{ fontSize: 15, marginTop: 0 }}>
            {t('analysis:tables.eventsByOffice')}
          </Typography.Title>
          <CountTable<AnalysisView['events']['byOffice'][number]>
            testId="table-events-offices"
            rows={data.events.byOffice}
            rowKey={(r) => r.office.id}
            label={officeLabel(t('analysis:col.office'))}
            counts={[
              { key: 'proposed', title: t('analysis:col.proposed'), value: (r) => r.proposed },
              { key: 'held', title: t('analysis:col.held'), value: (r) => r.held },
              { key: 'reported', title: t('analysis:col.reported'), value: (r) => r.reported },
            ]}
            empty={empty}
          />
        </div>
      </Space>
    ),
  };

  return (
    <Card size="small" title={t('analysis:tables.title')} style={{ marginBottom: 16 }} data-testid="tables">
      {/* Narrow gaps keep every tab in the bar in Kazakh too: antd puts the overflow menu's button inside the tablist (an ARIA error). */}
      <Tabs
        tabBarGutter={16}
        activeKey={tab}
        onChange={(k) => onTab(k as TableTab)}
        items={TABLE_TABS.map((k) => ({ key: k, label: t(`analysis:tables.${k}`), children: panes[k] }))}
      />
    </Card>
  );
}
