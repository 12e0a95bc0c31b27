import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields a chain hash covers. Anything that changes one of them breaks the chain. */
export interface ChainedFields {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  actorLogin: string | null;
  officeId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** sha256(prevHash ‖ RFC 8785 canonical JSON of the row): stable across jsonb's key reordering. */
export function chainHash(prevHash: string, row: ChainedFields): string {
  const body = canonicalize({ ...row, at: row.at.toISOString(), before: row.before ?? null, after: row.after ?? null });
  return createHash('sha256').update(prevHash).update('\n').update(body ?? '').digest('hex');
}

/** Makes a value exactly what jsonb will give back (Dates to strings, undefined dropped). */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
