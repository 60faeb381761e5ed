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

/** JSON with keys sorted at every level, so jsonb's own key order cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 over the canonical form of the row, which includes the previous row's hash. */
export function hashAuditRecord(record: TAuditRecord): string {
  return createHash('sha256')
    .update(canonicalJson({ ...record, at: record.at.toISOString() }))
    .digest('hex');
}
