import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { assessments, auditLog, careTeamMembers, members } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { pdfText } from '../../../test/helpers/pdf-text.js';

describe('the emergency liaison sheet for the home (DLU-Dom)', () => {
  let t: TTestApp;
  let manager: TAgent;
  let social: TAgent;
  let outsider: TAgent;
  let personId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const managerUser = await buildUser(db, { role: 'coordinator' });
    const nurseUser = await buildUser(db, { role: 'professional' });
    const socialUser = await buildUser(db, { role: 'social' });
    const person = await buildPerson(db, {
      caseManagerId: managerUser.memberId!,
      team: [{ memberId: nurseUser.memberId! }, { memberId: socialUser.memberId! }],
    });
    personId = person.id;
    await db
      .update(members)
      .set({ firstName: 'Inès', lastName: 'Morel', phone: '04 77 11 22 33' })
      .where(eq(members.id, nurseUser.memberId!));
    await db
      .update(careTeamMembers)
      .set({ role: 'home_nurse', roleTitle: 'IDE du matin' })
      .where(
        and(
          eq(careTeamMembers.personId, personId),
          eq(careTeamMembers.memberId, nurseUser.memberId!),
        ),
      );
    await db.insert(assessments).values({
      personId,
      instrumentId: 'multidimensional',
      instrumentVersion: 1,
      state: 'completed',
      startedBy: managerUser.id,
      completedBy: managerUser.id,
      completedAt: new Date('2026-11-02T10:00:00Z'),
      result: {
        conditionCount: 3,
        medicationCount: 7,
        polypharmacy: true,
        falls6m: 0,
        hospitalStays6m: 0,
        emergencyVisits6m: 0,
        cognitionConcern: false,
        moodConcern: false,
        livesAlone: true,
        isolation: 'partial',
        hasCaregiver: false,
        caregiverStrain: null,
        housingAtRisk: false,
        rightsAtRisk: false,
        serviceTypes: [],
        urgency: 'routine',
      },
    });
    const login = (email: string) => loginAs(t.app, email, TEST_PASSWORD);
    manager = await login(managerUser.email);
    social = await login(socialUser.email);
    outsider = await login((await buildUser(db, { role: 'professional' })).email);
  });
  after(() => t.close());

  const url = () => `/api/persons/${personId}/emergency-sheet.pdf`;

  it('records the advance directives and palliative care on the identity, the plan situation', async () => {
    const edit = await manager.request('PATCH', `/api/persons/${personId}`, {
      version: 1,
      contacts: [
        {
          kind: 'trusted_person',
          name: 'Claire Dumas',
          relation: 'fille',
          phone: '06 12 34 56 78',
        },
        { kind: 'caregiver', name: 'Paul Vidal', relation: 'voisin', phone: null },
      ],
      advanceDirectives: { exists: true, where: 'tiroir de la commode' },
      palliativeCare: true,
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const read = await manager.request('GET', `/api/persons/${personId}`);
    assert.deepEqual(read.json<{ advanceDirectives: unknown }>().advanceDirectives, {
      exists: true,
      where: 'tiroir de la commode',
    });
    const plan = await manager.request('PUT', `/api/persons/${personId}/plan`, {
      baseVersion: 0,
      content: { situation: 'Vit seule au 2e étage sans ascenseur' },
    });
    assert.equal(plan.statusCode, 200, plan.body);
  });

  it('prints identity, situation, treatments, team, case manager, contacts and both flags', async () => {
    const response = await manager.request('GET', url());
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'application/pdf');
    const text = pdfText(response.rawPayload);
    for (const shown of [
      "Dossier de liaison d'urgence",
      'Jeanne',
      'Vit seule au 2e étage sans ascenseur',
      '7 médicament(s) pris chaque jour et 3 maladie(s) chronique(s)',
      "n'est pas enregistrée dans Maillon",
      'Inès Morel',
      'infirmier·ère à domicile, IDE du matin',
      '04 77 11 22 33',
      'Gestionnaire de cas',
      'Personne de confiance',
      'Claire Dumas, fille — 06 12 34 56 78',
      'Paul Vidal, voisin — pas de téléphone enregistré',
      'rédigées, conservées : tiroir de la commode',
      'Soins palliatifs : oui',
      'par Test coordinator',
    ]) {
      assert.ok(text.includes(shown), `${shown} missing from the sheet: ${text}`);
    }
    const english = pdfText((await manager.request('GET', `${url()}?lang=en`)).rawPayload);
    for (const shown of ['Emergency liaison sheet', 'Trusted person', 'Palliative care: yes']) {
      assert.ok(english.includes(shown), `${shown} missing in English`);
    }
  });

  it('leaves every medical item out of a social role’s sheet, audited as a second decision', async () => {
    const response = await social.request('GET', url());
    assert.equal(response.statusCode, 200, response.body);
    const text = pdfText(response.rawPayload);
    assert.ok(text.includes('Claire Dumas'));
    assert.ok(text.includes('tiroir de la commode'));
    assert.ok(text.includes('Inès Morel'));
    for (const hidden of ['médicament(s)', 'maladie(s)', 'Soins palliatifs : ', 'Traitements']) {
      assert.ok(!text.includes(hidden), `${hidden} leaked into the social sheet`);
    }
    assert.ok(text.includes('ne figurent pas sur ce document'));
    const rows = await t.database.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.requestId, String(response.headers['x-request-id'])));
    assert.deepEqual(rows.map((row) => `${row.action}:${row.outcome}`).sort(), [
      'person.emergency_sheet.medical:denied',
      'person.emergency_sheet:allowed',
    ]);
  });

  it('refuses a reader outside the team with 404, audited', async () => {
    const response = await outsider.request('GET', url());
    assert.equal(response.statusCode, 404);
    const rows = await t.database.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.requestId, String(response.headers['x-request-id'])));
    assert.deepEqual(rows, [{ action: 'person.emergency_sheet', outcome: 'denied' }]);
  });

  it('lets only a medical writer set palliative care', async () => {
    const refused = await social.request('PATCH', `/api/persons/${personId}`, {
      version: 2,
      palliativeCare: false,
    });
    assert.ok([403, 404].includes(refused.statusCode), refused.body);
  });
});
