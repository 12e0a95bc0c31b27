import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { answerRuns, awaitsConfirmation } from '../../../domain/deadlines.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import type { ItemListRow } from '../../api/types.ts';
import { NumberLink, type JournalColumn } from '../../components/JournalTable.tsx';
import { formatDate } from '../../i18n/format.ts';
import { AreaTags, ConfidentialityTag, CountdownText, KindTag, OfficeName, OralTag, OverdueTag, RestrictedBadge, RouteTag, StatusTag } from './ItemTags.tsx';
import { useNow } from './deadline.ts';

/** The columns of an item row, the same in the journals and in every list that opens items (dashboard, annual figures). */

/** The subject (or the restricted badge), the form and the tags. */
function ItemSubjectCell({ row: r }: { row: ItemListRow }) {
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
function ItemRegistrationCell({ row: r }: { row: ItemListRow }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      {r.outgoingNumber ? <span>{t('items:registration.outgoing', { number: r.outgoingNumber, date: formatDate(r.outgoingDate) })}</span> : null}
      {r.incomingNumber ? (
        <span>
          {r.incomingDate
            ? t('items:registration.incomingFull', { number: r.incomingNumber, date: formatDate(r.incomingDate) })
            : t('items:registration.incomingNoDate', { number: r.incomingNumber })}
        </span>
      ) : null}
      {!r.outgoingNumber && !r.incomingNumber ? <Typography.Text type="secondary">{t('items:registration.none')}</Typography.Text> : null}
      {r.sentAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('items:registration.sentOn', { date: formatDate(r.sentAt) })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** The answer's last day and what is left of it, an oral request's confirmation, the overdue mark. */
function ItemDueCell({ row: r, now }: { row: ItemListRow; now: number }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={2}>
      {r.answerDue ? <span>{t('items:deadline.until', { date: formatDate(r.answerDue.lastDay) })}</span> : null}
      {r.answerDueAt && answerRuns(r.status) ? <CountdownText dueAt={r.answerDueAt} now={now} /> : null}
      {r.confirmationDueAt && awaitsConfirmation(r) ? <CountdownText dueAt={r.confirmationDueAt} now={now} prefix={t('items:oral.confirmationShort')} /> : null}
      {r.overdue ? <OverdueTag /> : null}
      {!r.answerDueAt && !r.confirmationDueAt ? '—' : null}
    </Space>
  );
}

export interface ItemColumnsOptions {
  /** The office the counterpart column names: the sender, the addressee, or both. */
  counterpart: 'fromOffice' | 'toOffice' | 'both';
  /** Whether the column names the office a matter routed through the coordinator is meant for. */
  intended: boolean;
  /** Whether the number leads to the item's card (leadership reads the lists only). */
  link?: boolean;
}

export function useItemColumns({ counterpart, intended, link = true }: ItemColumnsOptions): JournalColumn<ItemListRow>[] {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const title = counterpart === 'both' ? t('items:journal.fromTo') : t(`items:fields.${counterpart}`);
  return [
    {
      title: t('items:fields.number'),
      key: 'number',
      width: 120,
      sortKey: 'number',
      render: (_, r) => (
        <NumberLink to={link ? `/items/${r.id}` : null} label={t('items:journal.open', { number: formatNumber(r) })} number={formatNumber(r)}>
          <KindTag kind={r.kind} />
        </NumberLink>
      ),
    },
    {
      title,
      key: 'counterpart',
      width: counterpart === 'both' ? 240 : 220,
      render: (_, r) => (
        <Space orientation="vertical" size={counterpart === 'both' ? 0 : 2}>
          {counterpart === 'both' ? (
            <>
              <OfficeName office={r.fromOffice} />
              <Typography.Text type="secondary">→ </Typography.Text>
              <OfficeName office={r.toOffice} />
            </>
          ) : (
            <OfficeName office={r[counterpart]} />
          )}
          {r.route === 'coordinator' ? <RouteTag /> : null}
          {/* A routed matter goes to the coordinator but is meant for this office. */}
          {intended && r.intendedOffice ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              → <OfficeName office={r.intendedOffice} />
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('items:journal.subjectColumn'), key: 'subject', render: (_, r) => <ItemSubjectCell row={r} /> },
    { title: t('items:fields.status'), key: 'status', width: 140, render: (_, r) => <StatusTag status={r.status} /> },
    { title: t('items:fields.registration'), key: 'registration', width: 180, sortKey: 'sentAt', render: (_, r) => <ItemRegistrationCell row={r} /> },
    { title: t('items:fields.due'), key: 'due', width: 180, sortKey: 'answerDueAt', render: (_, r) => <ItemDueCell row={r} now={now} /> },
  ];
}

/** Overdue rows stand out in every item list. */
export const overdueRow = (r: ItemListRow) => (r.overdue ? 'row-overdue' : '');
