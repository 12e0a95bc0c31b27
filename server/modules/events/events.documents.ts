import type { Paragraph, Table } from 'docx';
import { initialsAndSurname } from '../../../domain/contacts.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { formatDateDots, localDate, localDateTime, utcOffset } from '../../../domain/time.ts';
import { dataTable, officialDocx, para } from '../../lib/docx.ts';
import { pick, translate } from '../../lib/i18n.ts';
import type { OfficeRow } from '../registry/index.ts';
import { positionOf } from '../items/index.ts';
import type { EventRow } from './events.repository.ts';

/**
 * The office's proposal to its coordinator (O-3.5) and its report after the event, laid out as
 * official letters (server/lib/docx.ts); in Russian for a Russian office, in Kazakh for a Kazakh one.
 */
export const EVENT_DOCUMENTS = ['proposal', 'report'] as const;
export type EventDocument = (typeof EVENT_DOCUMENTS)[number];

export interface EventDocumentInput {
  event: EventRow;
  document: EventDocument;
  office: OfficeRow;
  coordinator: OfficeRow | null;
  counterparts: OfficeRow[];
  signer: { fullName: string; roles: string[] } | null;
  executorName: string | null;
  attachmentsCount: number;
  now: Date;
}

const name = (o: OfficeRow, lang: Locale) => pick({ ru: o.nameRu, kk: o.nameKk, en: o.nameEn }, lang);

function signerBlock(signer: EventDocumentInput['signer'], lang: Locale, office: OfficeRow) {
  if (!signer) return undefined;
  const [surname = '', firstName = '', patronymic = ''] = signer.fullName.split(/\s+/);
  return {
    position: positionOf(name(office, lang), lang, signer.roles.includes('head')),
    name: initialsAndSurname({ surname, firstName, patronymic: patronymic || null }),
  };
}

/** «10.03.2026 10:00 – 12.03.2026 17:00 (UTC+05:00, Asia/Aqtobe)», the place's own time. */
export function eventPeriod(e: Pick<EventRow, 'startsAt' | 'endsAt' | 'timeZone'>): string {
  if (!e.startsAt || !e.endsAt || !e.timeZone) return '—';
  const fmt = (d: Date) => {
    const [date, time] = localDateTime(d, e.timeZone!).split('T');
    return `${formatDateDots(date!)} ${time}`;
  };
  return `${fmt(e.startsAt)} – ${fmt(e.endsAt)} (UTC${utcOffset(e.startsAt, e.timeZone)}, ${e.timeZone})`;
}

export async function eventDocx(input: EventDocumentInput): Promise<Buffer> {
  const { event: e, office, document } = input;
  const lang: Locale = office.party === 'KZ' ? 'kk' : 'ru';
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, `documents:events.${key}`, vars);
  const type = e.type ? translate(lang, `documents:events.types.${e.type}`) : '';
  const counterparts = input.counterparts.map((o) => name(o, lang)).join('; ');
  const facts: (Paragraph | Table)[] = [
    para(t('facts.type', { type, venue: e.venue ? t(`venues.${e.venue}`) : '' }), { indent: true }),
    para(t('facts.title', { title: e.title }), { indent: true }),
    para(t('facts.place', { country: e.country, city: e.city }), { indent: true }),
    para(t('facts.period', { period: eventPeriod(e) }), { indent: true }),
    para(t('facts.counterparts', { offices: counterparts || '—' }), { indent: true }),
    para(t('facts.areas', { areas: e.priorityAreas.map((a) => translate(lang, `items:areas.${a}`)).join('; ') || '—' }), { indent: true, after: 120 }),
  ];
  const byId = new Map(input.counterparts.map((o) => [o.id, o]));
  // A participant named in a counterpart's letter is shown with that office.
  const sideOf = (p: EventRow['participants'][number]) => {
    const from = p.officeId ? byId.get(p.officeId) : undefined;
    return from ? t('participantFromLetter', { side: t(`sides.${p.side}`), office: name(from, lang) }) : t(`sides.${p.side}`);
  };
  const participants =
    e.participants.length > 0
      ? [
          para(t('participants'), { after: 60 }),
          dataTable(
            [t('columns.no'), t('columns.side'), t('columns.fullName'), t('columns.position')],
            e.participants.map((p, i) => [String(i + 1), sideOf(p), p.fullName, p.position]),
            [8, 22, 35, 35],
          ),
          para('', { after: 120 }),
        ]
      : [];
  // Each counterpart's own account of the results, as its letter states it (issue 10, part 3).
  const statements = (e.counterpartStatements ?? []).flatMap((st) => {
    const from = byId.get(st.officeId);
    if (!from) return [];
    const l = st.letter;
    const letter = t('statementLetter', {
      kind: t(`channels.${l.channel}`),
      date: formatDateDots(l.date),
      number: l.number ?? '—',
      signer: [l.signerPosition, l.signerName].filter(Boolean).join(' '),
    });
    return [
      para(t('statementOf', { office: name(from, lang), letter }), { bold: true, after: 60 }),
      para(st.outcomes, { indent: true, after: st.agreements ? 60 : 120 }),
      ...(st.agreements ? [para(t('statementAgreements', { text: st.agreements }), { indent: true, after: 120 })] : []),
    ];
  });
  const coordinatorName = input.coordinator ? name(input.coordinator, lang) : '';
  const common = {
    blank: [translate(lang, `documents:blank.superior.${office.party}`), name(office, lang), office.address ?? ''],
    dateLine: `${formatDateDots(localDate(input.now, office.timeZone))} № ________`,
    addressee: coordinatorName ? [coordinatorName] : [],
    signature: signerBlock(input.signer, lang, office),
    executor: input.executorName ? translate(lang, 'documents:letters.executor', { name: input.executorName }) : undefined,
  };

  if (document === 'proposal') {
    const heading = t(e.venue === 'home' ? 'proposalHeadingHome' : 'proposalHeadingAbroad', { type: type.toLowerCase(), title: e.title });
    const body: (Paragraph | Table)[] = [
      para(t(e.venue === 'home' ? 'proposalIntroHome' : 'proposalIntroAbroad', { type: type.toLowerCase(), title: e.title }), { indent: true, after: 120 }),
      ...facts,
      para(t('agenda', { text: e.agenda }), { indent: true, after: 120 }),
      ...participants,
      para(t(e.costArrangement === 'agreed' ? 'costsAgreed' : 'costsOwn', { terms: e.costTerms ?? '' }), { indent: true, after: 120 }),
      para(t('proposalClosing'), { indent: true, after: 120 }),
    ];
    return officialDocx({
      title: heading,
      ...common,
      heading,
      body,
      attachmentLine: input.attachmentsCount ? translate(lang, 'documents:letters.attachments', { count: input.attachmentsCount }) : undefined,
    });
  }

  const heading = t('reportHeading', { title: e.title });
  const body: (Paragraph | Table)[] = [
    para(t('reportIntro', { type: type.toLowerCase(), title: e.title, period: eventPeriod(e) }), { indent: true, after: 120 }),
    ...facts,
    ...participants,
    para(t('outcomes'), { bold: true, after: 60 }),
    para(e.reportOutcomes ?? '—', { indent: true, after: 120 }),
    para(t('agreements'), { bold: true, after: 60 }),
    para(e.reportAgreements || t('none'), { indent: true, after: 120 }),
    para(t('followUp'), { bold: true, after: 60 }),
    para(e.reportFollowUp || t('none'), { indent: true, after: 120 }),
    ...(statements.length ? [para(t('statements'), { bold: true, after: 60 }), ...statements] : []),
  ];
  return officialDocx({
    title: heading,
    ...common,
    heading,
    body,
    attachmentLine: input.attachmentsCount ? translate(lang, 'documents:letters.attachments', { count: input.attachmentsCount }) : undefined,
  });
}
