import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryState, PeerState } from './useExchange.ts';

const PEER_COLORS: Record<PeerState, string> = { ok: 'green', sending: 'blue', down: 'red' };
const DELIVERY_COLORS: Record<DeliveryState, string> = { queued: 'gold', delivered: 'green', rejected: 'red' };

export function PeerStateTag({ state }: { state: PeerState }) {
  const { t } = useTranslation();
  return <Tag color={PEER_COLORS[state]}>{t(`exchange:states.${state}`)}</Tag>;
}

export function DeliveryTag({ state }: { state: DeliveryState }) {
  const { t } = useTranslation();
  return <Tag color={DELIVERY_COLORS[state]}>{t(`exchange:delivery.states.${state}`)}</Tag>;
}

/** A rejection code in words, the code itself kept in sight for the other administrator. */
export function RejectionCode({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  return <span title={code}>{t(`exchange:rejectionCodes.${code}`, { defaultValue: code })}</span>;
}
