import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Button, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, download } from '../../api/client.ts';
import type { AttachmentView } from '../../api/types.ts';
import { errorMessage } from '../../components/error-message.ts';
import { formatDateTime } from '../../i18n/format.ts';

/** A stored file that no longer matches its SHA-256 (or is gone): red, with why and that the administrators know. */
export function DamagedTag({ damagedAt }: { damagedAt: string | null }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('items:attachments.damagedHint', { date: damagedAt ? formatDateTime(damagedAt) : '' })}>
      <Tag color="red" icon={<WarningOutlined aria-hidden />} tabIndex={0} data-testid="attachment-damaged">
        {t('items:attachments.damaged')}
      </Tag>
    </Tooltip>
  );
}

/**
 * The file's name: a download link while the stored file is intact; a damaged one is not offered
 * (the server refuses it) and carries the red tag. A download refused as damaged on the way (found
 * just now) calls `onDamaged`, so the page reloads and shows the mark.
 */
export function AttachmentName({ a, url, onDamaged }: { a: AttachmentView; url: string; onDamaged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  if (a.damaged) {
    return (
      <span>
        <Typography.Text type="secondary" style={{ marginRight: 6 }}>
          {a.fileName}
        </Typography.Text>
        <DamagedTag damagedAt={a.damagedAt} />
      </span>
    );
  }
  return (
    <Button
      type="link"
      icon={<DownloadOutlined aria-hidden />}
      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
      onClick={() =>
        download(url).catch((e: unknown) => {
          void message.error(errorMessage(t, e));
          if (e instanceof ApiError && e.code === 'ATTACHMENT_DAMAGED') onDamaged();
        })
      }
    >
      {a.fileName}
    </Button>
  );
}

/** Columns every attachments table shows the same way (requests and events): the hash and who uploaded when. */
export function sha256Column<T extends AttachmentView = AttachmentView>(t: TFunction, width: number): TableColumnType<T> {
  return {
    title: t('items:attachments.sha256'),
    dataIndex: 'sha256',
    width,
    responsive: ['md'],
    render: (h: string) => (
      <Typography.Text code copyable={{ text: h }} style={{ fontSize: 11 }} title={h}>
        {`${h.slice(0, 12)}…${h.slice(-6)}`}
      </Typography.Text>
    ),
  };
}

export function uploadedColumn<T extends AttachmentView = AttachmentView>(t: TFunction, width: number): TableColumnType<T> {
  return {
    title: t('items:attachments.uploadedAt'),
    dataIndex: 'uploadedAt',
    width,
    render: (v: string, a: T) => (
      <>
        <div>{formatDateTime(v)}</div>
        {a.officeCode ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.officeCode}
          </Typography.Text>
        ) : null}
      </>
    ),
  };
}
