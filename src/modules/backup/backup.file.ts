import { createHash } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { z } from 'zod';

/**
 * A backup file (decision 028): one line naming the format, one line of JSON saying what is inside
 * (never personal data: versions, counts, the audit chain's head), then the payload — a
 * `pg_dump` custom-format archive or PGlite's gzipped data folder — encrypted with age when a
 * passphrase or a recipient key was given.
 */
export const BACKUP_MAGIC = 'MAILLON-BACKUP/1';

export const ZBackupHeader = z.object({
  createdAt: z.string(),
  appVersion: z.string(),
  driver: z.enum(['pglite', 'postgres']),
  /** The last migration applied to the database that was saved, and how many were applied. */
  schema: z.object({ tag: z.string(), migrations: z.number().int() }),
  /** The sealed head of the audit chain in the saved database (null when it holds no row yet). */
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  /** Rows per table in the saved database: a restore is checked against them. */
  counts: z.record(z.string(), z.number().int()),
  payload: z.enum(['pg_dump-custom', 'pglite-datadir-tar-gz']),
  encryption: z.enum(['none', 'age-passphrase', 'age-recipient']),
  /** sha256 of the payload as stored (after encryption): a damaged file is told apart at once. */
  sha256: z.string(),
  bytes: z.number().int(),
});
export type TBackupHeader = z.infer<typeof ZBackupHeader>;

/** How to encrypt (backup) or decrypt (restore); none of it is ever written into the file. */
export type TBackupKey =
  | { kind: 'none' }
  | { kind: 'passphrase'; passphrase: string }
  /** backup: an age public key (age1…): the machine that saves holds no secret */
  | { kind: 'recipient'; recipient: string }
  /** restore: the age secret key (AGE-SECRET-KEY-1…) matching the recipient */
  | { kind: 'identity'; identity: string };

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/** The name says what a file holds without opening it. */
export function backupFileName(header: TBackupHeader): string {
  const stamp = header.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const audit = header.auditHead ? `audit${header.auditHead.seq}` : 'audit0';
  const schema = header.schema.tag.split('_')[0] ?? header.schema.tag;
  return `maillon-${header.driver}-${stamp}-v${header.appVersion}-schema${schema}-${audit}.backup`;
}

export async function encodeBackup(
  header: Omit<TBackupHeader, 'encryption' | 'sha256' | 'bytes'>,
  payload: Uint8Array,
  key: TBackupKey,
): Promise<{ bytes: Buffer; header: TBackupHeader }> {
  let stored = payload;
  let encryption: TBackupHeader['encryption'] = 'none';
  if (key.kind === 'passphrase' || key.kind === 'recipient') {
    const encrypter = new Encrypter();
    if (key.kind === 'passphrase') {
      encrypter.setPassphrase(key.passphrase);
      encryption = 'age-passphrase';
    } else {
      encrypter.addRecipient(key.recipient);
      encryption = 'age-recipient';
    }
    stored = await encrypter.encrypt(payload);
  } else if (key.kind === 'identity') {
    throw new BackupFileError(
      'An identity (secret key) decrypts a backup; save with its recipient (public key).',
    );
  }
  const full: TBackupHeader = {
    ...header,
    encryption,
    sha256: createHash('sha256').update(stored).digest('hex'),
    bytes: stored.byteLength,
  };
  const head = Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(full)}\n`, 'utf8');
  return { bytes: Buffer.concat([head, stored]), header: full };
}

/** Reads the header only (cheap: no decryption), checking the file is whole. */
export function readBackupHeader(file: Buffer): { header: TBackupHeader; payload: Buffer } {
  const first = file.indexOf(0x0a);
  const second = first < 0 ? -1 : file.indexOf(0x0a, first + 1);
  if (first < 0 || second < 0 || file.subarray(0, first).toString('utf8') !== BACKUP_MAGIC) {
    throw new BackupFileError(
      'This file is not a Maillon backup (its first line is not MAILLON-BACKUP/1).',
    );
  }
  let header: TBackupHeader;
  try {
    header = ZBackupHeader.parse(JSON.parse(file.subarray(first + 1, second).toString('utf8')));
  } catch {
    throw new BackupFileError(
      'The backup header cannot be read: the file is damaged or of another version.',
    );
  }
  const payload = file.subarray(second + 1);
  const sha256 = createHash('sha256').update(payload).digest('hex');
  if (payload.byteLength !== header.bytes || sha256 !== header.sha256) {
    throw new BackupFileError(
      `The backup is damaged or truncated: ${payload.byteLength} bytes of ${header.bytes} expected, checksum ${sha256 === header.sha256 ? 'matches' : 'does not match'}.`,
    );
  }
  return { header, payload };
}

export async function decodeBackup(
  file: Buffer,
  key: TBackupKey,
): Promise<{ header: TBackupHeader; payload: Uint8Array }> {
  const { header, payload } = readBackupHeader(file);
  if (header.encryption === 'none') return { header, payload };
  const decrypter = new Decrypter();
  if (header.encryption === 'age-passphrase') {
    if (key.kind !== 'passphrase') {
      throw new BackupFileError(
        'This backup is encrypted with a passphrase: give it (MAILLON_BACKUP_PASSPHRASE or --passphrase-file).',
      );
    }
    decrypter.addPassphrase(key.passphrase);
  } else {
    if (key.kind !== 'identity') {
      throw new BackupFileError(
        'This backup is encrypted for an age key: give the secret key file (--identity-file).',
      );
    }
    decrypter.addIdentity(key.identity);
  }
  try {
    return { header, payload: await decrypter.decrypt(payload) };
  } catch {
    throw new BackupFileError('The backup cannot be decrypted with this passphrase or key.');
  }
}
