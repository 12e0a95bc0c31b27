import { CheckCircleOutlined, ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BlockStatus } from '../../../domain/annual.ts';
import { yearOptions } from './annual-figures.ts';

export const BLOCK_STATUS_COLORS: Record<BlockStatus, string> = { not_started: 'default', draft: 'blue', submitted: 'green', returned: 'volcano' };

export function BlockStatusTag({ status }: { status: BlockStatus }) {
  const { t } = useTranslation();
  return <Tag color={BLOCK_STATUS_COLORS[status]}>{t(`annual:statuses.${status}`)}</Tag>;
}

/** Not submitted after the due instant (red); submitted after it (gold); submitted in time (green). */
export function DueFlagTag({ overdue, late, submitted }: { overdue: boolean; late: boolean; submitted: boolean }) {
  const { t } = useTranslation();
  if (overdue) {
    return (
      <Tag color="red" icon={<WarningOutlined aria-hidden />}>
        {t('annual:flags.overdue')}
      </Tag>
    );
  }
  if (late) {
    return (
      <Tag color="gold" icon={<ClockCircleOutlined aria-hidden />}>
        {t('annual:flags.late')}
      </Tag>
    );
  }
  if (submitted) {
    return (
      <Tag color="green" icon={<CheckCircleOutlined aria-hidden />}>
        {t('annual:flags.inTime')}
      </Tag>
    );
  }
  return null;
}

/** The reporting year, chosen from the current one and the nine before it. */
export function YearSelect({ value, today, onChange }: { value: number; today: string; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  return (
    <Select<number>
      aria-label={t('annual:list.year')}
      value={value}
      style={{ width: 110 }}
      onChange={onChange}
      options={yearOptions(today, value).map((y) => ({ value: y, label: String(y) }))}
    />
  );
}
