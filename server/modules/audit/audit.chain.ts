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
  // Pick the fields explicitly: a row read back from the table carries prevHash and hash too.
  const body = canonicalize({
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLogin: row.actorLogin,
    officeId: row.officeId,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
  });
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(body ?? '')
    .digest('hex');
}

/** Makes a value exactly what jsonb will give back (Dates to strings, undefined dropped). */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
