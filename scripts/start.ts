import { buildWebIfStale } from './build-web.ts';

/** `npm start`: build the web bundle if its sources changed, then run the server. */
await buildWebIfStale();
await import('../server/main.ts');
