import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndOfForceView, LegalBasisView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCan } from '../auth/useCan.ts';
import { LegalBasisFormModal } from './LegalBasisFormModal.tsx';
import { TerminationNoticeModal } from './TerminationNoticeModal.tsx';
import { useLegalBasis } from './useLegalBasis.ts';
import { DataTable } from '../../components/DataTable.tsx';

/**
 * the last day a document is in force and the first day it no longer is, with how they were
 * computed (receipt of the notice + 60 days counted from the next day, or a stated last day, of
 * this document or of the one it rests on).
 */
function EndOfForce({ end, code }: { end: EndOfForceView; code: string }) {
  const { t } = useTranslation();
  const how =
    end.cause === 'termination_notice'
      ? t('registry:legalBasis.end.notice', {
          count: end.days ?? 0,
          receivedOn: formatDate(end.noticeReceivedOn),
          firstCountedDay: formatDate(end.firstCountedDay),
          lastDay: formatDate(end.lastDay),
          firstDayNotInForce: formatDate(end.firstDayNotInForce),
        })
      : t('registry:legalBasis.end.statedEnd', { code: end.endingCode });
  return (
    <Space orientation="vertical" size={2}>
      <Typography.Text strong>{t('registry:legalBasis.end.lastDay', { date: formatDate(end.lastDay) })}</Typography.Text>
      <Typography.Text strong type="danger">
        {t('registry:legalBasis.end.firstDayNotInForce', { date: formatDate(end.firstDayNotInForce) })}
      </Typography.Text>
      {end.via.length > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('registry:legalBasis.end.inherited', { code: end.endingCode, chain: [code, ...end.via].join(' → ') })}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {how}
      </Typography.Text>
    </Space>
  );
}

type Dialog = { kind: 'create' } | { kind: 'edit'; doc: LegalBasisView } | { kind: 'terminate'; doc: LegalBasisView } | null;

export default function LegalBasisPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const canEdit = useCan('registry.edit');
  const { data, isFetching, error, refetch } = useLegalBasis();
  const [dialog, setDialog] = useState<Dialog>(null);
  const docs = data?.items ?? [];

  const columns: TableColumnsType<LegalBasisView> = [
    {
      title: t('registry:legalBasis.document'),
      key: 'doc',
      render: (_, d) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <Typography.Text code>{d.code}</Typography.Text>
            <Tag>{t(`registry:legalBasisKinds.${d.kind}`)}</Tag>
            {d.party ? <Tag>{t(`common:partiesShort.${d.party}`)}</Tag> : null}
            {d.enablesDirectExchange ? <Tag color="blue">{t('registry:legalBasis.enablesDirectExchangeShort')}</Tag> : null}
          </Space>
          <span>{pickText(d.title, locale)}</span>
          {d.parentCode ? <Typography.Text type="secondary">{t('registry:legalBasis.parentIs', { code: d.parentCode })}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('registry:legalBasis.signedOn'), dataIndex: 'signedOn', width: 120, render: (v: string | null) => formatDate(v) },
    { title: t('registry:legalBasis.inForceFrom'), dataIndex: 'inForceFrom', width: 130, render: (v: string | null) => formatDate(v) },
    {
      title: t('registry:legalBasis.inForceToday'),
      dataIndex: 'inForceToday',
      width: 130,
      render: (v: boolean) => <Tag color={v ? 'green' : 'red'}>{v ? t('registry:legalBasis.inForce') : t('registry:legalBasis.notInForce')}</Tag>,
    },
    {
      title: t('registry:legalBasis.end.column'),
      key: 'lastDay',
      width: 300,
      render: (_, d) => (
        <Space orientation="vertical" size={2} data-testid={`end-of-force-${d.code}`}>
          {d.endOfForce ? <EndOfForce end={d.endOfForce} code={d.code} /> : <span>{t('registry:legalBasis.indefinite')}</span>}
          {d.terminationNoticeReceivedOn ? (
            <Typography.Text type="danger">
              {t(d.terminationNoticeReference ? 'registry:legalBasis.noticeReceived' : 'registry:legalBasis.noticeReceivedNoReference', {
                date: formatDate(d.terminationNoticeReceivedOn),
                party: d.terminationNoticeFromParty ? t(`common:partiesShort.${d.terminationNoticeFromParty}`) : t('registry:legalBasis.noticePartyNotStated'),
                reference: d.terminationNoticeReference,
              })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    ...(canEdit
      ? [
          {
            title: t('common:actionsColumn'),
            key: 'actions',
            fixed: 'right' as const,
            width: 240,
            render: (_: unknown, d: LegalBasisView) => (
              <Space orientation="vertical" size={4}>
                <Button size="small" onClick={() => setDialog({ kind: 'edit', doc: d })}>
                  {t('common:actions.edit')}
                </Button>
                {!d.terminationNoticeReceivedOn ? (
                  <Button size="small" danger onClick={() => setDialog({ kind: 'terminate', doc: d })}>
                    {t('registry:termination.action')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('registry:legalBasis.pageTitle')}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('registry:legalBasis.add')}
            </Button>
          ) : null
        }
      >
        <Typography.Text type="secondary">{t('registry:legalBasis.hint')}</Typography.Text>
      </PageHeader>
      <ErrorAlert error={error} onRetry={() => void refetch()} />
      <DataTable<LegalBasisView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={docs}
        loading={isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('common:list.total', { count }) }}
        scroll={{ x: 1120 }}
      />
      {dialog?.kind === 'create' ? <LegalBasisFormModal doc={null} all={docs} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <LegalBasisFormModal doc={dialog.doc} all={docs} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'terminate' ? <TerminationNoticeModal doc={dialog.doc} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
