import { createHash, randomUUID } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type TDataDirLock = { release: () => void };

/** Raised when another live process already holds the data folder. */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is already in use by another Maillon process (pid ${pid}). ` +
        'Two processes on one embedded database silently lose committed data: stop the other ' +
        'process, or give this one another DATA_DIR, or use PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

/** The lock file holds "pid token": the token tells one holder from another with the same pid. */
type THolder = { pid: number; token: string | null; raw: string };

/** Tokens of the locks this process holds (a second open in the same process is refused). */
const heldTokens = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isLive(holder: THolder): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  // Our own pid with a token we do not hold: left by an earlier run that had the same pid (a
  // container restarts with the same pids), not by us.
  if (holder.pid === process.pid) return holder.token !== null && heldTokens.has(holder.token);
  return isAlive(holder.pid);
}

function readHolder(file: string): THolder | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const [pid = '', token = null] = raw.trim().split(/\s+/);
  return { pid: Number.parseInt(pid, 10), token, raw };
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * Creates file with its content in one atomic step (link of a complete temporary file): it never
 * exists empty or half-written, and of many processes creating it at once exactly one succeeds.
 * False when it exists already.
 */
function createAtomically(file: string, content: string): boolean {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(temporary);
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes a stale lock, racing safely with other processes that found the same one: removing
 * this lock (this content) needs a claim file named after it, which exactly one process can
 * create; the claimant removes the lock only if it still holds that content. A new lock cannot
 * appear while the stale one exists, so nothing can slip in between the check and the removal.
 */
function removeStaleLock(dataDir: string, file: string, stale: THolder): void {
  const claim = `${file}.claim-${createHash('sha256').update(stale.raw).digest('hex').slice(0, 24)}`;
  if (!createAtomically(claim, `${process.pid}\n`)) {
    const claimant = readHolder(claim);
    if (claimant && !isLive(claimant) && readHolder(file)?.raw === stale.raw) {
      throw new Error(
        `The data folder ${dataDir} holds a stale lock that a process killed while taking it ` +
          `over left behind. Check that no Maillon process uses this folder, then delete ` +
          `${file} and ${claim}.`,
      );
    }
    sleepSync(5); // another process is removing it: look again
    return;
  }
  try {
    if (readHolder(file)?.raw === stale.raw) unlinkSync(file);
  } finally {
    unlinkQuietly(claim);
  }
}

/**
 * Takes an exclusive lock on the folder; a lock left by a process that no longer runs is taken
 * over. Safe when many processes start at once: exactly one gets it, the others are refused.
 */
export function acquireDataDirLock(dataDir: string): TDataDirLock {
  const file = join(dataDir, 'maillon.lock');
  const token = randomUUID();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (createAtomically(file, `${process.pid} ${token}\n`)) {
      heldTokens.add(token);
      return { release: () => releaseLock(file, token) };
    }
    const holder = readHolder(file);
    if (holder === null) continue; // released meanwhile: try again
    if (isLive(holder)) throw new DataDirLockedError(dataDir, holder.pid);
    removeStaleLock(dataDir, file, holder);
  }
  throw new Error(`Could not lock the data folder ${dataDir} within 10 seconds`);
}

/** Removes the lock file if it is still ours (never another process's). */
function releaseLock(file: string, token: string): void {
  if (!heldTokens.delete(token)) return;
  if (readHolder(file)?.token === token) unlinkQuietly(file);
}
