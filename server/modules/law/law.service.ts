import { can, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import type { LawFigure, LawView } from '../../../domain/schemas/law.ts';
import { localDate } from '../../../domain/time.ts';
import type { Deps } from '../../lib/deps.ts';
import { lawFigures } from '../analysis/index.ts';
import { complianceCounts } from '../contacts/index.ts';
import { presentRequirements } from './law.presenter.ts';
import { lawData, testReport } from './law.sources.ts';

/** The law page: every requirement, how it is carried out and proven, and the actor's Party's figures of this year. */
export async function lawView(deps: Deps, actor: Actor): Promise<LawView> {
  if (!can(actor, 'law.read')) throw new AppError('FORBIDDEN', 'The law page is for signed-in users');
  const year = Number(localDate(deps.clock.now(), actor.officeTimeZone).slice(0, 4));
  const [figures, contacts] = await Promise.all([lawFigures(deps, actor, year), complianceCounts(deps, actor)]);
  const o31: LawFigure[] = [
    { key: 'contactsInTime', value: contacts.ok ?? 0 },
    { key: 'contactsLate', value: contacts.late ?? 0 },
    { key: 'contactsMissing', value: (contacts.overdue ?? 0) + (contacts.lapsed ?? 0) + (contacts.missing ?? 0) },
  ];
  const { requirements, trace } = lawData();
  const report = testReport(deps.config.testReportFile);
  return {
    party: actor.party,
    year,
    report: report ? { startedAt: report.startedAt } : null,
    requirements: presentRequirements(requirements, trace, report, { ...figures, 'O-3.1': o31 }),
  };
}
