import { buildWebIfStale } from '../scripts/build-web.ts';
import { chromiumAvailable } from './harness.ts';

/** The journeys run against the real server serving the built bundle: build it first if stale. */
export default async function setup() {
  if (!chromiumAvailable()) return;
  await buildWebIfStale((m) => process.stdout.write(`[e2e] ${m}\n`));
}
