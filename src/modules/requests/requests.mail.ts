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

/**
 * The copy of a decline sent to the person's GP, with the person's consent: who asked, for whom,
 * and the reason — nothing else of the request (the situation stays with the network).
 */
export function declineCopyToGpMail(
  row: TRequestRow,
  gp: { firstName: string; lastName: string; locale: string },
): { subject: string; body: string } {
  const person = `${row.personFirstName} ${row.personLastName}`;
  if (gp.locale === 'en') {
    return {
      subject: `Request for support ${row.reference} for ${person}: declined`,
      body: `Hello Dr ${gp.lastName},\n\n${row.requesterName} asked the network for support for your patient ${person} (reference ${row.reference}). With the person's consent, here is the coordination team's answer: it cannot take the request on, for this reason:\n\n${row.answerNote ?? ''}\n\nFor any question, phone the network, quoting the reference.`,
    };
  }
  return {
    subject: `Demande d’appui ${row.reference} pour ${person} : non retenue`,
    body: `Bonjour Docteur ${gp.lastName},\n\n${row.requesterName} a demandé l’appui du réseau pour votre patient·e ${person} (référence ${row.reference}). Avec l’accord de la personne, voici la réponse de l’équipe de coordination : elle ne peut pas y donner suite, pour la raison suivante :\n\n${row.answerNote ?? ''}\n\nPour toute question, téléphonez au réseau en rappelant la référence.`,
  };
}
