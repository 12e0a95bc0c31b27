import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, commonErrors, IdParams, type App } from '../../lib/http.ts';
import { officeSigningKeys } from './signing.service.ts';

const PublicKeyView = z.object({
  id: z.string(),
  signer: z.object({ id: z.string(), fullName: z.string() }),
  algorithm: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

/** The public keys of an office's signers (A-6.4; signing.service.ts). */
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
    async (request) => officeSigningKeys(deps, actorOf(request), request.params.id),
  );
}
