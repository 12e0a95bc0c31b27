import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { isHostedHere } from '../../../domain/node.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useAllOffices } from '../offices/useOffices.ts';

/**
 * An office picker that yields the office code (the users API addresses offices by code). With
 * `hostedOnly` it offers only offices hosted on this node: a user belongs to one (domain/node.ts).
 */
export function OfficeCodeSelect({
  hostedOnly = false,
  ...props
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
  hostedOnly?: boolean;
}) {
  const { data, isPending } = useAllOffices();
  const locale = currentLocale();
  return (
    <Select
      {...props}
      loading={isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={data?.items
        .filter((o) => !hostedOnly || isHostedHere(o) || o.code === props.value)
        .map((o) => ({ value: o.code, label: `${o.code} — ${pickText(o.name, locale)}`, disabled: hostedOnly && !isHostedHere(o) }))}
    />
  );
}
