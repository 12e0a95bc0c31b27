import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields of an action its hash covers: anything that changes one of them breaks the subject's chain. */
export interface ChainedAction {
  id: string;
  subjectType: string;
  subjectId: string;
  seq: number;
  kind: string;
  at: Date;
  actorUserId: string | null;
  actorOfficeId: string | null;
  actorParty: string | null;
  actorRoles: readonly string[];
  onBehalfOfOfficeId: string | null;
  channel: string;
  fromStatus: string | null;
  toStatus: string | null;
  input: unknown;
  changes: unknown;
  details: unknown;
}

/** The previous hash of a subject's first action. */
export const GENESIS = '0'.repeat(64);

/**
 * sha256(prevHash ‖ "\n" ‖ RFC 8785 canonical JSON of the action): stable across jsonb's key
 * reordering, the same bytes on every node. Migration 0017 computes the same in SQL for the
 * actions it made from the old history tables.
 */
export function actionHash(prevHash: string, a: ChainedAction): string {
  // The fields are picked explicitly: a row read back from the table carries prevHash and hash too.
  const body = canonicalize({
    id: a.id,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    seq: a.seq,
    kind: a.kind,
    at: a.at.toISOString(),
    actorUserId: a.actorUserId,
    actorOfficeId: a.actorOfficeId,
    actorParty: a.actorParty,
    actorRoles: [...a.actorRoles],
    onBehalfOfOfficeId: a.onBehalfOfOfficeId,
    channel: a.channel,
    fromStatus: a.fromStatus,
    toStatus: a.toStatus,
    input: a.input ?? null,
    changes: a.changes ?? null,
    details: a.details ?? null,
  });
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(body ?? '')
    .digest('hex');
}
