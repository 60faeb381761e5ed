import { randomUUID } from 'node:crypto';
import type { TDb } from '../../src/db/client.js';
import { answerNumber } from '../../src/modules/requests/human-check.js';
import { insertRequest, type TNewRequest } from '../../src/modules/requests/requests.repository.js';

/** The answer a person gives to the public form's question: its two number words, added. */
export function solveChallenge(question: string): string {
  const words = question
    .replace(/^(Combien font|What is) /, '')
    .replace(/ ?\?$/, '')
    .split(' plus ');
  return String(words.reduce((sum, word) => sum + (answerNumber(word) ?? NaN), 0));
}

/** A valid body of POST /api/requests about a new person. */
export function newPersonRequestBody(overrides: Record<string, unknown> = {}) {
  return {
    newPerson: {
      firstName: 'Lucien',
      lastName: `Demande ${randomUUID().slice(0, 6)}`,
      birthDate: '1941-03-02',
      commune: 'Saint-Étienne',
    },
    source: 'community_professional',
    relation: 'Médecin traitant',
    difficulties: ['autonomy', 'social_isolation'],
    urgency: 'week',
    consent: { how: 'oral', obtainedOn: '2026-01-05' },
    ...overrides,
  };
}

/** A request stored directly (received some days ago, or in any state), for queue tests and seeds. */
export async function buildSupportRequest(db: TDb, values: Partial<TNewRequest> = {}) {
  return insertRequest(db, {
    id: randomUUID(),
    channel: 'member',
    requesterName: 'Dr Test',
    source: 'hospital',
    personFirstName: 'Paulette',
    personLastName: `File ${randomUUID().slice(0, 6)}`,
    difficulties: ['health'],
    urgency: 'routine',
    consentHow: 'written',
    consentAt: '2026-01-02',
    ...values,
  });
}
