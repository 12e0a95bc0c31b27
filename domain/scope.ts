import type { ItemContent, SubjectMatter } from './items.ts';

/**
 * O-3.4 as data: which matters go directly between the paired offices and which go through the
 * sender's coordinating unit (ГУМПС, on the Kazakh side its Department), and why.
 */
export type ScopeReason = 'LEGAL_ASSISTANCE' | 'EXTRADITION' | 'OUTSIDE_PROTOCOL' | 'EXTRADITION_LEGAL_ASSISTANCE_AREA';

export interface ScopeRule {
  /** Human-readable name of the rule, for the timeline and the tests. */
  id: string;
  applies(content: Pick<ItemContent, 'subjectMatter' | 'priorityAreas'>): boolean;
  reason: ScopeReason;
}

export const SUBJECT_RULES: Record<Exclude<SubjectMatter, 'within_protocol'>, ScopeReason> = {
  legal_assistance: 'LEGAL_ASSISTANCE',
  extradition: 'EXTRADITION',
  outside_protocol: 'OUTSIDE_PROTOCOL',
};

export const SCOPE_RULES: readonly ScopeRule[] = [
  ...Object.entries(SUBJECT_RULES).map(([matter, reason]) => ({
    id: `subject:${matter}`,
    applies: (c: Pick<ItemContent, 'subjectMatter'>) => c.subjectMatter === matter,
    reason,
  })),
  // Extradition and legal assistance in criminal cases are A-2 directions, never a direct matter.
  {
    id: 'area:extradition_legal_assistance',
    applies: (c) => c.priorityAreas.includes('extradition_legal_assistance'),
    reason: 'EXTRADITION_LEGAL_ASSISTANCE_AREA',
  },
];

export type ScopeDecision = { route: 'direct' } | { route: 'coordinator'; reasons: ScopeReason[] };

/** The route a matter must take: direct, or to the coordinator with every reason that applies. */
export function scopeOf(content: Pick<ItemContent, 'subjectMatter' | 'priorityAreas'>): ScopeDecision {
  const reasons = SCOPE_RULES.filter((r) => r.applies(content)).map((r) => r.reason);
  return reasons.length === 0 ? { route: 'direct' } : { route: 'coordinator', reasons };
}
