import { Input, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { HOSTINGS } from '../../../domain/node.ts';
import { OFFICE_KINDS, PARTIES } from '../../../domain/registry.ts';
import type { OfficeView } from '../../api/types.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { HostingTag, PartyTag, YesNoTag } from '../../components/Tags.tsx';
import { validityText } from '../../components/texts.ts';
import { usePaging } from '../../components/usePaging.ts';
import { formatDate, pickText, zoneCity } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useOffices, type OfficeFilters } from './useOffices.ts';
import { DataTable } from '../../components/DataTable.tsx';

export default function OfficesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<OfficeFilters>({});
  const paging = usePaging(100);
  const { data, isFetching, error, refetch } = useOffices(filters, paging.params);
  const setFilter = (patch: OfficeFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    paging.reset();
  };

  const columns: TableColumnsType<OfficeView> = [
    { title: t('registry:office.code'), dataIndex: 'code', width: 110, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    {
      title: t('registry:office.name'),
      key: 'name',
      minWidth: 300,
      render: (_, o) => (
        <Space size={4}>
          <PartyTag party={o.party} />
          <Link to={`/offices/${o.id}`} onClick={(e) => e.stopPropagation()}>
            {pickText(o.name, locale)}
          </Link>
        </Space>
      ),
    },
    { title: t('registry:office.kind'), dataIndex: 'kind', width: 150, render: (k: string) => t(`common:officeKinds.${k}`) },
    { title: t('registry:office.seat'), key: 'seat', width: 120, render: (_, o) => pickText(o.seat, locale) },
    {
      title: t('registry:office.timeZone'),
      key: 'tz',
      width: 170,
      render: (_, o) => (
        <span>
          {zoneCity(t, o.timeZone, 'name')} <Typography.Text type="secondary">({t('registry:office.utcOffset', { offset: o.utcOffsetNow })})</Typography.Text>
        </span>
      ),
    },
    { title: t('registry:office.validity'), key: 'validity', width: 150, render: (_, o) => validityText(t, o.validFrom, o.validTo) },
    { title: t('registry:hosting.label'), key: 'hosting', width: 150, render: (_, o) => <HostingTag hosting={o.hosting} /> },
    {
      title: t('registry:office.authorized'),
      key: 'authorized',
      width: 130,
      render: (_, o) => (
        <>
          <YesNoTag value={o.authorized} />
          {o.authorized && o.authorizedFrom ? (
            <Typography.Text type="secondary">{t('common:validity.from', { from: formatDate(o.authorizedFrom) })}</Typography.Text>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('registry:offices.title')} />
      <Space wrap className="table-filters">
        <Input.Search
          allowClear
          placeholder={t('registry:offices.search')}
          aria-label={t('registry:offices.search')}
          style={{ width: 280 }}
          onSearch={(q) => setFilter({ q: q.trim() || undefined })}
        />
        <FilterSelect
          label={t('registry:office.party')}
          width={220}
          value={filters.party}
          onChange={(party) => setFilter({ party })}
          options={PARTIES.map((p) => ({ value: p, label: t(`common:parties.${p}`) }))}
        />
        <FilterSelect
          label={t('registry:office.kind')}
          width={230}
          value={filters.kind}
          onChange={(kind) => setFilter({ kind })}
          options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`common:officeKinds.${k}`) }))}
        />
        <FilterSelect
          label={t('registry:office.authorized')}
          width={200}
          value={filters.authorized}
          onChange={(authorized) => setFilter({ authorized })}
          options={[
            { value: 'true', label: t('registry:offices.authorizedOnly') },
            { value: 'false', label: t('registry:offices.notAuthorized') },
          ]}
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
      <DataTable<OfficeView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={paging.pagination(data?.total)}
        onRow={(o) => ({ onClick: () => navigate(`/offices/${o.id}`), style: { cursor: 'pointer' } })}
        scroll={{ x: 1280 }}
      />
    </>
  );
}
