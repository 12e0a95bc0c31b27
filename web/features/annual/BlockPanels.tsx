import { FileWordOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Empty, Space, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../api/client.ts';
import { errorMessage } from '../../components/error-message.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { CountdownText } from '../items/ItemTags.tsx';
import { blockApi, blockDueText } from './annual-figures.ts';
import { BlockStatusTag, DueFlagTag } from './AnnualTags.tsx';
import type { BlockView } from './useAnnual.ts';

const pre = { whiteSpace: 'pre-wrap' as const };

/** Where the block stands: its status, the deadline of 30 January in the office's zone, who submitted it and when. */
export function BlockDuePanel({ block: b, now }: { block: BlockView; now: number }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, lg: 3 }} data-testid="block-due">
      <Descriptions.Item label={t('annual:list.status')}>
        <Space size={[0, 4]} wrap>
          <BlockStatusTag status={b.status} />
          <DueFlagTag overdue={b.overdue} late={b.late} submitted={b.status === 'submitted'} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('annual:page.dueLabel')}>
        <div>
          <div data-testid="block-due-text">{blockDueText(t, b.due)}</div>
          {b.status !== 'submitted' ? <CountdownText dueAt={b.due.dueAt} now={now} /> : null}
        </div>
      </Descriptions.Item>
      <Descriptions.Item label={t('annual:page.submittedLabel')}>
        {b.submittedAt && b.status === 'submitted' ? (
          <span data-testid="block-submitted">
            {t('annual:page.submittedBy', { name: b.submittedBy ?? t('annual:history.system'), date: formatDateTime(b.submittedAt) })}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('annual:page.notSubmitted')}</Typography.Text>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The DOCX of the block, a separate block of the report memo. */
export function BlockDocumentButton({ block }: { block: BlockView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const get = async () => {
    setBusy(true);
    try {
      await download(`${blockApi(block.office.code, block.year)}/document`);
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileWordOutlined aria-hidden />} loading={busy} onClick={() => void get()}>
      {t('annual:actions.document')}
    </Button>
  );
}

function detailText(t: TFunction, details: Record<string, unknown> | null): string | null {
  const parts: string[] = [];
  if (typeof details?.reason === 'string') parts.push(details.reason);
  if (details?.late === true) parts.push(t('annual:history.late'));
  return parts.length ? parts.join(' · ') : null;
}

/** Who saved, submitted and returned the block, and when. */
export function BlockHistory({ block }: { block: BlockView }) {
  const { t } = useTranslation();
  if (block.history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('annual:page.noHistory')} />;
  return (
    <Timeline
      data-testid="block-history"
      items={block.history.map((h, i) => {
        const detail = detailText(t, h.details);
        return {
          key: `${h.at}-${i}`,
          color: h.action === 'submit' ? 'green' : h.action === 'return' ? 'red' : 'gray',
          content: (
            <div>
              <Typography.Text strong>{t(`annual:history.actions.${h.action}`, { defaultValue: h.action })}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.at)} · {h.actor ?? t('annual:history.system')}
                </Typography.Text>
              </div>
              {detail ? <div style={{ ...pre, fontSize: 13 }}>{detail}</div> : null}
            </div>
          ),
        };
      })}
    />
  );
}
