import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useAllOffices } from '../offices/useOffices.ts';

/** An office picker that yields the office code (the users API addresses offices by code). */
export function OfficeCodeSelect(props: { id?: string; value?: string; onChange?: (v: string) => void; allowClear?: boolean; placeholder?: string; style?: CSSProperties; 'aria-label'?: string }) {
  const { data, isPending } = useAllOffices();
  const locale = currentLocale();
  return (
    <Select
      {...props}
      loading={isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={data?.items.map((o) => ({ value: o.code, label: `${o.code} — ${pickText(o.name, locale)}` }))}
    />
  );
}
