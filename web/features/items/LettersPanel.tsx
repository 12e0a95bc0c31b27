import { MailOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LetterView } from '../../../domain/schemas/items.ts';
import type { ItemView } from '../../api/types.ts';
import { AttachmentName } from '../../components/Attachments.tsx';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { officeNameOf } from './letter-rules.ts';
import { RecordLetterDialog } from './RecordLetterDialog.tsx';
import { itemKeys } from './useItems.ts';
import { DataTable } from '../../components/DataTable.tsx';

/**
 * Issue 10: the letters exchanged with a counterpart off the system — ours as they were dispatched,
 * its own as recorded here with their scans — and, for the staff of the other office, the way to
 * record the next one as the counterpart's action.
 */
export function LettersPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [recording, setRecording] = useState(false);
  const off = item.offSystem;
  if (!off) return null;
  const office = officeNameOf(item, off.officeCode, currentLocale());
  const reload = () => void qc.invalidateQueries({ queryKey: itemKeys.one(item.id) });

  const columns: TableColumnsType<LetterView> = [
    {
      title: t('items:letters.columns.letter'),
      key: 'letter',
      render: (_: unknown, l) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <Tag color={l.direction === 'in' ? 'blue' : 'default'}>{t(`items:letters.direction.${l.direction}`)}</Tag>
            <Typography.Text>{t(`items:letters.channels.${l.channel}`)}</Typography.Text>
          </Space>
          <Typography.Text strong>
            {l.number
              ? t('items:letters.numberDate', { number: l.number, date: formatDate(l.date) })
              : t('items:letters.dateOnly', { date: formatDate(l.date) })}
          </Typography.Text>
          {/* Its scans, those this user may read: the file's name is on the item's attachments. */}
          {l.scans.map((id) => {
            const a = item.attachments.find((x) => x.id === id);
            return a ? <AttachmentName key={id} a={a} url={`/api/v1/attachments/${id}`} onDamaged={reload} /> : null;
          })}
        </Space>
      ),
    },
    {
      title: t('items:letters.columns.action'),
      dataIndex: 'action',
      render: (a: string) => t(`items:timeline.actions.${a}`, { defaultValue: a }),
    },
    {
      title: t('items:letters.columns.signer'),
      key: 'signer',
      responsive: ['md'],
      render: (_: unknown, l) => (l.signerName || l.signerPosition ? [l.signerName, l.signerPosition].filter(Boolean).join(', ') : '—'),
    },
    {
      title: t('items:letters.columns.recorded'),
      key: 'recorded',
      render: (_: unknown, l) => (
        <>
          <div>{l.recordedBy.fullName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(l.recordedAt)}
          </Typography.Text>
        </>
      ),
    },
  ];

  return (
    <Card title={t('items:letters.title', { office })} style={{ marginBottom: 16 }} data-testid="letters">
      <Typography.Paragraph type="secondary">{t(`items:letters.hint.${off.side}`, { office })}</Typography.Paragraph>
      {off.letterActions.length > 0 ? (
        <Button type="primary" icon={<MailOutlined aria-hidden />} onClick={() => setRecording(true)} style={{ marginBottom: 12, maxWidth: '100%' }}>
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{t('items:letters.record', { office })}</span>
        </Button>
      ) : null}
      <DataTable<LetterView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={off.letters}
        pagination={false}
        locale={{ emptyText: t('items:letters.empty') }}
      />
      {recording ? <RecordLetterDialog item={item} onClose={() => setRecording(false)} /> : null}
    </Card>
  );
}
