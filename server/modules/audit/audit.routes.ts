import { z } from 'zod';
import { AuditCheckpoint, AuditCheckpointList, AuditEntry, AuditQuery, AuditVerifyResult } from '../../../domain/schemas/audit.ts';
import { page, PageQuery } from '../../../domain/schemas/common.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, type App } from '../../lib/http.ts';
import {
  auditActions,
  browseAudit,
  checkpointFileForActor,
  checkpointKeyForActor,
  createCheckpointForActor,
  listCheckpointsForActor,
  verifyAuditForActor,
} from './audit.service.ts';

export function registerAuditRoutes(app: App, deps: Deps): void {
  registerAuditCheckpointRoutes(app, deps);
  const tags = ['audit'];
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'Auditor: browse and filter the audit log, newest first',
        querystring: AuditQuery,
        response: { 200: page(AuditEntry), ...commonErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, total } = await browseAudit(deps, actorOf(request), {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      return {
        items: rows.map(({ row, actorName, officeCode, full }) => ({
          seq: row.seq,
          id: row.id,
          at: row.at.toISOString(),
          actor: { id: row.actorId, login: row.actorLogin, fullName: actorName },
          officeId: row.officeId,
          officeCode,
          action: row.action,
          objectType: row.objectType,
          objectId: row.objectId,
          before: row.before,
          after: row.after,
          ip: row.ip,
          hash: row.hash,
          redacted: !full,
          ...(full ? {} : { before: null, after: null }),
        })),
        total,
      };
    },
  );

  app.get(
    '/api/v1/audit/actions',
    {
      schema: {
        tags,
        summary: 'Auditor: the action names present in the log (for the filter)',
        response: { 200: z.object({ items: z.array(z.string()) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await auditActions(deps, actorOf(request)) }),
  );

  app.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Auditor: verify the hash chain against the signed checkpoints; name the first bad row and the last good checkpoint',
        response: { 200: AuditVerifyResult, ...commonErrors },
      },
    },
    async (request) => verifyAuditForActor(deps, actorOf(request)),
  );
}

/** The signed checkpoints of the chain head (kept outside the database) and their public key. */
export function registerAuditCheckpointRoutes(app: App, deps: Deps): void {
  const tags = ['audit'];
  app.get(
    '/api/v1/audit/checkpoints',
    {
      schema: {
        tags,
        summary: 'Auditor: the signed checkpoints of the audit chain, newest first, with the signing key’s id',
        querystring: PageQuery.strict(),
        response: { 200: AuditCheckpointList, ...commonErrors },
      },
    },
    async (request) => listCheckpointsForActor(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/audit/checkpoints',
    {
      schema: {
        tags,
        summary: 'Auditor: verify the chain since the last checkpoint and sign its head now',
        response: { 201: AuditCheckpoint, ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await createCheckpointForActor(deps, actorOf(request))),
  );

  app.get(
    '/api/v1/audit/checkpoints.jsonl',
    {
      schema: {
        tags,
        summary: 'Auditor: download the checkpoint file (JSON lines) to keep it elsewhere',
        querystring: z.object({}).strict(),
        produces: ['application/x-ndjson'],
        response: { 200: z.any().describe('JSON lines, one signed checkpoint each'), ...commonErrors },
      },
    },
    async (request, reply) => {
      const data = checkpointFileForActor(deps, actorOf(request));
      return reply.type('application/x-ndjson').header('content-disposition', 'attachment; filename="audit-checkpoints.jsonl"').send(data);
    },
  );

  app.get(
    '/api/v1/audit/checkpoint-key.pem',
    {
      schema: {
        tags,
        summary: 'Auditor: download the Ed25519 public key that verifies the checkpoints',
        querystring: z.object({}).strict(),
        produces: ['application/x-pem-file'],
        response: { 200: z.any().describe('SPKI PEM'), ...commonErrors },
      },
    },
    async (request, reply) => {
      const pem = checkpointKeyForActor(deps, actorOf(request));
      return reply.type('application/x-pem-file').header('content-disposition', 'attachment; filename="audit-checkpoint-key.pem"').send(pem);
    },
  );
}
