import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Progress, Segmented, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../../api/client.ts';
import type { AttachmentView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { currentLocale } from '../../i18n/index.ts';
import { fileSize } from '../items/AttachmentsPanel.tsx';
import { eventUploadRoles, type EventAttachmentRole } from './event-rules.ts';
import { eventKeys, useEventRefresh, type EventView } from './useEvents.ts';
import { AttachmentName, sha256Column, uploadedColumn } from '../items/attachment-columns.tsx';

/**
 * The files of an event: those of the proposal while it can be edited, those of the report while
 * the report can be written. Files chosen together go up in one request, with progress.
 */
export function EventAttachmentsPanel({ event, only }: { event: EventView; only?: EventAttachmentRole }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = useEventRefresh();
  const roles = eventUploadRoles(event).filter((r) => !only || r === only);
  const [role, setRole] = useState<EventAttachmentRole | undefined>(undefined);
  const chosenRole = role && roles.includes(role) ? role : roles[roles.length - 1];
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const batch = useRef<File[]>([]);

  const send = async (files: File[]) => {
    if (!chosenRole || files.length === 0) return;
    setError(null);
    setProgress(0);
    try {
      const answer = await upload<EventView>(`/api/v1/events/${event.id}/attachments?role=${chosenRole}`, files, setProgress);
      if (answer && 'availableActions' in answer) refresh(answer);
      else await qc.invalidateQueries({ queryKey: eventKeys.one(event.id) });
      void qc.invalidateQueries({ queryKey: eventKeys.timeline(event.id) });
      void message.success(t('items:attachments.uploaded', { count: files.length }));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void qc.invalidateQueries({ queryKey: eventKeys.one(event.id) });
    } finally {
      setProgress(null);
    }
  };

  const shown = only ? event.attachments.filter((a) => a.role === only) : event.attachments;
  const fileIssue = error instanceof ApiError ? error.issues.find((i) => i.field === 'body.file') : undefined;

  const columns: TableColumnsType<AttachmentView> = [
    {
      title: t('items:attachments.file'),
      dataIndex: 'fileName',
      render: (_: string, a) => (
        <Space orientation="vertical" size={2}>
          <AttachmentName a={a} url={`/api/v1/events/${event.id}/attachments/${a.id}`} onDamaged={() => void qc.invalidateQueries({ queryKey: eventKeys.one(event.id) })} />
          <Space size={4} wrap>
            <Tag>{t(`events:attachments.roles.${a.role}`, { defaultValue: a.role })}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fileSize(a.size, locale, t)}
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    sha256Column(t, 200),
    uploadedColumn(t, 140),
  ];

  return (
    <div data-testid={only ? `attachments-${only}` : 'attachments'}>
      <ErrorAlert error={error} description={fileIssue ? String((fileIssue.params as { fileName?: string } | undefined)?.fileName ?? '') || undefined : undefined} />
      {roles.length > 0 ? (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
          {roles.length > 1 ? (
            <Segmented<EventAttachmentRole>
              aria-label={t('events:attachments.roleLabel')}
              value={chosenRole}
              onChange={setRole}
              options={roles.map((r) => ({ value: r, label: t(`events:attachments.roles.${r}`) }))}
            />
          ) : null}
          <Space wrap>
            <Upload
              multiple
              showUploadList={false}
              disabled={progress !== null}
              beforeUpload={(file, list) => {
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
                {t(`events:attachments.add.${chosenRole}`)}
              </Button>
            </Upload>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('items:attachments.typesHint')}
            </Typography.Text>
          </Space>
          {progress !== null ? <Progress percent={progress} size="small" aria-label={t('items:attachments.progress')} /> : null}
        </Space>
      ) : null}
      <Table<AttachmentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={shown}
        pagination={false}
        locale={{
          emptyText: (
            <span>
              <PaperClipOutlined aria-hidden /> {t('items:attachments.empty')}
            </span>
          ),
        }}
      />
    </div>
  );
}
