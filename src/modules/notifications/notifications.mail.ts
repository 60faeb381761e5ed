/**
 * The notification mails (decision 025): they say only that something waits in Maillon, with a
 * link to the notifications page — no person, no kind, nothing medical (a mail leaves the
 * network's control).
 */

const SETTINGS_FR =
  'Ce message ne contient volontairement aucune information de santé. Vous pouvez choisir ce que vous recevez par e-mail dans « Mon compte ».';
const SETTINGS_EN =
  'This message holds no health information on purpose. You can choose what you receive by e-mail under "My account".';

/** An urgent notification waits. */
export function urgentMail(locale: string, baseUrl: string): { subject: string; body: string } {
  const url = `${baseUrl}/notifications`;
  if (locale === 'en') {
    return {
      subject: 'Maillon: an urgent notification',
      body: `Hello,\n\nAn urgent notification is waiting for you in Maillon.\nSign in to read it: ${url}\n\n${SETTINGS_EN}`,
    };
  }
  return {
    subject: 'Maillon : une notification urgente',
    body: `Bonjour,\n\nUne notification urgente vous attend dans Maillon.\nConnectez-vous pour la lire : ${url}\n\n${SETTINGS_FR}`,
  };
}

/** The daily digest: how many notifications are new and unread. */
export function digestMail(
  locale: string,
  baseUrl: string,
  count: number,
): { subject: string; body: string } {
  const url = `${baseUrl}/notifications`;
  if (locale === 'en') {
    const what = count === 1 ? '1 new notification' : `${count} new notifications`;
    return {
      subject: `Maillon: ${what}`,
      body: `Hello,\n\nYou have ${what} in Maillon since yesterday's summary.\nSign in to read them: ${url}\n\n${SETTINGS_EN}`,
    };
  }
  const what = count === 1 ? '1 nouvelle notification' : `${count} nouvelles notifications`;
  return {
    subject: `Maillon : ${what}`,
    body: `Bonjour,\n\nVous avez ${what} dans Maillon depuis le récapitulatif d’hier.\nConnectez-vous pour les lire : ${url}\n\n${SETTINGS_FR}`,
  };
}
