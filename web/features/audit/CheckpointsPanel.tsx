import { DownloadOutlined, KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download, withQuery } from '../../api/client.ts';
import type { AuditCheckpoint, AuditCheckpointList, AuditCheckpointView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { DataTable } from '../../components/DataTable.tsx';

/**
 * The signed checkpoints of the chain head (kept outside the database): sign one now, list them,
 * and download the file and the public key to keep elsewhere.
 */
export function CheckpointsPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const paging = usePaging(20);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const list = useQuery({
    queryKey: ['audit', 'checkpoints', paging.params],
    queryFn: () => api.get<AuditCheckpointList>(withQuery('/api/v1/audit/checkpoints', paging.params)),
    placeholderData: keepPreviousData,
  });
  const sign = useMutation({
    mutationFn: () => api.post<AuditCheckpoint>('/api/v1/audit/checkpoints'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });
  const fetchFile = async (path: string) => {
    setDownloadError(null);
    try {
      await download(path);
    } catch (e) {
      setDownloadError(e);
    }
  };

  const columns: TableColumnsType<AuditCheckpointView> = [
    { title: t('audit:checkpoints.fields.seq'), dataIndex: 'seq', width: 100 },
    { title: t('audit:checkpoints.fields.rows'), dataIndex: 'rows', width: 100 },
    { title: t('audit:checkpoints.fields.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit:checkpoints.fields.hash'),
      dataIndex: 'hash',
      ellipsis: true,
      render: (v: string) => (
        <Typography.Text code copyable={{ text: v }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('audit:checkpoints.fields.signature'),
      dataIndex: 'signatureValid',
      width: 150,
      render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? t('audit:checkpoints.valid') : t('audit:checkpoints.invalid')}</Tag>,
    },
    { title: t('audit:checkpoints.fields.line'), dataIndex: 'line', width: 80 },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('audit:checkpoints.hint')}</Typography.Paragraph>
      <Space wrap>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={sign.isPending} onClick={() => sign.mutate()}>
          {t('audit:checkpoints.sign')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => void fetchFile('/api/v1/audit/checkpoints.jsonl')}>
          {t('audit:checkpoints.download')}
        </Button>
        <Button icon={<KeyOutlined />} onClick={() => void fetchFile('/api/v1/audit/checkpoint-key.pem')}>
          {t('audit:checkpoints.downloadKey')}
        </Button>
        {list.data ? <Typography.Text type="secondary">{t('audit:checkpoints.key', { keyId: list.data.key.keyId })}</Typography.Text> : null}
      </Space>
      <ErrorAlert error={sign.error} />
      <ErrorAlert error={downloadError} />
      {sign.data ? <Alert type="success" showIcon title={t('audit:checkpoints.signed', { seq: sign.data.seq })} /> : null}
      {list.data?.malformed ? <Alert type="warning" showIcon title={t('audit:checkpoints.malformed', { count: list.data.malformed })} /> : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <DataTable<AuditCheckpointView>
        rowKey="line"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={paging.pagination(list.data?.total)}
        locale={{ emptyText: t('audit:checkpoints.empty') }}
        scroll={{ x: 900 }}
      />
    </Space>
  );
}
