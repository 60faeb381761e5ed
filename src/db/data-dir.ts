import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files and folders the process creates from now on are its own only (600 / 700). */
export const PRIVATE_UMASK = 0o077;

/** Raised when the data folder, or something in it, can be read or written by other local users. */
export class DataDirExposedError extends Error {
  constructor(dataDir: string, paths: string[]) {
    const listed = paths.slice(0, 5).map((p) => `  - ${p}`);
    if (paths.length > 5) listed.push(`  - … and ${paths.length - 5} more`);
    super(
      `The data folder ${dataDir} can be read or written by other users of this machine: they could ` +
        `read or change the database, and Maillon could not make it private:\n${listed.join('\n')}\n` +
        `Fix: as the owner of the files (or root), run  chmod -R go-rwx ${dataDir}  ` +
        '(or chown -R them to the user that runs Maillon), then start again.',
    );
    this.name = 'DataDirExposedError';
  }
}

/** Every path under dir (itself included), without following symbolic links. */
function walk(dir: string): { path: string; isDirectory: boolean; mode: number }[] {
  const found: { path: string; isDirectory: boolean; mode: number }[] = [];
  const stack = [dir];
  while (stack.length) {
    const path = stack.pop()!;
    const stats = path === dir ? statSync(path) : lstatSync(path);
    if (stats.isSymbolicLink()) continue;
    found.push({ path, isDirectory: stats.isDirectory(), mode: stats.mode & 0o777 });
    if (stats.isDirectory()) for (const name of readdirSync(path)) stack.push(join(path, name));
  }
  return found;
}

/** The paths under dataDir that group or other users can read or write (health data). */
export function findExposedPaths(dataDir: string): string[] {
  return walk(dataDir)
    .filter((entry) => (entry.mode & 0o077) !== 0)
    .map((entry) => entry.path);
}

/**
 * Makes the embedded database's folder private before it is opened: the process creates files
 * 600 and folders 700 from now on (umask), and the folder is made private (below).
 */
export function prepareDataDir(dataDir: string, options: TChmodOptions = {}): void {
  process.umask(PRIVATE_UMASK);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  makeDataDirPrivate(dataDir, options);
}

type TChmodOptions = { chmod?: (path: string, mode: number) => void };

/**
 * Sets what exists in the folder to 700 (folders) and 600 (files) — PGlite writes its initial
 * files 666 whatever the umask, so this runs again once it is open — and refuses to start,
 * naming the paths and the fix, if group or other can still read or write anything (files of
 * another owner the process cannot chmod).
 */
export function makeDataDirPrivate(dataDir: string, options: TChmodOptions = {}): void {
  const chmod = options.chmod ?? chmodSync;
  for (const entry of walk(dataDir)) {
    const wanted = entry.isDirectory ? 0o700 : 0o600;
    if (entry.mode === wanted) continue;
    try {
      chmod(entry.path, wanted);
    } catch {
      // not ours to change: the check below refuses to start if it is left writable
    }
  }
  const exposed = findExposedPaths(dataDir);
  if (exposed.length) throw new DataDirExposedError(dataDir, exposed);
}
