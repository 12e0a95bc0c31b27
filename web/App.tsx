import { App as AntApp, ConfigProvider } from 'antd';
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Route, RouterProvider, Routes } from 'react-router';
import type { Capability, Role } from '../domain/access.ts';
import { AppLayout, PageSpinner } from './components/AppLayout.tsx';
import { ANNUAL_ROLES, EXCHANGE_ROLES, homePath, JOURNAL_ROLES } from './components/nav.ts';
import { NotFoundPage, RequireCapability, RequireRoles } from './components/RequireCapability.tsx';
import { RequireAuth } from './features/auth/RequireAuth.tsx';
import { SessionProvider } from './features/auth/SessionProvider.tsx';
import { useUser } from './features/auth/useSession.ts';
import { THEME } from './components/theme.ts';
import { antdLocale } from './i18n/antd-locale.ts';
import { currentLocale } from './i18n/index.ts';

// Route-level code splitting: each page is its own chunk, loaded on first visit.
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx'));
const ProfilePage = lazy(() => import('./features/auth/ProfilePage.tsx'));
const OfficesPage = lazy(() => import('./features/offices/OfficesPage.tsx'));
const OfficePage = lazy(() => import('./features/offices/OfficePage.tsx'));
const PairingsPage = lazy(() => import('./features/pairings/PairingsPage.tsx'));
const LegalBasisPage = lazy(() => import('./features/legal-basis/LegalBasisPage.tsx'));
const LawPage = lazy(() => import('./features/law/LawPage.tsx'));
const MyContactsPage = lazy(() => import('./features/contacts/MyContactsPage.tsx'));
const CompliancePage = lazy(() => import('./features/compliance/CompliancePage.tsx'));
const OversightPage = lazy(() => import('./features/oversight/OversightPage.tsx'));
const AnalysisPage = lazy(() => import('./features/analysis/AnalysisPage.tsx'));
const NotificationsPage = lazy(() => import('./features/notifications/NotificationsPage.tsx'));
const UsersPage = lazy(() => import('./features/users/UsersPage.tsx'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage.tsx'));
const DamagedFilesPage = lazy(() => import('./features/files/DamagedFilesPage.tsx'));
const ExchangePage = lazy(() => import('./features/exchange/ExchangePage.tsx'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx'));
const ItemsJournalPage = lazy(() => import('./features/items/ItemsJournalPage.tsx'));
const ItemPage = lazy(() => import('./features/items/ItemPage.tsx'));
const NewItemPage = lazy(() => import('./features/items/ItemFormPage.tsx').then((m) => ({ default: m.NewItemPage })));
const ReceivedItemPage = lazy(() => import('./features/items/ReceivedItemPage.tsx'));
const EditItemPage = lazy(() => import('./features/items/ItemFormPage.tsx').then((m) => ({ default: m.EditItemPage })));
const EventsPage = lazy(() => import('./features/events/EventsPage.tsx'));
const EventPage = lazy(() => import('./features/events/EventPage.tsx'));
const NewEventPage = lazy(() => import('./features/events/EventFormPage.tsx').then((m) => ({ default: m.NewEventPage })));
const EditEventPage = lazy(() => import('./features/events/EventFormPage.tsx').then((m) => ({ default: m.EditEventPage })));
const AnnualListPage = lazy(() => import('./features/annual/AnnualListPage.tsx'));
const AnnualBlockPage = lazy(() => import('./features/annual/AnnualBlockPage.tsx'));
const AnnualItemsPage = lazy(() => import('./features/annual/AnnualItemsPage.tsx'));
const HelpPage = lazy(() => import('./features/help/HelpPage.tsx'));

function Home() {
  return <Navigate to={homePath(useUser())} replace />;
}

const guarded = (capability: Capability, element: ReactNode) => <RequireCapability capability={capability}>{element}</RequireCapability>;
const forRoles = (roles: readonly Role[], element: ReactNode) => <RequireRoles roles={roles}>{element}</RequireRoles>;

/** The pages under the router; a data router, so a form can hold the user back from leaving unsaved changes (useBlocker). */
function Root() {
  return (
    <SessionProvider>
      <Suspense fallback={<PageSpinner />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireAuth />}>
            <Route element={<AppLayout />}>
              <Route index element={<Home />} />
              <Route path="items/incoming" element={forRoles(JOURNAL_ROLES.incoming, <ItemsJournalPage key="incoming" box="incoming" />)} />
              <Route path="items/outgoing" element={forRoles(JOURNAL_ROLES.outgoing, <ItemsJournalPage key="outgoing" box="outgoing" />)} />
              <Route path="items/all" element={forRoles(JOURNAL_ROLES.all, <ItemsJournalPage key="all" box="all" />)} />
              <Route path="items/new" element={forRoles(JOURNAL_ROLES.outgoing, <NewItemPage />)} />
              <Route path="items/received" element={forRoles(JOURNAL_ROLES.outgoing, <ReceivedItemPage />)} />
              <Route path="items/:id" element={<ItemPage />} />
              <Route path="items/:id/edit" element={forRoles(JOURNAL_ROLES.outgoing, <EditItemPage />)} />
              <Route path="events" element={guarded('events.read', <EventsPage />)} />
              <Route path="events/new" element={guarded('events.propose', <NewEventPage />)} />
              <Route path="events/:id" element={guarded('events.read', <EventPage />)} />
              <Route path="events/:id/edit" element={guarded('events.propose', <EditEventPage />)} />
              <Route path="annual" element={forRoles(ANNUAL_ROLES, <AnnualListPage />)} />
              <Route path="annual/:officeCode/:year" element={forRoles(ANNUAL_ROLES, <AnnualBlockPage />)} />
              <Route path="annual/:officeCode/:year/items" element={forRoles(ANNUAL_ROLES, <AnnualItemsPage />)} />
              <Route path="offices" element={guarded('registry.read', <OfficesPage />)} />
              <Route path="offices/:id" element={guarded('registry.read', <OfficePage />)} />
              <Route path="pairings" element={guarded('registry.read', <PairingsPage />)} />
              <Route path="legal-basis" element={guarded('registry.read', <LegalBasisPage />)} />
              <Route path="law" element={guarded('law.read', <LawPage />)} />
              <Route path="my-contacts" element={guarded('contacts.edit', <MyContactsPage />)} />
              <Route path="oversight" element={guarded('oversight.read', <OversightPage />)} />
              <Route path="analysis" element={guarded('oversight.read', <AnalysisPage />)} />
              <Route path="compliance" element={guarded('contacts.oversee', <CompliancePage />)} />
              <Route path="notifications" element={<NotificationsPage />} />
              <Route path="admin/users" element={guarded('users.manage', <UsersPage />)} />
              <Route path="admin/settings" element={guarded('settings.manage', <SettingsPage />)} />
              <Route path="admin/files" element={guarded('files.integrity', <DamagedFilesPage />)} />
              <Route path="exchange" element={forRoles(EXCHANGE_ROLES, <ExchangePage />)} />
              <Route path="audit" element={guarded('audit.read', <AuditPage />)} />
              <Route path="profile" element={<ProfilePage />} />
              <Route path="guide" element={<HelpPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </SessionProvider>
  );
}

const router = createBrowserRouter([{ path: '*', element: <Root /> }]);

export function App() {
  const { t } = useTranslation();
  const locale = currentLocale();
  // Rebuilt on language change so antd's own texts (pagination, pickers, empty lists) follow.
  const antd = useMemo(() => antdLocale(locale, t), [locale, t]);
  return (
    <ConfigProvider locale={antd} theme={THEME}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
