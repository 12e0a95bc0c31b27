import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Progress, Segmented, Space, Tag, Tooltip, Typography, Upload, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadLimits } from '../../domain/settings.ts';
import { ApiError, api, download, upload } from '../api/client.ts';
import type { AttachmentView } from '../api/types.ts';
import { formatDateTime } from '../i18n/format.ts';
import { currentLocale } from '../i18n/index.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { errorMessage } from './error-message.ts';
import { issueText } from './form-issues.ts';
import { refusedFiles } from './upload-limits.ts';
import { searchOf } from './url-filters.ts';
import { DataTable } from './DataTable.tsx';

/**
 * The one uploader and the one table of stored files, for requests and proposals and for events:
 * the limits from the settings checked before anything travels, files chosen together sent in one
 * request with progress, the damaged-file mark; each page adds its own parameters and columns.
 */

export function fileSize(bytes: number, locale: string, t: TFunction): string {
  const nf = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return t('items:attachments.bytes', { size: nf(bytes) });
  if (bytes < 1024 * 1024) return t('items:attachments.kb', { size: nf(bytes / 1024) });
  return t('items:attachments.mb', { size: nf(bytes / 1024 / 1024) });
}

/** The administrator's limits (a setting): read once a few minutes; the server checks again on receipt. */
export function useUploadLimits() {
  return useQuery({ queryKey: ['settings', 'uploads'], queryFn: () => api.get<UploadLimits>('/api/v1/settings/uploads'), staleTime: 5 * 60_000 });
}

interface UploaderProps<R extends string> {
  /** The kinds of files the user may add now (at least one). */
  roles: readonly R[];
  role: R;
  onRole: (role: R) => void;
  roleLabel: (role: R) => string;
  /** The switch's own label, for screen readers. */
  rolesLabel?: string;
  addLabel: string;
  /** Which files are accepted (and what adding them means). */
  hint: string;
  /** The upload's address and its parameters (typed by the route's query schema). */
  path: string;
  query: Record<string, string | number | undefined>;
  /** The server's answer to a successful upload (the record with its files, usually). */
  onUploaded: (answer: unknown) => Promise<void> | void;
  /** Reads the record again: someone else changed it meanwhile (a version conflict). */
  reload: () => void;
  /** Controls the page adds (the files' level of confidentiality). */
  children?: ReactNode;
}

export function AttachmentUploader<R extends string>({
  roles,
  role,
  onRole,
  roleLabel,
  rolesLabel,
  addLabel,
  hint,
  path,
  query,
  onUploaded,
  reload,
  children,
}: UploaderProps<R>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async (files: File[]) => {
    setError(null);
    setProgress(0);
    try {
      await onUploaded(await upload<unknown>(`${path}?${searchOf(query)}`, files, setProgress));
      void message.success(t('items:attachments.uploaded', { count: files.length }));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') reload();
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <FileIssuesAlert error={error} />
      <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
        {roles.length > 1 ? (
          <Segmented<R> aria-label={rolesLabel} value={role} onChange={onRole} options={roles.map((r) => ({ value: r, label: roleLabel(r) }))} />
        ) : null}
        {children}
        <FilePicker label={addLabel} hint={hint} busy={progress !== null} onChoose={(files) => void send(files)} />
        {progress !== null ? <Progress percent={progress} size="small" aria-label={t('items:attachments.progress')} /> : null}
      </Space>
    </>
  );
}

/**
 * The file-picking part of the uploader: the button, the limits beside it, and the files chosen
 * together handed over as one list.
 */
export function FilePicker({
  label,
  hint,
  busy = false,
  onChoose,
  onRefused,
}: {
  label: string;
  hint: string;
  busy?: boolean;
  onChoose: (files: File[]) => void;
  onRefused?: (error: ApiError) => void;
}) {
  const { t } = useTranslation();
  const limits = useUploadLimits().data;
  const batch = useRef<File[]>([]);
  return (
    <Space wrap>
      <Upload
        multiple
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file, list) => {
          // The files chosen together go on together: one request, one version of the record.
          batch.current.push(file as File);
          if (batch.current.length === list.length) {
            const files = batch.current;
            batch.current = [];
            // A caller that sends at once hears a choice the limits refuse here, as the server would refuse it.
            const refused = onRefused ? refusedFiles(files, limits) : [];
            if (refused.length > 0) onRefused!(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Refused before sending', { issues: refused }));
            else onChoose(files);
          }
          return false;
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />} loading={busy}>
          {label}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {limits ? `${hint} · ${t('items:attachments.limitsHint', { mb: limits.attachmentMaxMb, count: limits.maxFiles })}` : hint}
      </Typography.Text>
    </Space>
  );
}

/**
 * Files that go with a form (a letter and its scans, sent in one request): a form field whose value
 * is the chosen files, each removable before sending. The form's schema checks the limits.
 */
export function FilesField({
  id,
  value = [],
  onChange,
  label,
  hint,
}: {
  id?: string;
  value?: File[];
  onChange?: (files: File[]) => void;
  label: string;
  hint: string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <div id={id}>
      <FilePicker label={label} hint={hint} onChoose={(files) => onChange?.([...value, ...files])} />
      {value.length > 0 ? (
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 18 }} data-testid="chosen-files">
          {value.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              {f.name}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fileSize(f.size, locale, t)}
              </Typography.Text>
              <Button
                type="link"
                size="small"
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`${t('items:attachments.remove')}: ${f.name}`}
                onClick={() => onChange?.(value.filter((_, j) => j !== i))}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** An upload's refusal, with what the server (or the limits) said of the files themselves. */
export function FileIssuesAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const issues = error instanceof ApiError ? error.issues.filter((i) => i.field === 'body.file') : [];
  return <ErrorAlert error={error} description={issues.length ? issues.map((i) => issueText(t, i)).join('; ') : undefined} />;
}

/** A stored file that no longer matches its SHA-256 (or is gone): red, with why and that the administrators know. */
function DamagedTag({ damagedAt }: { damagedAt: string | null }) {
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

interface TableProps<A extends AttachmentView> {
  files: A[];
  /** Where a file is downloaded from. */
  urlOf: (a: A) => string;
  /** A download found the file damaged: read the record again to show the mark. */
  onDamaged: () => void;
  /** The tags under the name: the kind of file, its level… */
  tags: (a: A) => ReactNode;
  /** Columns of the page's own, after the hash and the upload (removal). */
  extra?: TableColumnsType<A>;
  emptyText: string;
}

/** The files with their size, SHA-256 and who uploaded them when. */
export function AttachmentsTable<A extends AttachmentView>({ files, urlOf, onDamaged, tags, extra = [], emptyText }: TableProps<A>) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const columns: TableColumnsType<A> = [
    {
      title: t('items:attachments.file'),
      dataIndex: 'fileName',
      render: (_: string, a) => (
        <Space orientation="vertical" size={2}>
          <AttachmentName a={a} url={urlOf(a)} onDamaged={onDamaged} />
          <Space size={4} wrap>
            {tags(a)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fileSize(a.size, locale, t)}
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    {
      title: t('items:attachments.sha256'),
      dataIndex: 'sha256',
      width: 210,
      responsive: ['md'],
      render: (h: string) => (
        <Typography.Text code copyable={{ text: h }} style={{ fontSize: 11 }} title={h}>
          {`${h.slice(0, 12)}…${h.slice(-6)}`}
        </Typography.Text>
      ),
    },
    {
      title: t('items:attachments.uploadedAt'),
      dataIndex: 'uploadedAt',
      width: 140,
      render: (v: string, a) => (
        <>
          <div>{formatDateTime(v)}</div>
          {a.officeCode ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.officeCode}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    ...extra,
  ];
  return (
    <DataTable<A>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={files}
      pagination={false}
      locale={{
        emptyText: (
          <span>
            <PaperClipOutlined aria-hidden /> {emptyText}
          </span>
        ),
      }}
    />
  );
}
