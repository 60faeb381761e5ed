import type { TRequestRow } from './requests.repository.js';

/** The answer mailed to the requester, in their language. */
export function answerMail(
  row: TRequestRow,
  answer: { serviceName?: string | undefined; assessorName?: string | undefined },
): { subject: string; body: string } {
  const person = `${row.personFirstName} ${row.personLastName}`;
  if (row.requesterLocale === 'en') {
    const what =
      row.state === 'accepted'
        ? `The network's coordination team has accepted it: ${answer.assessorName ?? 'a coordinator'} will assess the situation and contact you.`
        : row.state === 'redirected'
          ? `The coordination team suggests a service better placed to help: ${answer.serviceName ?? ''}.${row.answerNote ? `\n\n${row.answerNote}` : ''}`
          : `The coordination team cannot take it on, for this reason:\n\n${row.answerNote ?? ''}`;
    return {
      subject: `Your request for support ${row.reference}`,
      body: `Hello ${row.requesterName},\n\nYou asked the network for support for ${person} (reference ${row.reference}).\n${what}\n\nFor any question, reply to this message or phone the network, quoting the reference.`,
    };
  }
  const what =
    row.state === 'accepted'
      ? `L’équipe de coordination du réseau l’a acceptée : ${answer.assessorName ?? 'un·e coordinateur·rice'} va évaluer la situation et vous contactera.`
      : row.state === 'redirected'
        ? `L’équipe de coordination vous oriente vers un service mieux placé pour aider : ${answer.serviceName ?? ''}.${row.answerNote ? `\n\n${row.answerNote}` : ''}`
        : `L’équipe de coordination ne peut pas y donner suite, pour la raison suivante :\n\n${row.answerNote ?? ''}`;
  return {
    subject: `Votre demande d’appui ${row.reference}`,
    body: `Bonjour ${row.requesterName},\n\nVous avez demandé l’appui du réseau pour ${person} (référence ${row.reference}).\n${what}\n\nPour toute question, répondez à ce message ou téléphonez au réseau en rappelant la référence.`,
  };
}
