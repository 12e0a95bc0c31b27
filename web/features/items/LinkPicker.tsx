import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../domain/numbering.ts';
import { api } from '../../api/client.ts';
import type { ItemListRow, Page } from '../../api/types.ts';
import { formatDate, pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';

/** Picks an earlier item of the office (incoming or outgoing) to reply to or to follow up. */
export function LinkPicker({ id, value, onChange }: { id?: string; value?: string | null; onChange?: (v: string | null) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const items = useQuery({
    queryKey: ['items', 'link-candidates'],
    queryFn: async () => {
      const [incoming, outgoing] = await Promise.all([
        api.get<Page<ItemListRow>>('/api/v1/items?box=incoming&limit=200&sort=sentAt&order=desc'),
        api.get<Page<ItemListRow>>('/api/v1/items?box=outgoing&limit=200&sort=createdAt&order=desc'),
      ]);
      return [...incoming.items.map((i) => ({ ...i, box: 'incoming' as const })), ...outgoing.items.map((i) => ({ ...i, box: 'outgoing' as const }))];
    },
    staleTime: 60_000,
  });
  const options = (items.data ?? []).map((i) => {
    const other = i.box === 'incoming' ? i.fromOffice : i.toOffice;
    const reg = i.outgoingNumber ? t('items:registration.outgoing', { number: i.outgoingNumber, date: formatDate(i.outgoingDate) }) : '';
    const label = `№ ${formatNumber(i)} · ${t(`items:boxes.${i.box}`)} · ${pickText(other.name, locale)}${reg ? ` · ${reg}` : ''}${i.subject ? ` · ${i.subject}` : ''}`;
    return { value: i.id, label };
  });
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={items.isPending}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      options={options}
      placeholder={t('items:form.chooseItem')}
      notFoundContent={t('items:form.noItems')}
    />
  );
}
