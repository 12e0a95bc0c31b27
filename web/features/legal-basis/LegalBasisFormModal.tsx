import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { LEGAL_BASIS_KINDS, PARTIES } from '../../../domain/registry.ts';
import { CreateLegalBasisBody, UpdateLegalBasisBody } from '../../../domain/schemas/registry.ts';
import { api } from '../../api/client.ts';
import type { LegalBasisView, LocalizedText } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { legalBasisKeys } from './useLegalBasis.ts';
import { useToday } from '../auth/useToday.ts';

interface Values {
  code?: string;
  kind?: string;
  title?: Partial<LocalizedText>;
  party?: string | null;
  signedOn?: string | null;
  inForceFrom?: string | null;
  inForceTo?: string | null;
  parentCode?: string | null;
  enablesDirectExchange?: boolean;
  notes?: string | null;
  effectiveFrom?: string | null;
  comment?: string;
}

const fields = (v: Values) => ({
  kind: v.kind,
  title: v.title,
  party: v.party ?? null,
  signedOn: v.signedOn ?? null,
  inForceFrom: v.inForceFrom ?? null,
  inForceTo: v.inForceTo ?? null,
  parentCode: v.parentCode ?? null,
  enablesDirectExchange: v.enablesDirectExchange ?? false,
  notes: v.notes ?? null,
});

/** Add a document (e.g. an amending protocol, A-12) or edit one; edits carry a date and a reason. */
export function LegalBasisFormModal({ doc, all, onClose }: { doc: LegalBasisView | null; all: LegalBasisView[]; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const editing = doc !== null;
  const create = useFormMutation({
    form,
    schema: CreateLegalBasisBody,
    toBody: (v: Values) => ({ code: v.code ?? '', ...fields(v) }),
    mutationFn: (body) => api.post<LegalBasisView>('/api/v1/legal-basis', body),
    invalidate: [legalBasisKeys.all],
    onSuccess: onClose,
  });
  const update = useFormMutation({
    form,
    schema: UpdateLegalBasisBody,
    toBody: (v: Values) => ({ ...fields(v), effectiveFrom: v.effectiveFrom ?? undefined, comment: v.comment?.trim() || undefined, version: doc?.version }),
    mutationFn: (body) => api.patch<LegalBasisView>(`/api/v1/legal-basis/${doc!.id}`, body),
    invalidate: [legalBasisKeys.all],
    onSuccess: onClose,
  });
  const m = editing ? update : create;
  const initialValues: Values = doc
    ? { ...doc, effectiveFrom: today }
    : { kind: 'amending_protocol', parentCode: 'AGREEMENT-2009', enablesDirectExchange: false, party: null };

  return (
    <FormModal<Values>
      open
      title={editing ? t('registry:legalBasisForm.editTitle', { code: doc.code }) : t('registry:legalBasisForm.createTitle')}
      form={form}
      initialValues={initialValues}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      width={720}
    >
      <Row gutter={16}>
        {!editing ? (
          <Col span={12}>
            <Form.Item name="code" label={t('registry:legalBasis.code')} required extra={t('registry:legalBasisForm.codeHint')}>
              <Input autoFocus style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
        ) : null}
        <Col span={12}>
          <Form.Item name="kind" label={t('registry:legalBasis.kind')} required>
            <Select autoFocus={editing} options={LEGAL_BASIS_KINDS.map((k) => ({ value: k, label: t(`registry:legalBasisKinds.${k}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      {(['ru', 'kk', 'en'] as const).map((lng) => (
        <Form.Item key={lng} name={['title', lng]} label={`${t('registry:legalBasis.title')} (${t(`common:languages.${lng}`)})`} required>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      ))}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="party" label={t('registry:legalBasis.party')} extra={t('registry:legalBasisForm.partyHint')}>
            <Select allowClear options={PARTIES.map((p) => ({ value: p, label: t(`common:parties.${p}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="parentCode" label={t('registry:legalBasis.parent')}>
            <Select allowClear options={all.filter((d) => d.code !== doc?.code).map((d) => ({ value: d.code, label: d.code }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="signedOn" label={t('registry:legalBasis.signedOn')}>
            <IsoDatePicker />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="inForceFrom" label={t('registry:legalBasis.inForceFrom')}>
            <IsoDatePicker />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="inForceTo" label={t('registry:legalBasis.inForceTo')}>
            <IsoDatePicker />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="enablesDirectExchange" label={t('registry:legalBasis.enablesDirectExchange')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="notes" label={t('registry:legalBasis.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
      </Form.Item>
      {editing ? (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="effectiveFrom" label={t('registry:change.effectiveFrom')}>
              <IsoDatePicker />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="comment" label={t('registry:change.comment')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </FormModal>
  );
}
