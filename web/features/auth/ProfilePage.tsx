import { App, Card, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RoleTags } from '../../components/Tags.tsx';
import { pickText, userName } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
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
