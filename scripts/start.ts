import { buildServerIfStale } from './build-server.ts';
import { buildWebIfStale } from './build-web.ts';

/**
 * `npm start`: build the web bundle and the server bundle if their sources changed, then run the
 * server from its bundle (one module, compile-cached: scripts/build-server.ts says why).
 */
await buildWebIfStale();
const entry = await buildServerIfStale();
await import(entry);
