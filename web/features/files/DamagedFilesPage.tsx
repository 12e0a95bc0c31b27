import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DamagedFileList, DamagedFileView, FileCheckResult } from '../../../domain/schemas/files.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessage } from '../../components/error-message.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { DataTable } from '../../components/DataTable.tsx';

const DAMAGED_KEY = ['files', 'damaged'] as const;

/**
 * The administrators' page of stored files that failed their integrity check: when each was found,
 * what it backs (number, office, attachment id — never a file name), where it lives under
 * FILES_DIR to restore it from a backup, and a check that clears the mark once it is intact.
 */
export default function DamagedFilesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: DAMAGED_KEY, queryFn: () => api.get<DamagedFileList>('/api/v1/files/damaged') });
  const check = useMutation({
    mutationFn: (f: DamagedFileView) => api.post<FileCheckResult>(`/api/v1/files/${f.sha256}/check`),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: DAMAGED_KEY });
      if (r.result === 'ok') void message.success(t('files:checked.ok', { count: r.cleared }));
      else void message.warning(t(`files:checked.${r.result}`));
    },
    onError: (e) => void message.error(errorMessage(t, e)),
  });

  const columns: TableColumnsType<DamagedFileView> = [
    { title: t('files:columns.detectedAt'), dataIndex: 'detectedAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('files:columns.fault'),
      dataIndex: 'fault',
      width: 170,
      render: (v: DamagedFileView['fault']) => <Tag color="red">{t(`files:faults.${v}`)}</Tag>,
    },
    {
      title: t('files:columns.path'),
      dataIndex: 'path',
      render: (p: string) => (
        <Typography.Text code copyable={{ text: p }} style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {p}
        </Typography.Text>
      ),
    },
    {
      title: t('files:columns.uses'),
      key: 'uses',
      render: (_, f) => (
        <Space orientation="vertical" size={4}>
          {f.uses.map((u) => (
            <div key={u.attachmentId}>
              <div>
                {t(`files:use.${u.kind}`, { number: u.number })} · <span title={pickText(u.officeName, locale)}>{u.officeCode}</span>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('files:attachment', { id: u.attachmentId })}
                {u.uploadedByOfficeCode ? ` · ${t('files:uploadedBy', { office: u.uploadedByOfficeCode })}` : ''}
              </Typography.Text>
            </div>
          ))}
        </Space>
      ),
    },
    {
      title: t('common:actionsColumn'),
      key: 'actions',
      width: 170,
      render: (_, f) => (
        <Button
          icon={<SafetyCertificateOutlined aria-hidden />}
          loading={check.isPending && check.variables?.sha256 === f.sha256}
          onClick={() => check.mutate(f)}
        >
          {t('files:check')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('files:title')}>
        <Alert type="info" showIcon title={t('files:intro')} />
      </PageHeader>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <DataTable<DamagedFileView>
        rowKey="sha256"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: t('files:empty') }}
      />
    </>
  );
}
