import fs from 'node:fs';
import { passed, verifyEvidence } from '../modules/exchange/exchange.verify.ts';

/**
 * `npm run evidence:verify -- bundle.zip`: checks an item's evidence bundle offline — no database,
 * no network. Lists each check with ✔ (passed), ✘ (failed) or – (not checkable in this bundle) and
 * exits 1 if any failed, 2 on a usage error.
 */
const USAGE = 'usage: npm run evidence:verify -- <bundle.zip>';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
if (!fs.existsSync(file)) {
  process.stderr.write(`no such file: ${file}\n${USAGE}\n`);
  process.exit(2);
}

const checks = await verifyEvidence(fs.readFileSync(file));
const mark = { pass: '✔', fail: '✘', skip: '–' } as const;
for (const c of checks) process.stdout.write(`${mark[c.status]} ${c.name}${c.detail ? ` — ${c.detail}` : ''}\n`);
const failed = checks.filter((c) => c.status === 'fail').length;
process.stdout.write(passed(checks) ? `\nAll ${checks.length} checks passed.\n` : `\n${failed} of ${checks.length} checks failed.\n`);
process.exit(passed(checks) ? 0 : 1);
