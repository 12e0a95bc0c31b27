import { App, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { useSession, useUser } from './useSession.ts';

/** Shown instead of any page while the user must replace a one-time password. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut, changeLocale, passwordChanged } = useSession();
  const { message } = App.useApp();
  return (
    <Flex className="login-screen" justify="center" align="center">
      <Card className="login-card">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('common:appName')}</Typography.Text>
          <LanguageSwitch onChange={changeLocale} />
        </Flex>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {t('auth:password.forcedTitle')}
        </Typography.Title>
        <Typography.Paragraph>{t('auth:password.forcedText', { name: user.fullName })}</Typography.Paragraph>
        <ChangePasswordForm
          autoFocus
          onDone={() => {
            void message.success(t('auth:password.changed'));
            passwordChanged();
          }}
        />
        <Button
          type="link"
          style={{ paddingLeft: 0, marginTop: 8 }}
          onClick={async () => {
            await signOut();
            window.location.assign('/login');
          }}
        >
          {t('common:logout')}
        </Button>
      </Card>
    </Flex>
  );
}
