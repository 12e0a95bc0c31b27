import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FigureQuery } from '../../../domain/schemas/annual.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { JournalTable } from '../../components/JournalTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { NotFoundPage } from '../../components/RequireCapability.tsx';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { formatDateTime, pickText, zoneCity } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { overdueRow, useItemColumns } from '../items/ItemCells.tsx';
import { blockPath, figureOf, parseYear, type Figure } from './annual-figures.ts';
import { useBlock, useFigureItems, type BlockView } from './useAnnual.ts';
import { LinkButton } from '../../components/LinkButton.tsx';

/** What the figure counts, in words: which side, what kind, with whom, in what form, area, result or ground. */
function FigureDescription({ figure: f, block }: { figure: Figure; block: BlockView | undefined }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const counterpart = f.counterpart ? block?.figures.byCounterpart.find((c) => c.counterpart.code === f.counterpart)?.counterpart : undefined;
  const rows: [string, string][] = [[t('annual:items.filters.direction'), t(`annual:items.direction.${f.direction}`)]];
  if (f.kind) rows.push([t('annual:items.filters.kind'), t(`items:kinds.${f.kind}`)]);
  if (f.counterpart)
    rows.push([t('annual:items.filters.counterpart'), counterpart ? `${pickText(counterpart.name, locale)} (${f.counterpart})` : f.counterpart]);
  if (f.form !== undefined)
    rows.push([t('annual:items.filters.form'), f.form ? t(`items:forms.${f.form}`, { defaultValue: f.form }) : t('annual:figures.noForm')]);
  if (f.area) rows.push([t('annual:items.filters.area'), t(`items:areas.${f.area}`, { defaultValue: f.area })]);
  if (f.status) rows.push([t('annual:items.filters.status'), t(`items:statuses.${f.status}`, { defaultValue: f.status })]);
  if (f.ground) rows.push([t('annual:items.filters.ground'), t(`items:refusalGrounds.${f.ground}`, { defaultValue: f.ground })]);
  if (f.measure && f.measure !== 'all') rows.push([t('annual:items.filters.measure'), t(`annual:items.measures.${f.measure}`)]);
  return (
    <Descriptions size="small" column={1} bordered data-testid="figure-description" styles={{ label: { width: 240 } }} style={{ marginBottom: 16 }}>
      {rows.map(([label, value]) => (
        <Descriptions.Item key={label} label={label}>
          {value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/**
 * O-3.6: the items one figure of an annual block counts, as journal rows; a row opens the item.
 * The figure, the page and its size live in the address.
 */
export default function AnnualItemsPage() {
  const { officeCode = '', year: yearParam } = useParams();
  const year = parseYear(yearParam);
  if (year === null) return <NotFoundPage />;
  return <ItemsPage officeCode={officeCode} year={year} />;
}

function ItemsPage({ officeCode, year }: { officeCode: string; year: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const filters = useUrlFilters(FigureQuery);
  const figure = figureOf(filters.values);
  const block = useBlock(officeCode, year);
  const list = useFigureItems(officeCode, year, figure ? filters.query : null);
  const columns = useItemColumns({ counterpart: 'both', intended: true });
  const b = block.data;

  const officeName = b ? pickText(b.office.name, locale) : officeCode;
  return (
    <>
      <PageHeader title={t('annual:items.title')}>
        <Space size={[8, 6]} wrap align="center">
          <LinkButton to={blockPath(officeCode, year)} type="link" size="small" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInlineStart: 0 }}>
            {t('annual:items.back')}
          </LinkButton>
          <Typography.Text type="secondary">{t('annual:items.subtitle', { office: officeName, year })}</Typography.Text>
        </Space>
      </PageHeader>
      <ErrorAlert error={block.error} />
      {figure ? (
        <>
          <FigureDescription figure={figure} block={b} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('annual:items.periodNote', { year, timeZone: b ? zoneCity(t, b.due.timeZone) : '' })}
          </Typography.Paragraph>
          {b?.status === 'submitted' ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('annual:items.fixedNote', { date: formatDateTime(b.figuresAsOf) })} />
          ) : null}
          <JournalTable
            filters={filters}
            columns={columns}
            result={list}
            open={{ href: (r) => `/items/${r.id}`, on: 'click' }}
            rowClassName={overdueRow}
            emptyText={t('annual:items.empty')}
            scrollX={1100}
            testId="figure-items"
          />
        </>
      ) : (
        <Alert type="warning" showIcon title={t('annual:items.invalid')} />
      )}
    </>
  );
}
