import { can, type Capability } from '../../domain/access.ts';
import type { SessionUser } from '../api/types.ts';

/** Menu entries; each names the capability (domain/access.ts) that makes it visible. */
export interface NavItem {
  path: string;
  /** Key in common:nav. */
  label: string;
  capability?: Capability;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/offices', label: 'offices', capability: 'registry.read' },
  { path: '/pairings', label: 'pairings', capability: 'registry.read' },
  { path: '/legal-basis', label: 'legalBasis', capability: 'registry.read' },
  { path: '/my-contacts', label: 'myContacts', capability: 'contacts.edit' },
  { path: '/compliance', label: 'compliance', capability: 'contacts.oversee' },
  { path: '/notifications', label: 'notifications' },
  { path: '/admin/users', label: 'users', capability: 'users.manage' },
  { path: '/admin/settings', label: 'settings', capability: 'settings.manage' },
  { path: '/audit', label: 'audit', capability: 'audit.read' },
];

export function navFor(user: SessionUser): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.capability || can(user, i.capability));
}

/** Where a user lands after login: the page of their main duty. */
export function homePath(user: SessionUser): string {
  if (can(user, 'contacts.edit')) return '/my-contacts';
  if (can(user, 'contacts.oversee')) return '/compliance';
  if (can(user, 'audit.read')) return '/audit';
  if (can(user, 'users.manage')) return '/admin/users';
  return '/offices';
}
