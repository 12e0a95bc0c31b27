import { SafetyOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, DatePicker, Input, Row, Select, Space, Tabs, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client.ts';
import type { AuditEntry, AuditVerifyResult, Page } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { DATE_FORMAT, formatDateTime, userName } from '../../i18n/format.ts';
import { CheckpointsPanel } from './CheckpointsPanel.tsx';
import { DataTable } from '../../components/DataTable.tsx';

interface Filters {
  from?: string;
  to?: string;
  actorLogin?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
}

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit:none')}</Typography.Text>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  const good = result.lastGoodCheckpoint;
  const bad = result.badCheckpoint;
  const checkpoints = result.checkpoints.verified ? t('audit:verify.checkpoints', { count: result.checkpoints.verified }) : t('audit:verify.noCheckpoints');
  if (result.ok) {
    return (
      <Alert
        type={result.checkpoints.verified ? 'success' : 'warning'}
        showIcon
        title={t('audit:verify.ok', { count: result.rows, head: result.headSeq ?? 0 })}
        description={
          <>
            <div>{checkpoints}</div>
            {good ? <div>{t('audit:verify.lastGood', { seq: good.seq, at: formatDateTime(good.at) })}</div> : null}
          </>
        }
        style={{ marginBottom: 16 }}
      />
    );
  }
  const title =
    result.reason === 'checkpoint_invalid'
      ? t('audit:verify.invalidCheckpoint', { line: bad?.line ?? '?' })
      : t('audit:verify.broken', { seq: result.firstBadSeq ?? '?' });
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <>
          {result.reason ? <div>{t('audit:verify.reason', { reason: t(`audit:verify.reasons.${result.reason}`) })}</div> : null}
          <div>{good ? t('audit:verify.lastGood', { seq: good.seq, at: formatDateTime(good.at) }) : t('audit:verify.noGood')}</div>
          {bad && result.reason === 'checkpoint_mismatch' ? <div>{t('audit:verify.badCheckpoint', { seq: bad.seq, at: formatDateTime(bad.at) })}</div> : null}
          {bad && result.reason === 'checkpoint_beyond_head' ? <div>{t('audit:verify.beyondHead', { seq: bad.seq, at: formatDateTime(bad.at) })}</div> : null}
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** The auditor's view of the append-only, hash-chained log. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [draft, setDraft] = useState<Filters>({});
  const paging = usePaging(50);
  const log = useQuery({
    queryKey: ['audit', 'list', filters, paging.params],
    queryFn: () => api.get<Page<AuditEntry>>(withQuery('/api/v1/audit', { ...filters, ...paging.params })),
    placeholderData: keepPreviousData,
  });
  const actions = useQuery({ queryKey: ['audit', 'actions'], queryFn: () => api.get<{ items: string[] }>('/api/v1/audit/actions') });
  const verify = useMutation({ mutationFn: () => api.post<AuditVerifyResult>('/api/v1/audit/verify') });

  const setRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    setDraft((d) => ({ ...d, from: range?.[0]?.startOf('day').toISOString(), to: range?.[1]?.endOf('day').toISOString() }));
  const apply = () => {
    setFilters(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)) as Filters);
    paging.reset();
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit:fields.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit:fields.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit:fields.actor'),
      key: 'actor',
      render: (_, e) => (e.actor.login ? `${userName(t, e.actor.fullName)} (${e.actor.login})` : t('audit:system')),
    },
    { title: t('audit:fields.office'), dataIndex: 'officeCode', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('audit:fields.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('audit:fields.objectType'), dataIndex: 'objectType', width: 150 },
    { title: t('audit:fields.objectId'), dataIndex: 'objectId', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('audit:fields.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  const logPane = (
    <>
      <form
        className="table-filters"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Row gutter={[8, 8]}>
          <Col>
            <DatePicker.RangePicker
              format={DATE_FORMAT}
              aria-label={t('audit:filters.period')}
              onChange={(r) => setRange(r as [Dayjs | null, Dayjs | null] | null)}
            />
          </Col>
          <Col>
            <Input
              placeholder={t('audit:fields.actorLogin')}
              aria-label={t('audit:fields.actorLogin')}
              allowClear
              onChange={(e) => setDraft((d) => ({ ...d, actorLogin: e.target.value.trim() || undefined }))}
            />
          </Col>
          <Col>
            <Select
              allowClear
              showSearch
              placeholder={t('audit:fields.action')}
              aria-label={t('audit:fields.action')}
              style={{ width: 240 }}
              loading={actions.isPending}
              options={actions.data?.items.map((a) => ({ value: a, label: a }))}
              onChange={(action?: string) => setDraft((d) => ({ ...d, action }))}
            />
          </Col>
          <Col>
            <Input
              placeholder={t('audit:fields.objectType')}
              aria-label={t('audit:fields.objectType')}
              allowClear
              onChange={(e) => setDraft((d) => ({ ...d, objectType: e.target.value.trim() || undefined }))}
            />
          </Col>
          <Col>
            <Input
              placeholder={t('audit:fields.objectId')}
              aria-label={t('audit:fields.objectId')}
              allowClear
              onChange={(e) => setDraft((d) => ({ ...d, objectId: e.target.value.trim() || undefined }))}
            />
          </Col>
          <Col>
            <Button type="primary" htmlType="submit">
              {t('common:actions.apply')}
            </Button>
          </Col>
        </Row>
      </form>
      <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      <DataTable<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={log.data?.items}
        loading={log.isFetching}
        pagination={paging.pagination(log.data?.total)}
        locale={{ emptyText: t('audit:empty') }}
        scroll={{ x: 1200 }}
        expandable={{
          expandedRowRender: (e) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {e.redacted ? <Alert type="info" showIcon title={t('audit:redacted')} /> : null}
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('audit:fields.before')}</Typography.Text>
                  <Json value={e.before} />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('audit:fields.after')}</Typography.Text>
                  <Json value={e.after} />
                </Col>
              </Row>
              <Typography.Text type="secondary" copyable={{ text: e.hash }}>
                {t('audit:fields.hash')}: <code>{e.hash}</code>
              </Typography.Text>
            </Space>
          ),
        }}
      />
    </>
  );

  return (
    <>
      <PageHeader
        title={t('audit:title')}
        extra={
          <Button icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('audit:verify.action')}
          </Button>
        }
      >
        <Typography.Text type="secondary">{t('audit:hint')}</Typography.Text>
      </PageHeader>
      <ErrorAlert error={verify.error} />
      {verify.data ? <VerifyResult result={verify.data} /> : null}
      <Tabs
        items={[
          { key: 'log', label: t('audit:tabs.log'), children: logPane },
          { key: 'checkpoints', label: t('audit:tabs.checkpoints'), children: <CheckpointsPanel /> },
        ]}
      />
    </>
  );
}
