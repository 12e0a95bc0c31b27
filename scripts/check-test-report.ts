import fs from 'node:fs';

/**
 * CI guard: the run must have executed the PostgreSQL suite and the browser journeys, not
 * silently skipped them. Test names carry [postgresql] and [e2e] for this purpose.
 */
const file = process.argv[2] ?? 'test-results/vitest.json';
const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
  numFailedTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
};
const all = report.testResults.flatMap((r) => r.assertionResults);
const passed = (tag: string) => all.filter((a) => a.status === 'passed' && a.fullName.includes(tag)).length;
const counts = { pglite: passed('[pglite]'), postgresql: passed('[postgresql]'), e2e: passed('[e2e]'), total: all.filter((a) => a.status === 'passed').length };
process.stdout.write(`Passed tests: ${JSON.stringify(counts)}; failed: ${report.numFailedTests}\n`);
const problems: string[] = [];
if (report.numFailedTests > 0) problems.push(`${report.numFailedTests} test(s) failed`);
if (counts.postgresql === 0) problems.push('the PostgreSQL suite did not run (is TEST_DATABASE_URL set and the server up?)');
if (counts.e2e === 0) problems.push('the browser tests did not run (is Chromium installed?)');
if (counts.pglite === 0) problems.push('the PGlite suite did not run');
// The PostgreSQL suite runs as a non-owner application role (server/test/global-setup.ts): its proof must have passed.
const roleTest = all.some((a) => a.status === 'passed' && a.fullName.includes('[postgresql]') && a.fullName.includes('security: the application role cannot'));
if (counts.postgresql > 0 && !roleTest) problems.push('the PostgreSQL suite did not prove it runs as a role that cannot rewrite the audit log');
// The checks that keep whole classes of defects out must have run on both drivers (issue 9).
for (const suite of ['security: fuzz of every route', 'access matrix']) {
  for (const tag of ['[pglite]', '[postgresql]']) {
    if (!all.some((a) => a.status === 'passed' && a.fullName.includes(suite) && a.fullName.includes(tag))) problems.push(`"${suite}" did not pass on ${tag}`);
  }
}
if (problems.length) {
  process.stderr.write(`CI check failed: ${problems.join('; ')}\n`);
  process.exit(1);
}
