import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  canonicalJson,
  canonicalRecordJson,
  hashAuditRecord,
  type TAuditRecord,
} from './audit.hash.js';

const record = (overrides: Partial<TAuditRecord> = {}): TAuditRecord => ({
  seq: 42,
  at: new Date('2026-12-06T10:11:12.345Z'),
  actorUserId: '5f0c6d9e-2b7a-4c1e-9a43-0d3e1f2a6b7c',
  actorRole: 'coordinator',
  action: 'person.read',
  resourceType: 'person',
  resourceId: null,
  personId: '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f',
  outcome: 'allowed',
  reason: 'case_manager',
  breakGlass: null,
  requestId: 'req-1',
  details: null,
  prevHash: 'genesis',
  ...overrides,
});

/** The form decision 003 defined: the generic canonical JSON of the record, `at` as ISO text. */
const reference = (r: TAuditRecord) => canonicalJson({ ...r, at: r.at.toISOString() });

describe('the audit hash', () => {
  it('hashes the same text as the generic canonical form, whatever the values', () => {
    const cases: TAuditRecord[] = [
      record(),
      record({ details: { z: 1, a: [true, null, { y: 'é', b: 2 }], m: 'quote " and \\ back' } }),
      record({ actorUserId: null, actorRole: null, personId: null, reason: null, requestId: null }),
      record({ breakGlass: 'urgence vitale\nà domicile', resourceId: 'x\u0000y', details: {} }),
      record({ details: { undefinedIsLeftOut: undefined, n: 1.5e-7, big: 12345678901234 } }),
    ];
    for (const r of cases) {
      assert.equal(canonicalRecordJson(r), reference(r));
      assert.equal(hashAuditRecord(r), createHash('sha256').update(reference(r)).digest('hex'));
    }
  });

  it('changes with any field, the previous hash included', () => {
    const base = hashAuditRecord(record());
    for (const change of [
      { seq: 43 },
      { at: new Date('2026-12-06T10:11:12.346Z') },
      { outcome: 'denied' },
      { details: { n: 1 } },
      { prevHash: 'a'.repeat(64) },
    ] satisfies Partial<TAuditRecord>[]) {
      assert.notEqual(hashAuditRecord(record(change)), base, JSON.stringify(change));
    }
  });
});
