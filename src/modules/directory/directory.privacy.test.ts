import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
} from '../../../test/helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

type TChannelOut = { kind: string; value: string; visibility: string };
type TMemberOut = {
  version: number;
  phone: string | null;
  email: string | null;
  rpps: string | null;
  phoneVisibility: string;
  channels: TChannelOut[];
};
type TItem = {
  id: string;
  title: string;
  channels: string[];
  contact: { kind: string; value: string } | null;
  matched: { field: string; value: string }[];
};

const GP = {
  rpps: '10101010101',
  phone: '06 11 22 33 44',
  email: 'paul.fabre@exemple.fr',
  sms: '06 99 88 77 66',
  secure: 'paul.fabre@medecin.mssante.fr',
  careTeamPhone: '06 55 44 33 22',
};

describe('directory channel privacy (decision 034)', () => {
  let t: TTestApp;
  let gpId: string;
  let orgId: string;
  const as: Record<'patient' | 'network' | 'careTeam' | 'admin' | 'owner', TAgent> = {} as never;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    orgId = (
      await buildOrganisation(db, {
        name: 'Cabinet médical du Parc',
        type: 'msp',
        commune: 'Lavergne',
        phone: '04 77 11 11 11',
        channels: [{ kind: 'fax', value: '04 77 22 22 22', visibility: 'network' }],
      })
    ).id;
    gpId = (
      await buildDirectoryMember(db, {
        firstName: 'Paul',
        lastName: 'Fabre',
        profession: 'general_practitioner',
        rpps: GP.rpps,
        phone: GP.phone,
        email: GP.email,
        channels: [
          { kind: 'sms', value: GP.sms },
          { kind: 'secure_messaging', value: GP.secure, visibility: 'public' },
          { kind: 'phone', value: GP.careTeamPhone, visibility: 'care_team' },
        ],
        organisations: [{ organisationId: orgId, canEditServices: false }],
      })
    ).id;
    const person = await buildPerson(db);
    const patient = await buildUser(db, { role: 'patient', personId: person.id });
    const network = await buildUser(db, { role: 'professional' });
    const careTeam = await buildUser(db, { role: 'professional' });
    await buildPerson(db, { team: [{ memberId: gpId }, { memberId: careTeam.memberId! }] });
    const admin = await buildUser(db, { role: 'admin' });
    const owner = await buildUser(db, { role: 'professional' });
    await db.update(users).set({ memberId: gpId }).where(eq(users.id, owner.id));
    for (const [key, user] of Object.entries({ patient, network, careTeam, admin, owner }))
      as[key as keyof typeof as] = await loginAs(t.app, user.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const profile = async (who: TAgent) => {
    const response = await who.request('GET', `/api/directory/members/${gpId}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<TMemberOut>();
  };
  const search = async (who: TAgent, query: string) => {
    const response = await who.request('GET', `/api/directory/search?${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: TItem[]; total: number }>();
  };
  const values = (p: TMemberOut) => p.channels.map((c) => c.value).sort();

  it("shows a patient only the GP's public channel: no mobile, e-mail or RPPS", async () => {
    const p = await profile(as.patient);
    assert.equal(p.phone, null);
    assert.equal(p.email, null);
    assert.equal(p.rpps, null);
    assert.deepEqual(values(p), [GP.secure]);
    assert.doesNotMatch(JSON.stringify(p), /06 11|06 99|06 55|10101010101|exemple\.fr/);
  });

  it('shows a network member the network channels, not the care-team one', async () => {
    const p = await profile(as.network);
    assert.equal(p.phone, GP.phone);
    assert.equal(p.email, GP.email);
    assert.equal(p.rpps, GP.rpps);
    assert.deepEqual(values(p), [GP.sms, GP.secure].sort());
    assert.equal(p.channels.find((c) => c.value === GP.sms)?.visibility, 'network');
  });

  it('shows the care-team channel to a member sharing a care team, to staff and to the owner', async () => {
    for (const who of [as.careTeam, as.admin, as.owner])
      assert.deepEqual(values(await profile(who)), [GP.careTeamPhone, GP.sms, GP.secure].sort());
  });

  it('finds nothing for a patient searching a hidden number or RPPS; a network member finds the GP', async () => {
    for (const q of ['0611223344', '0699887766', GP.rpps, 'paul.fabre@exemple.fr']) {
      assert.equal((await search(as.patient, `q=${encodeURIComponent(q)}`)).total, 0, q);
      const found = await search(as.network, `q=${encodeURIComponent(q)}`);
      assert.deepEqual(
        found.items.map((i) => i.id),
        [gpId],
        q,
      );
    }
    const byNumber = (await search(as.network, 'q=0611223344')).items[0]!;
    assert.deepEqual(byNumber.matched, [
      {
        field: 'phone',
        value: GP.phone,
        exact: true,
        marks: [{ start: 0, end: GP.phone.length }],
      },
    ]);
  });

  it('indexes no care-team channel: nobody finds the GP by it', async () => {
    for (const who of [as.patient, as.network, as.careTeam, as.admin])
      assert.equal((await search(who, 'q=0655443322')).total, 0);
  });

  it("keeps hidden channels off a patient's result cards and channel filter", async () => {
    const patientCard = (await search(as.patient, 'q=fabre')).items.find((i) => i.id === gpId)!;
    assert.deepEqual(patientCard.channels, ['secure_messaging']);
    const networkCard = (await search(as.network, 'q=fabre')).items.find((i) => i.id === gpId)!;
    assert.deepEqual(networkCard.channels.sort(), ['secure_messaging', 'sms']);
    // The card's contact is chosen among what the reader may see (the SMS is listed first).
    assert.deepEqual(patientCard.contact, { kind: 'secure_messaging', value: GP.secure });
    assert.deepEqual(networkCard.contact, { kind: 'sms', value: GP.sms });
    const orgCard = async (who: TAgent) =>
      (await search(who, 'q=cabinet%20parc&type=organisation')).items.find((i) => i.id === orgId)!
        .contact;
    assert.deepEqual(await orgCard(as.patient), { kind: 'phone', value: '04 77 11 11 11' });
    assert.deepEqual(await orgCard(as.network), { kind: 'fax', value: '04 77 22 22 22' });
    assert.equal((await search(as.patient, 'q=fabre&channel=sms')).total, 0);
    assert.equal((await search(as.network, 'q=fabre&channel=sms')).total, 1);
    // the channel kind's words do not make the entry findable either
    assert.equal((await search(as.patient, 'q=fabre%20sms')).total, 0);
    const why = (await search(as.patient, 'q=fabre%20messagerie')).items[0]!;
    assert.ok(why.matched.every((m) => !['sms', 'phone', 'rpps', 'email'].includes(m.field)));
  });

  it("shows an organisation's public switchboard to a patient, not its network fax", async () => {
    const path = `/api/directory/organisations/${orgId}`;
    const forPatient = (await as.patient.request('GET', path)).json<TMemberOut>();
    assert.equal(forPatient.phone, '04 77 11 11 11');
    assert.deepEqual(forPatient.channels, []);
    const forNetwork = (await as.network.request('GET', path)).json<TMemberOut>();
    assert.deepEqual(values(forNetwork), ['04 77 22 22 22']);
  });

  it('keeps exports to staff, and publishes only public channels in HSDS', async () => {
    for (const path of ['/api/directory/export/members.csv', '/api/directory/export/hsds.json']) {
      const refused = await as.patient.request('GET', path);
      assert.ok([403, 404].includes(refused.statusCode), `${path}: ${refused.statusCode}`);
      assert.doesNotMatch(refused.body, /06 11|10101010101/);
    }
    const hsds = await as.admin.request('GET', '/api/directory/export/hsds.json');
    assert.equal(hsds.statusCode, 200);
    assert.match(hsds.body, /04 77 11 11 11/);
    assert.doesNotMatch(hsds.body, /04 77 22 22 22|06 11 22 33 44|06 99|06 55|exemple\.fr/);
  });

  it("hides past contact values from the history of those who can't see them", async () => {
    const history = (who: TAgent) =>
      who.request('GET', `/api/directory/members/${gpId}/history`).then((r) => r.body);
    const forPatient = await history(as.patient);
    assert.doesNotMatch(forPatient, /06 11|06 99|06 55|10101010101|exemple\.fr/);
    assert.match(forPatient, /mssante/);
    const forNetwork = await history(as.network);
    assert.match(forNetwork, /06 11 22 33 44/);
    assert.match(forNetwork, /10101010101/);
    assert.doesNotMatch(forNetwork, /06 55/);
  });

  it('lets the owner change a visibility, and nobody else', async () => {
    const path = `/api/directory/members/${gpId}`;
    const { version } = await profile(as.owner);
    for (const who of [as.patient, as.network, as.careTeam]) {
      const refused = await who.request('PATCH', path, { version, phoneVisibility: 'public' });
      assert.ok([403, 404].includes(refused.statusCode), refused.body);
    }
    assert.equal((await profile(as.patient)).phone, null);
    const done = await as.owner.request('PATCH', path, { version, phoneVisibility: 'public' });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal((await profile(as.patient)).phone, GP.phone);
    assert.deepEqual(
      (await search(as.patient, 'q=0611223344')).items.map((i) => i.id),
      [gpId],
    );
    const invalid = await as.owner.request('PATCH', path, {
      version: version + 1,
      phoneVisibility: 'everyone',
    });
    assert.equal(invalid.statusCode, 400);
  });
});
