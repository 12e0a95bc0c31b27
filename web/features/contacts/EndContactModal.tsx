import { Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fullName } from '../../../domain/contacts.ts';
import { EndContactBody } from '../../../domain/schemas/contacts.ts';
import { api } from '../../api/client.ts';
import type { ContactView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { IsoDatePicker } from '../../components/IsoDatePicker.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { officeKeys } from '../offices/useOffices.ts';
import { contactKeys } from './useContacts.ts';
import { useToday } from '../auth/useToday.ts';
import { BackdatedWarning } from './BackdatedNote.tsx';
import { usePartyContext } from '../auth/useSession.ts';

interface Values {
  designatedTo?: string | null;
}

/** Ends a designation on a last day; the office then has one contact fewer (and the Party's coordinator is told). */
export function EndContactModal({ contact, onClose, onSaved }: { contact: ContactView; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('designatedTo', form);
  const { submit, pending, error } = useFormMutation({
    form,
    schema: EndContactBody,
    toBody: (v: Values) => ({ designatedTo: v.designatedTo ?? undefined, version: contact.version }),
    mutationFn: (body) => api.post<ContactView>(`/api/v1/contacts/${contact.id}/end`, body),
    invalidate: [contactKeys.all, officeKeys.all],
    onSuccess: () => {
      onSaved(t('contacts:saved.ended', party));
      onClose();
    },
  });
  return (
    <FormModal<Values>
      open
      title={t('contacts:form.titles.end')}
      form={form}
      initialValues={{ designatedTo: today }}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={error}
      okText={t('contacts:actions.end')}
    >
      <Typography.Paragraph>{t('contacts:form.endIntro', { ...party, name: fullName(contact) })}</Typography.Paragraph>
      <Form.Item name="designatedTo" label={t('contacts:form.designatedTo')} required>
        <IsoDatePicker autoFocus allowClear={false} />
      </Form.Item>
      <BackdatedWarning date={chosen} today={today} lastDay />
    </FormModal>
  );
}
