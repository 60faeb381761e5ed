import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { BackupFileError } from './backup.file.js';

/**
 * An embedded database is open in one process only (a second open of the folder loses data), so
 * `npm run backup` asks the running server to dump it (decision 028): it drops a request file in
 * DATA_DIR/backup-requests (the folder is private to the server's user: whoever may write there
 * may read the database files anyway), the server dumps the folder with PGlite's own
 * `dumpDataDir` between two queries and writes the dump beside the request; the script reads it
 * and removes both. No port, no token, nothing in process memory.
 */
export const REQUESTS_FOLDER = 'backup-requests';
/** How long the script waits for a running server to answer. */
export const SERVER_ANSWER_MS = 120_000;
const POLL_MS = 250;

const paths = (dataDir: string, id: string) => {
  const folder = join(dataDir, REQUESTS_FOLDER);
  return {
    folder,
    request: join(folder, `${id}.request`),
    dump: join(folder, `${id}.tar.gz`),
    partial: join(folder, `${id}.tar.gz.partial`),
    error: join(folder, `${id}.error`),
  };
};

/** Script side: asks the server holding dataDir for a dump and waits for it. */
export async function requestBackupFromServer(dataDir: string): Promise<Uint8Array> {
  const id = randomUUID();
  const files = paths(dataDir, id);
  mkdirSync(files.folder, { recursive: true, mode: 0o700 });
  writeFileSync(files.request, new Date().toISOString(), { mode: 0o600 });
  const deadline = Date.now() + SERVER_ANSWER_MS;
  try {
    while (Date.now() < deadline) {
      if (existsSync(files.dump)) return new Uint8Array(readFileSync(files.dump));
      if (existsSync(files.error)) {
        throw new BackupFileError(
          `The running server could not dump the database: ${readFileSync(files.error, 'utf8')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new BackupFileError(
      `The server running on ${dataDir} did not answer the backup request within ${SERVER_ANSWER_MS / 1000} s (is it a version without online backups? restart it, or stop it and back up again).`,
    );
  } finally {
    for (const file of [files.request, files.dump, files.partial, files.error])
      rmSync(file, { force: true });
  }
}

/** Server side: answers the requests found in the folder, one dump at a time. */
export async function answerBackupRequests(client: PGlite, dataDir: string): Promise<number> {
  const folder = join(dataDir, REQUESTS_FOLDER);
  if (!existsSync(folder)) return 0;
  const ids = readdirSync(folder)
    .filter((name) => name.endsWith('.request'))
    .map((name) => name.slice(0, -'.request'.length))
    .filter((id) => /^[0-9a-f-]{36}$/.test(id));
  let answered = 0;
  for (const id of ids) {
    const files = paths(dataDir, id);
    if (existsSync(files.dump) || existsSync(files.error)) continue;
    try {
      const dump = await dumpBetweenTransactions(client);
      writeFileSync(files.partial, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 });
      renameSync(files.partial, files.dump); // whole or absent: the script never reads half a dump
      answered++;
    } catch (error) {
      writeFileSync(files.error, (error as Error).message, { mode: 0o600 });
    }
  }
  return answered;
}

/**
 * The CHECKPOINT waits for a transaction in progress (PGlite's exec and query take its transaction
 * lock, which Drizzle's transactions hold), so the folder is dumped clean; a transaction that
 * starts between the two statements leaves at worst a crash image, recovered from the WAL.
 */
async function dumpBetweenTransactions(client: PGlite): Promise<Blob> {
  await client.exec('CHECKPOINT');
  return client.dumpDataDir('gzip');
}

/** Looks for requests a few times a second; returns the stop function. */
export function startBackupRequests(
  client: PGlite,
  dataDir: string,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    answerBackupRequests(client, dataDir)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
