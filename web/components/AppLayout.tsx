import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  InboxOutlined,
  LinkOutlined,
  LogoutOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Spin, Tag, Tooltip, Typography } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession, useUser } from '../features/auth/useSession.ts';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { pickText, userName } from '../i18n/format.ts';
import { currentLocale } from '../i18n/index.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { guideSection, GUIDE_PATH } from '../help/sections.ts';
import { navFor } from './nav.ts';
import { RoleTags } from './Tags.tsx';

const ICONS: Record<string, ReactNode> = {
  '/items/incoming': <InboxOutlined />,
  '/items/outgoing': <SendOutlined />,
  '/items/all': <DatabaseOutlined />,
  '/events': <CalendarOutlined />,
  '/annual': <FileTextOutlined />,
  '/offices': <BankOutlined />,
  '/pairings': <ApartmentOutlined />,
  '/legal-basis': <FileProtectOutlined />,
  '/law': <BookOutlined />,
  '/my-contacts': <ContactsOutlined />,
  '/oversight': <DashboardOutlined />,
  '/analysis': <BarChartOutlined />,
  '/compliance': <SafetyCertificateOutlined />,
  '/notifications': <BellOutlined />,
  '/admin/users': <TeamOutlined />,
  '/admin/settings': <SettingOutlined />,
  '/exchange': <LinkOutlined />,
  '/audit': <AuditOutlined />,
  '/profile': <UserOutlined />,
};

export function PageSpinner() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Header (product, user, office, roles, language, bell, logout), role-filtered menu, page. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut, changeLocale } = useSession();
  const location = useLocation();
  const items = [...navFor(user), { path: '/profile', label: 'profile' }];
  const selected = items.map((i) => i.path).filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`));
  const officeName = pickText(user.office.name, currentLocale());

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('common:skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Link to="/" className="app-title">
          {t('common:appName')}
        </Link>
        {user.nodeParty !== 'both' ? (
          // A node of one Party says so: the other Party's offices answer by letter here.
          <Tooltip title={t(`common:nodeHint.${user.nodeParty}`)}>
            <Tag color="gold" data-testid="node-party" tabIndex={0} style={{ marginInlineEnd: 0 }}>
              {t(`common:nodes.${user.nodeParty}`)}
            </Tag>
          </Tooltip>
        ) : null}
        <Flex align="center" gap={12} style={{ marginLeft: 'auto', minWidth: 0 }}>
          <div className="app-user">
            <div className="app-user-name">
              <span data-testid="user-name">{userName(t, user.fullName)}</span> <RoleTags roles={user.roles} />
            </div>
            <Tooltip title={officeName}>
              <Typography.Text className="app-user-office" ellipsis>
                {officeName}
              </Typography.Text>
            </Tooltip>
          </div>
          <LanguageSwitch onChange={changeLocale} />
          <NotificationBell />
          <Tooltip title={t('common:help.open')}>
            {/* The guide opens at the section on this page, for this user's roles. */}
            <Link
              to={`${GUIDE_PATH}#${guideSection(location.pathname, user.roles)}`}
              style={{ color: 'inherit', fontSize: 18, display: 'inline-flex', padding: 6 }}
              aria-label={t('common:help.open')}
              data-testid="help-button"
            >
              <QuestionCircleOutlined aria-hidden />
            </Link>
          </Tooltip>
          <Tooltip title={t('common:logout')}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              aria-label={t('common:logout')}
              style={{ color: 'inherit' }}
              onClick={async () => {
                await signOut();
                // A full load leaves nothing of the previous session in memory (cache, CSRF token).
                window.location.assign('/login');
              }}
            />
          </Tooltip>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={280} breakpoint="lg" collapsedWidth={64} theme="light" className="app-sider">
          <nav aria-label={t('common:menu')}>
            <Menu
              mode="inline"
              selectedKeys={selected}
              items={items.map((i) => ({ key: i.path, icon: ICONS[i.path], label: <Link to={i.path}>{t(`common:nav.${i.label}`)}</Link> }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" tabIndex={-1} className="app-content">
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
