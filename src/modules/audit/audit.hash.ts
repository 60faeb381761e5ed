import { hash } from 'node:crypto';

/** The fields of an audit row that the hash covers (everything but the hash itself). */
export type TAuditRecord = {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  personId: string | null;
  outcome: string;
  reason: string | null;
  breakGlass: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
  prevHash: string;
};

/**
 * JSON with keys sorted at every level, so jsonb's own key order cannot change the hash. (Keys
 * sorted by UTF-16 code units, as `<` compares them; undefined members left out, undefined array
 * items written null, as JSON.stringify does. Built by hand: the sealer hashes every audit row.)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(item);
  }
  return out + '}';
}

/** The fields the hash covers, in canonicalJson's key order (sorted once, here). */
const RECORD_KEYS = (
  [
    'seq',
    'at',
    'actorUserId',
    'actorRole',
    'action',
    'resourceType',
    'resourceId',
    'personId',
    'outcome',
    'reason',
    'breakGlass',
    'requestId',
    'details',
    'prevHash',
  ] satisfies (keyof TAuditRecord)[]
)
  .sort()
  .map((key) => ({ key, label: JSON.stringify(key) + ':' }));

/**
 * The canonical JSON of a record — exactly canonicalJson({ ...record, at: ISO text }), built
 * without copying the record or sorting its keys again: the sealer and the verifier hash every
 * audit row (audit.hash.test.ts holds the two forms equal).
 */
export function canonicalRecordJson(record: TAuditRecord): string {
  let out = '{';
  for (const { key, label } of RECORD_KEYS) {
    const value = key === 'at' ? record.at.toISOString() : record[key];
    if (value === undefined) continue;
    out +=
      (out.length > 1 ? ',' : '') +
      label +
      (typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value));
  }
  return out + '}';
}

/** SHA-256 over the canonical form of the row, which includes the previous row's hash. */
export function hashAuditRecord(record: TAuditRecord): string {
  return hash('sha256', canonicalRecordJson(record), 'hex');
}
