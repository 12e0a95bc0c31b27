import { Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { plainValue } from '../../components/texts.ts';
import { formatDate, formatDateTime, userName } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { DataTable } from '../../components/DataTable.tsx';

/** Enumerated fields whose values have their own labels. */
const VALUE_LABELS: Record<string, string> = {
  kind: 'common:officeKinds',
  basis: 'registry:bases',
  certainty: 'registry:certainties',
  party: 'common:parties',
  terminationNoticeFromParty: 'common:parties',
  hosting: 'registry:hostings',
  nodeParty: 'common:nodes',
};

interface Props {
  data: Page<HistoryEntry> | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  pagination: false | object;
  emptyText?: string;
}

/** Who changed what and when, field by field (old → new), with the date the change takes effect (A-5.3). */
export function HistoryTable({ data, loading, error, onRetry, pagination, emptyText }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const value = (field: string, v: unknown) => {
    const ns = VALUE_LABELS[field];
    return ns && typeof v === 'string' ? t(`${ns}.${v}`, { defaultValue: v }) : plainValue(t, v, locale);
  };
  const columns: TableColumnsType<HistoryEntry> = [
    { title: t('registry:history.at'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('registry:history.actor'),
      key: 'actor',
      width: 180,
      render: (_, h) => (h.actor ? userName(t, h.actor.fullName) : t('registry:history.system')),
    },
    {
      title: t('registry:history.object'),
      key: 'object',
      width: 160,
      render: (_, h) =>
        `${t(`registry:history.entities.${h.entityType}`, { defaultValue: h.entityType })} · ${t(`registry:history.actions.${h.action}`, { defaultValue: h.action })}`,
    },
    {
      title: t('registry:history.changes'),
      key: 'changes',
      render: (_, h) =>
        h.changes.length === 0 ? (
          '—'
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {h.changes.map((c) => (
              <li key={c.field}>
                <Typography.Text strong>{t(`registry:fields.${c.field}`, { defaultValue: c.field })}</Typography.Text>: {value(c.field, c.old)} →{' '}
                {value(c.field, c.new)}
              </li>
            ))}
          </ul>
        ),
    },
    { title: t('registry:history.effectiveFrom'), dataIndex: 'effectiveFrom', width: 130, render: (d: string | null) => formatDate(d) },
    { title: t('registry:history.comment'), dataIndex: 'comment', width: 200, render: (c: string | null) => c ?? '—' },
  ];
  return (
    <>
      <ErrorAlert error={error} onRetry={onRetry} />
      <DataTable<HistoryEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        pagination={pagination}
        locale={{ emptyText: emptyText ?? t('registry:history.empty') }}
        scroll={{ x: 1000 }}
      />
    </>
  );
}
