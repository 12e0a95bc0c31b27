import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HOSTINGS } from '../../../domain/node.ts';
import { PAIRING_BASES } from '../../../domain/registry.ts';
import type { HostedOfficeRef, PairingView } from '../../api/types.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { HostingTag, YesNoTag } from '../../components/Tags.tsx';
import { validityText } from '../../components/texts.ts';
import { usePaging } from '../../components/usePaging.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCan } from '../auth/useCan.ts';
import { useAllOffices } from '../offices/useOffices.ts';
import { PairingFormModal } from './PairingFormModal.tsx';
import { usePairings, type PairingFilters } from './usePairings.ts';
import { DataTable } from '../../components/DataTable.tsx';

export default function PairingsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const canEdit = useCan('registry.edit');
  const [filters, setFilters] = useState<PairingFilters>({});
  const paging = usePaging(50);
  const { data, isFetching, error, refetch } = usePairings(filters, paging.params);
  const offices = useAllOffices();
  const [editing, setEditing] = useState<PairingView | 'new' | null>(null);
  const setFilter = (patch: PairingFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    paging.reset();
  };
  // Where each office works is shown when it is not here: that is where letters take the place of the system.
  const office = (o: HostedOfficeRef) => (
    <Space size={4} wrap>
      <Typography.Text code>{o.code}</Typography.Text>
      <Link to={`/offices/${o.id}`}>{pickText(o.name, locale)}</Link>
      {o.hosting !== 'here' ? <HostingTag hosting={o.hosting} /> : null}
    </Space>
  );

  const columns: TableColumnsType<PairingView> = [
    { title: t('registry:pairing.ruOffice'), key: 'ru', minWidth: 240, render: (_, p) => office(p.ruOffice) },
    { title: t('registry:pairing.kzOffice'), key: 'kz', minWidth: 240, render: (_, p) => office(p.kzOffice) },
    { title: t('registry:pairing.basis'), dataIndex: 'basis', width: 180, render: (b: string) => t(`registry:bases.${b}`) },
    {
      title: t('registry:pairing.state'),
      key: 'state',
      width: 190,
      render: (_, p) => (
        <Space orientation="vertical" size={2}>
          <span>{validityText(t, p.validFrom, p.validTo)}</span>
          <YesNoTag value={p.active} yes={t('registry:pairing.activeYes')} no={t('registry:pairing.inactive')} />
          {p.inForceToday ? <Tag color="green">{t('registry:pairing.inForceToday')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('registry:pairing.note'),
      dataIndex: 'note',
      width: 240,
      render: (n: string | null) =>
        n ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: n }} style={{ margin: 0 }}>
            {n}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    ...(canEdit
      ? [
          {
            title: t('common:actionsColumn'),
            key: 'actions',
            fixed: 'right' as const,
            width: 130,
            render: (_: unknown, p: PairingView) => (
              <Button size="small" onClick={() => setEditing(p)}>
                {t('common:actions.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('registry:pairings.title')}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('registry:pairings.create')}
            </Button>
          ) : null
        }
      >
        <Typography.Text type="secondary">{t('registry:pairings.hint')}</Typography.Text>
      </PageHeader>
      <Space wrap className="table-filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('registry:pairings.office')}
          placeholder={t('registry:pairings.office')}
          style={{ width: 320 }}
          loading={offices.isPending}
          value={filters.officeCode}
          onChange={(officeCode?: string) => setFilter({ officeCode })}
          options={offices.data?.items.map((o) => ({ value: o.code, label: `${o.code} — ${pickText(o.name, locale)}` }))}
        />
        <FilterSelect
          label={t('registry:pairing.active')}
          width={180}
          value={filters.active}
          onChange={(active) => setFilter({ active })}
          options={[
            { value: 'true', label: t('registry:pairing.activeYes') },
            { value: 'false', label: t('registry:pairing.inactive') },
          ]}
        />
        <FilterSelect
          label={t('registry:pairing.basis')}
          width={240}
          value={filters.basis}
          onChange={(basis) => setFilter({ basis })}
          options={PAIRING_BASES.map((b) => ({ value: b, label: t(`registry:bases.${b}`) }))}
        />
        <FilterSelect
          label={t('registry:hosting.label')}
          width={200}
          value={filters.hosting}
          onChange={(hosting) => setFilter({ hosting })}
          options={HOSTINGS.map((h) => ({ value: h, label: t(`registry:hostings.${h}`) }))}
        />
      </Space>
      <ErrorAlert error={error} onRetry={() => void refetch()} />
      <DataTable<PairingView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={paging.pagination(data?.total)}
        scroll={{ x: 1220 }}
      />
      {editing ? <PairingFormModal pairing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
