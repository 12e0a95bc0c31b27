import { CloudServerOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { hasRole, isOfficeStaff } from '../../../domain/access.ts';
import { allowedHostings, mayChangeHosting } from '../../../domain/node.ts';
import type { OfficeView, SessionUser } from '../../api/types.ts';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { HostingTag, PartyTag, YesNoTag } from '../../components/Tags.tsx';
import { validityText } from '../../components/texts.ts';
import { usePaging } from '../../components/usePaging.ts';
import { formatDate, formatDateTime, pickText, zoneCity } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser } from '../auth/useSession.ts';
import { CounterpartsTab } from './CounterpartsTab.tsx';
import { HistoryTable } from './HistoryTable.tsx';
import { HostingModal } from './HostingModal.tsx';
import { OfficeContactsTab } from './OfficeContactsTab.tsx';
import { OfficeEditDrawer } from './OfficeEditDrawer.tsx';
import { useCounterparts, useHostingHistory, useOffice, useOfficeHistory } from './useOffices.ts';

/** Mirrors server/modules/registry/registry.policy.ts: admin, or the coordinator of the office's Party. */
function canEditOffice(user: SessionUser, office: OfficeView): boolean {
  return hasRole(user, 'admin') || (hasRole(user, 'coordinator') && user.office.party === office.party);
}

/** domain/node.ts: who may, and whether this node leaves anything to choose for the office's Party. */
function canChangeHosting(user: SessionUser, office: OfficeView): boolean {
  return mayChangeHosting({ roles: user.roles, party: user.office.party }, office.party) && allowedHostings(user.nodeParty, office.party).length > 1;
}

/** Mirrors contacts.policy.ts: coordinators, and staff of the office or of a counterpart today. */
function mayReadContacts(user: SessionUser, officeId: string, counterpartIds: string[]): boolean {
  if (hasRole(user, 'coordinator')) return true;
  return isOfficeStaff(user) && (user.office.id === officeId || counterpartIds.includes(user.office.id));
}

export default function OfficePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useUser();
  const office = useOffice(id);
  const today = useCounterparts(id, null);
  const historyPaging = usePaging(20);
  const history = useOfficeHistory(id, historyPaging.params);
  const hostingPaging = usePaging(20);
  const hostingHistory = useHostingHistory(id, hostingPaging.params);
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [changingHosting, setChangingHosting] = useState(false);
  const [contactsHidden, setContactsHidden] = useState(false);
  // The open tab is in the address (?tab=contacts), so a link or a reload lands on it.
  const [search, setSearch] = useSearchParams();
  const hideContacts = useCallback(() => setContactsHidden(true), []);

  if (office.isPending) return <PageSpinner />;
  if (!office.data) return <ErrorAlert error={office.error} onRetry={() => void office.refetch()} />;
  const o = office.data;
  const showContacts = !contactsHidden && mayReadContacts(user, o.id, today.data?.items.map((i) => i.office.id) ?? []);
  const tabs = [
    { key: 'counterparts', label: t('registry:counterparts.title'), children: <CounterpartsTab officeId={o.id} /> },
    ...(showContacts
      ? [{ key: 'contacts', label: t('contacts:office.title'), children: <OfficeContactsTab officeId={o.id} onForbidden={hideContacts} /> }]
      : []),
    {
      key: 'hosting',
      label: t('registry:hosting.tab'),
      children: (
        <HistoryTable
          data={hostingHistory.data}
          loading={hostingHistory.isFetching}
          error={hostingHistory.error}
          onRetry={() => void hostingHistory.refetch()}
          pagination={hostingPaging.pagination(hostingHistory.data?.total)}
          emptyText={t('registry:hosting.historyEmpty')}
        />
      ),
    },
    {
      key: 'history',
      label: t('registry:history.title'),
      children: (
        <HistoryTable
          data={history.data}
          loading={history.isFetching}
          error={history.error}
          onRetry={() => void history.refetch()}
          pagination={historyPaging.pagination(history.data?.total)}
        />
      ),
    },
  ];
  const requested = search.get('tab');
  const activeTab = tabs.some((tab) => tab.key === requested) ? requested! : 'counterparts';

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <PartyTag party={o.party} />
            {pickText(o.name, locale)}
          </Space>
        }
        extra={
          <Space wrap>
            {canChangeHosting(user, o) ? (
              <Button icon={<CloudServerOutlined />} onClick={() => setChangingHosting(true)}>
                {t('registry:hosting.change')}
              </Button>
            ) : null}
            {canEditOffice(user, o) ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common:actions.edit')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'code', label: t('registry:office.code'), children: <Typography.Text code>{o.code}</Typography.Text> },
            { key: 'party', label: t('registry:office.party'), children: t(`common:parties.${o.party}`) },
            { key: 'kind', label: t('registry:office.kind'), children: t(`common:officeKinds.${o.kind}`) },
            { key: 'seat', label: t('registry:office.seat'), children: pickText(o.seat, locale) },
            {
              key: 'tz',
              label: t('registry:office.timeZone'),
              children: `${zoneCity(t, o.timeZone, 'name')} (${t('registry:office.utcOffset', { offset: o.utcOffsetNow })}, ${o.timeZone})`,
            },
            { key: 'validity', label: t('registry:office.validity'), children: validityText(t, o.validFrom, o.validTo) },
            {
              key: 'authorized',
              label: t('registry:office.authorized'),
              children: (
                <>
                  <YesNoTag value={o.authorized} />{' '}
                  {o.authorized && o.authorizedFrom ? t('common:validity.from', { from: formatDate(o.authorizedFrom) }) : null}
                </>
              ),
            },
            { key: 'item1', label: t('registry:office.listedInOrderItem1'), children: <YesNoTag value={o.listedInOrderItem1} /> },
            { key: 'region', label: t('registry:office.regionCode'), children: o.regionCode ?? '—' },
            { key: 'address', label: t('registry:office.address'), children: o.address ?? '—' },
            {
              key: 'hosting',
              label: t('registry:hosting.label'),
              children: (
                <Space size={4} wrap data-testid="office-hosting">
                  <HostingTag hosting={o.hosting} />
                  {o.peer ? (
                    <Typography.Text>
                      {o.peer.name} <Typography.Text code>{o.peer.url}</Typography.Text>
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            { key: 'updated', label: t('registry:office.updatedAt'), children: formatDateTime(o.updatedAt) },
            ...(o.notes ? [{ key: 'notes', label: t('registry:office.notes'), children: o.notes, span: 3 }] : []),
          ]}
        />
        {locale !== 'ru' ? (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('registry:office.nameInRussian')}: {o.name.ru}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Tabs activeKey={activeTab} onChange={(tab) => setSearch(tab === 'counterparts' ? {} : { tab }, { replace: true })} items={tabs} />
      {editing ? <OfficeEditDrawer office={o} onClose={() => setEditing(false)} /> : null}
      {changingHosting ? (
        <HostingModal
          office={o}
          node={user.nodeParty}
          onClose={() => setChangingHosting(false)}
          onSaved={() => void message.success(t('registry:hosting.saved'))}
        />
      ) : null}
    </>
  );
}
