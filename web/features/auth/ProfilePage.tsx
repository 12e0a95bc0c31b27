import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { LoginResponse } from '../../api/types.ts';
import { errorMessage } from '../../components/error-message.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RoleTags } from '../../components/Tags.tsx';
import { pickText, userName } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { SESSION_KEY } from './SessionProvider.tsx';
import { useSession, useUser } from './useSession.ts';

export default function ProfilePage() {
  const { t } = useTranslation();
  const user = useUser();
  const { changeLocale } = useSession();
  const { message } = App.useApp();
  return (
    <>
      <PageHeader title={t('auth:profile.title')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('auth:profile.account')}>
          <Descriptions
            column={1}
            items={[
              { key: 'fullName', label: t('auth:profile.fullName'), children: userName(t, user.fullName) },
              { key: 'login', label: t('auth:login.login'), children: user.login },
              { key: 'office', label: t('auth:profile.office'), children: `${pickText(user.office.name, currentLocale())} (${user.office.code})` },
              { key: 'roles', label: t('auth:profile.roles'), children: <RoleTags roles={user.roles} /> },
              { key: 'email', label: t('auth:profile.email'), children: user.email ?? '—' },
              { key: 'phone', label: t('auth:profile.phone'), children: <OwnPhone phone={user.phone} /> },
              { key: 'language', label: t('common:language'), children: <LanguageSwitch onChange={changeLocale} /> },
            ]}
          />
        </Card>
        <Card title={t('auth:password.title')}>
          <ChangePasswordForm onDone={() => void message.success(t('auth:password.changed'))} />
        </Card>
      </Space>
    </>
  );
}

/** The work telephone printed as the executor's under the letters the user prepares; edited in place. */
function OwnPhone({ phone }: { phone: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = async (value: string) => {
    try {
      const res = await api.patch<LoginResponse>('/api/v1/auth/me', { phone: value.trim() });
      qc.setQueryData(SESSION_KEY, res.user);
      void message.success(t('auth:profile.phoneSaved'));
    } catch (e) {
      void message.error(errorMessage(t, e));
    }
  };
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text data-testid="own-phone" editable={{ onChange: (v) => void save(v), triggerType: ['icon', 'text'] }}>
        {phone ?? ''}
      </Typography.Text>
      <Typography.Text type="secondary">{t('auth:profile.phoneHint')}</Typography.Text>
    </Space>
  );
}
