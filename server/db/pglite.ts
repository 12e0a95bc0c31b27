import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';

/**
 * Every PGlite of the application is opened here, with the extensions the migrations create:
 * PGlite loads an extension only when the client is given it, and a data directory whose indexes
 * use one cannot be written without it (btree_gin: the search index over office and words).
 */
export function newPglite(options: Omit<PGliteOptions, 'extensions'> = {}): PGlite {
  return new PGlite({ ...options, extensions: { btree_gin } });
}
