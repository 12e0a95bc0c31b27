import type { Role } from '../../domain/access.ts';

/** The guide's own page; its sections are anchors `#id` written `{#id}` after a heading in guide.<lang>.md. */
export const GUIDE_PATH = '/guide';

/** Where the guide's pictures live under web/public (served from the site root, copied into the build). */
export const GUIDE_IMAGES = '/help';

interface Rule {
  /** The page's path, `:x` matching one segment. */
  paths: readonly string[];
  section: string;
  /** A page several roles use: the section of the role's own duty, first match wins. */
  byRole?: readonly (readonly [readonly Role[], string])[];
}

const STAFF: readonly Role[] = ['head', 'deputy_head', 'officer'];
const SIGNERS: readonly Role[] = ['head', 'deputy_head'];

/** Page → the guide's section that explains it; every route of web/App.tsx has a rule (web/help/guide.test.ts). */
const RULES: readonly Rule[] = [
  { paths: ['/'], section: 'start' },
  { paths: [GUIDE_PATH], section: 'contents' },
  { paths: ['/profile'], section: 'start' },
  { paths: ['/notifications'], section: 'notifications' },
  { paths: ['/items/outgoing', '/items/new', '/items/:id/edit'], section: 'officer-draft' },
  { paths: ['/items/received'], section: 'officer-letters' },
  { paths: ['/items/all'], section: 'coordinator-items' },
  {
    paths: ['/items/incoming'],
    section: 'officer-incoming',
    byRole: [
      [STAFF, 'officer-incoming'],
      [['coordinator'], 'coordinator-items'],
    ],
  },
  {
    paths: ['/items/:id'],
    section: 'officer-item',
    byRole: [
      [SIGNERS, 'head'],
      [['officer'], 'officer-item'],
      [['coordinator'], 'coordinator-items'],
    ],
  },
  {
    paths: ['/events', '/events/new', '/events/:id', '/events/:id/edit'],
    section: 'officer-events',
    byRole: [
      [STAFF, 'officer-events'],
      [['coordinator'], 'coordinator-events'],
      [['leadership'], 'leadership'],
    ],
  },
  {
    paths: ['/annual', '/annual/:officeCode/:year', '/annual/:officeCode/:year/items'],
    section: 'officer-annual',
    byRole: [
      [STAFF, 'officer-annual'],
      [['coordinator'], 'coordinator-annual'],
      [['leadership'], 'leadership'],
    ],
  },
  { paths: ['/offices', '/offices/:id', '/pairings', '/legal-basis', '/law'], section: 'registry' },
  { paths: ['/my-contacts'], section: 'officer-contacts' },
  {
    paths: ['/oversight'],
    section: 'coordinator-oversight',
    byRole: [
      [['coordinator'], 'coordinator-oversight'],
      [['leadership'], 'leadership'],
    ],
  },
  {
    paths: ['/analysis'],
    section: 'coordinator-analysis',
    byRole: [
      [['coordinator'], 'coordinator-analysis'],
      [['leadership'], 'leadership'],
    ],
  },
  {
    paths: ['/compliance'],
    section: 'coordinator-compliance',
    byRole: [
      [['coordinator'], 'coordinator-compliance'],
      [['leadership'], 'leadership'],
    ],
  },
  { paths: ['/admin/users'], section: 'admin-users' },
  { paths: ['/admin/settings'], section: 'admin-settings' },
  { paths: ['/admin/files'], section: 'admin-files' },
  { paths: ['/exchange'], section: 'admin-exchange' },
  { paths: ['/audit'], section: 'auditor' },
];

const matches = (pattern: string, pathname: string): boolean => {
  const want = pattern.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (pattern === '/') return pathname === '/' || pathname === '';
  return want.length === got.length && want.every((seg, i) => seg.startsWith(':') || seg === got[i]);
};

/** The rule of a page, or undefined for a page the guide does not know (it then opens at the start). */
export function guideRule(pathname: string): Rule | undefined {
  return RULES.find((r) => r.paths.some((p) => matches(p, pathname)));
}

/** The guide's section for the page a user is on, for that user's roles. */
export function guideSection(pathname: string, roles: readonly Role[]): string {
  const rule = guideRule(pathname);
  if (!rule) return 'start';
  return rule.byRole?.find(([which]) => which.some((r) => roles.includes(r)))?.[1] ?? rule.section;
}

/** Every section a rule can open: each must be an anchor of the guide in every language. */
export const GUIDE_SECTIONS: readonly string[] = [...new Set(RULES.flatMap((r) => [r.section, ...(r.byRole ?? []).map(([, s]) => s)]))];

/** The anchors `{#id}` of a guide's headings, in order. */
export function guideAnchors(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,4} .*\{#([a-z0-9-]+)\}\s*$/gm)].map((m) => m[1]!);
}
