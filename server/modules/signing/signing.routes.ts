import { z } from 'zod';
import { can } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, IdParams, type App } from '../../lib/http.ts';
import { findOfficeById } from '../registry/index.ts';
import { keysOfOffice } from './signing.repository.ts';

const PublicKeyView = z.object({
  id: z.string(),
  signer: z.object({ id: z.string(), fullName: z.string() }),
  algorithm: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

/**
 * The public keys of an office's signers, published with the registry so that the receiving
 * office can verify a signature on its own. Public keys are not secret.
 */
export function registerSigningRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/offices/:id/signing-keys',
    {
      schema: {
        tags: ['registry'],
        summary: 'Public signing keys of the office’s heads and deputies (A-6.4)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(PublicKeyView) }), ...commonErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can(actor, 'registry.read')) throw new AppError('FORBIDDEN');
      if (!(await findOfficeById(deps.db, request.params.id))) throw new AppError('NOT_FOUND', 'No such office');
      const rows = await keysOfOffice(deps.db, request.params.id);
      return {
        items: rows.map((r) => ({
          id: r.k.id,
          signer: { id: r.k.userId, fullName: r.fullName },
          algorithm: r.k.algorithm,
          publicKey: r.k.publicKey,
          createdAt: r.k.createdAt.toISOString(),
          revokedAt: r.k.revokedAt?.toISOString() ?? null,
        })),
      };
    },
  );
}
