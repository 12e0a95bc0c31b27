import type { Paragraph, Table } from 'docx';
import type { Locale } from '../../../domain/schemas/common.ts';
import type { BlockView } from '../../../domain/schemas/annual.ts';
import { heading, officialDocx, para } from '../../lib/docx.ts';
import { decimal, figuresTable, officeBlank, officeName, signerName, textParagraphs } from '../../lib/docx-parts.ts';
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
  // A median of no answers is not a number: it is said in words.
  const days = (v: number | null) => (v === null ? t('noData') : decimal(v, lang));
  const section = (title: string, header: string[], rows: string[][], widths: number[]) => figuresTable(title, header, rows, widths, t('noRows'));
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
      [t('col.counterpart'), t('col.sentRequests'), t('col.sentProposals'), t('col.receivedRequests'), t('col.receivedProposals')],
      f.byCounterpart.map((c) => [
        pick(c.counterpart.name, lang),
        String(c.out.requests),
        String(c.out.proposals),
        String(c.in.requests),
        String(c.in.proposals),
      ]),
      [36, 16, 16, 16, 16],
    ),
    ...section(
      t('byForm'),
      [t('col.form'), t('col.sent'), t('col.received')],
      f.byForm.map((r) => [r.form ? label('items:forms', r.form) : t('noForm'), String(r.out), String(r.in)]),
      [60, 20, 20],
    ),
    ...section(
      t('byArea'),
      [t('col.area'), t('col.sent'), t('col.received')],
      f.byArea.map((r) => [label('items:areas', r.area), String(r.out), String(r.in)]),
      [60, 20, 20],
    ),
    ...section(
      t('byStatus'),
      [t('col.status'), t('col.sent'), t('col.received')],
      f.byStatus.map((r) => [label('items:statuses', r.status), String(r.out), String(r.in)]),
      [60, 20, 20],
    ),
    ...section(
      t('timeliness'),
      [t('col.direction'), t('col.answered'), t('col.inTime'), t('col.late'), t('col.medianDays')],
      (['in', 'out'] as const).map((d) => [
        t(`direction.${d}`),
        String(f.timeliness[d].answered),
        String(f.timeliness[d].inTime),
        String(f.timeliness[d].late),
        days(f.timeliness[d].medianDays),
      ]),
      [28, 18, 18, 18, 18],
    ),
    ...section(
      t('oral'),
      [t('col.oralDirection'), t('col.oral'), t('col.confirmedInTime'), t('col.confirmedLate'), t('col.unconfirmed')],
      (['out', 'in'] as const).map((d) => [
        t(`oralDirection.${d}`),
        String(f.oral[d].total),
        String(f.oral[d].confirmedInTime),
        String(f.oral[d].confirmedLate),
        String(f.oral[d].unconfirmed),
      ]),
      [28, 18, 18, 18, 18],
    ),
    ...section(
      t('refusals'),
      [t('col.ground'), t('col.byUs'), t('col.toUs')],
      f.refusals.map((r) => [label('items:refusalGrounds', r.ground), String(r.in), String(r.out)]),
      [60, 20, 20],
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
    heading(t('proposalsHeading')),
    ...textParagraphs(block.proposals, t('noProposals'), true),
  ];
  const title = t('heading', { year: block.year });
  const signer = input.signer;
  return officialDocx({
    title,
    ...officeBlank(office, lang, input.now),
    addressee: input.coordinator ? [officeName(input.coordinator, lang)] : [],
    heading: title,
    body,
    signature: signer ? { position: positionOf(officeName(office, lang), lang, signer.roles.includes('head')), name: signerName(signer.fullName) } : undefined,
  });
}
