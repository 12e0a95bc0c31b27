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
  /** Days that cannot be chosen (`YYYY-MM-DD`): shown disabled in the calendar. */
  disabledDate?: (date: string) => boolean;
}

/**
 * A date field whose value is the API's calendar date `YYYY-MM-DD` (no time zone to drift),
 * shown and typed as DD.MM.YYYY.
 */
export function IsoDatePicker({ value, onChange, allowClear = true, style, disabledDate, ...rest }: Props) {
  return (
    <DatePicker
      {...rest}
      disabledDate={disabledDate ? (d: Dayjs) => disabledDate(toIsoDate(d) ?? '') : undefined}
      value={fromIsoDate(value)}
      format={DATE_FORMAT}
      allowClear={allowClear}
      style={{ width: '100%', maxWidth: 200, ...style }}
      onChange={(d: Dayjs | null) => onChange?.(toIsoDate(d))}
    />
  );
}
