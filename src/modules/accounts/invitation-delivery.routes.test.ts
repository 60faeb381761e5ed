/**
 * Issue 17, point 8: an invitation says what became of its mail (queued for the mail server, or
 * kept because none is set), only the admin who sent it may copy its link (audited, a refusal
 * too), and the mail names the network.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, outbox } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { invitationMail } from './invitations.service.js';

type TInvited = { id: string; mail: { id: string; status: string } };
type TListedMail = { id: string; oneTimeLink: { revealable: boolean } | null };

describe('invitation delivery, link copy by its inviter, network name', () => {
  let t: TTestApp;
  let admin: TAgent;
  let otherAdmin: TAgent;
  let adminId: string;
  let otherAdminId: string;
  before(async () => {
    t = await createTestApp();
    const first = await buildUser(t.database.db, { role: 'admin' });
    const second = await buildUser(t.database.db, { role: 'admin' });
    [adminId, otherAdminId] = [first.id, second.id];
    admin = await loginAs(t.app, first.email, TEST_PASSWORD);
    otherAdmin = await loginAs(t.app, second.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const invite = async (email: string, locale: 'fr' | 'en' = 'fr') => {
    const response = await admin.request('POST', '/api/admin/invitations', {
      email,
      displayName: 'Inès Invitée',
      role: 'professional',
      locale,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<TInvited>();
  };
  const withSmtp = async <T>(fn: () => Promise<T>) => {
    const config = t.config as { smtpUrl: string | undefined };
    const saved = config.smtpUrl;
    config.smtpUrl = 'smtp://mail.example.invalid:25';
    try {
      return await fn();
    } finally {
      config.smtpUrl = saved;
    }
  };
  const mailRow = async (id: string) =>
    (await t.database.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
  const audits = (action: string, actor: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.actorUserId, actor)))
      .orderBy(desc(auditLog.seq));

  it('says the mail was kept, not sent, when no mail server is set, and names the mail', async () => {
    const answer = await invite('sans-serveur@msp.fr');
    assert.equal(answer.mail.status, 'no_mail_server');
    const row = await mailRow(answer.mail.id);
    assert.equal(row.toAddress, 'sans-serveur@msp.fr');
    assert.equal(row.invitationId, answer.id);
    assert.equal(row.sentAt, null);
  });

  it('says the mail is queued when a mail server is set', async () => {
    const answer = await withSmtp(() => invite('avec-serveur@msp.fr'));
    assert.equal(answer.mail.status, 'queued');
    assert.equal((await mailRow(answer.mail.id)).toAddress, 'avec-serveur@msp.fr');
  });

  it('lets only the admin who sent the invitation copy its link; another admin is refused, audited', async () => {
    const answer = await invite('a-remettre@msp.fr');
    const listedBy = async (agent: TAgent) =>
      (await agent.request('GET', '/api/admin/outbox'))
        .json<{ items: TListedMail[] }>()
        .items.find((m) => m.id === answer.mail.id)!;
    assert.equal((await listedBy(admin)).oneTimeLink?.revealable, true);
    assert.equal((await listedBy(otherAdmin)).oneTimeLink?.revealable, false);

    const refused = await otherAdmin.request('POST', `/api/admin/outbox/${answer.mail.id}/link`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().error.message, /Seul l’administrateur qui a envoyé/);
    assert.doesNotMatch(refused.body, /\/invitation\//);
    const [denied] = await audits('invitation.link_reveal', otherAdminId);
    assert.deepEqual(
      [denied?.outcome, denied?.reason, (denied?.details as { mailId?: string }).mailId],
      ['denied', 'not_inviter', answer.mail.id],
    );

    const copied = await admin.request('POST', `/api/admin/outbox/${answer.mail.id}/link`);
    assert.equal(copied.statusCode, 200, copied.body);
    assert.match(copied.json<{ link: string }>().link, /\/invitation\/[\w-]{20,}$/);
    const [allowed] = await audits('invitation.link_reveal', adminId);
    assert.equal(allowed?.outcome, 'success');
  });

  it('names the network in the invitation mail once an admin has set its name, in both languages', async () => {
    const before = await mailRow((await invite('avant-nom@msp.fr')).mail.id);
    assert.equal(before.subject, 'Votre invitation à Maillon');
    assert.match(before.body, /vous invite à rejoindre le réseau de santé sur Maillon/);

    const set = await admin.request('PUT', '/api/admin/settings', {
      networkName: '  Réseau de santé du Haut-Lys ',
    });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json<{ networkName: string }>().networkName, 'Réseau de santé du Haut-Lys');

    const fr = await mailRow((await invite('apres-nom@msp.fr')).mail.id);
    assert.equal(fr.subject, 'Votre invitation à « Réseau de santé du Haut-Lys » sur Maillon');
    assert.match(fr.body, /vous invite à rejoindre « Réseau de santé du Haut-Lys » sur Maillon/);
    const en = await mailRow((await invite('after-name@msp.fr', 'en')).mail.id);
    assert.equal(en.subject, 'Your invitation to “Réseau de santé du Haut-Lys” on Maillon');
    assert.match(en.body, /invites you to join “Réseau de santé du Haut-Lys” on Maillon/);

    // An empty name sets none: the mail speaks of the health network again.
    const cleared = await admin.request('PUT', '/api/admin/settings', { networkName: ' ' });
    assert.equal(cleared.json<{ networkName: string | null }>().networkName, null);
    assert.equal(
      invitationMail({ displayName: 'X', locale: 'fr' }, 'Y', null).subject,
      before.subject,
    );
  });

  it('refuses a network name longer than 120 characters, changing nothing', async () => {
    const response = await admin.request('PUT', '/api/admin/settings', {
      networkName: 'x'.repeat(121),
    });
    assert.equal(response.statusCode, 400);
    const current = await admin.request('GET', '/api/admin/settings');
    assert.equal(current.json<{ networkName: string | null }>().networkName, null);
  });
});
