import { Space, Tag, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fullName } from '../../../domain/contacts.ts';
import type { ContactChangeView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { BackdatedNote } from './BackdatedNote.tsx';
import { formatDate, formatDateTime, pickText, userName } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { shownReference } from '../exchange/reference.ts';

const KIND_COLORS: Record<ContactChangeView['kind'], string> = { designated: 'green', updated: 'blue', replaced: 'purple', ended: 'default' };

interface Person {
  surname?: string;
  firstName?: string;
  patronymic?: string | null;
}

interface Props {
  items: ContactChangeView[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  pagination: TablePaginationConfig | false;
  showOffice?: boolean;
  rowSelection?: { selectedRowKeys: string[]; onChange: (keys: string[]) => void };
}

/** Changes of contact persons (who, what, from when, whether already communicated to the other Party). */
export function ContactChangesTable({ items, loading, error, onRetry, pagination, showOffice, rowSelection }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const person = (c: ContactChangeView) => {
    const p = (c.after ?? c.before ?? {}) as Person;
    return fullName({ surname: p.surname ?? null, firstName: p.firstName ?? null, patronymic: p.patronymic ?? null }) || '—';
  };
  const columns: TableColumnsType<ContactChangeView> = [
    { title: t('contacts:changes.changedAt'), dataIndex: 'changedAt', width: 150, render: (v: string) => formatDateTime(v) },
    ...(showOffice
      ? [
          {
            title: t('contacts:changes.office'),
            key: 'office',
            minWidth: 240,
            render: (_: unknown, c: ContactChangeView) => <Link to={`/offices/${c.office.id}`}>{pickText(c.office.name, locale)}</Link>,
          },
        ]
      : []),
    {
      title: t('contacts:changes.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (k: ContactChangeView['kind']) => <Tag color={KIND_COLORS[k]}>{t(`contacts:changeKinds.${k}`)}</Tag>,
    },
    { title: t('contacts:changes.person'), key: 'person', minWidth: 200, render: (_, c) => person(c) },
    {
      title: t('contacts:changes.fields'),
      key: 'fields',
      render: (_, c) =>
        c.kind === 'updated' ? (
          c.changedFields.map((f) => t(`contacts:fields.${f}`, { defaultValue: f })).join(', ')
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('contacts:changes.effectiveFrom'),
      key: 'effectiveFrom',
      width: 200,
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <span>{formatDate(c.effectiveFrom)}</span>
          <BackdatedNote days={c.backdatedDays} recordedOn={c.recordedOn} />
        </Space>
      ),
    },
    { title: t('contacts:changes.by'), key: 'by', width: 180, render: (_, c) => userName(t, c.changedBy?.fullName) || '—' },
    {
      title: t('contacts:changes.communicated'),
      key: 'communicated',
      width: 190,
      render: (_, c) =>
        c.communication ? (
          <Space orientation="vertical" size={0}>
            <Tag color="green">{t('contacts:changes.sent')}</Tag>
            <Typography.Text type="secondary">
              {t('contacts:changes.sentRef', { number: shownReference(t, c.communication.outgoingNumber), date: formatDate(c.communication.sentOn) })}
            </Typography.Text>
          </Space>
        ) : (
          <Tag color="orange">{t('contacts:changes.notSent')}</Tag>
        ),
    },
  ];
  return (
    <>
      <ErrorAlert error={error} onRetry={onRetry} />
      <DataTable<ContactChangeView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={pagination}
        locale={{ emptyText: t('contacts:changes.empty') }}
        rowSelection={rowSelection ? { selectedRowKeys: rowSelection.selectedRowKeys, onChange: (keys) => rowSelection.onChange(keys.map(String)) } : undefined}
        scroll={{ x: showOffice ? 1480 : 1250 }}
      />
    </>
  );
}
