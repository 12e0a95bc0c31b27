import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { existingCheckpointKey, publicKeyFromPem, verifyAgainstCheckpoints, type CheckpointPublicKey, type VerifyResult } from '../modules/audit/index.ts';
import { withDatabase } from './common.ts';

/**
 * `npm run audit:verify [-- --checkpoints file …] [--public-key file.pem …]`: walks the hash chain
 * and checks it against the signed checkpoints (by default the server's AUDIT_CHECKPOINTS_FILE under
 * the public key of AUDIT_CHECKPOINT_KEY_FILE; an auditor passes the copies kept elsewhere). Exit
 * code 1 with the first bad row and the last good checkpoint when anything does not verify.
 */
const USAGE = 'usage: npm run audit:verify [-- --checkpoints <file.jsonl> ... --public-key <key.pem> ...]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let args: { checkpoints?: string[]; 'public-key'?: string[] };
try {
  args = parseArgs({
    options: { checkpoints: { type: 'string', multiple: true }, 'public-key': { type: 'string', multiple: true } },
    allowPositionals: false,
  }).values;
} catch (e) {
  fail((e as Error).message);
}
for (const file of [...(args.checkpoints ?? []), ...(args['public-key'] ?? [])]) if (!fs.existsSync(file)) fail(`no such file: ${file}`);

const cp = (r: VerifyResult['lastGoodCheckpoint'] | undefined) => (r ? `#${r.seq} signed ${r.at}${r.line ? ` (${r.file ?? ''}:${r.line})` : ''}` : 'none');

function describe(result: VerifyResult): string[] {
  const lines: string[] = [];
  if (result.ok) {
    lines.push(`Audit chain verified: ${result.rows} rows, head at #${result.headSeq}.`);
    lines.push(
      result.checkpoints.verified
        ? `${result.checkpoints.verified} signed checkpoints match; the last good checkpoint is ${cp(result.lastGoodCheckpoint)}.`
        : 'No signed checkpoints: a rewrite with every hash recomputed would not be detected.',
    );
    return lines;
  }
  if (result.reason === 'checkpoint_invalid') {
    const bad = result.badCheckpoint!;
    lines.push(`Audit checkpoints NOT VALID: ${result.checkpoints.invalid} line(s) fail (first: ${bad.file ?? ''}:${bad.line}, ${bad.problem}).`);
    lines.push(
      `The chain itself verifies against the ${result.checkpoints.verified} valid checkpoints; the last good checkpoint is ${cp(result.lastGoodCheckpoint)}.`,
    );
    return lines;
  }
  lines.push(`Audit chain BROKEN at row #${result.firstBadSeq} (${result.reason}); ${result.rows} rows before it verify.`);
  lines.push(`Last good checkpoint: ${cp(result.lastGoodCheckpoint)}.`);
  if (result.badCheckpoint) {
    lines.push(
      result.reason === 'checkpoint_beyond_head'
        ? `Checkpoint ${cp(result.badCheckpoint)} is beyond the end of the log: rows were cut off.`
        : `Checkpoint ${cp(result.badCheckpoint)} does not match the table: the rewrite lies in rows #${result.firstBadSeq}–#${result.badCheckpoint.seq}.`,
    );
  }
  return lines;
}

await withDatabase(async (database, config) => {
  let keys: CheckpointPublicKey[];
  try {
    keys = args['public-key']?.length
      ? args['public-key'].map((f) => publicKeyFromPem(fs.readFileSync(f, 'utf8')))
      : [existingCheckpointKey(config.audit.checkpointKeyFile)].filter((k) => k !== null);
  } catch (e) {
    fail(`cannot read the public key: ${(e as Error).message}`);
  }
  const files = args.checkpoints?.length ? args.checkpoints : [config.audit.checkpointsFile];
  const result = await verifyAgainstCheckpoints(database.db, files, keys);
  process.stdout.write(
    describe(result)
      .map((l) => `${l}\n`)
      .join(''),
  );
  if (!result.ok) process.exitCode = 1;
});
