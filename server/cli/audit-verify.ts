import { verifyChain } from '../modules/audit/index.ts';
import { withDatabase } from './common.ts';

/** `npm run audit:verify`: walks the hash chain; exit code 1 and the first bad row if broken. */
const result = await withDatabase((database) => verifyChain(database.db));
if (result.ok) {
  process.stdout.write(`Audit chain verified: ${result.rows} rows, head at #${result.headSeq}.\n`);
} else {
  process.stdout.write(`Audit chain BROKEN at row #${result.firstBadSeq} (${result.reason}); ${result.rows} rows before it verify.\n`);
  process.exitCode = 1;
}
