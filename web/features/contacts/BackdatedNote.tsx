import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { backdatedDays } from '../../../domain/contacts.ts';
import { addDays } from '../../../domain/time.ts';
import { formatDate } from '../../i18n/format.ts';
import { usePartyContext } from '../auth/useSession.ts';

/**
 * O-3.1: an entry whose stated date lies before the day it was recorded (when ГУМПС learned of it).
 * Shown wherever the coordinator judges timeliness; without `recordedOn` only the tag.
 */
export function BackdatedNote({ days, recordedOn }: { days: number; recordedOn?: string }) {
  const { t } = useTranslation();
  if (days <= 0) return null;
  return (
    <Space size={[4, 0]} wrap data-testid="backdated">
      <Tag color="orange" icon={<HistoryOutlined aria-hidden />} style={{ marginInlineEnd: 0 }}>
        {t('contacts:backdated.tag')}
      </Tag>
      {recordedOn ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('contacts:backdated.recorded', { date: formatDate(recordedOn), count: days })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/**
 * Warns in a form, before saving, that the chosen date makes the entry back-dated. With `lastDay`
 * the date is a last day, and the change takes effect the day after it.
 */
export function BackdatedWarning({ date, today, lastDay = false }: { date: string | null | undefined; today: string; lastDay?: boolean }) {
  const { t } = useTranslation();
  const party = usePartyContext();
  if (!date) return null;
  const effective = lastDay ? addDays(date, 1) : date;
  if (backdatedDays(effective, today) === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      title={t('contacts:backdated.formWarning', party)}
      style={{ marginBottom: 8 }}
      data-testid="backdated-warning"
    />
  );
}
