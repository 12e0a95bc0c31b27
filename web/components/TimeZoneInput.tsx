import { AutoComplete } from 'antd';
import { useMemo } from 'react';

/** IANA zones of the Parties' regions first: the offices span UTC+3 to UTC+7. */
const COMMON = [
  'Europe/Moscow',
  'Europe/Volgograd',
  'Europe/Astrakhan',
  'Europe/Samara',
  'Europe/Saratov',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Barnaul',
  'Asia/Almaty',
  'Asia/Aqtobe',
  'Asia/Aqtau',
  'Asia/Atyrau',
  'Asia/Oral',
  'Asia/Qostanay',
  'Asia/Qyzylorda',
];

function allZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return [...COMMON, ...zones.filter((z) => !COMMON.includes(z))];
}

export function TimeZoneInput(props: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const options = useMemo(() => allZones().map((z) => ({ value: z })), []);
  return (
    <AutoComplete
      {...props}
      options={options}
      style={{ maxWidth: 320 }}
      showSearch={{
        filterOption: (input, option) =>
          String(option?.value ?? '')
            .toLowerCase()
            .includes(input.toLowerCase()),
      }}
    />
  );
}
