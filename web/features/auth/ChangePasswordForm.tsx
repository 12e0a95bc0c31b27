import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordBody, MIN_PASSWORD_LENGTH } from '../../../domain/schemas/auth.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useFormMutation } from '../../components/useFormMutation.ts';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

/** POST /auth/password; the server revokes the user's other sessions. */
export function ChangePasswordForm({ onDone, autoFocus }: { onDone: () => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit, pending, error } = useFormMutation({
    form,
    schema: ChangePasswordBody,
    toBody: (v: Values) => ({ currentPassword: v.currentPassword ?? '', newPassword: v.newPassword ?? '' }),
    mutationFn: (body) => api.post<void>('/api/v1/auth/password', body),
    onSuccess: () => {
      form.resetFields();
      onDone();
    },
  });
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      onFinish={(values) => {
        if (values.newPassword !== values.confirmPassword) {
          form.setFields([{ name: 'confirmPassword', errors: [t('validation:password_mismatch')] }]);
          form.focusField('confirmPassword');
          return;
        }
        submit(values);
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item name="currentPassword" label={t('auth:password.current')} required>
        <Input.Password autoComplete="current-password" autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item name="newPassword" label={t('auth:password.new')} required extra={t('auth:password.hint', { count: MIN_PASSWORD_LENGTH })}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirmPassword" label={t('auth:password.confirm')} required>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('auth:password.othersSignedOut')}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={pending}>
        {t('auth:password.submit')}
      </Button>
    </Form>
  );
}
