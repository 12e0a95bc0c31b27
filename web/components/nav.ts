import { can, hasRole, type Capability, type Role } from '../../domain/access.ts';
import type { SessionUser } from '../api/types.ts';

/** Menu entries; each names the capability (domain/access.ts) that makes it visible. */
export interface NavItem {
  path: string;
  /** Key in common:nav. */
  label: string;
  capability?: Capability;
  /** Or: visible to these roles (the journals of requests follow the status machine's roles). */
  roles?: readonly Role[];
}

/** Staff of an office keep its journals; a coordinator receives the matters routed to it (O-3.4). */
export const JOURNAL_ROLES = {
  incoming: ['head', 'deputy_head', 'officer', 'coordinator'],
  outgoing: ['head', 'deputy_head', 'officer'],
  all: ['coordinator'],
} as const satisfies Record<string, readonly Role[]>;

/** O-3.6: office staff prepare their annual block; the coordinator and leadership read every office's. */
export const ANNUAL_ROLES = ['head', 'deputy_head', 'officer', 'coordinator', 'leadership'] as const satisfies readonly Role[];

/** The link with the other Party's node: administrators configure it, coordinators watch it. */
export const EXCHANGE_ROLES = ['admin', 'coordinator'] as const satisfies readonly Role[];

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/items/incoming', label: 'incoming', roles: JOURNAL_ROLES.incoming },
  { path: '/items/outgoing', label: 'outgoing', roles: JOURNAL_ROLES.outgoing },
  { path: '/items/all', label: 'allItems', roles: JOURNAL_ROLES.all },
  { path: '/events', label: 'events', capability: 'events.read' },
  { path: '/annual', label: 'annual', roles: ANNUAL_ROLES },
  { path: '/offices', label: 'offices', capability: 'registry.read' },
  { path: '/pairings', label: 'pairings', capability: 'registry.read' },
  { path: '/legal-basis', label: 'legalBasis', capability: 'registry.read' },
  { path: '/law', label: 'law', capability: 'law.read' },
  { path: '/my-contacts', label: 'myContacts', capability: 'contacts.edit' },
  { path: '/oversight', label: 'oversight', capability: 'oversight.read' },
  { path: '/analysis', label: 'analysis', capability: 'oversight.read' },
  { path: '/compliance', label: 'compliance', capability: 'contacts.oversee' },
  { path: '/notifications', label: 'notifications' },
  { path: '/admin/users', label: 'users', capability: 'users.manage' },
  { path: '/admin/settings', label: 'settings', capability: 'settings.manage' },
  { path: '/admin/files', label: 'files', capability: 'files.integrity' },
  { path: '/exchange', label: 'exchange', roles: EXCHANGE_ROLES },
  { path: '/audit', label: 'audit', capability: 'audit.read' },
];

export function navFor(user: SessionUser): NavItem[] {
  return NAV_ITEMS.filter((i) => (!i.capability || can(user, i.capability)) && (!i.roles || hasRole(user, ...i.roles)));
}

/** Where a user lands after login: the page of their main duty. */
export function homePath(user: SessionUser): string {
  if (can(user, 'contacts.edit')) return '/my-contacts';
  // O-6: leadership reads the control of the whole practice first.
  if (hasRole(user, 'leadership') && !hasRole(user, 'coordinator')) return '/oversight';
  if (can(user, 'contacts.oversee')) return '/compliance';
  if (can(user, 'audit.read')) return '/audit';
  if (can(user, 'users.manage')) return '/admin/users';
  return '/offices';
}
