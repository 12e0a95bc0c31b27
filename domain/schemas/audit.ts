import { z } from 'zod';
import { Instant, PageQuery } from './common.ts';

export const AuditEntry = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string().nullable(), login: z.string().nullable(), fullName: z.string().nullable() }),
  officeId: z.string().nullable(),
  officeCode: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
  /**
   * The row concerns an office of the other Party and is shown because an official of the
   * reader's Party acted: before/after (the other Party's data) are withheld.
   */
  redacted: z.boolean(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  from: Instant.optional(),
  to: Instant.optional(),
  actorLogin: z.string().trim().toLowerCase().max(100).optional(),
  officeId: z.uuid().optional(),
  action: z.string().trim().max(100).optional(),
  objectType: z.string().trim().max(100).optional(),
  objectId: z.string().trim().max(100).optional(),
});

/**
 * A signed checkpoint of the chain head, one JSON line in the checkpoint file (outside the
 * database): Ed25519 over `AUDIT_CHECKPOINT_CONTEXT` ‖ RFC 8785 JSON of every field but the signature.
 */
export const AuditCheckpoint = z
  .object({
    v: z.literal(1),
    seq: z.number().int().min(1),
    rows: z.number().int().min(1),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.iso.datetime(),
    keyId: z.string().regex(/^[0-9a-f]{16,64}$/),
    signature: z.string().min(1).max(200),
  })
  .strict();
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;
export const AUDIT_CHECKPOINT_CONTEXT = 'border-cooperation/audit-checkpoint/v1\n';

/** A checkpoint as a verification names it (line: its line in the checkpoint file). */
export const AuditCheckpointRef = z.object({
  seq: z.number().optional(),
  rows: z.number().optional(),
  hash: z.string().optional(),
  at: z.string().optional(),
  line: z.number().optional(),
  file: z.string().optional(),
  problem: z.string().optional(),
});
export type AuditCheckpointRef = z.infer<typeof AuditCheckpointRef>;

export const AUDIT_VERIFY_REASONS = [
  'hash_mismatch',
  'prev_hash_mismatch',
  'sequence_gap',
  'head_mismatch',
  'checkpoint_mismatch',
  'checkpoint_beyond_head',
  'checkpoint_invalid',
] as const;
export type AuditVerifyReason = (typeof AUDIT_VERIFY_REASONS)[number];

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  /** Rows that verified (before the first bad one). */
  rows: z.number(),
  headSeq: z.number().optional(),
  /** The first row that is wrong or, past the last good checkpoint, can no longer be proven. */
  firstBadSeq: z.number().optional(),
  reason: z.enum(AUDIT_VERIFY_REASONS).optional(),
  checkpoints: z.object({ verified: z.number(), invalid: z.number() }),
  /** The last checkpoint the table still matches: everything up to its row is proven unchanged. */
  lastGoodCheckpoint: AuditCheckpointRef.nullable(),
  /** The checkpoint that does not match (checkpoint_mismatch, checkpoint_beyond_head, checkpoint_invalid). */
  badCheckpoint: AuditCheckpointRef.optional(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const AuditCheckpointView = AuditCheckpoint.extend({
  /** Line in the checkpoint file (1-based). */
  line: z.number(),
  /** Signed by the server's current checkpoint key. */
  signatureValid: z.boolean(),
});
export type AuditCheckpointView = z.infer<typeof AuditCheckpointView>;

export const AuditCheckpointList = z.object({
  items: z.array(AuditCheckpointView),
  total: z.number().int(),
  /** Lines of the file that are not a well-formed checkpoint. */
  malformed: z.number().int(),
  key: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string() }),
});
export type AuditCheckpointList = z.infer<typeof AuditCheckpointList>;
