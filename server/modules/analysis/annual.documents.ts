import type { Paragraph, Table } from 'docx';
import type { Locale } from '../../../domain/schemas/common.ts';
import type { BlockView } from '../../../domain/schemas/annual.ts';
import { formatDateDots, localDate } from '../../../domain/time.ts';
import { dataTable, officialDocx, para } from '../../lib/docx.ts';
import { pick, translate } from '../../lib/i18n.ts';
import { positionOf } from '../items/index.ts';
import type { OfficeRow } from '../registry/index.ts';

/**
 * The office's annual block (O-3.6) as a separate block of the report memo: the heading the Order
 * prescribes, the tables of the figures, the office's proposals, in the official layout.
 */
export async function blockDocx(input: {
  block: BlockView;
  office: OfficeRow;
  coordinator: OfficeRow | null;
  signer: { fullName: string; roles: string[] } | null;
  now: Date;
}): Promise<Buffer> {
  const { block, office } = input;
  const lang: Locale = office.party === 'KZ' ? 'kk' : 'ru';
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, `documents:annual.${key}`, vars);
  const label = (ns: string, key: string) => translate(lang, `${ns}.${key}`);
  const f = block.figures;
  const n = (v: number | null) => (v === null ? '—' : String(v));
  const section = (title: string, table: Table): (Paragraph | Table)[] => [para(title, { bold: true, after: 60 }), table, para('', { after: 120 })];
  const body: (Paragraph | Table)[] = [
    para(
      t('intro', {
        year: block.year,
        sentRequests: f.totals.out.requests,
        sentProposals: f.totals.out.proposals,
        receivedRequests: f.totals.in.requests,
        receivedProposals: f.totals.in.proposals,
      }),
      { indent: true, after: 120 },
    ),
    ...section(
      t('byCounterpart'),
      dataTable(
        [t('col.counterpart'), t('col.sentRequests'), t('col.sentProposals'), t('col.receivedRequests'), t('col.receivedProposals')],
        f.byCounterpart.map((c) => [
          pick(c.counterpart.name, lang),
          String(c.out.requests),
          String(c.out.proposals),
          String(c.in.requests),
          String(c.in.proposals),
        ]),
        [40, 15, 15, 15, 15],
      ),
    ),
    ...section(
      t('byForm'),
      dataTable(
        [t('col.form'), t('col.sent'), t('col.received')],
        f.byForm.map((r) => [r.form ? label('items:forms', r.form) : t('noForm'), String(r.out), String(r.in)]),
        [60, 20, 20],
      ),
    ),
    ...section(
      t('byArea'),
      dataTable(
        [t('col.area'), t('col.sent'), t('col.received')],
        f.byArea.map((r) => [label('items:areas', r.area), String(r.out), String(r.in)]),
        [60, 20, 20],
      ),
    ),
    ...section(
      t('byStatus'),
      dataTable(
        [t('col.status'), t('col.sent'), t('col.received')],
        f.byStatus.map((r) => [label('items:statuses', r.status), String(r.out), String(r.in)]),
        [60, 20, 20],
      ),
    ),
    ...section(
      t('timeliness'),
      dataTable(
        [t('col.direction'), t('col.answered'), t('col.inTime'), t('col.late'), t('col.medianDays')],
        (['in', 'out'] as const).map((d) => [
          t(`direction.${d}`),
          String(f.timeliness[d].answered),
          String(f.timeliness[d].inTime),
          String(f.timeliness[d].late),
          n(f.timeliness[d].medianDays),
        ]),
        [36, 16, 16, 16, 16],
      ),
    ),
    ...section(
      t('oral'),
      dataTable(
        [t('col.direction'), t('col.oral'), t('col.confirmedInTime'), t('col.confirmedLate'), t('col.unconfirmed')],
        (['out', 'in'] as const).map((d) => [
          t(`direction.${d}`),
          String(f.oral[d].total),
          String(f.oral[d].confirmedInTime),
          String(f.oral[d].confirmedLate),
          String(f.oral[d].unconfirmed),
        ]),
        [36, 16, 16, 16, 16],
      ),
    ),
    ...section(
      t('refusals'),
      dataTable(
        [t('col.ground'), t('col.byUs'), t('col.toUs')],
        f.refusals.map((r) => [label('items:refusalGrounds', r.ground), String(r.in), String(r.out)]),
        [60, 20, 20],
      ),
    ),
    para(
      t('consultations', {
        proposedIn: f.consultations.in.conditionsProposed,
        acceptedIn: f.consultations.in.conditionsAccepted,
        proposedOut: f.consultations.out.conditionsProposed,
        acceptedOut: f.consultations.out.conditionsAccepted,
      }),
      { indent: true, after: 120 },
    ),
    para(t('consents', f.consents), { indent: true, after: 120 }),
    para(t('events', f.events), { indent: true, after: 120 }),
    para(t('proposalsHeading'), { bold: true, after: 60 }),
    ...(block.proposals.trim()
      ? block.proposals.split(/\n+/).map((line) => para(line, { indent: true, after: 60 }))
      : [para(t('noProposals'), { indent: true })]),
  ];
  const heading = t('heading', { year: block.year });
  const name = (o: OfficeRow) => pick({ ru: o.nameRu, kk: o.nameKk, en: o.nameEn }, lang);
  const signer = input.signer;
  const [surname = '', firstName = '', patronymic = ''] = signer?.fullName.split(/\s+/) ?? [];
  return officialDocx({
    title: heading,
    blank: [translate(lang, `documents:blank.superior.${office.party}`), name(office), office.address ?? ''],
    dateLine: `${formatDateDots(localDate(input.now, office.timeZone))} № ________`,
    addressee: input.coordinator ? [name(input.coordinator)] : [],
    heading,
    body,
    signature: signer
      ? {
          position: positionOf(name(office), lang, signer.roles.includes('head')),
          name: `${firstName.slice(0, 1)}.${patronymic ? `${patronymic.slice(0, 1)}.` : ''} ${surname}`,
        }
      : undefined,
  });
}
