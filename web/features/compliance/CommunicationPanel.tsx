import { FileExcelOutlined, FileWordOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../domain/schemas/common.ts';
import { download } from '../../api/client.ts';
import type { CommunicationView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessage } from '../../components/error-message.ts';
import { usePaging } from '../../components/usePaging.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { useUser, usePartyContext } from '../auth/useSession.ts';
import { ContactChangesTable } from '../contacts/ContactChangesTable.tsx';
import { useCommunications, useContactChanges } from '../contacts/useContacts.ts';
import { MarkSentModal } from './MarkSentModal.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { shownReference } from '../exchange/reference.ts';

/**
 * Coordinator only (P-3, O-4.2): changes not yet communicated to the other Party, the contact list
 * export for the letter, "mark as sent", and the record of letters sent.
 */
export function CommunicationPanel() {
  const { t } = useTranslation();
  const party = usePartyContext();
  const { message } = App.useApp();
  const user = useUser();
  const pendingPaging = usePaging(20);
  const pending = useContactChanges({ pending: true, party: user.office.party, ...pendingPaging.params });
  const historyPaging = usePaging(10);
  const history = useCommunications(historyPaging.params);
  const [selected, setSelected] = useState<string[]>([]);
  const [marking, setMarking] = useState(false);
  const [docLang, setDocLang] = useState<Locale>('ru');
  const [exporting, setExporting] = useState<string | null>(null);
  const pendingTotal = pending.data?.total ?? 0;

  const exportFile = async (format: 'docx' | 'xlsx') => {
    setExporting(format);
    try {
      await download(`/api/v1/contacts/export.${format}?lang=${docLang}`);
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setExporting(null);
    }
  };

  const columns: TableColumnsType<CommunicationView> = [
    { title: t('contacts:communications.sentOn'), dataIndex: 'sentOn', width: 130, render: (v: string) => formatDate(v) },
    { title: t('contacts:communications.outgoingNumber'), dataIndex: 'outgoingNumber', width: 180, render: (v: string) => shownReference(t, v) },
    { title: t('contacts:communications.changes'), dataIndex: 'changes', width: 130 },
    { title: t('contacts:communications.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    { title: t('contacts:communications.recordedBy'), key: 'by', width: 200, render: (_, c) => c.recordedBy?.fullName ?? '—' },
    { title: t('contacts:communications.recordedAt'), dataIndex: 'recordedAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <Card
        title={t('contacts:communications.pendingTitle', { count: pendingTotal })}
        style={{ marginBottom: 16 }}
        extra={
          <Button type="primary" icon={<SendOutlined />} disabled={pendingTotal === 0} onClick={() => setMarking(true)}>
            {selected.length > 0 ? t('contacts:communications.markSelected', { count: selected.length }) : t('contacts:communications.markAll')}
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }} align="center">
          <Typography.Text>{t('contacts:communications.export')}</Typography.Text>
          <Select<Locale>
            aria-label={t('contacts:communications.docLanguage')}
            value={docLang}
            onChange={setDocLang}
            style={{ width: 150 }}
            options={LOCALES.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
          />
          <Button icon={<FileWordOutlined />} loading={exporting === 'docx'} onClick={() => void exportFile('docx')}>
            {t('contacts:communications.exportDocx')}
          </Button>
          <Button icon={<FileExcelOutlined />} loading={exporting === 'xlsx'} onClick={() => void exportFile('xlsx')}>
            {t('contacts:communications.exportXlsx')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary">{t('contacts:communications.pendingHint', party)}</Typography.Paragraph>
        <ContactChangesTable
          showOffice
          items={pending.data?.items}
          loading={pending.isFetching}
          error={pending.error}
          onRetry={() => void pending.refetch()}
          pagination={pendingPaging.pagination(pending.data?.total)}
          rowSelection={{ selectedRowKeys: selected, onChange: setSelected }}
        />
      </Card>
      <Card title={t('contacts:communications.historyTitle')}>
        <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
        <DataTable<CommunicationView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={history.data?.items}
          loading={history.isFetching}
          pagination={historyPaging.pagination(history.data?.total)}
          locale={{ emptyText: t('contacts:communications.historyEmpty') }}
          scroll={{ x: 900 }}
        />
      </Card>
      {marking ? (
        <MarkSentModal
          changeIds={selected}
          pendingTotal={pendingTotal}
          onClose={() => setMarking(false)}
          onSaved={() => {
            setSelected([]);
            void message.success(t('contacts:communications.marked'));
          }}
        />
      ) : null}
    </>
  );
}
