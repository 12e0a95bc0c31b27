import { Alert, Drawer, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { OPEN_STATUSES } from '../../../domain/item-status.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import type { ItemListRow, OfficeRef } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { ConfidentialityTag, CountdownText, KindTag, OfficeName, OralTag, OverdueTag, RestrictedBadge, StatusTag } from '../items/ItemTags.tsx';
import { useNow } from '../items/deadline.ts';
import { counterpartSide, PAGE_SIZES, type OversightCell } from './oversight-state.ts';
import { useOversightItems } from './useOversight.ts';

interface Props {
  office: OfficeRef | null;
  /** The office code from the address, while the dashboard (and so the office's name) loads. */
  officeCode: string;
  cell: OversightCell;
  page: number;
  limit: number;
  /** The coordinator opens an item's card; leadership reads the list only (the server shows it no card). */
  canOpenItems: boolean;
  onPage: (page: number, limit: number) => void;
  onClose: () => void;
}

/** O-4.1: the items one number of the dashboard counts. */
export function CellItemsDrawer({ office, officeCode, cell, page, limit, canOpenItems, onPage, onClose }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const now = useNow(60_000);
  const { data, error, isFetching, refetch } = useOversightItems(officeCode, cell, limit, (page - 1) * limit);
  const side = counterpartSide(cell);
  const officeName = office ? pickText(office.name, locale) : officeCode;

  const columns: TableColumnsType<ItemListRow> = [
    {
      title: t('items:fields.number'),
      key: 'number',
      width: 120,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          {canOpenItems ? (
            <Link to={`/items/${r.id}`} aria-label={t('items:journal.open', { number: formatNumber(r) })} onClick={(e) => e.stopPropagation()}>
              № {formatNumber(r)}
            </Link>
          ) : (
            <Typography.Text strong>№ {formatNumber(r)}</Typography.Text>
          )}
          <KindTag kind={r.kind} />
          {r.mode === 'oral' ? <OralTag /> : null}
        </Space>
      ),
    },
    {
      title: t(side === 'fromOffice' ? 'items:fields.fromOffice' : 'items:fields.toOffice'),
      key: 'counterpart',
      width: 220,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <OfficeName office={r[side]} />
          {r.intendedOffice ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              → <OfficeName office={r.intendedOffice} />
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('items:journal.subjectColumn'),
      key: 'subject',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          {r.subject === null ? <RestrictedBadge /> : <Typography.Text>{r.subject || t('items:noSubject')}</Typography.Text>}
          <ConfidentialityTag level={r.confidentiality} hideOpen />
        </Space>
      ),
    },
    { title: t('items:fields.status'), key: 'status', width: 150, render: (_, r) => <StatusTag status={r.status} /> },
    {
      title: t('oversight:drawer.dates'),
      key: 'dates',
      width: 220,
      render: (_, r) => {
        const open = OPEN_STATUSES.includes(r.status);
        const unconfirmed = r.mode === 'oral' && r.confirmationDueAt && !r.oralConfirmedAt && r.status !== 'withdrawn';
        return (
          <Space orientation="vertical" size={2}>
            {r.sentAt ? <span>{t('items:registration.sentOn', { date: formatDate(r.sentAt) })}</span> : null}
            {r.answerDue ? <span>{t('items:deadline.until', { date: formatDate(r.answerDue.lastDay) })}</span> : null}
            {r.answerDueAt && open ? <CountdownText dueAt={r.answerDueAt} now={now} /> : null}
            {unconfirmed ? <CountdownText dueAt={r.confirmationDueAt!} now={now} prefix={t('items:oral.confirmationShort')} /> : null}
            {r.overdue || (unconfirmed && Date.parse(r.confirmationDueAt!) <= now) ? <OverdueTag /> : null}
          </Space>
        );
      },
    },
  ];

  return (
    <Drawer open size={1040} title={t('oversight:drawer.title', { cell: t(`oversight:cellTitles.${cell}`), office: officeName })} onClose={onClose} destroyOnHidden>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t(`oversight:cellHints.${cell}`)}</Typography.Text>
        {canOpenItems ? null : <Alert type="info" showIcon title={t('oversight:drawer.leadershipHint')} />}
        <ErrorAlert error={error} onRetry={() => void refetch()} />
        <Table<ItemListRow>
          rowKey="id"
          size="small"
          data-testid="cell-items"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          onRow={(r) => (canOpenItems ? { onClick: () => navigate(`/items/${r.id}`), style: { cursor: 'pointer' } } : {})}
          pagination={{
            current: page,
            pageSize: limit,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            hideOnSinglePage: false,
            showTotal: (count) => t('common:list.total', { count }),
            onChange: (p, size) => onPage(size !== limit ? 1 : p, size),
          }}
          locale={{ emptyText: t('oversight:drawer.empty') }}
          scroll={{ x: 900 }}
        />
      </Space>
    </Drawer>
  );
}
