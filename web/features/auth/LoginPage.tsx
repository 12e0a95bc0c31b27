import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginBody } from '../../../domain/schemas/auth.ts';
import { api } from '../../api/client.ts';
import type { LoginResponse } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { parseWith } from '../../components/form-issues.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { homePath } from '../../components/nav.ts';
import { useSession } from './useSession.ts';

interface Values {
  login: string;
  password: string;
}

/** Where the user wanted to go before being sent to log in (kept by RequireAuth). */
function intendedPath(state: unknown): string | null {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : null;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, signIn, changeLocale } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const login = useMutation({
    mutationFn: (body: Values) => api.post<LoginResponse>('/api/v1/auth/login', body, { quiet401: true }),
    onSuccess: (res) => {
      signIn(res);
      navigate(intendedPath(location.state) ?? homePath(res.user), { replace: true });
    },
  });

  if (user) return <Navigate to={intendedPath(location.state) ?? homePath(user)} replace />;

  return (
    <Flex className="login-screen" justify="center" align="center">
      <Card className="login-card">
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <LanguageSwitch onChange={changeLocale} />
        </Flex>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('common:appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auth:login.subtitle')}</Typography.Paragraph>
        <ErrorAlert error={login.error} />
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => {
            login.reset();
            const body = parseWith(form, LoginBody, { login: values.login ?? '', password: values.password ?? '' }, t);
            if (body) login.mutate(body);
          }}
        >
          <Form.Item name="login" label={t('auth:login.login')}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item name="password" label={t('auth:login.password')}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth:login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
