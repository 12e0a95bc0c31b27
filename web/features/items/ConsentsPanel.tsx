import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Form, Input, Radio, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_DECISIONS, USE_KINDS, type ConsentStatus } from '../../../domain/information.ts';
import { ConsentDecisionBody, ConsentRequestBody, UseBody } from '../../../domain/schemas/items.ts';
import { api } from '../../api/client.ts';
import type { ConsentView, ItemView, UseView } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { formatDateTime, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { ConsentLetters } from './DocumentsPanel.tsx';
import { infoRoles } from './item-rules.ts';
import { HiddenPiece } from './ItemTags.tsx';
import { itemKeys, postLetter, useConsents, useUses } from './useItems.ts';
import { LETTER_CHANNELS } from '../../../domain/letters.ts';
import { useUploadLimits } from '../../components/Attachments.tsx';
import { useToday } from '../auth/useToday.ts';
import { useItemActionMutation } from './ActionDialog.tsx';
import type { ActionValues } from './ActionFields.tsx';
import { officeNameOf, recordLetterSchema } from './letter-rules.ts';
import { LetterFields, letterOf } from './RecordLetterDialog.tsx';
import { DataTable } from '../../components/DataTable.tsx';

const STATUS_COLORS: Record<ConsentStatus, string> = { pending: 'gold', granted: 'green', refused: 'red' };

/**
 * information received is used for its original purpose; another use needs the provider's
 * prior consent unless the information is public. The recipient asks for consent and records uses;
 * the provider's head or deputy decides.
 */
export function ConsentsPanel({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const roles = infoRoles(item);
  const consents = useConsents(item.id);
  const uses = useUses(item.id);
  const [dialog, setDialog] = useState<'consent' | 'use' | { decide: ConsentView; letter?: boolean } | null>(null);
  const original = item.content?.purpose ?? null;
  // Issue 10: a provider off the system decides by its signed letter, recorded by the office that asked.
  const off = item.offSystem;
  const byLetter = (c: ConsentView) =>
    c.status === 'pending' && off !== null && item.side !== null && item.side !== off.side && c.providerOffice.code === off.officeCode;

  const consentColumns: TableColumnsType<ConsentView> = [
    {
      title: t('items:consents.purpose'),
      dataIndex: 'purpose',
      render: (p: string | null, c) => (
        <>
          <div>{p ?? <HiddenPiece compact piece="request" level={item.confidentiality} />}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.justification}
          </Typography.Text>
        </>
      ),
    },
    { title: t('items:consents.requester'), key: 'requester', width: 160, render: (_, c) => pickText(c.requesterOffice.name, locale) },
    { title: t('items:consents.requestedAt'), dataIndex: 'requestedAt', width: 110, render: (v: string) => formatDateTime(v) },
    {
      title: t('items:consents.status'),
      key: 'status',
      width: 170,
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <Tag color={STATUS_COLORS[c.status]}>{t(`items:consents.statuses.${c.status}`)}</Tag>
          {c.decidedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(c.decidedAt)}
            </Typography.Text>
          ) : null}
          {c.decisionNote ? <Typography.Text style={{ fontSize: 12 }}>{c.decisionNote}</Typography.Text> : null}
          {c.purpose !== null ? <ConsentLetters item={item} consent={c} /> : null}
          {c.mayDecide ? (
            <Button size="small" type="primary" onClick={() => setDialog({ decide: c })}>
              {t('items:consents.decide')}
            </Button>
          ) : null}
          {byLetter(c) ? (
            <Button size="small" onClick={() => setDialog({ decide: c, letter: true })}>
              {t('items:consents.decideByLetter')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  const useColumns: TableColumnsType<UseView> = [
    { title: t('items:uses.usedAt'), dataIndex: 'usedAt', width: 110, render: (v: string) => formatDateTime(v) },
    { title: t('items:uses.kind'), dataIndex: 'kind', width: 110, render: (k: string) => t(`items:uses.kinds.${k}`, { defaultValue: k }) },
    {
      title: t('items:consents.purpose'),
      dataIndex: 'purpose',
      render: (p: string | null) => p ?? <HiddenPiece compact piece="request" level={item.confidentiality} />,
    },
    {
      title: t('items:uses.basis'),
      key: 'basis',
      width: 170,
      render: (_, u) =>
        u.consentId ? (
          <Tag color="green">{t('items:uses.byConsent')}</Tag>
        ) : (
          <Typography.Text style={{ fontSize: 12 }}>{t('items:uses.originalOrPublic')}</Typography.Text>
        ),
    },
    { title: t('items:uses.office'), dataIndex: 'officeCode', width: 90 },
  ];

  return (
    <div data-testid="consents">
      <Typography.Paragraph type="secondary">{t('items:consents.rule')}</Typography.Paragraph>
      {original ? (
        <Typography.Paragraph>
          <Typography.Text strong>{t('items:consents.originalPurpose')}: </Typography.Text>
          {original}
          {item.isPublic ? (
            <>
              {' '}
              <Tag color="blue">{t('items:fields.isPublicShort')}</Tag>
            </>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      {roles.isRecipient && roles.received ? (
        <Space style={{ marginBottom: 12 }} wrap>
          <Button onClick={() => setDialog('use')}>{t('items:uses.record')}</Button>
          <Button onClick={() => setDialog('consent')}>{t('items:consents.request')}</Button>
        </Space>
      ) : null}
      {roles.isRecipient && !roles.received ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('items:consents.notYet')} /> : null}
      <ErrorAlert error={consents.error ?? uses.error} />
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('items:consents.title')}
      </Typography.Title>
      <DataTable<ConsentView>
        rowKey="id"
        size="small"
        columns={consentColumns}
        dataSource={consents.data?.items}
        pagination={false}
        locale={{ emptyText: t('items:consents.empty') }}
      />
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('items:uses.title')}
      </Typography.Title>
      <DataTable<UseView>
        rowKey="id"
        size="small"
        columns={useColumns}
        dataSource={uses.data?.items}
        pagination={false}
        locale={{ emptyText: t('items:uses.empty') }}
      />
      {dialog === 'consent' ? <ConsentRequestDialog item={item} onClose={() => setDialog(null)} /> : null}
      {dialog === 'use' ? (
        <UseDialog
          item={item}
          purposes={[original, ...(consents.data?.items ?? []).filter((c) => c.status === 'granted').map((c) => c.purpose)]}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog && typeof dialog === 'object' && !dialog.letter ? <DecisionDialog item={item} consent={dialog.decide} onClose={() => setDialog(null)} /> : null}
      {dialog && typeof dialog === 'object' && dialog.letter ? (
        <DecisionLetterDialog item={item} consent={dialog.decide} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

function useDone(item: ItemView, onClose: () => void, text: string) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return () => {
    void qc.invalidateQueries({ queryKey: ['items', 'part', item.id] });
    void qc.invalidateQueries({ queryKey: itemKeys.one(item.id) });
    void message.success(text);
    onClose();
  };
}

function ConsentRequestDialog({ item, onClose }: { item: ItemView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ purpose?: string; justification?: string }>();
  const m = useFormMutation({
    form,
    schema: ConsentRequestBody,
    toBody: (v) => v,
    mutationFn: (body) => api.post<ConsentView>(`/api/v1/items/${item.id}/consents`, body),
    onSuccess: useDone(item, onClose, t('items:consents.requested')),
  });
  return (
    <FormModal
      open
      title={t('items:consents.request')}
      form={form}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      okText={t('items:consents.send')}
    >
      <Typography.Paragraph>{t('items:consents.requestIntro')}</Typography.Paragraph>
      <Form.Item name="purpose" label={t('items:consents.newPurpose')} required>
        <Input autoFocus maxLength={2000} />
      </Form.Item>
      <Form.Item name="justification" label={t('items:consents.justification')} required>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} />
      </Form.Item>
    </FormModal>
  );
}

function UseDialog({ item, purposes, onClose }: { item: ItemView; purposes: (string | null)[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ purpose?: string; kind?: string }>();
  const m = useFormMutation({
    form,
    schema: UseBody,
    toBody: (v) => v,
    mutationFn: (body) => api.post<UseView>(`/api/v1/items/${item.id}/uses`, body),
    onSuccess: useDone(item, onClose, t('items:uses.recorded')),
  });
  const options = [...new Set(purposes.filter((p): p is string => Boolean(p)))].map((p) => ({ value: p }));
  return (
    <FormModal
      open
      title={t('items:uses.record')}
      form={form}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      initialValues={{ kind: 'use' }}
      okText={t('items:uses.recordOk')}
    >
      <Typography.Paragraph>{t('items:uses.intro')}</Typography.Paragraph>
      <Form.Item name="purpose" label={t('items:consents.purpose')} required extra={t('items:uses.purposeHint')}>
        <AutoComplete options={options} autoFocus>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </AutoComplete>
      </Form.Item>
      <Form.Item name="kind" label={t('items:uses.kind')}>
        <Radio.Group options={USE_KINDS.map((k) => ({ value: k, label: t(`items:uses.kinds.${k}`) }))} />
      </Form.Item>
    </FormModal>
  );
}

function DecisionDialog({ item, consent, onClose }: { item: ItemView; consent: ConsentView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ decision?: string; note?: string }>();
  const m = useFormMutation({
    form,
    schema: ConsentDecisionBody,
    toBody: (v) => ({ decision: v.decision, note: v.note?.trim() ? v.note : undefined }),
    mutationFn: (body) => api.post<ConsentView>(`/api/v1/consents/${consent.id}/decision`, body),
    onSuccess: useDone(item, onClose, t('items:consents.decided')),
  });
  return (
    <FormModal
      open
      title={t('items:consents.decide')}
      form={form}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      okText={t('items:consents.decideOk')}
    >
      <Typography.Paragraph>
        <Typography.Text strong>{t('items:consents.purpose')}: </Typography.Text>
        {consent.purpose}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text strong>{t('items:consents.justification')}: </Typography.Text>
        {consent.justification}
      </Typography.Paragraph>
      <DecisionFields />
    </FormModal>
  );
}

/** off the system: the provider's decision as its signed letter says, with the scans; recorded as its action. */
function DecisionLetterDialog({ item, consent, onClose }: { item: ItemView; consent: ConsentView; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const limits = useUploadLimits().data;
  const [form] = Form.useForm<ActionValues>();
  const off = item.offSystem!;
  const m = useItemActionMutation({
    item,
    form,
    schema: recordLetterSchema('consent_decision', off.side, today, limits),
    toBody: (v) => ({
      action: 'consent_decision',
      consentId: consent.id,
      decision: v.decision,
      note: typeof v.note === 'string' && v.note.trim() ? v.note : undefined,
      version: item.version,
      letter: letterOf(v.letter as Record<string, string>),
      file: v.file ?? [],
    }),
    post: (body) => postLetter(item.id, body as { file: File[] }),
    doneText: t('items:consents.decided'),
    onClose,
  });
  return (
    <FormModal<ActionValues>
      open
      title={t('items:consents.decideByLetterTitle', { office: officeNameOf(item, off.officeCode, currentLocale()) })}
      form={form}
      initialValues={{ letter: { channel: 'letter' }, file: [] }}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      okText={t('items:letters.recordOk')}
      width={820}
    >
      <Typography.Paragraph>
        <Typography.Text strong>{t('items:consents.purpose')}: </Typography.Text>
        {consent.purpose}
      </Typography.Paragraph>
      <LetterFields channels={LETTER_CHANNELS.filter((c) => c !== 'phone')} signerRequired />
      <DecisionFields />
    </FormModal>
  );
}

/** The provider's decision and its note: in the system, or as its letter says. */
function DecisionFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="decision" label={t('items:consents.decision')} required>
        <Radio.Group options={CONSENT_DECISIONS.map((d) => ({ value: d, label: t(`items:consents.decisions.${d}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('items:fields.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
      </Form.Item>
    </>
  );
}
