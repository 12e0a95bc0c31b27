import { Col, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PAIRING_BASES, type Party } from '../../../domain/registry.ts';
import { CreatePairingBody, UpdatePairingBody } from '../../../domain/schemas/registry.ts';
import { api } from '../../api/client.ts';
import type { PairingView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { officeKeys, useAllOffices } from '../offices/useOffices.ts';
import { pairingKeys } from './usePairings.ts';
import { useToday } from '../auth/useToday.ts';

interface Values {
  ruOfficeCode?: string;
  kzOfficeCode?: string;
  basis?: string;
  validFrom?: string | null;
  validTo?: string | null;
  active?: boolean;
  note?: string | null;
  effectiveFrom?: string | null;
  comment?: string;
}

function OfficeSelect({ party, autoFocus, ...rest }: { party: Party; autoFocus?: boolean; id?: string; value?: string; onChange?: (v: string) => void }) {
  const { data, isPending } = useAllOffices();
  const locale = currentLocale();
  return (
    <Select
      {...rest}
      autoFocus={autoFocus}
      loading={isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={data?.items.filter((o) => o.party === party).map((o) => ({ value: o.code, label: `${o.code} — ${pickText(o.name, locale)}` }))}
    />
  );
}

/** Create a pairing (RU office ↔ KZ office) or edit one, e.g. activate a proposed one. */
export function PairingFormModal({ pairing, onClose }: { pairing: PairingView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const editing = pairing !== null;
  const create = useFormMutation({
    form,
    schema: CreatePairingBody,
    toBody: (v: Values) => ({ ...v, effectiveFrom: undefined, comment: undefined }),
    mutationFn: (body) => api.post<PairingView>('/api/v1/pairings', body),
    invalidate: [pairingKeys.all, officeKeys.all],
    onSuccess: onClose,
  });
  const update = useFormMutation({
    form,
    schema: UpdatePairingBody,
    toBody: (v: Values) => ({
      basis: v.basis,
      validFrom: v.validFrom ?? null,
      validTo: v.validTo ?? null,
      active: v.active,
      note: v.note ?? null,
      effectiveFrom: v.effectiveFrom ?? undefined,
      comment: v.comment?.trim() || undefined,
      version: pairing?.version,
    }),
    mutationFn: (body) => api.patch<PairingView>(`/api/v1/pairings/${pairing!.id}`, body),
    invalidate: [pairingKeys.all, officeKeys.all],
    onSuccess: onClose,
  });
  const m = editing ? update : create;
  const initialValues: Values = pairing
    ? { ...pairing, ruOfficeCode: pairing.ruOffice.code, kzOfficeCode: pairing.kzOffice.code, effectiveFrom: today }
    : { active: true, basis: 'shared_border', validFrom: null, validTo: null };

  return (
    <FormModal<Values>
      open
      title={editing ? t('registry:pairingForm.editTitle') : t('registry:pairingForm.createTitle')}
      form={form}
      initialValues={initialValues}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      width={680}
    >
      {editing ? (
        <Typography.Paragraph>
          <Typography.Text strong>{pickText(pairing.ruOffice.name, locale)}</Typography.Text> ↔{' '}
          <Typography.Text strong>{pickText(pairing.kzOffice.name, locale)}</Typography.Text>
        </Typography.Paragraph>
      ) : (
        <>
          <Form.Item name="ruOfficeCode" label={t('registry:pairing.ruOffice')} required>
            <OfficeSelect party="RU" autoFocus />
          </Form.Item>
          <Form.Item name="kzOfficeCode" label={t('registry:pairing.kzOffice')} required>
            <OfficeSelect party="KZ" />
          </Form.Item>
        </>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="basis" label={t('registry:pairing.basis')} required>
            <Select autoFocus={editing} options={PAIRING_BASES.map((b) => ({ value: b, label: t(`registry:bases.${b}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="validFrom" label={t('registry:pairing.validFrom')}>
            <IsoDatePicker />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="validTo" label={t('registry:pairing.validTo')}>
            <IsoDatePicker />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="active" label={t('registry:pairing.active')} valuePropName="checked" extra={t('registry:pairing.activeHint')}>
        <Switch />
      </Form.Item>
      <Form.Item name="note" label={t('registry:pairing.note')} extra={t('registry:pairing.noteHint')}>
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
