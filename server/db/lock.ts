import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Exclusive lock on the embedded database's data directory. PGlite is single-process: two
 * processes on one directory corrupt it. The lock file names its owner (pid, process start time,
 * host, command) so a refused process can say who holds it, and so a lock left by a crash (owner
 * gone, or the pid reused by another process) is recognized as stale and taken over.
 *
 * Hand-written rather than proper-lockfile: that library decides staleness by mtime age, so a
 * restart right after a crash would wait, and it cannot name the holder.
 */
export interface LockOwner {
  pid: number;
  startTicks: string | null;
  hostname: string;
  command: string;
  acquiredAt: string;
}

export class DataDirLockedError extends Error {
  readonly owner: LockOwner;
  constructor(dir: string, owner: LockOwner) {
    super(
      `The data directory ${dir} is in use by another process: pid ${owner.pid} on ${owner.hostname} ` +
        `(${owner.command}), since ${owner.acquiredAt}. Stop that process first, or set DATA_DIR to another directory.`,
    );
    this.owner = owner;
  }
}

/** Field 22 of /proc/<pid>/stat: the start time, which tells a reused pid from the original. */
function processStartTicks(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // afterComm[0] is field 3 (state); field 22 is index 19.
    return afterComm[19] ?? null;
  } catch {
    return null;
  }
}

function processState(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

export function isOwnerAlive(owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return true; // cannot check another host: assume alive
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const state = processState(owner.pid);
  if (state === 'Z' || state === 'X') return false; // killed, waiting to be reaped
  if (state === null && !fs.existsSync('/proc/self/stat')) return true; // no procfs: trust kill(0)
  if (state === null) return false;
  const ticks = processStartTicks(owner.pid);
  return owner.startTicks === null || ticks === owner.startTicks;
}

export interface DataDirLock {
  path: string;
  /** True when a stale lock of a crashed process was taken over. */
  recovered: LockOwner | null;
  release(): void;
}

export function acquireDataDirLock(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, '.lock');
  const me: LockOwner = {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    hostname: os.hostname(),
    command:
      process.argv
        .slice(1)
        .map((a) => path.basename(a))
        .join(' ') || 'node',
    acquiredAt: new Date().toISOString(),
  };
  let recovered: LockOwner | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me, null, 2), { flag: 'wx' });
      let released = false;
      return {
        path: lockPath,
        recovered,
        release() {
          if (released) return;
          released = true;
          try {
            const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
            if (current.pid === me.pid && current.acquiredAt === me.acquiredAt) fs.unlinkSync(lockPath);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner: LockOwner | null = null;
    try {
      owner = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
    } catch {
      owner = null; // unreadable or half-written by a crash: stale
    }
    if (owner && isOwnerAlive(owner)) throw new DataDirLockedError(dir, owner);
    recovered = owner ?? { pid: -1, startTicks: null, hostname: os.hostname(), command: 'unknown', acquiredAt: 'unknown' };
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not lock ${dir}: the lock file keeps reappearing`);
}
