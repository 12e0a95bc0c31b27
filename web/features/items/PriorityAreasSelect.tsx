import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORDER_PRIORITY_AREAS, PRIORITY_AREAS } from '../../../domain/items.ts';
import { usePartyContext } from '../auth/useSession.ts';

/** The priority areas of an item or an event: those of Order No. 136 (p. 3.2) first, then the Agreement's (Art. 2). */
export function PriorityAreasSelect({ id, value, onChange }: { id?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  const option = (a: string) => ({ value: a, label: t(`items:areas.${a}`) });
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('items:form.chooseAreas')}
      value={value}
      onChange={onChange}
      options={[
        { label: t('items:form.areaGroups.order', party), options: ORDER_PRIORITY_AREAS.map(option) },
        { label: t('items:form.areaGroups.agreement'), options: PRIORITY_AREAS.filter((a) => !ORDER_PRIORITY_AREAS.includes(a)).map(option) },
      ]}
    />
  );
}
