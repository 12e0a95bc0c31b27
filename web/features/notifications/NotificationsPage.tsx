import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Segmented, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, withQuery } from '../../api/client.ts';
import type { NotificationPage, NotificationView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessage } from '../../components/error-message.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { notificationLink, notificationText } from './notification-text.ts';
import { DataTable } from '../../components/DataTable.tsx';

type Filter = 'all' | 'unread';

export default function NotificationsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const paging = usePaging(20);
  const list = useQuery({
    queryKey: ['notifications', 'list', filter, paging.params],
    queryFn: () => api.get<NotificationPage>(withQuery('/api/v1/notifications', { unread: filter === 'unread' ? 'true' : undefined, ...paging.params })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const markRead = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => api.post<{ updated: number }>('/api/v1/notifications/read', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
    onError: (e) => void message.error(errorMessage(t, e)),
  });
  const unread = list.data?.unread ?? 0;

  const columns: TableColumnsType<NotificationView> = [
    {
      title: t('notifications:page.when'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string, n) => (
        <Space size={6}>
          {n.readAt ? null : <Badge status="processing" aria-label={t('notifications:page.unread')} />}
          {formatDateTime(v)}
        </Space>
      ),
    },
    {
      title: t('notifications:page.text'),
      key: 'text',
      render: (_, n) => {
        const text = notificationText(t, n, locale);
        const link = notificationLink(n);
        const body = n.readAt ? text : <Typography.Text strong>{text}</Typography.Text>;
        return link ? (
          <Link to={link} onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}>
            {body}
          </Link>
        ) : (
          body
        );
      },
    },
    {
      title: t('common:actionsColumn'),
      key: 'actions',
      width: 200,
      render: (_, n) =>
        n.readAt ? (
          <Typography.Text type="secondary">{t('notifications:page.readAt', { date: formatDateTime(n.readAt) })}</Typography.Text>
        ) : (
          <Button size="small" icon={<CheckOutlined />} onClick={() => markRead.mutate({ ids: [n.id] })}>
            {t('notifications:page.markRead')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notifications:page.title')}
        extra={
          <Button icon={<CheckOutlined />} disabled={unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
            {t('notifications:page.markAllRead')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('notifications:page.unreadCount', { count: unread })}</Typography.Text>
      </PageHeader>
      <Segmented<Filter>
        className="table-filters"
        value={filter}
        onChange={(v) => {
          setFilter(v);
          paging.reset();
        }}
        options={[
          { value: 'all', label: t('notifications:page.all') },
          { value: 'unread', label: t('notifications:page.onlyUnread') },
        ]}
      />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <DataTable<NotificationView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching && !list.data}
        pagination={paging.pagination(list.data?.total)}
        locale={{ emptyText: filter === 'unread' ? t('notifications:page.emptyUnread') : t('notifications:page.empty') }}
      />
    </>
  );
}
