import { Alert, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PARTIES, TERMINATION_NOTICE_DAYS, terminationLastDay } from '../../../domain/registry.ts';
import { TerminationNoticeBody } from '../../../domain/schemas/registry.ts';
import { addDays, isIsoDate } from '../../../domain/time.ts';
import { api } from '../../api/client.ts';
import type { LegalBasisView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { formatDate, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { legalBasisKeys } from './useLegalBasis.ts';

interface Values {
  receivedOn?: string | null;
  fromParty?: string;
  reference?: string;
  comment?: string;
}

/**
 * a written notice of termination ends the document 60 days after receipt. The dialog shows
 * the resulting last day in force and the first day no longer in force (the same rule the server
 * applies) before the coordinator confirms.
 */
export function TerminationNoticeModal({ doc, onClose }: { doc: LegalBasisView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const receivedOn = Form.useWatch('receivedOn', form);
  const lastDay = receivedOn && isIsoDate(receivedOn) ? terminationLastDay(receivedOn) : null;
  const { submit, pending, error } = useFormMutation({
    form,
    schema: TerminationNoticeBody,
    toBody: (v: Values) => ({
      receivedOn: v.receivedOn ?? '',
      fromParty: v.fromParty,
      reference: v.reference ?? '',
      comment: v.comment?.trim() || undefined,
      version: doc.version,
    }),
    mutationFn: (body) => api.post<LegalBasisView>(`/api/v1/legal-basis/${doc.id}/termination-notice`, body),
    invalidate: [legalBasisKeys.all],
    onSuccess: onClose,
  });
  return (
    <FormModal<Values>
      open
      title={t('registry:termination.title', { code: doc.code })}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={error}
      okText={t('registry:termination.confirm')}
      width={640}
    >
      <Alert
        type="warning"
        showIcon
        title={pickText(doc.title, currentLocale())}
        description={t('registry:termination.explain', { count: TERMINATION_NOTICE_DAYS })}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="receivedOn" label={t('registry:termination.receivedOn')} required>
            <IsoDatePicker autoFocus />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="fromParty" label={t('registry:termination.fromParty')} required>
            <Select options={PARTIES.map((p) => ({ value: p, label: t(`common:parties.${p}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="reference" label={t('registry:termination.reference')} required extra={t('registry:termination.referenceHint')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="comment" label={t('registry:change.comment')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
      </Form.Item>
      <Alert
        type={lastDay ? 'warning' : 'info'}
        showIcon
        role="status"
        aria-live="polite"
        title={
          lastDay
            ? t('registry:termination.lastDay', { date: formatDate(lastDay), next: formatDate(addDays(lastDay, 1)), count: TERMINATION_NOTICE_DAYS })
            : t('registry:termination.enterDate')
        }
      />
    </FormModal>
  );
}
