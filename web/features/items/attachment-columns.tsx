import { Typography } from 'antd';
import type { TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import type { AttachmentView } from '../../api/types.ts';
import { formatDateTime } from '../../i18n/format.ts';

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
