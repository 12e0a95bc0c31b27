import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../domain/access.ts';
import { LOCALES } from '../../../domain/schemas/common.ts';
import { MIN_PASSWORD_LENGTH } from '../../../domain/schemas/auth.ts';
import { CreateUserBody, UpdateUserBody } from '../../../domain/schemas/users.ts';
import { api } from '../../api/client.ts';
import type { UserView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { useUser } from '../auth/useSession.ts';
import { OfficeCodeSelect } from './OfficeCodeSelect.tsx';
import { userKeys } from './useUsers.ts';

interface Values {
  login?: string;
  password?: string;
  fullName?: string;
  officeCode?: string;
  roles?: string[];
  email?: string | null;
  phone?: string | null;
  locale?: string;
}

/** Create a user (who must change the one-time password at first login) or edit office, roles, e-mail. */
export function UserFormModal({ user, onClose, onSaved }: { user: UserView | null; onClose: () => void; onSaved: (text: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { nodeParty } = useUser();
  const editing = user !== null;
  const create = useFormMutation({
    form,
    schema: CreateUserBody,
    toBody: (v: Values) => ({ ...v, email: v.email?.trim() || null, phone: v.phone?.trim() || null }),
    mutationFn: (body) => api.post<UserView>('/api/v1/users', body),
    invalidate: [userKeys.all],
    onSuccess: (u) => {
      onSaved(t('users:saved.created', { login: u.login }));
      onClose();
    },
  });
  const update = useFormMutation({
    form,
    schema: UpdateUserBody,
    // The office is sent only when it changes: a move is what the node checks (OFFICE_NOT_HOSTED_HERE).
    toBody: (v: Values) => ({
      fullName: v.fullName,
      officeCode: v.officeCode !== user?.officeCode ? v.officeCode : undefined,
      roles: v.roles,
      email: v.email?.trim() || null,
      phone: v.phone?.trim() || null,
      version: user?.version,
    }),
    mutationFn: (body) => api.patch<UserView>(`/api/v1/users/${user!.id}`, body),
    invalidate: [userKeys.all],
    onSuccess: () => {
      onSaved(t('users:saved.updated'));
      onClose();
    },
  });
  const m = editing ? update : create;
  const initialValues: Values = user ? { ...user } : { locale: 'ru', roles: ['officer'] };

  return (
    <FormModal<Values>
      open
      title={editing ? t('users:form.editTitle', { login: user.login }) : t('users:form.createTitle')}
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
          <>
            <Col xs={24} md={12}>
              <Form.Item name="login" label={t('users:fields.login')} required extra={t('users:form.loginHint')}>
                <Input autoFocus autoComplete="off" autoCapitalize="none" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="password"
                label={t('users:fields.oneTimePassword')}
                required
                extra={t('users:form.passwordHint', { count: MIN_PASSWORD_LENGTH })}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </>
        ) : null}
        <Col span={24}>
          <Form.Item name="fullName" label={t('users:fields.fullName')} required>
            <Input autoFocus={editing} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="officeCode" label={t('users:fields.office')} required extra={nodeParty !== 'both' ? t('users:form.hostedOnlyHint') : undefined}>
            <OfficeCodeSelect hostedOnly />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="roles" label={t('users:fields.roles')} required extra={t('users:form.rolesHint')}>
            <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('users:fields.email')}>
            <Input type="email" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('users:fields.phone')}>
            <Input type="tel" autoComplete="off" />
          </Form.Item>
        </Col>
        {!editing ? (
          <Col xs={24} md={12}>
            <Form.Item name="locale" label={t('users:fields.locale')}>
              <Select options={LOCALES.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
    </FormModal>
  );
}
