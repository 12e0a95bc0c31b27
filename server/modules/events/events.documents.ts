import type { Paragraph, Table } from 'docx';
import type { Locale } from '../../../domain/schemas/common.ts';
import { formatDateDots, localDateTime, utcOffset } from '../../../domain/time.ts';
import { dataTable, heading, officialDocx, para } from '../../lib/docx.ts';
import { officeBlank, officeName as name, signerName, tableSection } from '../../lib/docx-parts.ts';
import { translate } from '../../lib/i18n.ts';
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

function signerBlock(signer: EventDocumentInput['signer'], lang: Locale, office: OfficeRow) {
  if (!signer) return undefined;
  return { position: positionOf(name(office, lang), lang, signer.roles.includes('head')), name: signerName(signer.fullName) };
}

/** «10.03.2026 10:00 – 12.03.2026 17:00 (UTC+05:00, Asia/Aqtobe)», the place's own time; words when the dates are not set yet. */
export function eventPeriod(e: Pick<EventRow, 'startsAt' | 'endsAt' | 'timeZone'>, lang: Locale): string {
  if (!e.startsAt || !e.endsAt || !e.timeZone) return translate(lang, 'documents:events.periodUnknown');
  const fmt = (d: Date) => {
    const [date, time] = localDateTime(d, e.timeZone!).split('T');
    return `${formatDateDots(date!)} ${time}`;
  };
  // The zone by its city in the reader's language (web's zoneCity reads the same table), never the IANA code.
  const city = translate(lang, `common:zones.${e.timeZone}.name`, { defaultValue: (e.timeZone.split('/').pop() ?? e.timeZone).replace(/_/g, ' ') });
  return `${fmt(e.startsAt)} – ${fmt(e.endsAt)} (UTC${utcOffset(e.startsAt, e.timeZone)}, ${city})`;
}

const lowerAfterFirst = (label: string, i: number) => (i === 0 ? label : label.charAt(0).toLocaleLowerCase() + label.slice(1));

export async function eventDocx(input: EventDocumentInput): Promise<Buffer> {
  const { event: e, office, document } = input;
  const lang: Locale = office.party === 'KZ' ? 'kk' : 'ru';
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, `documents:events.${key}`, vars);
  const type = e.type ? translate(lang, `documents:events.types.${e.type}`) : '';
  const counterparts = input.counterparts.map((o) => name(o, lang)).join('; ');
  const facts: (Paragraph | Table)[] = [
    para(t('facts.type', { type: type.toLowerCase(), venue: e.venue ? t(`venues.${e.venue}`) : '' }), { indent: true }),
    para(t('facts.title', { title: e.title }), { indent: true }),
    para(t('facts.place', { country: e.country, city: e.city }), { indent: true }),
    para(t('facts.period', { period: eventPeriod(e, lang) }), { indent: true }),
    para(t('facts.counterparts', { offices: counterparts || t('notNamed') }), { indent: true }),
    // Within a sentence the area labels continue it: in lower case after the first.
    para(t('facts.areas', { areas: e.priorityAreas.map((a, i) => lowerAfterFirst(translate(lang, `items:areas.${a}`), i)).join('; ') || t('notStated') }), {
      indent: true,
      after: 120,
    }),
  ];
  const byId = new Map(input.counterparts.map((o) => [o.id, o]));
  // A participant named in a counterpart's letter is shown with that office.
  const sideOf = (p: EventRow['participants'][number]) => {
    const from = p.officeId ? byId.get(p.officeId) : undefined;
    return from ? t('participantFromLetter', { side: t(`sides.${p.side}`), office: name(from, lang) }) : t(`sides.${p.side}`);
  };
  const participants =
    e.participants.length > 0
      ? tableSection(
          t('participants'),
          dataTable(
            [t('columns.no'), t('columns.side'), t('columns.fullName'), t('columns.position')],
            e.participants.map((p, i) => [String(i + 1), sideOf(p), p.fullName, p.position]),
            [6, 30, 32, 32],
          ),
        )
      : [];
  // Each counterpart's own account of the results, as its letter states it (issue 10, part 3).
  const statements = (e.counterpartStatements ?? []).flatMap((st) => {
    const from = byId.get(st.officeId);
    if (!from) return [];
    const l = st.letter;
    // A letter without a number or a named signer is cited without them, not with a dash.
    const reference = t(l.number ? 'statementLetter' : 'statementLetterNoNumber', {
      kind: t(`channels.${l.channel}`),
      date: formatDateDots(l.date),
      number: l.number,
    });
    const signer = [l.signerPosition, l.signerName].filter(Boolean).join(' ');
    const letter = signer ? `${reference}, ${signer}` : reference;
    return [
      heading(t('statementOf', { office: name(from, lang), letter })),
      para(st.outcomes, { indent: true, after: st.agreements ? 60 : 120, keepNext: !st.agreements }),
      ...(st.agreements ? [para(t('statementAgreements', { text: st.agreements }), { indent: true, after: 120, keepNext: true })] : []),
    ];
  });
  const coordinatorName = input.coordinator ? name(input.coordinator, lang) : '';
  const common = {
    ...officeBlank(office, lang, input.now),
    addressee: coordinatorName ? [coordinatorName] : [],
    signature: signerBlock(input.signer, lang, office),
    executor: input.executorName ? translate(lang, 'documents:letters.executor', { name: input.executorName }) : undefined,
  };

  if (document === 'proposal') {
    const subject = t(e.venue === 'home' ? 'proposalHeadingHome' : 'proposalHeadingAbroad', { type: type.toLowerCase(), title: e.title });
    const body: (Paragraph | Table)[] = [
      para(t(e.venue === 'home' ? 'proposalIntroHome' : 'proposalIntroAbroad', { type: type.toLowerCase(), title: e.title }), { indent: true, after: 120 }),
      ...facts,
      para(t('agenda', { text: e.agenda }), { indent: true, after: 120 }),
      ...participants,
      para(t(e.costArrangement === 'agreed' ? 'costsAgreed' : 'costsOwn', { terms: e.costTerms ?? '' }), { indent: true, after: 120 }),
      para(t('proposalClosing'), { indent: true, after: 120, keepNext: true }),
    ];
    return officialDocx({
      title: subject,
      ...common,
      heading: subject,
      body,
      attachmentLine: input.attachmentsCount ? translate(lang, 'documents:letters.attachments', { count: input.attachmentsCount }) : undefined,
    });
  }

  const subject = t('reportHeading', { title: e.title });
  const body: (Paragraph | Table)[] = [
    para(t(e.startsAt && e.endsAt ? 'reportIntro' : 'reportIntroNoPeriod', { type: type.toLowerCase(), title: e.title, period: eventPeriod(e, lang) }), {
      indent: true,
      after: 120,
    }),
    ...facts,
    ...participants,
    heading(t('outcomes')),
    para(e.reportOutcomes || t('none'), { indent: true, after: 120 }),
    heading(t('agreements')),
    para(e.reportAgreements || t('none'), { indent: true, after: 120 }),
    heading(t('followUp')),
    para(e.reportFollowUp || t('none'), { indent: true, after: 120, keepNext: true }),
    ...(statements.length ? [heading(t('statements'), { before: 240 }), ...statements] : []),
  ];
  return officialDocx({
    title: subject,
    ...common,
    heading: subject,
    body,
    attachmentLine: input.attachmentsCount ? translate(lang, 'documents:letters.attachments', { count: input.attachmentsCount }) : undefined,
  });
}
