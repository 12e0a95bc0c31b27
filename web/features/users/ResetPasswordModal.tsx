import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../domain/schemas/auth.ts';
import { ResetPasswordBody } from '../../../domain/schemas/users.ts';
import { api } from '../../api/client.ts';
import type { UserView } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';
import { userKeys } from './useUsers.ts';

/** A new one-time password; the user's sessions end and the user must change it at next login. */
export function ResetPasswordModal({ user, onClose, onSaved }: { user: UserView; onClose: () => void; onSaved: (text: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password?: string }>();
  const { submit, pending, error } = useFormMutation({
    form,
    schema: ResetPasswordBody,
    toBody: (v: { password?: string }) => ({ password: v.password ?? '' }),
    mutationFn: (body) => api.post<UserView>(`/api/v1/users/${user.id}/reset-password`, body),
    invalidate: [userKeys.all],
    onSuccess: () => {
      onSaved(t('users:saved.passwordReset', { login: user.login }));
      onClose();
    },
  });
  return (
    <FormModal
      open
      title={t('users:reset.title', { login: user.login })}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      pending={pending}
      error={error}
      okText={t('users:reset.submit')}
    >
      <Typography.Paragraph>{t('users:reset.text')}</Typography.Paragraph>
      <Form.Item name="password" label={t('users:fields.oneTimePassword')} required extra={t('users:form.passwordHint', { count: MIN_PASSWORD_LENGTH })}>
        <Input.Password autoFocus autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
