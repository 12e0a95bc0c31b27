import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DATE_TIME_FORMAT } from '../../i18n/format.ts';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  'aria-label'?: string;
}

const WIRE = 'YYYY-MM-DDTHH:mm';

/**
 * A wall-clock date and time at the event's place, `YYYY-MM-DDTHH:mm`, shown and typed as
 * DD.MM.YYYY HH:mm. No zone is applied: the place's zone is a field of its own.
 */
export function LocalDateTimeInput({ value, onChange, ...rest }: Props) {
  return (
    <DatePicker
      {...rest}
      value={value ? dayjs(value) : null}
      showTime={{ format: 'HH:mm', minuteStep: 5 }}
      format={DATE_TIME_FORMAT}
      needConfirm={false}
      style={{ width: '100%', maxWidth: 240 }}
      onChange={(d: Dayjs | null) => onChange?.(d && d.isValid() ? d.format(WIRE) : null)}
    />
  );
}
