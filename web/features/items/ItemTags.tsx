import { ClockCircleOutlined, LockOutlined, PhoneOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemStatus } from '../../../domain/item-status.ts';
import type { Confidentiality, ItemKind, PriorityArea } from '../../../domain/items.ts';
import type { OfficeRef } from '../../api/types.ts';
import { pickText } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { countdown } from './deadline.ts';

const STATUS_COLORS: Record<ItemStatus, string> = {
  draft: 'default',
  signed: 'purple',
  sent: 'blue',
  registered: 'geekblue',
  on_hold: 'orange',
  consultation: 'gold',
  executed: 'green',
  partially_executed: 'lime',
  refused: 'red',
  withdrawn: 'default',
  forwarded: 'cyan',
  returned: 'volcano',
};

export function StatusTag({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`items:statuses.${status}`)}</Tag>;
}

export function KindTag({ kind }: { kind: ItemKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'request' ? 'blue' : 'purple'}>{t(`items:kinds.${kind}`)}</Tag>;
}

const CONFIDENTIALITY_COLORS: Record<Confidentiality, string> = { open: 'default', official_use: 'gold', restricted: 'red' };

export function ConfidentialityTag({ level, hideOpen, title }: { level: Confidentiality; hideOpen?: boolean; title?: string }) {
  const { t } = useTranslation();
  if (hideOpen && level === 'open') return null;
  const tag = (
    <Tag color={CONFIDENTIALITY_COLORS[level]} icon={level === 'open' ? undefined : <LockOutlined aria-hidden />}>
      {t(`items:confidentiality.${level}`)}
    </Tag>
  );
  return title ? <Tooltip title={title}>{tag}</Tooltip> : tag;
}

/** The level of one piece of information: set by the Party that provided it. */
export function PieceLevel({ level }: { level: Confidentiality }) {
  const { t } = useTranslation();
  return <ConfidentialityTag level={level} title={t('items:pieces.setByProvider')} />;
}

export type HiddenPieceKind = 'request' | 'answer' | 'message' | 'conditions' | 'file';

/** Where a piece's content is not shown: which piece, its level and who may read it. */
export function HiddenPiece({ piece, level, compact }: { piece: HiddenPieceKind; level: Confidentiality; compact?: boolean }) {
  const { t } = useTranslation();
  const title = t(`items:pieces.hidden.${piece}`, { level: t(`items:confidentiality.${level}`) });
  if (compact) {
    return (
      <Tooltip title={t('items:pieces.readers')}>
        <Typography.Text type="secondary" data-testid="hidden-piece">
          <LockOutlined aria-hidden /> {title}
        </Typography.Text>
      </Tooltip>
    );
  }
  return <Alert type="warning" showIcon icon={<LockOutlined aria-hidden />} title={title} description={t('items:pieces.readers')} data-testid="hidden-piece" />;
}

export function OralTag() {
  const { t } = useTranslation();
  return (
    <Tag color="magenta" icon={<PhoneOutlined aria-hidden />}>
      {t('items:oral.tag')}
    </Tag>
  );
}

export function RouteTag() {
  const { t } = useTranslation();
  return <Tag color="volcano">{t('items:route.tag')}</Tag>;
}

export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" icon={<WarningOutlined aria-hidden />}>
      {t('items:deadline.overdue')}
    </Tag>
  );
}

export function RestrictedBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('items:restricted.hint')}>
      <Tag color="red" icon={<LockOutlined aria-hidden />}>
        {t('items:restricted.badge')}
      </Tag>
    </Tooltip>
  );
}

export function AreaTags({ areas, max }: { areas: readonly PriorityArea[]; max?: number }) {
  const { t } = useTranslation();
  const shown = max ? areas.slice(0, max) : areas;
  return (
    <Space size={[0, 4]} wrap>
      {shown.map((a) => (
        <Tag key={a}>{t(`items:areasShort.${a}`)}</Tag>
      ))}
      {max && areas.length > max ? (
        <Tooltip
          title={areas
            .slice(max)
            .map((a) => t(`items:areasShort.${a}`))
            .join(', ')}
        >
          <Tag>+{areas.length - max}</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

export function OfficeName({ office, code = true }: { office: OfficeRef; code?: boolean }) {
  return (
    <span>
      {pickText(office.name, currentLocale())}
      {code ? (
        <>
          {' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {office.code}
          </Typography.Text>
        </>
      ) : null}
    </span>
  );
}

/** «осталось 2 дня 5 часов» or «просрочено на 3 часа», coloured by urgency. */
export function CountdownText({ dueAt, now, prefix }: { dueAt: string; now: number; prefix?: string }) {
  const { t } = useTranslation();
  const c = countdown(t, dueAt, now);
  return (
    <Typography.Text type={c.overdue ? 'danger' : c.soon ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
      <ClockCircleOutlined aria-hidden /> {prefix ? `${prefix}: ` : ''}
      {c.text}
    </Typography.Text>
  );
}
