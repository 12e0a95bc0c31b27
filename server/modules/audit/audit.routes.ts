import { z } from 'zod';
import { AuditEntry, AuditQuery, AuditVerifyResult } from '../../../domain/schemas/audit.ts';
import { page } from '../../../domain/schemas/common.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, metaOf, type App } from '../../lib/http.ts';
import { auditActions, browseAudit, verifyAuditForActor } from './audit.service.ts';

export function registerAuditRoutes(app: App, deps: Deps): void {
  const tags = ['audit'];
  app.get(
    '/api/v1/audit',
    { schema: { tags, summary: 'Auditor: browse and filter the audit log, newest first', querystring: AuditQuery, response: { 200: page(AuditEntry), ...commonErrors } } },
    async (request) => {
      const q = request.query;
      const { rows, total } = await browseAudit(deps, actorOf(request), metaOf(request), {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      return {
        items: rows.map(({ row, actorName, officeCode }) => ({
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
        })),
        total,
      };
    },
  );

  app.get(
    '/api/v1/audit/actions',
    { schema: { tags, summary: 'Auditor: the action names present in the log (for the filter)', response: { 200: z.object({ items: z.array(z.string()) }), ...commonErrors } } },
    async (request) => ({ items: await auditActions(deps, actorOf(request)) }),
  );

  app.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Auditor: verify the hash chain and name the first bad row',
        response: { 200: AuditVerifyResult, ...commonErrors },
      },
    },
    async (request) => verifyAuditForActor(deps, actorOf(request)),
  );
}
