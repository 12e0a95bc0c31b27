import { Card, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { DeliveryTag, RejectionCode } from './ExchangeTags.tsx';
import { useItemDelivery } from './useExchange.ts';

/** The registration the addressee's node sent back (its signed `register` action): its number in the receiving office's journal. */
export interface PeerRegistration {
  incomingNumber: string | null;
  incomingDate: string | null;
}

/**
 * The item's actions as messages to the other Party's node — queued, delivered (the signed receipt's
 * time) or rejected (why) — and, once the addressee registered it, its number there; nothing at all
 * while none was sent there.
 */
export function DeliveryBlock({ itemId, registration }: { itemId: string; registration?: PeerRegistration | null }) {
  const { t } = useTranslation();
  const delivery = useItemDelivery(itemId);
  const rows = [...(delivery.data?.items ?? [])].sort((a, b) => a.seq - b.seq);
  if (rows.length === 0) return null;
  return (
    <Card title={t('exchange:delivery.title')} size="small" style={{ marginBottom: 16 }} data-testid="delivery">
      <Flex vertical gap={6}>
        {rows.map((d) => (
          <Space key={d.messageId} size={8} wrap>
            <Typography.Text type="secondary">{t('exchange:delivery.seq', { seq: d.seq })}</Typography.Text>
            <DeliveryTag state={d.state} />
            {d.state === 'delivered' && d.receivedAt ? (
              <Typography.Text>{t('exchange:delivery.receivedAt', { at: formatDateTime(d.receivedAt) })}</Typography.Text>
            ) : null}
            {d.state === 'rejected' ? <RejectionCode code={d.rejectionCode} /> : null}
            {d.state === 'queued' && d.attempts > 0 ? (
              <Typography.Text type="secondary">{t('exchange:delivery.attempts', { n: d.attempts })}</Typography.Text>
            ) : null}
          </Space>
        ))}
        {registration?.incomingNumber ? (
          <Typography.Text strong data-testid="delivery-registered">
            {t('exchange:delivery.registered', {
              number: registration.incomingNumber,
              date: registration.incomingDate ? formatDate(registration.incomingDate) : '',
            })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}
