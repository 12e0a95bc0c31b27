import { Select } from 'antd';

interface FilterSelectProps<V extends string> {
  /** Translated label: shown as the placeholder and read out by screen readers. */
  label: string;
  width: number;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  options: { value: V; label: string }[];
}

/** A clearable list filter above a table, labelled for keyboard and screen-reader users. */
export function FilterSelect<V extends string>({ label, width, value, onChange, options }: FilterSelectProps<V>) {
  return <Select<V> allowClear aria-label={label} placeholder={label} style={{ width }} value={value} onChange={(v?: V) => onChange(v)} options={options} />;
}
