import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { and, count, desc, eq } from 'drizzle-orm';
import {
  attachments,
  auditLog,
  logbookEntries,
  notifications,
  pathwayEvents,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { MAX_ATTACHMENT_BYTES } from '../attachments/attachments.js';

type TWho = 'manager' | 'nurse' | 'aide' | 'aideGranted' | 'outsider';
type TEntry = {
  id: string;
  category: string;
  urgent: boolean;
  text: string;
  unread: boolean;
  replyToId: string | null;
  correctsId: string | null;
  correctedById: string | null;
  readers: { name: string }[];
  attachments: { id: string; fileName: string; size: number }[];
};
type TPage = {
  items: TEntry[];
  nextCursor: string | null;
  unreadCount: number;
  unreadUrgentCount: number;
  writableCategories: string[];
};

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe('logbook: transmissions by category through the guard (decision 021)', () => {
  let t: TTestApp;
  const agents = {} as Record<TWho, TAgent>;
  const users = {} as Record<TWho, Awaited<ReturnType<typeof buildUser>>>;
  let personId: string;
  const posted = {} as Record<'medical' | 'social' | 'administrative' | 'daily_life', string>;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    users.manager = await buildUser(db, { role: 'coordinator' });
    users.nurse = await buildUser(db, { role: 'professional' });
    users.aide = await buildUser(db, { role: 'social' });
    users.aideGranted = await buildUser(db, { role: 'social' });
    users.outsider = await buildUser(db, { role: 'professional' });
    const person = await buildPerson(db, {
      caseManagerId: users.manager.memberId,
      team: [
        { memberId: users.nurse.memberId! },
        { memberId: users.aide.memberId! },
        { memberId: users.aideGranted.memberId!, medicalAccess: true },
      ],
    });
    personId = person.id;
    for (const key of Object.keys(users) as TWho[]) {
      agents[key] = await loginAs(t.app, users[key].email, TEST_PASSWORD);
    }
  });
  after(() => t.close());

  const url = (rest = '') => `/api/persons/${personId}/logbook${rest}`;
  const page = async (who: TWho, query = '') => {
    const response = await agents[who].request('GET', url(query));
    assert.equal(response.statusCode, 200, response.body);
    return response.json<TPage>();
  };
  const post = (who: TWho, body: Record<string, unknown>) =>
    agents[who].request('POST', url(), body);
  const rowCounts = async () => {
    const db = t.database.db;
    const [entries] = await db.select({ n: count() }).from(logbookEntries);
    const [files] = await db.select({ n: count() }).from(attachments);
    const [events] = await db.select({ n: count() }).from(pathwayEvents);
    const [told] = await db.select({ n: count() }).from(notifications);
    return [entries!.n, files!.n, events!.n, told!.n];
  };

  it('lets every team member post; a home aide may not post a medical entry (403)', async () => {
    const texts = {
      medical: 'TA 16/9 ce matin, vertiges au lever. Médecin traitant prévenu.',
      social: 'Dossier APA : la fille souhaite un rendez-vous avec l’assistante sociale.',
      administrative: 'Renouvellement de la carte Vitale envoyé.',
      daily_life: 'A bien mangé ce midi, moral meilleur, a reçu la visite de sa voisine.',
    };
    for (const category of Object.keys(texts) as (keyof typeof texts)[]) {
      const response = await post(category === 'daily_life' ? 'aide' : 'manager', {
        category,
        urgent: category === 'medical',
        text: texts[category],
      });
      assert.equal(response.statusCode, 201, response.body);
      posted[category] = response.json<{ id: string }>().id;
    }
    const refused = await post('aide', {
      category: 'medical',
      text: 'Chute dans la salle de bain',
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.deepEqual((await page('aide')).writableCategories, [
      'social',
      'administrative',
      'daily_life',
    ]);
  });

  it('shows each member only the categories the guard allows: list, filter, count, unread', async () => {
    const seen = async (who: TWho) => (await page(who)).items.map((e) => e.category).sort();
    assert.deepEqual(await seen('manager'), ['administrative', 'daily_life', 'medical', 'social']);
    assert.deepEqual(await seen('nurse'), ['administrative', 'daily_life', 'medical', 'social']);
    assert.deepEqual(await seen('aideGranted'), [
      'administrative',
      'daily_life',
      'medical',
      'social',
    ]);
    assert.deepEqual(await seen('aide'), ['administrative', 'daily_life', 'social']);
    assert.deepEqual((await page('aide', '?category=medical')).items, []);
    const aide = await page('aide');
    assert.equal(aide.unreadCount, 2, 'the social and administrative entries; not the medical one');
    assert.equal(aide.unreadUrgentCount, 0, 'the urgent entry is medical: not even counted');
    const nurse = await page('nurse');
    assert.equal(nurse.unreadCount, 4);
    assert.equal(nurse.unreadUrgentCount, 1);
    assert.equal(nurse.items[0]!.category, 'daily_life', 'newest first');
    assert.equal((await page('manager')).unreadCount, 1, 'the aide’s entry; not their own');
  });

  it('puts each entry on the timeline with its category: no medical event for the home aide', async () => {
    const kinds = async (who: TWho) => {
      const response = await agents[who].request(
        'GET',
        `/api/persons/${personId}/timeline?limit=100`,
      );
      assert.equal(response.statusCode, 200);
      return response
        .json<{ items: { kind: string; category: string; data: { logbookCategory: string } }[] }>()
        .items.filter((e) => e.kind === 'logbook.entry_posted')
        .map((e) => e.data.logbookCategory)
        .sort();
    };
    assert.deepEqual(await kinds('nurse'), ['administrative', 'daily_life', 'medical', 'social']);
    assert.deepEqual(await kinds('aide'), ['administrative', 'daily_life', 'social']);
  });

  it('tells of an urgent entry only the team members who may read its category', async () => {
    const told = await t.database.db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.kind, 'logbook.urgent'), eq(notifications.personId, personId)));
    assert.deepEqual(
      told.map((n) => n.userId).sort(),
      [users.nurse.id, users.aideGranted.id].sort(),
      'not the author, not the home aide without the grant, not the outsider',
    );
    const urgentDaily = await post('aide', {
      category: 'daily_life',
      urgent: true,
      text: 'Porte fermée à clé, ne répond pas : la voisine a les clés.',
    });
    assert.equal(urgentDaily.statusCode, 201);
    const [n] = await t.database.db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.kind, 'logbook.urgent'), eq(notifications.personId, personId)));
    assert.equal(n!.n, 2 + 3, 'the case manager, the nurse and the granted aide');
  });

  it('answers 404 to someone outside the team on every route, audited, and writes nothing', async () => {
    const before = await rowCounts();
    const outsider = agents.outsider;
    const answers = [
      await outsider.request('GET', url()),
      await outsider.request('POST', url(), { category: 'social', text: 'Bonjour' }),
      await outsider.request('POST', url('/read'), { entryIds: [posted.social] }),
      await outsider.request('GET', url(`/attachments/${posted.social}`)),
    ];
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [404, 404, 404, 404],
    );
    assert.deepEqual(await rowCounts(), before);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorUserId, users.outsider.id))
      .orderBy(desc(auditLog.seq));
    assert.deepEqual(
      rows
        .filter((r) => r.action.startsWith('logbook.'))
        .map((r) => [r.action, r.outcome])
        .reverse(),
      [
        ['logbook.read', 'denied'],
        ['logbook.entry_post', 'denied'],
        ['logbook.read_marked', 'denied'],
        ['logbook.attachment_download', 'denied'],
      ],
    );
  });

  it('keeps the original of a correction, shown as corrected; only its author corrects, once', async () => {
    const wrong = posted.medical;
    const notMine = await post('nurse', {
      category: 'medical',
      text: 'TA 13/8',
      correctsId: wrong,
    });
    assert.equal(notMine.statusCode, 422, notMine.body);
    const fixed = await post('manager', {
      category: 'social',
      text: 'Correction : TA 13/8 (et non 16/9).',
      correctsId: wrong,
    });
    assert.equal(fixed.statusCode, 201, fixed.body);
    const fixedId = fixed.json<{ id: string }>().id;
    const items = (await page('nurse')).items;
    const original = items.find((e) => e.id === wrong)!;
    const correction = items.find((e) => e.id === fixedId)!;
    assert.equal(original.text, 'TA 16/9 ce matin, vertiges au lever. Médecin traitant prévenu.');
    assert.equal(original.correctedById, fixedId);
    assert.equal(correction.correctsId, wrong);
    assert.equal(correction.category, 'medical', 'a correction keeps the category it corrects');
    assert.equal(
      (await page('aide')).items.some((e) => e.id === fixedId),
      false,
      'so the home aide does not see it either',
    );
    const again = await post('manager', { category: 'medical', text: 'x', correctsId: wrong });
    assert.equal(again.statusCode, 409, again.body);
  });

  it('links a reply to the entry it answers, unless the reader may not see that one', async () => {
    const reply = await post('nurse', {
      category: 'social',
      text: 'Vu avec la fille, elle passe jeudi.',
      replyToId: posted.social,
    });
    assert.equal(reply.statusCode, 201, reply.body);
    const replyId = reply.json<{ id: string }>().id;
    const onMedical = await post('nurse', {
      category: 'daily_life',
      text: 'Je passerai la voir demain matin.',
      replyToId: posted.medical,
    });
    assert.equal(onMedical.statusCode, 201);
    const onMedicalId = onMedical.json<{ id: string }>().id;
    const nurse = (await page('nurse')).items;
    assert.equal(nurse.find((e) => e.id === replyId)!.replyToId, posted.social);
    assert.equal(nurse.find((e) => e.id === onMedicalId)!.replyToId, posted.medical);
    const aide = (await page('aide')).items;
    assert.equal(aide.find((e) => e.id === replyId)!.replyToId, posted.social);
    assert.equal(
      aide.find((e) => e.id === onMedicalId)!.replyToId,
      null,
      'the hidden medical entry is not even pointed at',
    );
    const hidden = await post('aide', {
      category: 'social',
      text: 'Réponse',
      replyToId: posted.medical,
    });
    assert.equal(hidden.statusCode, 422, 'an entry the aide cannot see cannot be answered');
  });

  it('records read receipts per member; my unread count drops', async () => {
    const before = await page('aide');
    assert.ok(before.unreadCount > 0);
    const marked = await agents.aide.request('POST', url('/read'), {
      entryIds: [...before.items.map((e) => e.id), posted.medical],
    });
    assert.equal(marked.statusCode, 200, marked.body);
    assert.equal(
      marked.json<{ marked: number }>().marked,
      before.items.filter((e) => e.unread).length,
      'no receipt on the medical entry the aide may not see',
    );
    const after = await page('aide');
    assert.equal(after.unreadCount, 0);
    assert.ok(after.items.every((e) => !e.unread));
    const social = (await page('manager')).items.find((e) => e.id === posted.social)!;
    assert.deepEqual(social.readers.map((r) => r.name).sort(), ['Test coordinator', 'Test social']);
  });

  it('pages by cursor without losing or repeating an entry', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const body: TPage = await page('nurse', `?limit=2${cursor ? `&before=${cursor}` : ''}`);
      all.push(...body.items.map((e) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    const whole = (await page('nurse', '?limit=100')).items.map((e) => e.id);
    assert.deepEqual(all, whole);
  });

  const upload = (name: string, content: Buffer) => ({
    category: 'medical',
    text: 'Ordonnance jointe',
    attachments: [{ name, contentBase64: content.toString('base64') }],
  });

  it('refuses a renamed executable, an oversized file and path tricks, writing nothing', async () => {
    const before = await rowCounts();
    const cases: [string, Buffer, number, RegExp][] = [
      ['ordonnance.pdf', EXE, 415, /ni un PDF.*exe/],
      ['gros.pdf', Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x25), 413, /taille maximale \(10 Mo\)/],
      ['../../etc/passwd.pdf', PDF, 422, /pas de chemin/],
      ['..\\..\\x.pdf', PDF, 422, /pas de chemin/],
      [`${'a'.repeat(300)}.pdf`, PDF, 422, /120 caractères/],
      ['ordo\u202Efdp.exe', PDF, 422, /Renommez/],
      ['ordo\u0000.pdf', PDF, 400, /caractère nul/],
    ];
    for (const [name, content, status, message] of cases) {
      const response = await post('nurse', upload(name, content));
      assert.equal(response.statusCode, status, `${name.slice(0, 30)}: ${response.body}`);
      assert.match(response.body, message);
    }
    assert.deepEqual(await rowCounts(), before, 'no entry, file, event or notification');
  });

  it('stores an accepted PDF and downloads it intact, as an attachment, to those who see its entry', async () => {
    const response = await post('nurse', upload('Ordonnance été.pdf', PDF));
    assert.equal(response.statusCode, 201, response.body);
    const entry = (await page('nurse')).items.find(
      (e) => e.id === response.json<{ id: string }>().id,
    )!;
    assert.equal(entry.attachments.length, 1);
    const file = entry.attachments[0]!;
    assert.deepEqual([file.fileName, file.size], ['Ordonnance été.pdf', PDF.length]);
    const download = await agents.nurse.request('GET', url(`/attachments/${file.id}`));
    assert.equal(download.statusCode, 200);
    assert.equal(
      createHash('sha256').update(download.rawPayload).digest('hex'),
      createHash('sha256').update(PDF).digest('hex'),
    );
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(
      download.headers['content-disposition'],
      `attachment; filename="Ordonnance ete.pdf"; filename*=UTF-8''Ordonnance%20%C3%A9t%C3%A9.pdf`,
    );
    const aide = await agents.aide.request('GET', url(`/attachments/${file.id}`));
    assert.equal(aide.statusCode, 404, 'a medical entry’s file is as hidden as the entry');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorUserId, users.aide.id))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    assert.deepEqual([audit!.action, audit!.outcome], ['logbook.attachment_download', 'denied']);
  });
});
