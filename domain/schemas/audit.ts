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

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  rows: z.number(),
  headSeq: z.number().optional(),
  firstBadSeq: z.number().optional(),
  reason: z.string().optional(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
