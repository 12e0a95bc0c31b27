import { hasRole, type Role } from './access.ts';
import type { Party } from './registry.ts';

/**
 * The node a deployment is (issue 10): a node of one Party (`RU`, `KZ`) keeps that Party's own legal
 * record; `both` runs the two Parties in one application (demonstrations, training, and the single
 * shared server of before). Every office of the registry is hosted *here*, at a *peer* node (the
 * other Party's own node, reached by the exchange), or *off the system* (it works on paper; its
 * letters are recorded by the local offices). The rules below are the only statement of what a
 * node allows; the server and the web import them.
 */

export const NODE_PARTIES = ['RU', 'KZ', 'both'] as const;
export type NodeParty = (typeof NODE_PARTIES)[number];

export const HOSTINGS = ['here', 'peer', 'off_system'] as const;
export type Hosting = (typeof HOSTINGS)[number];

/** A peer node: its name as people call it and the https address the exchange reaches it at. */
export interface PeerNode {
  name: string;
  url: string;
}

export interface OfficeHosting {
  hosting: Hosting;
  /** Set exactly when `hosting` is `peer`. */
  peer: PeerNode | null;
}

/** Whether this node keeps the record (and has the users) of a Party. */
export const nodeHasParty = (node: NodeParty, party: Party): boolean => node === 'both' || node === party;

/** The one question every module asks: are this office's users and its record on this node? */
export const isHostedHere = (office: { hosting: Hosting }): boolean => office.hosting === 'here';

/**
 * Whether an office acts in the system: here, or at a peer node whose actions reach this one through
 * the exchange (issue 12). Only an office off the system acts by letters that users record.
 */
export const worksInSystem = (office: { hosting: Hosting }): boolean => office.hosting !== 'off_system';

/**
 * How something addressed to an office reaches it: to its users here, in the application; otherwise
 * by letter, recorded as pending until the coordinator dispatches it (a peer node, too, until the
 * node-to-node exchange carries it).
 */
export type Delivery = 'in_app' | 'letter';
export const deliveryTo = (office: { hosting: Hosting }): Delivery => (isHostedHere(office) ? 'in_app' : 'letter');

/**
 * Hosting of an office when it enters the registry — the reference data loaded at first start, or an
 * office created later: here when the node has its Party; otherwise off the system until a peer is
 * configured.
 */
export function initialHosting(node: NodeParty, party: Party): Hosting {
  return nodeHasParty(node, party) ? 'here' : 'off_system';
}

/**
 * Hosting of an existing office after NODE_PARTY changed on its database. A Party the node now has
 * is hosted here in full (on `both`, every office); an office of a Party the node no longer has goes
 * off the system unless a peer already hosts it.
 */
export function hostingAfterNodeChange(node: NodeParty, party: Party, current: Hosting): Hosting {
  if (nodeHasParty(node, party)) return 'here';
  return current === 'here' ? 'off_system' : current;
}

/**
 * What a node allows for an office of a Party: a one-Party node hosts its own Party's offices and no
 * other (they are at a peer or off the system); `both` hosts everything, and may take an office off
 * the system to show or practise how its letters are recorded — a peer of a `both` node makes no sense.
 */
export function allowedHostings(node: NodeParty, party: Party): readonly Hosting[] {
  if (node === 'both') return ['here', 'off_system'];
  return node === party ? ['here'] : ['peer', 'off_system'];
}

/** Administrators change any office's hosting; a coordinator those of its own Party. */
export function mayChangeHosting(actor: { roles: readonly Role[]; party: Party }, officeParty: Party): boolean {
  return hasRole(actor, 'admin') || (hasRole(actor, 'coordinator') && actor.party === officeParty);
}

export type HostingRefusal =
  | { code: 'FORBIDDEN' }
  | { code: 'HOSTING_NOT_ALLOWED'; allowed: readonly Hosting[] }
  /** Its users would be locked out unseen: disable them or move them to another office first. */
  | { code: 'OFFICE_HAS_ACTIVE_USERS'; users: number };

/** May this actor move this office to `to` on this node? null when it may. */
export function hostingChangeRefusal(q: {
  node: NodeParty;
  actor: { roles: readonly Role[]; party: Party };
  office: { party: Party };
  to: Hosting;
  activeUsers: number;
}): HostingRefusal | null {
  if (!mayChangeHosting(q.actor, q.office.party)) return { code: 'FORBIDDEN' };
  const allowed = allowedHostings(q.node, q.office.party);
  if (!allowed.includes(q.to)) return { code: 'HOSTING_NOT_ALLOWED', allowed };
  if (q.to !== 'here' && q.activeUsers > 0) return { code: 'OFFICE_HAS_ACTIVE_USERS', users: q.activeUsers };
  return null;
}

/** A user belongs to an office hosted here: the other Party's officials are addressees, not users. */
export function userOfficeRefusal(office: { hosting: Hosting }): 'OFFICE_NOT_HOSTED_HERE' | null {
  return isHostedHere(office) ? null : 'OFFICE_NOT_HOSTED_HERE';
}

/** The office of the administrator created at first start: the node's own coordinating unit. */
export function bootstrapAdminOffice(node: NodeParty): string {
  return node === 'KZ' ? 'KZ-GP-DMS' : 'RU-GP-GUMPS';
}

/**
 * A peer's address: https (the exchange runs over TLS with pinned certificates), a host, no
 * credentials, query or fragment.
 */
export function isPeerUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
}

/** The hosting fields a change touches, as history rows record them (old → new). */
export function hostingChanges(before: OfficeHosting, after: OfficeHosting): { field: string; old: unknown; new: unknown }[] {
  const rows: { field: string; old: unknown; new: unknown }[] = [];
  if (before.hosting !== after.hosting) rows.push({ field: 'hosting', old: before.hosting, new: after.hosting });
  if ((before.peer?.name ?? null) !== (after.peer?.name ?? null))
    rows.push({ field: 'peerName', old: before.peer?.name ?? null, new: after.peer?.name ?? null });
  if ((before.peer?.url ?? null) !== (after.peer?.url ?? null)) rows.push({ field: 'peerUrl', old: before.peer?.url ?? null, new: after.peer?.url ?? null });
  return rows;
}

/**
 * The reference a change or notice carries when the exchange delivered it (issue 12): the message
 * id under a prefix, in place of a letter's outgoing number. Screens show it as "by the exchange".
 */
const EXCHANGE_REFERENCE = 'exchange:';
export const exchangeReference = (messageId: string): string => `${EXCHANGE_REFERENCE}${messageId}`;
export const isExchangeReference = (reference: string | null | undefined): boolean => !!reference?.startsWith(EXCHANGE_REFERENCE);
