import { buildServerIfStale } from '../scripts/build-server.ts';
import { buildWebIfStale } from '../scripts/build-web.ts';
import { chromiumAvailable } from './harness.ts';

/** The journeys run against the real server (its bundle) serving the built web bundle: build both first if stale. */
export default async function setup() {
  if (!chromiumAvailable()) return;
  await buildWebIfStale((m) => process.stdout.write(`[e2e] ${m}\n`));
  await buildServerIfStale((m) => process.stdout.write(`[e2e] ${m}\n`));
}
