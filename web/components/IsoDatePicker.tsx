import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CSSProperties } from 'react';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../i18n/format.ts';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  allowClear?: boolean;
  placeholder?: string;
  disabled?: boolean;
  autoFocus?: boolean;
  'aria-label'?: string;
  style?: CSSProperties;
}

/**
 * A date field whose value is the API's calendar date `YYYY-MM-DD` (no time zone to drift),
 * shown and typed as DD.MM.YYYY.
 */
export function IsoDatePicker({ value, onChange, allowClear = true, style, ...rest }: Props) {
  return (
    <DatePicker
      {...rest}
      value={fromIsoDate(value)}
      format={DATE_FORMAT}
      allowClear={allowClear}
      style={{ width: '100%', maxWidth: 200, ...style }}
      onChange={(d: Dayjs | null) => onChange?.(toIsoDate(d))}
    />
  );
}
