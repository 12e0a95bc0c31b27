import { Alert, Drawer, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OversightItemsQuery } from '../../../domain/schemas/oversight.ts';
import type { OfficeRef } from '../../api/types.ts';
import { JournalTable } from '../../components/JournalTable.tsx';
import { useUrlFilters } from '../../components/useUrlFilters.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { overdueRow, useItemColumns } from '../items/ItemCells.tsx';
import { counterpartSide, type OversightCell } from './oversight-state.ts';
import { useOversightItems } from './useOversight.ts';

interface Props {
  office: OfficeRef | null;
  /** The office code from the address, while the dashboard (and so the office's name) loads. */
  officeCode: string;
  cell: OversightCell;
  /** The coordinator opens an item's card; leadership reads the list only (the server shows it no card). */
  canOpenItems: boolean;
  onClose: () => void;
}

/** A drawer shows fewer rows at a time than a journal. */
const PAGING = { defaultLimit: 20, pageSizes: [20, 50, 100] } as const;

/** O-4.1: the items one number of the dashboard counts; its page lives in the address with the dashboard's state. */
export function CellItemsDrawer({ office, officeCode, cell, canOpenItems, onClose }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const filters = useUrlFilters(OversightItemsQuery, { fixed: { office: officeCode, cell }, ...PAGING });
  const items = useOversightItems(filters.query);
  const columns = useItemColumns({ counterpart: counterpartSide(cell), intended: true, link: canOpenItems });
  const officeName = office ? pickText(office.name, locale) : officeCode;

  return (
    <Drawer
      open
      size={1100}
      title={t('oversight:drawer.title', { cell: t(`oversight:cellTitles.${cell}`), office: officeName })}
      onClose={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t(`oversight:cellHints.${cell}`)}</Typography.Text>
        {canOpenItems ? null : <Alert type="info" showIcon title={t('oversight:drawer.leadershipHint')} />}
        <JournalTable
          filters={filters}
          columns={columns}
          result={items}
          open={canOpenItems ? { href: (r) => `/items/${r.id}`, on: 'click' } : undefined}
          rowClassName={overdueRow}
          emptyText={t('oversight:drawer.empty')}
          scrollX={1040}
          size="small"
          testId="cell-items"
        />
      </Space>
    </Drawer>
  );
}
