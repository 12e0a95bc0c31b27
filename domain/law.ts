import type { ErrorCode } from './errors.ts';

/**
 * The law page (Правовая основа и её исполнение): every requirement of the catalog
 * (docs/spec/requirements.md) with its article, the rules that carry it out and the tests that
 * prove it. Its data is docs/law/requirements.json (reviewed) and docs/law/trace.generated.json
 * (computed from the code by scripts/law-trace.ts).
 */

/** The Agreement of 2009, its 2022 Additional Protocol, Order No. 136 of 2022. */
export const LAW_DOCUMENTS = ['A', 'P', 'O'] as const;
export type LawDocument = (typeof LAW_DOCUMENTS)[number];

/** The catalog's sections, in its order. */
export const LAW_SECTIONS = ['parties', 'contacts', 'scope', 'requests', 'events', 'reporting'] as const;
export type LawSection = (typeof LAW_SECTIONS)[number];

/** A requirement's place on the law page: its anchor is its ID (`/law#A-6.3`). */
export const lawPath = (id: string): string => `/law#${id}`;

/** `A-6.2a` → document A, article 6.2: requirements are grouped by document and ordered by article. */
export function articleOrder(a: { document: LawDocument; article: string }, b: { document: LawDocument; article: string }): number {
  const doc = LAW_DOCUMENTS.indexOf(a.document) - LAW_DOCUMENTS.indexOf(b.document);
  if (doc !== 0) return doc;
  const parts = (s: string) => s.split(/[.]/).map((p) => [Number.parseInt(p, 10), p.replace(/^\d+/, '')] as const);
  const [pa, pb] = [parts(a.article), parts(b.article)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [na, sa] = pa[i] ?? [-1, ''];
    const [nb, sb] = pb[i] ?? [-1, ''];
    if (na !== nb) return na - nb;
    if (sa !== sb) return sa.localeCompare(sb);
  }
  return 0;
}

/**
 * The article a refusal carries out: the web links an error to it on the law page, so the user
 * reads the rule that stopped them. Codes that are not a rule of the law (a conflict of versions,
 * a bad password) have none.
 */
export const ERROR_REQUIREMENT: Partial<Record<ErrorCode, string>> = {
  CONFIDENTIALITY_SET_BY_PROVIDER: 'A-9.2',
  CONFIDENTIALITY_CANNOT_BE_LOWERED: 'A-9.2',
  ALREADY_TERMINATED: 'A-15',
  CONTACT_ALREADY_ENDED: 'O-3.1',
  NOTHING_TO_COMMUNICATE: 'O-4.2',
  ITEM_NOT_SIGNED: 'A-6.4',
  ORAL_CONFIRMATION_REQUIRED: 'A-6.2a',
  ALREADY_CONFIRMED: 'A-6.2a',
  NO_CONDITIONS_PROPOSED: 'A-7.2',
  CONSENT_ALREADY_DECIDED: 'A-9.3',
  EVENT_ACTION_NOT_ALLOWED: 'O-3.5',
  EVENT_NOT_ENDED: 'O-3.5',
  BLOCK_ACTION_NOT_ALLOWED: 'O-3.6',
  PAIRING_PARTIES_INVALID: 'O-1',
  MANDATORY_CONTENT_MISSING: 'A-6.3',
  DIRECT_EXCHANGE_NOT_ALLOWED: 'O-1',
  REGISTRATION_DATE_INVALID: 'O-3.3',
  OFFICE_NOT_AUTHORIZED: 'O-1',
  REFUSAL_GROUND_REQUIRED: 'A-7.1',
  CONSENT_REQUIRED: 'A-9.3',
};

/** The same for a field issue's rule (`validation:<rule>`), shown under the field or in the alert. */
export const ISSUE_RULE_REQUIREMENT: Readonly<Record<string, string>> = {
  mandatory_content: 'A-6.3',
  refusal_ground: 'A-7.1',
  grounds_not_allowed: 'A-7.1',
  refusal_reason: 'A-7.3',
  consent_required: 'A-9.3',
  purpose_required: 'A-9.3',
  confidentiality_lowered: 'A-9.2',
  confidentiality_set_by_provider: 'A-9.2',
  confidentiality_below_piece: 'A-9.2',
  direct_exchange: 'O-1',
  date_no_direct_exchange: 'P-5',
  before_legal_basis: 'P-5',
  date_before_oral: 'A-6.2a',
  letter_in_writing: 'A-6.2a',
};

export const requirementOfError = (code: string): string | undefined => ERROR_REQUIREMENT[code as ErrorCode];
export const requirementOfIssueRule = (rule: string): string | undefined => ISSUE_RULE_REQUIREMENT[rule];

/**
 * Live figures of the user's Party for the current year, by requirement: how often the rule
 * applied. Keys are `law:figures.<key>`; a figure with a `ground` is one refusal ground.
 */
export const LAW_FIGURES = {
  'A-6.1': ['requestsSent', 'proposalsSent', 'requestsReceived', 'proposalsReceived'],
  'A-6.2a': ['oralSent', 'oralConfirmedLate', 'oralUnconfirmed'],
  'A-7.1': ['refusedByUs', 'refusedByGround'],
  'A-7.2': ['conditionsProposed', 'conditionsAccepted'],
  'A-8.2': ['answeredByUs', 'answeredLateByUs', 'answeredToUs'],
  'A-9.3': ['consentsAsked', 'consentsReceived', 'consentsGranted', 'consentsRefused'],
  'O-3.1': ['contactsInTime', 'contactsLate', 'contactsMissing'],
  'O-3.5': ['eventsProposed', 'eventsHeld', 'eventsReported', 'eventReportsOverdue'],
  'O-3.6': ['blocksSubmitted', 'blocksLate'],
} as const satisfies Record<string, readonly string[]>;
export type LawFigureKey = (typeof LAW_FIGURES)[keyof typeof LAW_FIGURES][number];
export const LAW_FIGURE_KEYS = [...new Set(Object.values(LAW_FIGURES).flat())] as LawFigureKey[];

/** How a test ended in the last CI run: `none` when the run has no result for it (or there is no report). */
export const TEST_RESULTS = ['passed', 'failed', 'skipped', 'none'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/**
 * One test's result from the runs of it in a report (a server test runs once per database
 * driver): failed if any run failed, passed if one passed and none failed, skipped if every run was.
 */
export function combinedResult(statuses: readonly string[]): TestResult {
  if (statuses.length === 0) return 'none';
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('passed')) return 'passed';
  return 'skipped';
}

/** A test title as written (a template literal keeps its `${…}`) as a matcher of the titles a run reports. */
export function titleMatcher(name: string): (title: string) => boolean {
  if (!name.includes('${')) return (title) => title === name;
  const pattern = name
    .split(/\$\{[^}]*\}/)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${pattern}$`, 's');
  return (title) => re.test(title);
}

/** A requirement is confirmed when at least one of its tests passed in the last run and none failed. */
export const isConfirmed = (results: readonly TestResult[]): boolean => results.includes('passed') && !results.includes('failed');

// ─── reading the code (scripts/law-trace.ts) ─────────────────────────────────

const ID_TOKEN = /(?<![\w.-])([APO]-\d+(?:\.\d+)?[a-z]?)(?![\w]|\.\d)/g;

/**
 * The requirement IDs a text cites. An item cited without the letter the catalog splits it by
 * (`A-6.2` for A-6.2a / A-6.2b) means its first part, the rule of the item's first paragraph.
 */
export function citedIds(text: string, ids: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(ID_TOKEN)) {
    const token = m[1]!;
    if (ids.has(token)) found.add(token);
    else if (ids.has(`${token}a`)) found.add(`${token}a`);
  }
  return [...found];
}

const TEST_TITLE = /\b(?:it|test)(?:\.(?:skip|only|todo|concurrent|fails))*\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g;

/** The titles of the tests declared in a source file. */
export function testTitles(source: string): string[] {
  return [...source.matchAll(TEST_TITLE)].map((m) => m[2]!.replace(/\\(['"`\\])/g, '$1'));
}

const DECLARATION = /^export (?:async )?(?:function\*? |const |let )([A-Za-z_$][\w$]*)/;

/** Exported functions and constants of a domain file whose doc comment (or a transition's `article:`) cites an ID. */
export function domainRules(source: string, ids: ReadonlySet<string>): { name: string; ids: string[] }[] {
  const out: { name: string; ids: string[] }[] = [];
  const lines = source.split('\n');
  let comment: string[] = [];
  let inComment = false;
  let current: { name: string; ids: Set<string> } | null = null;
  const flush = () => {
    if (current && current.ids.size) out.push({ name: current.name, ids: [...current.ids].sort() });
  };
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) {
      inComment = true;
      comment = [];
    }
    if (inComment) {
      comment.push(trimmed);
      if (trimmed.includes('*/')) inComment = false;
      continue;
    }
    const decl = DECLARATION.exec(line);
    if (decl) {
      flush();
      current = { name: decl[1]!, ids: new Set(citedIds(comment.join(' '), ids)) };
    } else if (/^(export )?(interface|type|function|const|let|class) /.test(line)) {
      flush();
      current = null;
    }
    // A doc comment inside an export (a capability, a table's entry) belongs to that export.
    if (!decl && current && comment.length) for (const id of citedIds(comment.join(' '), ids)) current.ids.add(id);
    if (!trimmed.startsWith('//')) comment = [];
    const article = /\barticle: '([^']+)'/.exec(line);
    if (article && current) for (const id of citedIds(article[1]!, ids)) current.ids.add(id);
  }
  flush();
  return out;
}
