import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MarkNoticesSentBody } from '../../../domain/schemas/registry.ts';
import { api } from '../../api/client.ts';
import type { PartyNoticeView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { HostingTag } from '../../components/Tags.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { usePaging } from '../../components/usePaging.ts';
import { formatDate, formatDateTime, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useToday } from '../auth/useToday.ts';
import { noticeKeys, usePartyNotices } from './usePartyNotices.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { shownReference } from '../exchange/reference.ts';

interface Values {
  sentOn?: string | null;
  outgoingNumber?: string;
  note?: string;
}

function MarkNoticesSentModal({ noticeIds, onClose, onSaved }: { noticeIds: string[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const { submit, pending, error } = useFormMutation({
    form,
    schema: MarkNoticesSentBody,
    toBody: (v: Values) => ({
      sentOn: v.sentOn ?? '',
      outgoingNumber: v.outgoingNumber ?? '',
      note: v.note?.trim() || undefined,
      noticeIds: noticeIds.length > 0 ? noticeIds : undefined,
    }),
    mutationFn: (body) => api.post<{ sent: number }>('/api/v1/party-notices/sent', body),
    invalidate: [noticeKeys.all],
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <FormModal<Values>
      open
      title={t('registry:notices.markTitle')}
      form={form}
      initialValues={{ sentOn: today }}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={error}
      okText={t('registry:notices.mark')}
    >
      <Form.Item name="outgoingNumber" label={t('registry:notices.outgoingNumber')} required>
        <Input autoFocus maxLength={100} />
      </Form.Item>
      <Form.Item name="sentOn" label={t('registry:notices.sentOn')} required>
        <IsoDatePicker allowClear={false} />
      </Form.Item>
      <Form.Item name="note" label={t('registry:notices.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

/**
 * Coordinator only: changes of the coordinating units that the other Party's coordinator —
 * not a user of this node — must learn of by letter, pending until the letter is recorded.
 * Shown on a one-Party node, or whenever there is something to show.
 */
export function PartyNoticesPanel({ always }: { always: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const pendingPaging = usePaging(20);
  const pending = usePartyNotices(true, pendingPaging.params);
  const sentPaging = usePaging(10);
  const sent = usePartyNotices(false, sentPaging.params);
  const [selected, setSelected] = useState<string[]>([]);
  const [marking, setMarking] = useState(false);
  const pendingTotal = pending.data?.total ?? 0;
  if (!always && pendingTotal === 0 && (sent.data?.total ?? 0) === 0) return null;

  const columns: TableColumnsType<PartyNoticeView> = [
    { title: t('registry:notices.created'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('registry:notices.office'),
      key: 'office',
      render: (_, n) => (n.office ? <Link to={`/offices/${n.office.id}`}>{pickText(n.office.name, locale)}</Link> : '—'),
    },
    {
      title: t('registry:notices.fields'),
      key: 'fields',
      render: (_, n) =>
        n.fields.length ? (
          n.fields.map((f) => t(`registry:fields.${f}`, { defaultValue: f })).join(', ')
        ) : (
          <Typography.Text type="secondary">{t('registry:notices.createdOffice')}</Typography.Text>
        ),
    },
    { title: t('registry:notices.effectiveFrom'), dataIndex: 'effectiveFrom', width: 130, render: (v: string | null) => formatDate(v) },
    {
      title: t('registry:notices.to'),
      key: 'to',
      render: (_, n) => (
        <Space size={4} wrap>
          <Link to={`/offices/${n.toOffice.id}`}>{pickText(n.toOffice.name, locale)}</Link>
          <HostingTag hosting={n.toOffice.hosting} />
        </Space>
      ),
    },
  ];
  const sentColumns: TableColumnsType<PartyNoticeView> = [
    ...columns.slice(1),
    {
      title: t('registry:notices.letter'),
      key: 'sent',
      width: 220,
      render: (_, n) => (n.sent ? t('registry:notices.sent', { number: shownReference(t, n.sent.outgoingNumber), date: formatDate(n.sent.sentOn) }) : '—'),
    },
  ];

  return (
    <>
      <Card
        title={t('registry:notices.title', { count: pendingTotal })}
        style={{ marginTop: 16, marginBottom: 16 }}
        data-testid="party-notices"
        extra={
          <Button type="primary" icon={<SendOutlined />} disabled={pendingTotal === 0} onClick={() => setMarking(true)}>
            {selected.length > 0 ? t('registry:notices.markSelected', { count: selected.length }) : t('registry:notices.markAll')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('registry:notices.hint')}</Typography.Paragraph>
        <ErrorAlert error={pending.error} onRetry={() => void pending.refetch()} />
        <DataTable<PartyNoticeView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={pending.data?.items}
          loading={pending.isFetching}
          pagination={pendingPaging.pagination(pending.data?.total)}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          locale={{ emptyText: t('registry:notices.empty') }}
          scroll={{ x: 900 }}
        />
      </Card>
      <Card title={t('registry:notices.sentTitle')}>
        <ErrorAlert error={sent.error} onRetry={() => void sent.refetch()} />
        <DataTable<PartyNoticeView>
          rowKey="id"
          size="middle"
          columns={sentColumns}
          dataSource={sent.data?.items}
          loading={sent.isFetching}
          pagination={sentPaging.pagination(sent.data?.total)}
          locale={{ emptyText: t('registry:notices.sentEmpty') }}
          scroll={{ x: 900 }}
        />
      </Card>
      {marking ? (
        <MarkNoticesSentModal
          noticeIds={selected}
          onClose={() => setMarking(false)}
          onSaved={() => {
            setSelected([]);
            void message.success(t('registry:notices.marked'));
          }}
        />
      ) : null}
    </>
  );
}
