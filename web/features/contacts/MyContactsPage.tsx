import { UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePaging } from '../../components/usePaging.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser, usePartyContext } from '../auth/useSession.ts';
import { useOfficeContacts } from '../offices/useOffices.ts';
import { contactColumns } from './contact-columns.tsx';
import { ContactChangesTable } from './ContactChangesTable.tsx';
import { ContactFormModal, type ContactDialog } from './ContactFormModal.tsx';
import { EndContactModal } from './EndContactModal.tsx';
import { useContactChanges } from './useContacts.ts';
import { DataTable } from '../../components/DataTable.tsx';

/** The head, deputies and officers keep their own office's contact persons current (O-3.1). */
export default function MyContactsPage() {
  const { t } = useTranslation();
  const party = usePartyContext();
  const user = useUser();
  const { message } = App.useApp();
  const office = user.office;
  const contacts = useOfficeContacts(office.id, null);
  const paging = usePaging(20);
  const changes = useContactChanges({ officeCode: office.code, ...paging.params });
  const [dialog, setDialog] = useState<ContactDialog | null>(null);
  const [ending, setEnding] = useState<ContactView | null>(null);
  const saved = (text: string) => void message.success(text);

  const columns: TableColumnsType<ContactView> = [
    ...contactColumns(t),
    {
      title: t('common:actionsColumn'),
      key: 'actions',
      fixed: 'right',
      width: 140,
      render: (_, c) => (
        <Space orientation="vertical" size={4}>
          <Button size="small" onClick={() => setDialog({ mode: 'edit', contact: c })} aria-label={`${t('contacts:actions.edit')}: ${c.surname}`}>
            {t('contacts:actions.edit')}
          </Button>
          <Button size="small" onClick={() => setDialog({ mode: 'replace', contact: c })}>
            {t('contacts:actions.replace')}
          </Button>
          <Button size="small" danger onClick={() => setEnding(c)}>
            {t('contacts:actions.end')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('contacts:my.title')}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDialog({ mode: 'designate' })}>
            {t('contacts:actions.designate')}
          </Button>
        }
      >
        {pickText(office.name, currentLocale())}
      </PageHeader>
      <Alert type="info" showIcon title={t('contacts:my.dutyTitle', party)} description={t('contacts:my.dutyText', party)} style={{ marginBottom: 16 }} />
      <Card title={t('contacts:my.current')} style={{ marginBottom: 16 }}>
        <ErrorAlert error={contacts.error} onRetry={() => void contacts.refetch()} />
        <DataTable<ContactView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={contacts.data?.items}
          loading={contacts.isFetching}
          pagination={false}
          locale={{ emptyText: t('contacts:my.empty') }}
          scroll={{ x: 1000 }}
        />
      </Card>
      <Card title={t('contacts:my.history')}>
        <ContactChangesTable
          items={changes.data?.items}
          loading={changes.isFetching}
          error={changes.error}
          onRetry={() => void changes.refetch()}
          pagination={paging.pagination(changes.data?.total)}
        />
      </Card>
      {dialog ? <ContactFormModal officeId={office.id} dialog={dialog} onClose={() => setDialog(null)} onSaved={saved} /> : null}
      {ending ? <EndContactModal contact={ending} onClose={() => setEnding(null)} onSaved={saved} /> : null}
    </>
  );
}
