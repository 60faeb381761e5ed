/**
 * npm run restore -- FILE [--force] [--passphrase-file FILE | --identity-file FILE]
 *
 * Restores a backup of `npm run backup` into the configured database (DATABASE_URL, or DATA_DIR
 * with no server running on it). A database that holds anything is refused unless --force (the
 * embedded folder replaced is kept aside, renamed). Then the audit chain is walked (the backup's
 * head must be in it) and the rows counted against the backup's; exit 1 if either differs.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataDirLockedError } from '../src/db/lock.js';
import { BackupFileError, type TBackupKey } from '../src/modules/backup/backup.file.js';
import { restoreBackup } from '../src/modules/backup/backup.service.js';
import { loadConfig } from '../src/server/config.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    force: { type: 'boolean', default: false },
    'passphrase-file': { type: 'string' },
    'identity-file': { type: 'string' },
  },
});

function keyFrom(): TBackupKey {
  if (values['identity-file']) {
    const identity = readFileSync(values['identity-file'], 'utf8')
      .split('\n')
      .find((line) => line.startsWith('AGE-SECRET-KEY-'));
    if (!identity) throw new BackupFileError('The identity file holds no AGE-SECRET-KEY- line.');
    return { kind: 'identity', identity: identity.trim() };
  }
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
  const [file] = positionals;
  if (!file) throw new BackupFileError('Name the backup file: npm run restore -- FILE [--force]');
  const report = await restoreBackup(loadConfig(), readFileSync(file), keyFrom(), {
    force: values.force,
  });
  const { header, audit, countMismatches } = report;
  process.stdout.write(
    `Restored ${file}\n  ${header.driver}, saved ${header.createdAt} by app ${header.appVersion}, schema ${header.schema.tag}\n` +
      (report.keptAside ? `  the database it replaced is kept in ${report.keptAside}\n` : ''),
  );
  process.stdout.write(
    audit.ok
      ? `  audit chain OK: ${audit.checked} rows, the backup's head ${header.auditHead ? `(row ${header.auditHead.seq})` : ''} found in it\n`
      : `  audit chain BROKEN: ${audit.problems.join('; ')}\n`,
  );
  process.stdout.write(
    countMismatches.length === 0
      ? `  rows: the same counts as the backup in all ${Object.keys(header.counts).length} tables\n`
      : `  rows differ from the backup: ${countMismatches.map((m) => `${m.table} ${m.found}/${m.expected}`).join(', ')}\n`,
  );
  if (!audit.ok || countMismatches.length > 0) process.exitCode = 1;
} catch (error) {
  if (!(error instanceof BackupFileError) && !(error instanceof DataDirLockedError)) throw error;
  process.stderr.write(`\nNothing restored: ${error.message}\n\n`);
  process.exitCode = 1;
}
