import { createHash } from 'node:crypto';

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

/** SHA-256 over the canonical form of the row, which includes the previous row's hash. */
export function hashAuditRecord(record: TAuditRecord): string {
  return createHash('sha256')
    .update(canonicalJson({ ...record, at: record.at.toISOString() }))
    .digest('hex');
}
