import { can, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Deps } from '../../lib/deps.ts';
import { findOfficeById } from '../registry/index.ts';
import { keysOfOffice } from './signing.repository.ts';

/**
 * The public keys of an office's signers, published with the registry so that the receiving
 * office can verify a signature on its own. Public keys are not secret: whoever may read
 * the registry reads them.
 */
export async function officeSigningKeys(deps: Deps, actor: Actor, officeId: string) {
  if (!can(actor, 'registry.read')) throw new AppError('FORBIDDEN');
  if (!(await findOfficeById(deps.db, officeId))) throw new AppError('NOT_FOUND', 'No such office');
  const rows = await keysOfOffice(deps.db, officeId);
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
}
