import { FileWordOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError, download, withQuery } from '../../api/client.ts';
import type { ConsentView, ItemView } from '../../api/types.ts';
import { consentDocuments, type ConsentDocument } from '../../../domain/items.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { errorMessage } from '../../components/error-message.ts';
import { applyIssues, parseWith } from '../../components/form-issues.ts';
import { documentsOf, needsPurpose, type ItemDocument } from './item-rules.ts';

type Doc = ItemDocument;
const Purpose = z.object({ purpose: z.string().trim().min(3).max(2000) });

const purposeIssue = (e: unknown) => e instanceof ApiError && e.issues.some((i) => i.field === 'querystring.purpose');

/** The official letters as DOCX: the request (or proposal) or the written confirmation of an oral one, the authenticity question, the refusal notice, the outcome letter. */
export function DocumentsPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<Doc | null>(null);
  const [asking, setAsking] = useState<Doc | null>(null);
  const docs = documentsOf(item);
  const path = (doc: Doc, purpose?: string) => withQuery(`/api/v1/items/${item.id}/documents/${doc}.docx`, { purpose });

  const get = async (doc: Doc) => {
    if (needsPurpose(item, doc)) {
      setAsking(doc);
      return;
    }
    setBusy(doc);
    try {
      await download(path(doc));
    } catch (e) {
      if (purposeIssue(e)) setAsking(doc);
      else void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  if (docs.length === 0)
    return <Typography.Text type="secondary">{t(item.contentVisible ? 'items:documents.none' : 'items:documents.restricted')}</Typography.Text>;
  return (
    <>
      <Space wrap data-testid="documents">
        {docs.map((d) => (
          <Button key={d} icon={<FileWordOutlined aria-hidden />} loading={busy === d} onClick={() => void get(d)}>
            {t(`items:documents.${d}.${item.kind}`)}
          </Button>
        ))}
      </Space>
      {asking ? (
        <PurposeDialog
          doc={asking}
          kind={item.kind}
          original={item.content?.purpose ?? ''}
          onClose={() => setAsking(null)}
          onDownload={async (purpose) => {
            await download(path(asking, purpose));
            void qc.invalidateQueries({ queryKey: ['items', 'part', item.id] });
          }}
        />
      ) : null}
    </>
  );
}

/** the letters of one consent — the request for it and, once decided, the decision. */
export function ConsentLetters({ item, consent }: { item: Pick<ItemView, 'id' | 'kind'>; consent: Pick<ConsentView, 'id' | 'status'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ConsentDocument | null>(null);
  const get = async (doc: ConsentDocument) => {
    setBusy(doc);
    try {
      await download(withQuery(`/api/v1/items/${item.id}/documents/${doc}.docx`, { consentId: consent.id }));
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap size={4}>
      {consentDocuments(consent.status).map((d) => (
        <Button key={d} size="small" icon={<FileWordOutlined aria-hidden />} loading={busy === d} onClick={() => void get(d)}>
          {t(`items:documents.${d}.${item.kind}`)}
        </Button>
      ))}
    </Space>
  );
}

function PurposeDialog({
  doc,
  kind,
  original,
  onClose,
  onDownload,
}: {
  doc: Doc;
  kind: string;
  original: string;
  onClose: () => void;
  onDownload: (purpose: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ purpose?: string }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: { purpose?: string }) => {
    setError(null);
    const body = parseWith(form, Purpose, values, t);
    if (!body) return;
    setPending(true);
    try {
      await onDownload(body.purpose);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length)
        applyIssues(
          form,
          e.issues.map((i) => ({ ...i, field: i.field.replace(/^querystring\./, 'body.') })),
          t,
        );
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <FormModal
      open
      title={t('items:documents.purposeTitle', { document: t(`items:documents.${doc}.${kind}`) })}
      form={form}
      onSubmit={(v) => void submit(v)}
      onClose={onClose}
      pending={pending}
      error={error}
      okText={t('items:documents.download')}
      initialValues={{ purpose: original }}
    >
      <Typography.Paragraph>{t('items:documents.purposeIntro')}</Typography.Paragraph>
      <Form.Item name="purpose" label={t('items:consents.purpose')} required>
        <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
