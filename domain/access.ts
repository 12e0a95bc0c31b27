import type { Party } from './registry.ts';

/** Roles of the system. A user belongs to one office and may hold several roles. */
export const ROLES = ['admin', 'coordinator', 'leadership', 'head', 'deputy_head', 'officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Staff of an office who work on its cooperation (prepare, sign, designate contacts). */
export const OFFICE_STAFF_ROLES: readonly Role[] = ['head', 'deputy_head', 'officer'];

/** The acting user, passed first to every service call. */
export interface Actor {
  userId: string;
  login: string;
  officeId: string;
  officeCode: string;
  party: Party;
  /** IANA zone of the actor's office: "today" and deadlines are computed in it. */
  officeTimeZone: string;
  roles: readonly Role[];
  /** Client address, for the audit row. */
  ip?: string | null;
}

export const hasRole = (actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean => roles.some((r) => actor.roles.includes(r));

export const isOfficeStaff = (actor: Pick<Actor, 'roles'>): boolean => hasRole(actor, ...OFFICE_STAFF_ROLES);

/**
 * Capabilities that are decided by role alone. Office-scoped rules (whose contacts one may see)
 * live in the modules' policies, which start from these.
 */
export const CAPABILITIES = {
  'registry.read': ['admin', 'coordinator', 'leadership', 'head', 'deputy_head', 'officer', 'auditor'],
  'registry.edit': ['admin', 'coordinator'],
  /** the notices this node owes an office with no users here, and the letters that carried them. */
  'registry.communicate': ['coordinator'],
  'contacts.edit': ['head', 'deputy_head', 'officer'],
  'contacts.oversee': ['coordinator', 'leadership'],
  'contacts.communicate': ['coordinator'],
  'users.manage': ['admin'],
  'settings.manage': ['admin'],
  /** Stored files that failed their integrity check: the list and the check after a restore. */
  'files.integrity': ['admin'],
  'audit.read': ['auditor'],
  /** O-3.5: an office proposes and reports on events; its coordinator decides; leadership reads. */
  'events.propose': ['head', 'deputy_head', 'officer'],
  'events.read': ['head', 'deputy_head', 'officer', 'coordinator', 'leadership'],
  'events.decide': ['coordinator'],
  /** O-4.1, O-6: the oversight dashboard and the analysis; leadership reads them. */
  'oversight.read': ['coordinator', 'leadership'],
  /** The law page: every article, how the system carries it out and proves it, the Party's figures. */
  'law.read': ['admin', 'coordinator', 'leadership', 'head', 'deputy_head', 'officer', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAPABILITIES;

export function can(actor: Pick<Actor, 'roles'>, capability: Capability): boolean {
  return hasRole(actor, ...(CAPABILITIES[capability] as readonly Role[]));
}
