import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemListRow } from '../../api/types.ts';
import { formatDate } from '../../i18n/format.ts';
import { AreaTags, ConfidentialityTag, OralTag, RestrictedBadge } from './ItemTags.tsx';

/** Cells of an item row shared by the journals and every list that opens items (figures, dashboard). */

/** The subject (or the restricted badge), the form and the tags. */
export function ItemSubjectCell({ row: r }: { row: ItemListRow }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={2}>
      {r.subject === null ? <RestrictedBadge /> : <Typography.Text>{r.subject || t('items:noSubject')}</Typography.Text>}
      {r.form ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`items:formsShort.${r.form}`)}
        </Typography.Text>
      ) : null}
      <Space size={[0, 4]} wrap>
        {r.mode === 'oral' ? <OralTag /> : null}
        {/* The highest level any piece of the item carries (the request, the answer, a message, a file). */}
        <ConfidentialityTag level={r.confidentiality} hideOpen title={t('items:pieces.highestHint')} />
        <AreaTags areas={r.priorityAreas} max={2} />
      </Space>
    </Space>
  );
}

/** «Исх. № … от …», «Вх. № … от …», the sending date. */
export function ItemRegistrationCell({ row: r, showNone = false }: { row: ItemListRow; showNone?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      {r.outgoingNumber ? <span>{t('items:registration.outgoing', { number: r.outgoingNumber, date: formatDate(r.outgoingDate) })}</span> : null}
      {r.incomingNumber ? (
        <span>{r.incomingDate ? t('items:registration.incomingFull', { number: r.incomingNumber, date: formatDate(r.incomingDate) }) : t('items:registration.incomingNoDate', { number: r.incomingNumber })}</span>
      ) : null}
      {showNone && !r.outgoingNumber && !r.incomingNumber ? <Typography.Text type="secondary">{t('items:registration.none')}</Typography.Text> : null}
      {r.sentAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('items:registration.sentOn', { date: formatDate(r.sentAt) })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
