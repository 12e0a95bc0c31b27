import { DownloadOutlined, KeyOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Popconfirm, Row, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole } from '../../../domain/access.ts';
import { api } from '../../api/client.ts';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { EMPTY, formatDate, formatDateTime } from '../../i18n/format.ts';
import { useUser } from '../auth/useSession.ts';
import { PeerStateTag, RejectionCode } from './ExchangeTags.tsx';
import {
  ageParts,
  EXCHANGE_KEY,
  ImportPeerBody,
  useLink,
  useTrustBundle,
  type ExchangeAlert,
  type ImportPeerValues,
  type NodeKey,
  type Peer,
  type RejectedMessage,
} from './useExchange.ts';

/** The way to read a message id: its first block, the whole id a click away. */
function ShortId({ id }: { id: string | null }) {
  if (!id) return <>{EMPTY}</>;
  return (
    <Typography.Text code copyable={{ text: id }} title={id}>
      {id.slice(0, 8)}
    </Typography.Text>
  );
}

function Age({ seconds }: { seconds: number | null }) {
  const { t } = useTranslation();
  if (seconds === null) return null;
  const { unit, n } = ageParts(seconds);
  return <>{t(`exchange:age.${unit}`, { count: n })}</>;
}

/** The RFC 3161 time-stamp of the last checkpoint signed here, and how many still wait for theirs. */
function CheckpointTimestamp({ peer }: { peer: Peer }) {
  const { t } = useTranslation();
  const c = peer.checkpoint;
  return (
    <Space size={4} wrap data-testid="checkpoint-timestamp">
      {!c ? (
        EMPTY
      ) : c.timestamp === 'stamped' ? (
        <span>{t('exchange:peer.timestampStamped', { at: formatDateTime(c.timestampAt) })}</span>
      ) : c.timestamp === 'pending' ? (
        <Tag color="orange">{t('exchange:peer.timestampPending')}</Tag>
      ) : (
        <Typography.Text type="secondary">{t('exchange:peer.timestampNone')}</Typography.Text>
      )}
      {peer.timestampsPending > 0 ? (
        <Typography.Text type="secondary">({t('exchange:peer.timestampsPending', { count: peer.timestampsPending })})</Typography.Text>
      ) : null}
    </Space>
  );
}

/** One peer node: where the link stands, what waits, what came through. */
function PeerCard({ peer }: { peer: Peer }) {
  const { t } = useTranslation();
  return (
    <Card
      title={
        <Space size={8} wrap>
          <span>{peer.name}</span>
          <PeerStateTag state={peer.state} />
        </Space>
      }
      extra={<Typography.Text type="secondary">{t(`common:parties.${peer.party}`, { defaultValue: peer.party })}</Typography.Text>}
      style={{ marginBottom: 16 }}
      data-testid="peer"
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('exchange:peer.url')}>
          <Typography.Text copyable>{peer.url}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.nodeId')}>
          <Typography.Text code>{peer.nodeId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.lastHeardAt')}>{formatDateTime(peer.lastHeardAt)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.lastSuccessAt')}>{formatDateTime(peer.lastSuccessAt)}</Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.queued')}>{peer.queued}</Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.oldestQueuedAt')}>
          {peer.oldestQueuedAt ? (
            <Space size={4}>
              <span>{formatDateTime(peer.oldestQueuedAt)}</span>
              <Typography.Text type="secondary">
                (<Age seconds={peer.oldestAgeSeconds} />)
              </Typography.Text>
            </Space>
          ) : (
            EMPTY
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.sent')}>
          {t('exchange:peer.sentCounts', { delivered: peer.delivered, rejected: peer.rejected })}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.received')}>
          {t('exchange:peer.receivedCounts', { received: peer.received, held: peer.held, refused: peer.refused })}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.keyExpiry')}>
          {peer.keyExpiry ? formatDate(peer.keyExpiry) : <Tag color="red">{t('exchange:peer.noValidKey')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.checkpoint')}>
          {peer.checkpoint
            ? t('exchange:peer.checkpointValue', {
                size: peer.checkpoint.size,
                status: t(`exchange:checkpointStatuses.${peer.checkpoint.status}`),
                at: formatDateTime(peer.checkpoint.at),
              })
            : EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange:peer.timestamp')}>
          <CheckpointTimestamp peer={peer} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('exchange:peer.keys')}
      </Typography.Title>
      <KeysTable keys={peer.keys} testId="peer-keys" />
    </Card>
  );
}

/** Node keys with their validity: this node's, or a peer's as received (its trust bundle, then its signed key records). */
function KeysTable({ keys, extra, testId }: { keys: NodeKey[]; extra?: TableColumnsType<NodeKey>; testId?: string }) {
  const { t } = useTranslation();
  const now = Date.now();
  const columns: TableColumnsType<NodeKey> = [
    { title: t('exchange:keys.kid'), dataIndex: 'kid', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('exchange:keys.notBefore'), dataIndex: 'notBefore', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('exchange:keys.notAfter'), dataIndex: 'notAfter', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: t('exchange:keys.status'),
      key: 'status',
      width: 140,
      render: (_: unknown, k) =>
        k.revokedAt ? (
          <Tag color="red">{t('exchange:keys.statuses.revoked')}</Tag>
        ) : Date.parse(k.notAfter) <= now ? (
          <Tag>{t('exchange:keys.statuses.expired')}</Tag>
        ) : (
          <Tag color="green">{t('exchange:keys.statuses.valid')}</Tag>
        ),
    },
    ...(extra ?? []),
  ];
  return <DataTable<NodeKey> rowKey="kid" size="small" columns={columns} dataSource={keys} pagination={false} scroll={{ x: 700 }} data-testid={testId} />;
}

/** Resends a message under the same id (the peer answers a duplicate with its stored receipt). */
function ResendButton({ peerId, messageId }: { peerId: string; messageId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const resend = useMutation({
    mutationFn: () => api.post<{ queued: boolean }>(`/api/v1/exchange/peers/${peerId}/messages/${messageId}/resend`),
    onSuccess: () => {
      void message.success(t('exchange:resend.done'));
      void qc.invalidateQueries({ queryKey: EXCHANGE_KEY });
    },
  });
  return (
    <Space orientation="vertical" size={4}>
      <Button size="small" icon={<ReloadOutlined aria-hidden />} loading={resend.isPending} onClick={() => resend.mutate()}>
        {t('exchange:resend.action')}
      </Button>
      <ErrorAlert error={resend.error} />
    </Space>
  );
}

type RejectedRow = RejectedMessage & { peerId: string; peerName: string };

function RejectedTable({ peers, admin }: { peers: Peer[]; admin: boolean }) {
  const { t } = useTranslation();
  const rows: RejectedRow[] = peers.flatMap((p) => p.rejectedMessages.map((m) => ({ ...m, peerId: p.id, peerName: p.name })));
  const columns: TableColumnsType<RejectedRow> = [
    { title: t('exchange:fields.messageId'), dataIndex: 'messageId', width: 130, render: (v: string) => <ShortId id={v} /> },
    { title: t('exchange:fields.peer'), dataIndex: 'peerName', width: 180 },
    { title: t('exchange:fields.subjectId'), dataIndex: 'subjectId', width: 130, render: (v: string) => <ShortId id={v} /> },
    { title: t('exchange:fields.seq'), dataIndex: 'seq', width: 80 },
    { title: t('exchange:fields.code'), dataIndex: 'code', render: (v: string | null) => <RejectionCode code={v} /> },
    { title: t('exchange:fields.at'), dataIndex: 'at', width: 160, render: (v: string | null) => formatDateTime(v) },
  ];
  if (admin)
    columns.push({
      title: t('exchange:fields.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, r) => <ResendButton peerId={r.peerId} messageId={r.messageId} />,
    });
  return (
    <Card title={t('exchange:rejected.title')} style={{ marginBottom: 16 }}>
      <DataTable<RejectedRow>
        rowKey="messageId"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('exchange:rejected.empty') }}
        scroll={{ x: 900 }}
      />
    </Card>
  );
}

function AlertsTable({ alerts, peers, admin }: { alerts: ExchangeAlert[]; peers: Peer[]; admin: boolean }) {
  const { t } = useTranslation();
  const peerName = (id: string | null) => peers.find((p) => p.id === id)?.name ?? EMPTY;
  const columns: TableColumnsType<ExchangeAlert> = [
    { title: t('exchange:fields.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('exchange:fields.kind'), dataIndex: 'kind', render: (v: string) => t(`exchange:alertKinds.${v}`, { defaultValue: v }) },
    { title: t('exchange:fields.peer'), dataIndex: 'peerId', width: 180, render: (v: string | null) => peerName(v) },
    { title: t('exchange:fields.messageId'), dataIndex: 'messageId', width: 130, render: (v: string | null) => <ShortId id={v} /> },
    { title: t('exchange:fields.subjectId'), dataIndex: 'subjectId', width: 130, render: (v: string | null) => <ShortId id={v} /> },
  ];
  if (admin)
    columns.push({
      title: t('exchange:fields.actions'),
      key: 'actions',
      width: 170,
      // A message still waiting can be tried again now; the others are answered by the peer.
      render: (_: unknown, a) => (a.kind === 'undelivered' && a.peerId && a.messageId ? <ResendButton peerId={a.peerId} messageId={a.messageId} /> : null),
    });
  return (
    <Card title={t('exchange:alerts.title')} style={{ marginBottom: 16 }}>
      <DataTable<ExchangeAlert>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={alerts}
        pagination={alerts.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t('exchange:alerts.empty') }}
        scroll={{ x: 900 }}
      />
    </Card>
  );
}

/** This node's trust bundle: the file goes to the other administrator, the hash is read out to them. */
function TrustCard() {
  const { t } = useTranslation();
  const trust = useTrustBundle(true);
  const save = () => {
    if (!trust.data) return;
    const blob = new Blob([trust.data.bundle], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `trust-bundle-${trust.data.nodeId}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Card title={t('exchange:trust.title')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={trust.error} onRetry={() => void trust.refetch()} />
      <Typography.Paragraph type="secondary">{t('exchange:trust.hint')}</Typography.Paragraph>
      {trust.data ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('exchange:trust.hash')}</Typography.Text>
          <Typography.Text code copyable={{ text: trust.data.hash }} style={{ wordBreak: 'break-all' }} data-testid="trust-hash">
            {trust.data.hash}
          </Typography.Text>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={save}>
            {t('exchange:trust.download')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}

function ImportPeerCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ImportPeerValues>();
  const { submit, pending, error } = useFormMutation({
    form,
    schema: ImportPeerBody,
    toBody: (v: ImportPeerValues) => v,
    mutationFn: (body) => api.post<{ id: string; nodeId: string; name: string }>('/api/v1/exchange/peers', body),
    invalidate: [EXCHANGE_KEY],
    onSuccess: (peer) => {
      form.resetFields();
      void message.success(t('exchange:import.done', { name: peer.name }));
    },
  });
  return (
    <Card title={t('exchange:import.title')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('exchange:import.hint')}</Typography.Paragraph>
      <Form<ImportPeerValues> form={form} layout="vertical" onFinish={submit}>
        <ErrorAlert error={error} />
        <Form.Item name="bundle" label={t('exchange:import.bundle')} required>
          <Input.TextArea rows={5} spellCheck={false} />
        </Form.Item>
        <Form.Item name="hash" label={t('exchange:import.hash')} extra={t('exchange:import.hashHint')} required>
          <Input spellCheck={false} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('exchange:import.name')} required>
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pending}>
          {t('exchange:import.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** This node's keys: rotate (the old ones keep signing for the overlap) and revoke one. */
function KeysCard({ keys, admin }: { keys: NodeKey[]; admin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [overlapDays, setOverlapDays] = useState<number>(7);
  const done = (text: string) => {
    void message.success(text);
    void qc.invalidateQueries({ queryKey: EXCHANGE_KEY });
  };
  const rotate = useMutation({
    mutationFn: () => api.post<{ keys: NodeKey[] }>('/api/v1/exchange/keys/rotate', { overlapDays }),
    onSuccess: () => done(t('exchange:keys.rotated')),
  });
  const revoke = useMutation({
    mutationFn: (kid: string) => api.post<{ keys: NodeKey[] }>(`/api/v1/exchange/keys/${encodeURIComponent(kid)}/revoke`),
    onSuccess: () => done(t('exchange:keys.revoked')),
  });
  const now = Date.now();
  const columns: TableColumnsType<NodeKey> = [];
  if (admin)
    columns.push({
      title: t('exchange:fields.actions'),
      key: 'actions',
      width: 140,
      render: (_: unknown, k) =>
        !k.revokedAt && Date.parse(k.notAfter) > now ? (
          <Popconfirm title={t('exchange:keys.revokeConfirm', { kid: k.kid })} onConfirm={() => revoke.mutate(k.kid)} okButtonProps={{ danger: true }}>
            <Button size="small" danger loading={revoke.isPending && revoke.variables === k.kid}>
              {t('exchange:keys.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  return (
    <Card title={t('exchange:keys.title')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={rotate.error} />
      <ErrorAlert error={revoke.error} />
      {admin ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t('exchange:keys.overlapDays')}</Typography.Text>
          <InputNumber
            min={0}
            max={90}
            precision={0}
            value={overlapDays}
            onChange={(v) => setOverlapDays(v ?? 0)}
            aria-label={t('exchange:keys.overlapDays')}
          />
          <Popconfirm title={t('exchange:keys.rotateConfirm', { count: overlapDays })} onConfirm={() => rotate.mutate()}>
            <Button icon={<KeyOutlined aria-hidden />} loading={rotate.isPending}>
              {t('exchange:keys.rotate')}
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
      <KeysTable keys={keys} extra={columns} />
    </Card>
  );
}

/** The link with the other Party's node: administrators configure it, coordinators watch it. */
export default function ExchangePage() {
  const { t } = useTranslation();
  const admin = hasRole(useUser(), 'admin');
  const link = useLink();

  if (link.isPending) return <PageSpinner />;
  if (!link.data) return <ErrorAlert error={link.error} onRetry={() => void link.refetch()} />;
  const { node, peers, alerts } = link.data;

  return (
    <>
      <PageHeader title={t('exchange:title')}>
        <Typography.Text type="secondary">
          {t('exchange:thisNode', { nodeId: node.nodeId, party: t(`common:parties.${node.party}`, { defaultValue: node.party }) })}
        </Typography.Text>
      </PageHeader>
      <ErrorAlert error={link.error} onRetry={() => void link.refetch()} />
      {peers.length === 0 ? (
        <Card style={{ marginBottom: 16 }}>
          <Empty description={t('exchange:empty.title')}>
            <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: '0 auto' }}>
              {t(admin ? 'exchange:empty.admin' : 'exchange:empty.coordinator')}
            </Typography.Paragraph>
          </Empty>
        </Card>
      ) : (
        peers.map((p) => <PeerCard key={p.id} peer={p} />)
      )}
      {peers.length > 0 ? <RejectedTable peers={peers} admin={admin} /> : null}
      <AlertsTable alerts={alerts} peers={peers} admin={admin} />
      {admin ? (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <TrustCard />
          </Col>
          <Col xs={24} xl={12}>
            <ImportPeerCard />
          </Col>
        </Row>
      ) : null}
      <KeysCard keys={node.keys} admin={admin} />
    </>
  );
}
