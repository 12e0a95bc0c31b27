import { Card, Col, Row, Space, Statistic, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COMPLIANCE_STATUSES, type ComplianceStatus } from '../../../domain/contacts.ts';
import type { ComplianceRow } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ComplianceTag } from '../../components/Tags.tsx';
import { formatDate, formatDateTime, pickText, zoneCity } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCan } from '../auth/useCan.ts';
import { BackdatedNote } from '../contacts/BackdatedNote.tsx';
import { useCompliance } from '../contacts/useContacts.ts';
import { useUser, usePartyContext } from '../auth/useSession.ts';
import { CommunicationPanel } from './CommunicationPanel.tsx';
import { PartyNoticesPanel } from './PartyNoticesPanel.tsx';
import { DataTable } from '../../components/DataTable.tsx';

/** Most urgent first when sorting by status. */
const STATUS_ORDER: Record<ComplianceStatus, number> = { overdue: 0, lapsed: 1, missing: 2, late: 3, pending: 4, ok: 5 };
const cmp = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

/** A counter that also filters the table; a real button for the keyboard. */
function StatCard({ title, value, active, onToggle }: { title: ReactNode; value: number; active: boolean; onToggle: () => void }) {
  return (
    <Card size="small" hoverable className={active ? 'stat-active' : undefined} styles={{ body: { padding: 0 } }}>
      <button type="button" className="stat-button" aria-pressed={active} onClick={onToggle}>
        <Statistic title={title} value={value} />
      </button>
    </Card>
  );
}

/** O-3.1, O-4.1: which offices have designated contact persons, in time or late, and what is pending. */
export default function CompliancePage() {
  const { t } = useTranslation();
  const party = usePartyContext();
  const locale = currentLocale();
  const canCommunicate = useCan('contacts.communicate');
  const canSendNotices = useCan('registry.communicate');
  const { nodeParty } = useUser();
  const { data, isFetching, error, refetch } = useCompliance();
  const [status, setStatus] = useState<ComplianceStatus | null>(null);
  const summary = data?.summary ?? {};
  const rows = (data?.items ?? []).filter((r) => !status || r.status === status);

  const columns: TableColumnsType<ComplianceRow> = [
    {
      title: t('contacts:compliance.office'),
      key: 'office',
      minWidth: 280,
      sorter: (a, b) => pickText(a.office.name, locale).localeCompare(pickText(b.office.name, locale)),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/offices/${r.office.id}`}>{pickText(r.office.name, locale)}</Link>
          <Typography.Text type="secondary" code>
            {r.office.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('contacts:compliance.status'),
      key: 'status',
      width: 150,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
      render: (_, r) => <ComplianceTag status={r.status} />,
    },
    {
      title: t('contacts:compliance.deadline'),
      key: 'deadline',
      width: 140,
      sorter: (a, b) => cmp(a.deadline?.lastDay ?? null, b.deadline?.lastDay ?? null),
      render: (_, r) => (r.deadline ? formatDate(r.deadline.lastDay) : t('contacts:compliance.noDeadline')),
    },
    { title: t('contacts:compliance.timeZone'), key: 'tz', width: 150, render: (_, r) => zoneCity(t, r.office.timeZone, 'name') },
    {
      // O-3.1: the status is judged by this day, when ГУМПС learned of a designation in effect.
      title: t('contacts:compliance.firstInformedOn', party),
      dataIndex: 'firstInformedOn',
      width: 150,
      sorter: (a, b) => cmp(a.firstInformedOn, b.firstInformedOn),
      render: (v: string | null) => formatDate(v),
    },
    {
      title: t('contacts:compliance.firstDesignatedOn'),
      key: 'firstDesignatedOn',
      width: 170,
      sorter: (a, b) => cmp(a.firstDesignatedOn, b.firstDesignatedOn),
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <span>{formatDate(r.firstDesignatedOn)}</span>
          <BackdatedNote days={r.backdatedDays} />
        </Space>
      ),
    },
    {
      title: t('contacts:compliance.currentContacts'),
      dataIndex: 'currentContacts',
      width: 130,
      sorter: (a, b) => a.currentContacts - b.currentContacts,
      render: (n: number) => <Tag color={n > 0 ? 'green' : 'red'}>{n}</Tag>,
    },
    {
      title: t('contacts:compliance.pendingChanges'),
      dataIndex: 'pendingChanges',
      width: 140,
      sorter: (a, b) => a.pendingChanges - b.pendingChanges,
      render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : '0'),
    },
    {
      title: t('contacts:compliance.lastChangeAt'),
      dataIndex: 'lastChangeAt',
      width: 140,
      sorter: (a, b) => cmp(a.lastChangeAt, b.lastChangeAt),
      render: (v: string | null) => formatDateTime(v),
    },
  ];

  return (
    <>
      <PageHeader title={t('contacts:compliance.title')}>
        <Typography.Text type="secondary">{t('contacts:compliance.hint', party)}</Typography.Text>
      </PageHeader>
      <ErrorAlert error={error} onRetry={() => void refetch()} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6} xl={3}>
          <StatCard
            active={status === null}
            onToggle={() => setStatus(null)}
            title={t('contacts:compliance.total')}
            value={summary.total ?? data?.items.length ?? 0}
          />
        </Col>
        {COMPLIANCE_STATUSES.map((s) => (
          <Col key={s} xs={12} md={6} xl={3}>
            <StatCard active={status === s} onToggle={() => setStatus(status === s ? null : s)} title={<ComplianceTag status={s} />} value={summary[s] ?? 0} />
          </Col>
        ))}
      </Row>
      <DataTable<ComplianceRow>
        rowKey={(r) => r.office.id}
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={isFetching}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showTotal: (count) => t('common:list.total', { count }) }}
        locale={{ emptyText: t('contacts:compliance.empty') }}
        scroll={{ x: 1430 }}
        style={{ marginBottom: 24 }}
      />
      {canCommunicate ? <CommunicationPanel /> : null}
      {canSendNotices ? <PartyNoticesPanel always={nodeParty !== 'both'} /> : null}
    </>
  );
}
