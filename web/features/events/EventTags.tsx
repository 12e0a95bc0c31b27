import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EventStatus, EventType } from '../../../domain/events.ts';
import type { EventView } from './useEvents.ts';

export type EventStage = NonNullable<EventView['stage']>;

export const EVENT_STATUS_COLORS: Record<EventStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'volcano',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
  reported: 'geekblue',
};

const STAGE_COLORS: Record<EventStage, string> = { planned: 'cyan', awaiting_report: 'gold', report_overdue: 'red' };

export function EventStatusTag({ status }: { status: EventStatus }) {
  const { t } = useTranslation();
  return <Tag color={EVENT_STATUS_COLORS[status]}>{t(`events:statuses.${status}`)}</Tag>;
}

/** Where an approved event stands: planned, awaiting its report, or its report overdue (red). */
export function EventStageTag({ stage }: { stage: EventStage | null }) {
  const { t } = useTranslation();
  if (!stage) return null;
  const icon = stage === 'report_overdue' ? <WarningOutlined aria-hidden /> : stage === 'awaiting_report' ? <ClockCircleOutlined aria-hidden /> : undefined;
  return (
    <Tag color={STAGE_COLORS[stage]} icon={icon}>
      {t(`events:stages.${stage}`)}
    </Tag>
  );
}

export function EventTypeTag({ type }: { type: EventType | null }) {
  const { t } = useTranslation();
  if (!type) return null;
  return <Tag color="purple">{t(`events:types.${type}`)}</Tag>;
}
