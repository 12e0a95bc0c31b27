import { Alert, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { ContactView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { formatDate } from '../../i18n/format.ts';
import { contactColumns } from '../contacts/contact-columns.tsx';
import { useOfficeContacts } from './useOffices.ts';
import { DataTable } from '../../components/DataTable.tsx';

/**
 * Contact persons of the office on a date ("who was the contact on 01.04.2022?"). Every read is
 * recorded in the audit log by the server, so the list is only fetched when this tab is opened.
 */
export function OfficeContactsTab({ officeId, onForbidden }: { officeId: string; onForbidden: () => void }) {
  const { t } = useTranslation();
  const [on, setOn] = useState<string | null>(null);
  const { data, isFetching, error, refetch } = useOfficeContacts(officeId, on);
  const forbidden = error instanceof ApiError && error.status === 404;
  useEffect(() => {
    if (forbidden) onForbidden();
  }, [forbidden, onForbidden]);
  if (forbidden) return null;
  return (
    <>
      <Space wrap className="table-filters" align="center">
        <label htmlFor="contacts-on">{t('contacts:office.on')}</label>
        <IsoDatePicker id="contacts-on" value={on} onChange={setOn} placeholder={t('common:today')} />
        {data ? <Typography.Text type="secondary">{t('contacts:office.asOf', { date: formatDate(data.on) })}</Typography.Text> : null}
      </Space>
      <Alert type="info" showIcon title={t('contacts:personalDataNotice')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} onRetry={() => void refetch()} />
      <DataTable<ContactView>
        rowKey="id"
        size="middle"
        columns={contactColumns(t)}
        dataSource={data?.items}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t('contacts:office.empty') }}
        scroll={{ x: 900 }}
      />
    </>
  );
}
