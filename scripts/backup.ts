/**
 * npm run backup — a consistent backup of the configured database while the server runs
 * (decision 028): PostgreSQL (DATABASE_URL) through `pg_dump` in custom format, the embedded one
 * (DATA_DIR) through PGlite's own dump, asked of the running server or taken here when none runs.
 *
 *   npm run backup [-- --out DIR] [--passphrase-file FILE | --recipient age1…]
 *
 * MAILLON_BACKUP_PASSPHRASE encrypts too. The file's name and header say the app version, the
 * schema version and the audit chain's head; the header also counts the rows of every table.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackupFileError,
  backupFileName,
  type TBackupKey,
} from '../src/modules/backup/backup.file.js';
import { createBackup } from '../src/modules/backup/backup.service.js';
import { loadConfig } from '../src/server/config.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'backups' },
    'passphrase-file': { type: 'string' },
    recipient: { type: 'string' },
  },
});

function keyFrom(): TBackupKey {
  if (values.recipient) return { kind: 'recipient', recipient: values.recipient.trim() };
  if (values['passphrase-file']) {
    return {
      kind: 'passphrase',
      passphrase: readFileSync(values['passphrase-file'], 'utf8').trim(),
    };
  }
  const passphrase = process.env.MAILLON_BACKUP_PASSPHRASE;
  return passphrase ? { kind: 'passphrase', passphrase } : { kind: 'none' };
}

try {
  const config = loadConfig();
  const { bytes, header } = await createBackup(config, keyFrom());
  const folder = resolve(values.out);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, backupFileName(header));
  writeFileSync(`${path}.partial`, bytes, { mode: 0o600 });
  renameSync(`${path}.partial`, path);
  const rows = Object.values(header.counts).reduce((sum, n) => sum + n, 0);
  process.stdout.write(
    `Backup written: ${path}\n  ${header.driver}, app ${header.appVersion}, schema ${header.schema.tag}, ` +
      `audit head ${header.auditHead ? `row ${header.auditHead.seq}` : 'empty'}, ${rows} rows in ` +
      `${Object.keys(header.counts).length} tables, ${(header.bytes / 1e6).toFixed(1)} MB, encryption: ${header.encryption}\n`,
  );
} catch (error) {
  if (!(error instanceof BackupFileError)) throw error;
  process.stderr.write(`\nNo backup written: ${error.message}\n\n`);
  process.exitCode = 1;
}
