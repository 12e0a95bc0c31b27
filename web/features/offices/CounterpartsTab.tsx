import { Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CounterpartsView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { validityText } from '../../components/texts.ts';
import { formatDate, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCounterparts } from './useOffices.ts';
import { DataTable } from '../../components/DataTable.tsx';

type Row = CounterpartsView['items'][number];

/** Paired offices on a date and whether direct exchange with each is allowed then (O-1, P-5, A-15). */
export function CounterpartsTab({ officeId }: { officeId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [on, setOn] = useState<string | null>(null);
  const { data, isFetching, error, refetch } = useCounterparts(officeId, on);
  const columns: TableColumnsType<Row> = [
    {
      title: t('registry:counterparts.office'),
      key: 'office',
      render: (_, r) => (
        <Space size={4} wrap>
          <Typography.Text code>{r.office.code}</Typography.Text>
          <Link to={`/offices/${r.office.id}`}>{pickText(r.office.name, locale)}</Link>
        </Space>
      ),
    },
    { title: t('registry:pairing.basis'), key: 'basis', width: 200, render: (_, r) => t(`registry:bases.${r.pairing.basis}`) },
    {
      title: t('registry:pairing.validity'),
      key: 'validity',
      width: 190,
      render: (_, r) => (
        <>
          {validityText(t, r.pairing.validFrom, r.pairing.validTo)}
          {!r.pairing.active ? (
            <div>
              <Tag>{t('registry:pairing.inactive')}</Tag>
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t('registry:counterparts.directExchange'),
      key: 'exchange',
      width: 300,
      render: (_, r) =>
        r.directExchange.allowed ? (
          <Tag color="green">{t('registry:counterparts.allowed')}</Tag>
        ) : (
          <Space orientation="vertical" size={0}>
            <Tag color="red">{t('registry:counterparts.notAllowed')}</Tag>
            {r.directExchange.reason ? (
              <Typography.Text type="secondary">
                {t(`registry:exchangeReasons.${r.directExchange.reason}`, { defaultValue: r.directExchange.reason })}
              </Typography.Text>
            ) : null}
          </Space>
        ),
    },
  ];
  return (
    <>
      <Space wrap className="table-filters" align="center">
        <label htmlFor="counterparts-on">{t('registry:counterparts.on')}</label>
        <IsoDatePicker id="counterparts-on" value={on} onChange={setOn} placeholder={t('common:today')} />
        {data ? <Typography.Text type="secondary">{t('registry:counterparts.asOf', { date: formatDate(data.on) })}</Typography.Text> : null}
      </Space>
      <ErrorAlert error={error} onRetry={() => void refetch()} />
      <DataTable<Row>
        rowKey={(r) => r.pairing.id}
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t('registry:counterparts.empty') }}
        scroll={{ x: 900 }}
      />
    </>
  );
}
