import { Col, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fullName } from '../../../domain/contacts.ts';
import { CreateContactBody, ReplaceContactBody, UpdateContactBody } from '../../../domain/schemas/contacts.ts';
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

const FIELDS = ['surname', 'firstName', 'patronymic', 'position', 'phone', 'email'] as const;
type Person = Partial<Record<(typeof FIELDS)[number], string | null>>;

interface Values extends Person {
  successor?: Person;
  /** Named as in the API bodies, so the server's field issues land on these fields. */
  designatedFrom?: string | null;
  effectiveFrom?: string | null;
}

export type ContactDialog = { mode: 'designate' } | { mode: 'edit'; contact: ContactView } | { mode: 'replace'; contact: ContactView };

const trimmed = (p: Person | undefined): Person => Object.fromEntries(FIELDS.map((f) => [f, typeof p?.[f] === 'string' ? p[f].trim() : p?.[f]]));

/** The six fields of O-3.1, validated in the browser with the same schema the server applies. */
function PersonFields({ prefix }: { prefix?: 'successor' }) {
  const { t } = useTranslation();
  const name = (f: (typeof FIELDS)[number]) => (prefix ? [prefix, f] : f);
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={name('surname')} label={t('contacts:fields.surname')} required>
          <Input autoFocus autoComplete="off" maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={name('firstName')} label={t('contacts:fields.firstName')} required>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={name('patronymic')} label={t('contacts:fields.patronymic')}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={name('position')} label={t('contacts:fields.position')} required>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={name('phone')} label={t('contacts:fields.phone')} required extra={t('contacts:form.phoneHint')}>
          <Input type="tel" autoComplete="off" maxLength={40} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={name('email')} label={t('contacts:fields.email')} required>
          <Input type="email" autoComplete="off" maxLength={254} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Designate, edit or replace a contact person; the Party's coordinator is notified by the server at once (O-3.1, P-3). */
export function ContactFormModal({
  officeId,
  dialog,
  onClose,
  onSaved,
}: {
  officeId: string;
  dialog: ContactDialog;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const invalidate = [contactKeys.all, officeKeys.all];
  const done = (key: string) => () => {
    onSaved(t(key, party));
    onClose();
  };
  const designate = useFormMutation({
    form,
    schema: CreateContactBody,
    toBody: (v: Values) => ({ ...trimmed(v), designatedFrom: v.designatedFrom ?? undefined }),
    mutationFn: (body) => api.post<ContactView>(`/api/v1/offices/${officeId}/contacts`, body),
    invalidate,
    onSuccess: done('contacts:saved.designated'),
  });
  const contact = dialog.mode === 'designate' ? null : dialog.contact;
  const edit = useFormMutation({
    form,
    schema: UpdateContactBody,
    toBody: (v: Values) => {
      const now = trimmed(v);
      // Only changed fields: the change record lists exactly what was changed.
      const changed = Object.fromEntries(FIELDS.filter((f) => (now[f] || null) !== (contact?.[f] || null)).map((f) => [f, now[f]]));
      return { ...changed, effectiveFrom: v.effectiveFrom ?? undefined, version: contact?.version };
    },
    mutationFn: (body) => api.patch<ContactView>(`/api/v1/contacts/${contact!.id}`, body),
    invalidate,
    onSuccess: done('contacts:saved.updated'),
  });
  const replace = useFormMutation({
    form,
    schema: ReplaceContactBody,
    toBody: (v: Values) => ({ successor: trimmed(v.successor), effectiveFrom: v.effectiveFrom ?? undefined, version: contact?.version }),
    mutationFn: (body) => api.post<ContactView>(`/api/v1/contacts/${contact!.id}/replace`, body),
    invalidate,
    onSuccess: done('contacts:saved.replaced'),
  });
  const m = { designate, edit, replace }[dialog.mode];
  const dateField = dialog.mode === 'designate' ? 'designatedFrom' : 'effectiveFrom';
  const initialValues: Values = dialog.mode === 'edit' ? { ...dialog.contact, [dateField]: today } : { [dateField]: today };
  const chosen = Form.useWatch(dateField, form) as string | null | undefined;

  return (
    <FormModal<Values>
      open
      title={t(`contacts:form.titles.${dialog.mode}`)}
      form={form}
      initialValues={initialValues}
      onSubmit={m.submit}
      onClose={onClose}
      pending={m.pending}
      error={m.error}
      width={760}
    >
      {dialog.mode === 'replace' ? <Typography.Paragraph>{t('contacts:form.replaceIntro', { name: fullName(dialog.contact) })}</Typography.Paragraph> : null}
      <PersonFields prefix={dialog.mode === 'replace' ? 'successor' : undefined} />
      <Form.Item name={dateField} label={t(`contacts:form.${dateField}`)} extra={t(`contacts:form.dateHints.${dialog.mode}`)}>
        <IsoDatePicker allowClear={false} />
      </Form.Item>
      <BackdatedWarning date={chosen} today={today} />
    </FormModal>
  );
}
