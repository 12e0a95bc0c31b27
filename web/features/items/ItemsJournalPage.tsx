import { BulbOutlined, FileAddOutlined, MailOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isOfficeStaff } from '../../../domain/access.ts';
import { ITEM_STATUSES } from '../../../domain/item-status.ts';
import { CONFIDENTIALITY_LEVELS, FORMS, ITEM_KINDS, PRIORITY_AREAS } from '../../../domain/items.ts';
import { ItemListQuery } from '../../../domain/schemas/items.ts';
import { FilterBar, JournalTable, type FilterDef } from '../../components/JournalTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { QueryKey } from '../../components/url-filters.ts';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useUser } from '../auth/useSession.ts';
import { useAllOffices, useOffSystemCounterparts } from '../offices/useOffices.ts';
import { overdueRow, useItemColumns } from './ItemCells.tsx';
import { useJournal, type Box } from './useItems.ts';

const COUNTERPART_SIDE = { incoming: 'fromOffice', outgoing: 'toOffice', all: 'both' } as const;

/**
 * Journals of requests and initiative proposals: incoming and outgoing of the user's office, and
 * (coordinator) all items of the Party. Every filter, the sorting and the page live in the address.
 */
export default function ItemsJournalPage({ box }: { box: Box }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useUser();
  const navigate = useNavigate();
  const offices = useAllOffices();
  const offSystem = useOffSystemCounterparts(user.office.id);
  const filters = useUrlFilters(ItemListQuery, { fixed: { box } });
  const journal = useJournal(filters.query);
  // An incoming item is meant for this office; the routed target is worth naming when it left here or passed the coordinator.
  const columns = useItemColumns({ counterpart: COUNTERPART_SIDE[box], intended: box !== 'incoming' });

  const counterpartOptions = (offices.data?.items ?? [])
    .filter((o) => o.id !== user.office.id)
    .sort((a, b) => a.party.localeCompare(b.party) || a.code.localeCompare(b.code))
    .map((o) => ({ value: o.code, label: `${pickText(o.name, locale)} (${o.code})` }));

  const defs: FilterDef<QueryKey<typeof ItemListQuery>>[] = [
    { type: 'search', key: 'q', label: t('items:journal.search'), width: 320 },
    {
      type: 'multi',
      key: 'status',
      label: t('items:fields.status'),
      width: 260,
      options: ITEM_STATUSES.map((s) => ({ value: s, label: t(`items:statuses.${s}`) })),
    },
    {
      type: 'select',
      key: 'counterpart',
      label: t('items:journal.counterpart'),
      width: 300,
      searchable: true,
      loading: offices.isPending,
      options: counterpartOptions,
    },
    { type: 'select', key: 'kind', label: t('items:fields.kind'), width: 200, options: ITEM_KINDS.map((k) => ({ value: k, label: t(`items:kinds.${k}`) })) },
    { type: 'select', key: 'form', label: t('items:fields.form'), width: 260, options: FORMS.map((f) => ({ value: f, label: t(`items:formsShort.${f}`) })) },
    {
      type: 'select',
      key: 'area',
      label: t('items:fields.priorityArea'),
      width: 300,
      options: PRIORITY_AREAS.map((a) => ({ value: a, label: t(`items:areas.${a}`) })),
    },
    {
      type: 'select',
      key: 'confidentiality',
      label: t('items:journal.highestConfidentiality'),
      width: 260,
      options: CONFIDENTIALITY_LEVELS.map((c) => ({ value: c, label: t(`items:confidentiality.${c}`) })),
    },
    { type: 'period', from: 'from', to: 'to', label: t('items:journal.period'), placeholder: [t('items:journal.periodFrom'), t('items:journal.periodTo')] },
    { type: 'check', key: 'overdue', label: t('items:journal.overdueOnly') },
  ];

  return (
    <>
      <PageHeader
        title={t(`items:journal.titles.${box}`)}
        extra={
          isOfficeStaff(user) && box !== 'all' ? (
            <>
              <Button type="primary" icon={<FileAddOutlined aria-hidden />} onClick={() => navigate('/items/new?kind=request')}>
                {t('items:actions.newRequest')}
              </Button>
              <Button icon={<BulbOutlined aria-hidden />} onClick={() => navigate('/items/new?kind=proposal')}>
                {t('items:actions.newProposal')}
              </Button>
              {/* Issue 10: a counterpart off the system sends its requests by letter; they are entered here. */}
              {box === 'incoming' && offSystem.items.length > 0 ? (
                <Button icon={<MailOutlined aria-hidden />} onClick={() => navigate('/items/received')}>
                  {t('items:received.button')}
                </Button>
              ) : null}
            </>
          ) : undefined
        }
      >
        <Typography.Text type="secondary">{t(`items:journal.hints.${box}`)}</Typography.Text>
      </PageHeader>
      <FilterBar filters={filters} defs={defs} hint={t(box === 'outgoing' ? 'items:journal.periodHintOutgoing' : 'items:journal.periodHint')} />
      <JournalTable
        filters={filters}
        columns={columns}
        result={journal}
        open={{ href: (r) => `/items/${r.id}`, on: 'doubleClick' }}
        rowClassName={overdueRow}
        emptyText={filters.anyFilter ? t('items:journal.emptyFiltered') : t(`items:journal.empty.${box}`)}
        scrollX={1100}
      />
    </>
  );
}
