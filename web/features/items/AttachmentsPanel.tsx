import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Progress, Radio, Segmented, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, upload } from '../../api/client.ts';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../domain/items.ts';
import type { ItemAttachmentView as AttachmentView, ItemView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLocale } from '../../i18n/index.ts';
import { fileFloor, levelsFrom, uploadRoles, type AttachmentRole } from './item-rules.ts';
import { HiddenPiece, PieceLevel } from './ItemTags.tsx';
import { RaiseLevel } from './RaiseLevel.tsx';
import { itemKeys, useItemRefresh } from './useItems.ts';
import { AttachmentName, sha256Column, uploadedColumn } from './attachment-columns.tsx';

type Role = AttachmentRole;

export function fileSize(bytes: number, locale: string, t: TFunction): string {
  const nf = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return t('items:attachments.bytes', { size: nf(bytes) });
  if (bytes < 1024 * 1024) return t('items:attachments.kb', { size: nf(bytes / 1024) });
  return t('items:attachments.mb', { size: nf(bytes / 1024 / 1024) });
}

/**
 * The files of an item with their size and SHA-256. Content files are part of what is signed:
 * adding or removing one voids the signature. Uploads go in one request, with progress.
 */
export function AttachmentsPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = useItemRefresh();
  const roles = uploadRoles(item);
  const [role, setRole] = useState<Role | undefined>(undefined);
  const chosenRole = role && roles.includes(role) ? role : roles[0];
  // A-9.2: the files' level starts at that of the piece they belong to and may be raised, not lowered.
  const floor = chosenRole ? fileFloor(item, chosenRole) : item.confidentiality;
  const [picked, setPicked] = useState<Confidentiality | undefined>(undefined);
  const level = picked && levelsFrom(floor).includes(picked) ? picked : floor;
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const batch = useRef<File[]>([]);

  const send = async (files: File[]) => {
    if (!chosenRole || files.length === 0) return;
    setError(null);
    setProgress(0);
    try {
      const q = `${chosenRole === 'content' ? `role=content&version=${item.version}` : `role=${chosenRole}`}&confidentiality=${level}`;
      const answer = await upload<ItemView | { items: AttachmentView[] }>(`/api/v1/items/${item.id}/attachments?${q}`, files, setProgress);
      if ('availableActions' in answer) refresh(answer);
      else await qc.invalidateQueries({ queryKey: itemKeys.one(item.id) });
      void qc.invalidateQueries({ queryKey: ['items', 'part', item.id] });
      void message.success(t('items:attachments.uploaded', { count: files.length }));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void qc.invalidateQueries({ queryKey: itemKeys.one(item.id) });
    } finally {
      setProgress(null);
    }
  };

  const remove = useMutation({
    mutationFn: (a: AttachmentView) => api.delete<ItemView>(`/api/v1/items/${item.id}/attachments/${a.id}?version=${item.version}`),
    onSuccess: (answer) => {
      refresh(answer);
      void message.success(t('items:attachments.removed'));
    },
    onError: (e) => {
      setError(e);
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void qc.invalidateQueries({ queryKey: itemKeys.one(item.id) });
    },
  });

  // A-9.2: the side that provided a file: content the sender's, the answer's files the requested office's, a consultation file its uploader's.
  const providerOf = (a: AttachmentView) => (a.role === 'content' ? 'sender' : a.role === 'outcome' ? 'receiver' : a.officeCode === item.fromOffice.code ? 'sender' : 'receiver');
  const fileIssue = error instanceof ApiError ? error.issues.find((i) => i.field === 'body.file') : undefined;
  const mayRemove = item.side === 'sender' && item.availableActions.includes('update');

  const columns: TableColumnsType<AttachmentView> = [
    {
      title: t('items:attachments.file'),
      dataIndex: 'fileName',
      render: (_: string, a) => (
        <Space orientation="vertical" size={2}>
          <AttachmentName a={a} url={`/api/v1/attachments/${a.id}`} onDamaged={() => void qc.invalidateQueries({ queryKey: itemKeys.one(item.id) })} />
          <Space size={4} wrap>
            <Tag>{t(`items:attachments.roles.${a.role}`, { defaultValue: a.role })}</Tag>
            <PieceLevel level={a.confidentiality} />
            {providerOf(a) === item.side ? <RaiseLevel item={item} piece="attachment" pieceId={a.id} level={a.confidentiality} /> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fileSize(a.size, locale, t)}
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    sha256Column<AttachmentView>(t, 210),
    uploadedColumn<AttachmentView>(t, 130),
    ...(mayRemove
      ? [
          {
            title: t('common:actionsColumn'),
            key: 'remove',
            width: 90,
            render: (_: unknown, a: AttachmentView) =>
              a.role === 'content' ? (
                <Popconfirm
                  title={t('items:attachments.removeConfirm', { name: a.fileName })}
                  description={item.status === 'signed' ? t('items:attachments.voidsSignature') : undefined}
                  okText={t('items:attachments.remove')}
                  cancelText={t('common:actions.cancel')}
                  onConfirm={() => remove.mutate(a)}
                >
                  <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('items:attachments.remove')}: ${a.fileName}`} loading={remove.isPending && remove.variables?.id === a.id} />
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <ErrorAlert error={error} description={fileIssue ? String((fileIssue.params as { fileName?: string } | undefined)?.fileName ?? '') || undefined : undefined} />
      {roles.length > 0 ? (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
          {roles.length > 1 ? (
            <Segmented<Role> value={chosenRole} onChange={setRole} options={roles.map((r) => ({ value: r, label: t(`items:attachments.roles.${r}`) }))} />
          ) : null}
          <Space wrap size={6}>
            <Typography.Text type="secondary">{t('items:pieces.fileLevel')}:</Typography.Text>
            <Radio.Group
              size="small"
              optionType="button"
              value={level}
              onChange={(e) => setPicked(e.target.value as Confidentiality)}
              aria-label={t('items:pieces.fileLevel')}
              options={CONFIDENTIALITY_LEVELS.map((c) => ({ value: c, label: t(`items:confidentiality.${c}`), disabled: !levelsFrom(floor).includes(c) }))}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('items:pieces.levelHintFile', { level: t(`items:confidentiality.${floor}`) })}
            </Typography.Text>
          </Space>
          <Space wrap>
            <Upload
              multiple
              showUploadList={false}
              disabled={progress !== null}
              beforeUpload={(file, list) => {
                // One request for the files chosen together: content files change the item's version.
                batch.current.push(file as File);
                if (batch.current.length === list.length) {
                  const files = batch.current;
                  batch.current = [];
                  void send(files);
                }
                return false;
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />} loading={progress !== null}>
                {t('items:attachments.add')}
              </Button>
            </Upload>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {chosenRole === 'content' ? t('items:attachments.contentHint') : t('items:attachments.typesHint')}
            </Typography.Text>
          </Space>
          {progress !== null ? <Progress percent={progress} size="small" aria-label={t('items:attachments.progress')} /> : null}
        </Space>
      ) : null}
      <Table<AttachmentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={item.attachments}
        pagination={false}
        locale={{ emptyText: <span><PaperClipOutlined aria-hidden /> {t(item.hiddenAttachments.length ? 'items:attachments.emptyVisible' : 'items:attachments.empty')}</span> }}
      />
      {item.hiddenAttachments.length > 0 ? (
        <Space orientation="vertical" size={2} style={{ marginTop: 8 }} data-testid="hidden-files">
          {item.hiddenAttachments.map((h, i) => (
            <span key={i}>
              <HiddenPiece compact piece="file" level={h.confidentiality} />{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`items:attachments.roles.${h.role}`, { defaultValue: h.role })} · {h.officeCode ?? ''}
              </Typography.Text>
            </span>
          ))}
        </Space>
      ) : null}
    </>
  );
}
