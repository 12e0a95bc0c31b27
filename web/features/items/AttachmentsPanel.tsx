import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../domain/items.ts';
import type { AttachmentUploadQuery } from '../../../domain/schemas/items.ts';
import { ApiError, api } from '../../api/client.ts';
import type { ItemAttachmentView as AttachmentView, ItemView } from '../../api/types.ts';
import { AttachmentsTable, AttachmentUploader } from '../../components/Attachments.tsx';
import type { ApiQuery } from '../../components/url-filters.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fileFloor, levelsFrom, uploadRoles, type AttachmentRole } from './item-rules.ts';
import { HiddenPiece, PieceLevel } from './ItemTags.tsx';
import { RaiseLevel } from './RaiseLevel.tsx';
import { itemKeys, useItemRefresh } from './useItems.ts';

/**
 * The files of an item with their size and SHA-256. Content files are part of what is signed:
 * adding or removing one voids the signature.
 */
export function AttachmentsPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = useItemRefresh();
  const roles = uploadRoles(item);
  const [role, setRole] = useState<AttachmentRole | undefined>(undefined);
  const chosenRole = role && roles.includes(role) ? role : roles[0];
  // A-9.2: the files' level starts at that of the piece they belong to and may be raised, not lowered.
  const floor = chosenRole ? fileFloor(item, chosenRole) : item.confidentiality;
  const [picked, setPicked] = useState<Confidentiality | undefined>(undefined);
  const level = picked && levelsFrom(floor).includes(picked) ? picked : floor;
  // content files may be the translation; the mark «translation attached» needs one.
  const [translation, setTranslation] = useState(false);
  const reload = () => void qc.invalidateQueries({ queryKey: itemKeys.one(item.id) });
  // Content files are part of the signed content: they are added on the draft's version.
  const query: ApiQuery<typeof AttachmentUploadQuery> = {
    role: chosenRole,
    ...(chosenRole === 'content' ? { version: item.version } : {}),
    confidentiality: level,
    ...(chosenRole === 'content' && translation ? { translation: 'true' as const } : {}),
  };

  const remove = useMutation({
    mutationFn: (a: AttachmentView) => api.delete<ItemView>(`/api/v1/items/${item.id}/attachments/${a.id}?version=${item.version}`),
    onSuccess: (answer) => {
      refresh(answer);
      void message.success(t('items:attachments.removed'));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') reload();
    },
  });

  // the side that provided a file: content the sender's, the answer's files the requested office's, a consultation file its uploader's.
  const providerOf = (a: AttachmentView) =>
    a.role === 'content' ? 'sender' : a.role === 'outcome' ? 'receiver' : a.officeCode === item.fromOffice.code ? 'sender' : 'receiver';
  const mayRemove = item.side === 'sender' && item.availableActions.includes('update');

  return (
    <>
      <ErrorAlert error={remove.error} />
      {chosenRole ? (
        <AttachmentUploader<AttachmentRole>
          roles={roles}
          role={chosenRole}
          onRole={setRole}
          roleLabel={(r) => t(`items:attachments.roles.${r}`)}
          addLabel={t('items:attachments.add')}
          hint={chosenRole === 'content' ? t('items:attachments.contentHint') : t('items:attachments.typesHint')}
          path={`/api/v1/items/${item.id}/attachments`}
          query={query}
          // Content files answer with the item (its version changed); the others with the files alone.
          onUploaded={async (answer) => {
            if (answer && typeof answer === 'object' && 'availableActions' in answer) refresh(answer as ItemView);
            else await qc.invalidateQueries({ queryKey: itemKeys.one(item.id) });
            void qc.invalidateQueries({ queryKey: ['items', 'part', item.id] });
          }}
          reload={reload}
        >
          {chosenRole === 'content' ? (
            <Checkbox checked={translation} onChange={(e) => setTranslation(e.target.checked)}>
              {t('items:attachments.markTranslation')}
            </Checkbox>
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
        </AttachmentUploader>
      ) : null}
      <AttachmentsTable<AttachmentView>
        files={item.attachments}
        urlOf={(a) => `/api/v1/attachments/${a.id}`}
        onDamaged={reload}
        tags={(a) => (
          <>
            <Tag>{t(`items:attachments.roles.${a.role}`, { defaultValue: a.role })}</Tag>
            {a.translation ? <Tag color="blue">{t('items:attachments.translation')}</Tag> : null}
            <PieceLevel level={a.confidentiality} />
            {providerOf(a) === item.side ? <RaiseLevel item={item} piece="attachment" pieceId={a.id} level={a.confidentiality} /> : null}
          </>
        )}
        extra={
          mayRemove
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
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={`${t('items:attachments.remove')}: ${a.fileName}`}
                          loading={remove.isPending && remove.variables?.id === a.id}
                        />
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []
        }
        emptyText={t(item.hiddenAttachments.length ? 'items:attachments.emptyVisible' : 'items:attachments.empty')}
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
