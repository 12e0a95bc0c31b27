import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MarkCommunicatedBody } from '../../../domain/schemas/contacts.ts';
import { api } from '../../api/client.ts';
import type { CommunicationView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { contactKeys } from '../contacts/useContacts.ts';
import { useToday } from '../auth/useToday.ts';

interface Values {
  sentOn?: string | null;
  outgoingNumber?: string;
  note?: string;
}

/** P-3, O-4.2: record the letter that communicated the changes to the other Party. */
export function MarkSentModal({
  changeIds,
  pendingTotal,
  onClose,
  onSaved,
}: {
  changeIds: string[];
  pendingTotal: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const { submit, pending, error } = useFormMutation({
    form,
    schema: MarkCommunicatedBody,
    toBody: (v: Values) => ({
      sentOn: v.sentOn ?? '',
      outgoingNumber: v.outgoingNumber ?? '',
      note: v.note?.trim() || undefined,
      changeIds: changeIds.length > 0 ? changeIds : undefined,
    }),
    mutationFn: (body) => api.post<CommunicationView>('/api/v1/contact-communications', body),
    invalidate: [contactKeys.all],
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <FormModal<Values>
      open
      title={t('contacts:communications.markTitle')}
      form={form}
      initialValues={{ sentOn: today }}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={error}
      okText={t('contacts:communications.mark')}
    >
      <Typography.Paragraph>
        {changeIds.length > 0
          ? t('contacts:communications.selectedChanges', { count: changeIds.length })
          : t('contacts:communications.allChanges', { count: pendingTotal })}
      </Typography.Paragraph>
      <Form.Item name="outgoingNumber" label={t('contacts:communications.outgoingNumber')} required>
        <Input autoFocus maxLength={100} />
      </Form.Item>
      <Form.Item name="sentOn" label={t('contacts:communications.sentOn')} required>
        <IsoDatePicker allowClear={false} />
      </Form.Item>
      <Form.Item name="note" label={t('contacts:communications.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
