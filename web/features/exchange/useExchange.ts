import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client.ts';

/** The answers of server/modules/exchange/exchange.routes.ts, as the web reads them. */
export type PeerState = 'ok' | 'sending' | 'down';
export type DeliveryState = 'queued' | 'delivered' | 'rejected';

/** Alert kinds and rejection codes the exchange records; each has a label in exchange.json (i18n test). */
export const ALERT_KINDS = ['undelivered', 'rejected_by_peer', 'rejected_from_peer', 'message_id_reused', 'sequence_conflict', 'bad_signature', 'gap'] as const;
export const REJECTION_CODES = [
  'NOT_ADDRESSED_HERE',
  'SUBJECT_NOT_SHARED',
  'ACTION_NOT_ALLOWED',
  'HASH_MISMATCH',
  'SEQUENCE_CONFLICT',
  'FORK_LOST',
  'MESSAGE_ID_REUSED',
  'CONFIDENTIALITY_LOWERED',
  'MALFORMED',
] as const;
export const CHECKPOINT_STATUSES = ['agreed', 'differs', 'incomplete', 'unanswered'] as const;
export type CheckpointStatus = (typeof CHECKPOINT_STATUSES)[number];
export const PEER_STATES = ['ok', 'sending', 'down'] as const satisfies readonly PeerState[];
export const DELIVERY_STATES = ['queued', 'delivered', 'rejected'] as const satisfies readonly DeliveryState[];

export interface NodeKey {
  kid: string;
  jwk: Record<string, unknown>;
  notBefore: string;
  notAfter: string;
  revokedAt: string | null;
}

export interface RejectedMessage {
  messageId: string;
  subjectId: string;
  seq: number;
  code: string | null;
  at: string | null;
}

export interface Peer {
  id: string;
  name: string;
  nodeId: string;
  party: string;
  url: string;
  state: PeerState;
  lastHeardAt: string | null;
  lastSuccessAt: string | null;
  queued: number;
  delivered: number;
  rejected: number;
  oldestQueuedAt: string | null;
  oldestAgeSeconds: number | null;
  received: number;
  held: number;
  refused: number;
  keyExpiry: string | null;
  /** The last checkpoint of the stream to the peer and its RFC 3161 time-stamp (null: none asked). */
  checkpoint: {
    size: number;
    status: CheckpointStatus;
    at: string;
    timestamp: 'pending' | 'stamped' | null;
    timestampAt: string | null;
  } | null;
  timestampsPending: number;
  /** The peer's keys as this node holds them (its trust bundle, then its signed key records). */
  keys: NodeKey[];
  rejectedMessages: RejectedMessage[];
}

export interface ExchangeAlert {
  id: string;
  peerId: string | null;
  kind: string;
  messageId: string | null;
  subjectId: string | null;
  details: unknown;
  at: string;
}

export interface LinkState {
  node: { nodeId: string; party: string; keys: NodeKey[] };
  peers: Peer[];
  alerts: ExchangeAlert[];
}

export interface TrustBundle {
  bundle: string;
  hash: string;
  nodeId: string;
  party: string;
  url: string;
}

export interface Delivery {
  messageId: string;
  seq: number;
  state: DeliveryState;
  attempts: number;
  receivedAt: string | null;
  rejectionCode: string | null;
  lastError: string | null;
}

/** The body of POST /api/v1/exchange/peers, with the route's own limits. */
export const ImportPeerBody = z.object({
  bundle: z.string().trim().min(10).max(200_000),
  hash: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/),
  name: z.string().trim().min(1).max(200),
});
export type ImportPeerValues = z.input<typeof ImportPeerBody>;

export const EXCHANGE_KEY = ['exchange'] as const;

/** The link refreshes itself: the page is watched while a queue drains. */
export function useLink() {
  return useQuery({
    queryKey: [...EXCHANGE_KEY, 'link'],
    queryFn: () => api.get<LinkState>('/api/v1/exchange/link'),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useTrustBundle(enabled: boolean) {
  return useQuery({ queryKey: [...EXCHANGE_KEY, 'trust'], queryFn: () => api.get<TrustBundle>('/api/v1/exchange/trust'), enabled });
}

export function useItemDelivery(itemId: string) {
  return useQuery({
    queryKey: ['items', itemId, 'delivery'],
    queryFn: () => api.get<{ items: Delivery[] }>(`/api/v1/items/${itemId}/delivery`),
    enabled: Boolean(itemId),
  });
}

/** A waiting time as its largest whole unit: minutes under an hour, hours under two days, then days. */
export function ageParts(seconds: number): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  if (seconds < 3600) return { unit: 'minutes', n: Math.max(0, Math.floor(seconds / 60)) };
  if (seconds < 48 * 3600) return { unit: 'hours', n: Math.floor(seconds / 3600) };
  return { unit: 'days', n: Math.floor(seconds / 86_400) };
}
