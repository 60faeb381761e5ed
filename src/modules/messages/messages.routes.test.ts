import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  auditLog,
  careTeamMembers,
  conversations,
  messages,
  notifications,
  users,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { mentionedIn } from './messages.service.js';

type TUser = Awaited<ReturnType<typeof buildUser>>;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe('secure messages: participants, care-team rule, unread, mentions, paging', () => {
  let t: TTestApp;
  const u = {} as Record<'manager' | 'nurse' | 'aide' | 'outsider' | 'admin', TUser>;
  const a = {} as Record<keyof typeof u, TAgent>;
  let personId: string;
  let teamConversation: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const names = {
      manager: ['coordinator', 'Claire Moreau'],
      nurse: ['professional', 'Julien Petit'],
      aide: ['social', 'Sophie Garnier'],
      outsider: ['professional', 'Marc Lefèvre'],
      admin: ['admin', 'Anne Réseau'],
    } as const;
    for (const [key, [role, name]] of Object.entries(names) as [
      keyof typeof u,
      readonly [TUser['role'], string],
    ][]) {
      const user = await buildUser(db, { role });
      await db.update(users).set({ displayName: name }).where(eq(users.id, user.id));
      u[key] = { ...user, displayName: name };
      a[key] = await loginAs(t.app, user.email, TEST_PASSWORD);
    }
    personId = (
      await buildPerson(db, {
        caseManagerId: u.manager.memberId,
        team: [{ memberId: u.nurse.memberId! }, { memberId: u.aide.memberId! }],
      })
    ).id;
  });
  after(() => t.close());

  const auditsOf = (response: { headers: Record<string, unknown> }, action: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.requestId, String(response.headers['x-request-id'])),
          eq(auditLog.action, action),
        ),
      );
  const notificationsOf = (userId: string) =>
    t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt));

  it('refuses an outsider in a conversation about a person, naming who and why; nothing written', async () => {
    const before = (await t.database.db.select().from(conversations)).length;
    const refused = await a.manager.request('POST', '/api/conversations', {
      kind: 'group',
      title: 'Retour à domicile',
      personId,
      participantUserIds: [u.nurse.id, u.outsider.id],
    });
    assert.equal(refused.statusCode, 422, refused.body);
    const error = refused.json().error;
    assert.match(error.message, /Marc Lefèvre n'est pas dans l'équipe de soins de Jeanne Test/);
    assert.equal(error.details.userId, u.outsider.id);
    assert.equal(error.details.fields[0].field, 'participantUserIds');
    assert.equal((await t.database.db.select().from(conversations)).length, before);
  });

  it('lets the team talk about the person; non-participants get 404, audited', async () => {
    const created = await a.manager.request('POST', '/api/conversations', {
      kind: 'group',
      title: 'Retour à domicile',
      personId,
      participantUserIds: [u.nurse.id, u.aide.id],
    });
    assert.equal(created.statusCode, 201, created.body);
    teamConversation = created.json().id;
    assert.equal(created.json().participants.length, 3);
    assert.equal(created.json().person.id, personId);
    const [audit] = await auditsOf(created, 'conversation.create');
    assert.equal(audit?.outcome, 'allowed');
    assert.equal(audit?.personId, personId);

    // network staff see the person's record, but not the team's conversation
    for (const outsider of [a.outsider, a.admin]) {
      const read = await outsider.request('GET', `/api/conversations/${teamConversation}`);
      assert.equal(read.statusCode, 404);
      const [denied] = await auditsOf(read, 'conversation.read');
      assert.equal(denied?.outcome, 'denied');
      assert.equal(denied?.reason, 'not a participant of the conversation');
      const post = await outsider.request(
        'POST',
        `/api/conversations/${teamConversation}/messages`,
        { body: 'Je peux lire ?' },
      );
      assert.equal(post.statusCode, 404);
      assert.equal((await auditsOf(post, 'message.post'))[0]?.outcome, 'denied');
    }
    const read = await a.nurse.request('GET', `/api/conversations/${teamConversation}/messages`);
    assert.equal(read.statusCode, 200);
    assert.equal((await auditsOf(read, 'conversation.messages'))[0]?.outcome, 'allowed');
  });

  it('counts unread per conversation and in total, one message.new notification until read', async () => {
    for (const body of ['Sortie prévue jeudi.', 'Le lit médicalisé arrive mercredi.']) {
      const sent = await a.manager.request(
        'POST',
        `/api/conversations/${teamConversation}/messages`,
        { body },
      );
      assert.equal(sent.statusCode, 201, sent.body);
    }
    const inbox = (await a.nurse.request('GET', '/api/conversations')).json();
    const item = inbox.items.find((i: { id: string }) => i.id === teamConversation);
    assert.equal(item.unread, 2);
    assert.equal(item.lastMessage.body, 'Le lit médicalisé arrive mercredi.');
    assert.equal(item.lastMessage.authorName, 'Claire Moreau');
    assert.equal(inbox.unread, 2);
    assert.deepEqual((await a.nurse.request('GET', '/api/conversations/unread')).json(), {
      total: 2,
      conversations: 1,
    });
    // the author has nothing unread
    assert.equal((await a.manager.request('GET', '/api/conversations/unread')).json().total, 0);
    const told = (await notificationsOf(u.nurse.id)).filter((n) => n.kind === 'message.new');
    assert.equal(told.length, 1, 'one notification per conversation until read');
    assert.equal(told[0]!.link, `/messages/${teamConversation}`);
    assert.equal(told[0]!.personId, personId);

    const marked = await a.nurse.request('POST', `/api/conversations/${teamConversation}/read`);
    assert.deepEqual(marked.json(), { total: 0, conversations: 0 });
    const unreadNotes = (await notificationsOf(u.nurse.id)).filter((n) => n.readAt === null);
    assert.equal(unreadNotes.length, 0, 'reading the conversation reads its notifications');
    const view = (await a.nurse.request('GET', `/api/conversations/${teamConversation}`)).json();
    assert.equal(view.unread, 0);
    assert.ok(
      view.participants.find((p: { userId: string }) => p.userId === u.nurse.id).lastReadAt,
    );
  });

  it('notifies mentioned participants only; a mention of someone outside is refused', async () => {
    const refused = await a.nurse.request(
      'POST',
      `/api/conversations/${teamConversation}/messages`,
      { body: 'Voir avec lui', mentionUserIds: [u.outsider.id] },
    );
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.details.fields[0].field, 'mentionUserIds');

    const sent = await a.nurse.request('POST', `/api/conversations/${teamConversation}/messages`, {
      body: '@Sophie Garnier pouvez-vous passer demain ? @Marc Lefèvre est prévenu.',
    });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.deepEqual(sent.json().mentions, [u.aide.id]);
    const aideNotes = await notificationsOf(u.aide.id);
    assert.equal(aideNotes.filter((n) => n.kind === 'message.mention').length, 1);
    assert.equal((await notificationsOf(u.outsider.id)).length, 0, 'an outsider is never told');
    // the case manager, not mentioned, is told of new messages
    assert.ok((await notificationsOf(u.manager.id)).some((n) => n.kind === 'message.new'));
  });

  it('revokes a participant who leaves the care team at once (404, audited), and tells them nothing', async () => {
    const db = t.database.db;
    await db
      .update(careTeamMembers)
      .set({ until: new Date() })
      .where(
        and(eq(careTeamMembers.personId, personId), eq(careTeamMembers.memberId, u.aide.memberId!)),
      );
    const read = await a.aide.request('GET', `/api/conversations/${teamConversation}/messages`);
    assert.equal(read.statusCode, 404);
    const [denied] = await auditsOf(read, 'conversation.messages');
    assert.equal(denied?.reason, 'no longer a member of the care team');
    const inbox = await a.aide.request('GET', '/api/conversations');
    assert.ok(!inbox.json().items.some((i: { id: string }) => i.id === teamConversation));
    assert.equal((await auditsOf(inbox, 'conversation.list'))[0]?.outcome, 'denied');
    const before = (await notificationsOf(u.aide.id)).length;
    await a.manager.request('POST', `/api/conversations/${teamConversation}/messages`, {
      body: '@Sophie Garnier merci pour tout.',
    });
    assert.equal((await notificationsOf(u.aide.id)).length, before);
    assert.equal((await a.aide.request('GET', '/api/conversations/unread')).json().total, 0);
    const view = (await a.manager.request('GET', `/api/conversations/${teamConversation}`)).json();
    assert.equal(
      view.participants.find((p: { userId: string }) => p.userId === u.aide.id).hasAccess,
      false,
    );
    // adding her back is refused too, with the reason
    const added = await a.manager.request(
      'POST',
      `/api/conversations/${teamConversation}/participants`,
      { userIds: [u.outsider.id] },
    );
    assert.equal(added.statusCode, 422);
  });

  it('carries files checked by content; only those who may read the conversation download them', async () => {
    const path = `/api/conversations/${teamConversation}/messages`;
    const count = async () =>
      (
        await t.database.db
          .select()
          .from(messages)
          .where(eq(messages.conversationId, teamConversation))
      ).length;
    const before = await count();
    // a renamed executable, a path in the name: refused with a clear message, nothing written
    const exe = await a.manager.request('POST', path, {
      body: 'Ordonnance jointe',
      attachments: [{ name: 'ordonnance.pdf', contentBase64: EXE.toString('base64') }],
    });
    assert.equal(exe.statusCode, 415, exe.body);
    assert.match(exe.json().error.message, /ordonnance\.pdf/);
    const tricked = await a.manager.request('POST', path, {
      body: 'Ordonnance jointe',
      attachments: [{ name: '../../x.pdf', contentBase64: PDF.toString('base64') }],
    });
    assert.equal(tricked.statusCode, 422, tricked.body);
    assert.equal(await count(), before);

    const posted = await a.manager.request('POST', path, {
      body: 'Ordonnance jointe',
      attachments: [{ name: 'Ordonnance Dr Martin.pdf', contentBase64: PDF.toString('base64') }],
    });
    assert.equal(posted.statusCode, 201, posted.body);
    const [file] = posted.json().attachments;
    assert.equal(file.fileName, 'Ordonnance Dr Martin.pdf');
    assert.equal(file.mimeType, 'application/pdf');
    const listed = (await a.nurse.request('GET', path)).json().items[0];
    assert.deepEqual(listed.attachments, [file]);

    const download = `/api/conversations/${teamConversation}/attachments/${file.id}`;
    const got = await a.nurse.request('GET', download);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.rawPayload, PDF);
    assert.equal(got.headers['x-content-type-options'], 'nosniff');
    assert.match(String(got.headers['content-disposition']), /^attachment;/);
    assert.equal((await auditsOf(got, 'message.attachment_download'))[0]?.outcome, 'allowed');
    // a participant who left the team, and network staff outside the conversation: 404, audited
    for (const [agent, reason] of [
      [a.aide, 'no longer a member of the care team'],
      [a.admin, 'not a participant of the conversation'],
    ] as const) {
      const refused = await agent.request('GET', download);
      assert.equal(refused.statusCode, 404);
      const [denied] = await auditsOf(refused, 'message.attachment_download');
      assert.equal(denied?.outcome, 'denied');
      assert.equal(denied?.reason, reason);
    }
    // an attachment id of another conversation is not found through this one
    const other = await a.nurse.request('POST', '/api/conversations', {
      kind: 'direct',
      participantUserIds: [u.manager.id],
    });
    const otherId = other.json().id;
    const misrouted = await a.nurse.request(
      'GET',
      `/api/conversations/${otherId}/attachments/${file.id}`,
    );
    assert.equal(misrouted.statusCode, 404);
  });

  it('direct conversations: one other person, found again, closed to others; not person data', async () => {
    const first = await a.nurse.request('POST', '/api/conversations', {
      kind: 'direct',
      participantUserIds: [u.outsider.id],
    });
    assert.equal(first.statusCode, 201, first.body);
    const again = await a.outsider.request('POST', '/api/conversations', {
      kind: 'direct',
      participantUserIds: [u.nurse.id],
    });
    assert.equal(again.json().id, first.json().id);
    const two = await a.nurse.request('POST', '/api/conversations', {
      kind: 'direct',
      participantUserIds: [u.outsider.id, u.manager.id],
    });
    assert.equal(two.statusCode, 422);
    const added = await a.nurse.request(
      'POST',
      `/api/conversations/${first.json().id}/participants`,
      { userIds: [u.manager.id] },
    );
    assert.equal(added.statusCode, 422);
    assert.equal(
      (await a.manager.request('GET', `/api/conversations/${first.json().id}`)).statusCode,
      404,
    );
    const patient = await buildUser(t.database.db, { role: 'patient', personId });
    const refused = await a.nurse.request('POST', '/api/conversations', {
      kind: 'direct',
      participantUserIds: [patient.id],
    });
    assert.equal(refused.statusCode, 422);
  });

  it('pages messages newest first by cursor, without loss or repeat on equal times', async () => {
    const db = t.database.db;
    const created = await a.manager.request('POST', '/api/conversations', {
      kind: 'group',
      title: 'Paging',
      participantUserIds: [u.nurse.id],
    });
    const id = created.json().id as string;
    const at = new Date('2026-01-01T10:00:00.123456Z');
    await db.insert(messages).values(
      Array.from({ length: 25 }, (_, i) => ({
        conversationId: id,
        authorUserId: u.manager.id,
        body: `Message ${String(i)}`,
        createdAt: i < 10 ? at : new Date(at.getTime() + i * 1000),
      })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=7&before=${cursor}` : '?limit=7';
      const page = (
        await a.nurse.request('GET', `/api/conversations/${id}/messages${query}`)
      ).json<{
        items: { id: string; createdAt: string }[];
        nextCursor: string | null;
      }>();
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 25);
    assert.equal(new Set(seen).size, 25);
    assert.equal(
      (await a.nurse.request('GET', `/api/conversations/${id}/messages?before=${id}`)).json().items
        .length,
      0,
    );
  });

  it('opens the team of a person for those who may talk about them', async () => {
    const team = await a.manager.request('GET', `/api/persons/${personId}/conversation-team`);
    assert.equal(team.statusCode, 200);
    assert.deepEqual(
      team.json().items.map((i: { userId: string }) => i.userId),
      [u.nurse.id],
    );
    const refused = await a.outsider.request('GET', `/api/persons/${personId}/conversation-team`);
    assert.equal(refused.statusCode, 404);
    assert.equal((await auditsOf(refused, 'conversation.team'))[0]?.outcome, 'denied');
    const found = await a.manager.request('GET', '/api/conversations/candidates?q=lef');
    assert.deepEqual(
      found.json().items.map((i: { name: string }) => i.name),
      ['Marc Lefèvre'],
    );
  });

  it('moves conversations about a person with a merge into the kept record', async () => {
    const db = t.database.db;
    const kept = await buildPerson(db, {
      caseManagerId: u.manager.memberId,
      team: [{ memberId: u.nurse.memberId! }],
    });
    const merged = await a.admin.request('POST', `/api/persons/${kept.id}/merge`, {
      duplicatePersonId: personId,
    });
    assert.equal(merged.statusCode, 200, merged.body);
    const [row] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.id, teamConversation));
    assert.equal(row?.personId, kept.id);
    // the team of the kept record reads it; the message notifications still open it
    assert.equal(
      (await a.nurse.request('GET', `/api/conversations/${teamConversation}`)).statusCode,
      200,
    );
    const links = await db
      .select({ link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.personId, kept.id), isNull(notifications.readAt)));
    assert.ok(links.every((l) => l.link === `/messages/${teamConversation}`));
  });

  it('recognises @mentions by the full name, not inside a word or an e-mail', () => {
    const people = [
      { userId: 'a', name: 'Sophie Garnier' },
      { userId: 'b', name: 'Julien Petit' },
    ];
    assert.deepEqual(mentionedIn('Merci @sophie garnier.', people), ['a']);
    assert.deepEqual(mentionedIn('écrire à x@Julien Petitjean', people), []);
    assert.deepEqual(mentionedIn('@Julien Petit, @Sophie Garnier', people), ['a', 'b']);
  });
});
