/** Messages the API answers with, in the reader's language (French first). */
const fr = {
  'request.invalid': 'Certaines informations sont invalides : corrigez les champs indiqués.',
  'request.malformed_json': "Le corps de la requête n'est pas du JSON valide.",
  'request.nul_character': 'contient un caractère nul (\\u0000), refusé',
  'request.too_large': 'La requête est trop volumineuse (1 Mo au plus).',
  'request.too_deep': 'Le JSON envoyé est imbriqué trop profondément ({max} niveaux au plus).',
  'request.unsupported_media':
    'Envoyez les données au format JSON (Content-Type: application/json).',
  'route.not_found': "Cette adresse de l'API n'existe pas.",
  'request.conflict':
    'Cet enregistrement existe déjà ou vient d’être modifié par quelqu’un d’autre. Rechargez et réessayez.',
  'request.retry':
    'Plusieurs demandes se sont croisées : rien n’a été enregistré. Réessayez dans un instant.',
  'request.refused': 'Requête refusée : {reason}',
  'internal.error':
    "Une erreur inattendue s'est produite. Rien n'a été enregistré. Réessayez ou signalez la référence {requestId}.",
  'auth.required': 'Connectez-vous pour continuer.',
  'auth.session_expired': 'Votre session a expiré : reconnectez-vous.',
  'auth.invalid_credentials': 'E-mail ou mot de passe incorrect.',
  'auth.locked':
    'Trop de tentatives de connexion. Par sécurité, réessayez dans {minutes} minutes ou réinitialisez votre mot de passe auprès du réseau.',
  'auth.ip_throttled': 'Trop de tentatives depuis cet appareil. Réessayez dans {minutes} minutes.',
  'auth.mfa_code_invalid': 'Code de vérification incorrect ou expiré.',
  'auth.mfa_code_used':
    'Ce code a déjà servi : attendez que votre application en affiche un nouveau (30 secondes au plus).',
  'auth.mfa_pending':
    'Saisissez le code de votre application d’authentification pour terminer la connexion.',
  'auth.mfa_setup_required':
    'Le réseau exige une double authentification pour votre rôle : activez-la sur la page « Mon compte ».',
  'auth.csrf':
    'Requête refusée (jeton anti-falsification manquant ou invalide). Rechargez la page.',
  'auth.forbidden_role': 'Votre rôle ne permet pas cette action.',
  'account.wrong_password': 'Le mot de passe actuel est incorrect.',
  'account.code_required':
    'Saisissez le code à 6 chiffres de votre application d’authentification.',
  'account.changed_meanwhile':
    'Votre compte a changé entre-temps (autre onglet, administrateur) : rechargez la page et recommencez.',
  'admin.actor_not_enabled':
    'Votre compte administrateur n’est plus actif : cette action est refusée.',
  'account.password_too_short': 'Le mot de passe doit comporter au moins 12 caractères.',
  'account.password_like_email': 'Le mot de passe ne doit pas reprendre votre adresse e-mail.',
  'account.totp_not_started':
    'Commencez par « Activer la double authentification » pour obtenir une clé.',
  'account.totp_required_by_role':
    'Le réseau exige la double authentification pour votre rôle : elle ne peut pas être désactivée.',
  'auth.reset_throttled':
    'Trop de demandes de nouveau mot de passe. Réessayez dans {minutes} minutes ou contactez le réseau.',
  'password_reset.not_found':
    "Ce lien n'existe pas. Vérifiez l'adresse, ou demandez un nouveau lien depuis la page de connexion.",
  'password_reset.expired':
    "Ce lien n'est plus valable (il dure une heure). Demandez-en un nouveau depuis la page de connexion.",
  'password_reset.used':
    'Ce lien a déjà servi. Connectez-vous avec votre nouveau mot de passe, ou demandez un nouveau lien.',
  'admin.cannot_disable_self':
    'Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.',
  'admin.own_second_factor':
    'Pour retirer votre propre double authentification, passez par la page « Mon compte » (avec votre mot de passe).',
  'admin.no_second_factor': "Ce compte n'a pas de double authentification à réinitialiser.",
  'admin.reset_invited':
    "Ce compte n'a pas encore de mot de passe : renvoyez-lui plutôt une invitation.",
  'admin.reset_disabled': "Ce compte est désactivé : réactivez-le d'abord.",
  'invitation.not_found':
    "Ce lien d'invitation n'existe pas. Vérifiez l'adresse ou demandez une nouvelle invitation.",
  'invitation.expired':
    "Ce lien d'invitation a expiré. Demandez une nouvelle invitation au réseau.",
  'invitation.used':
    "Ce lien d'invitation a déjà été utilisé. Connectez-vous avec votre mot de passe.",
  'invitation.email_taken': 'Un compte existe déjà avec cette adresse e-mail.',
  'invitation.link_mismatch':
    'Indiquez soit un profil professionnel, soit une personne suivie, selon le rôle.',
  'record.not_found': 'Introuvable : cet élément n’existe pas ou vous n’y avez pas accès.',
  'record.forbidden': "Vous n'avez pas le droit de faire cela pour cette personne.",
  'person.member_not_found': "Ce professionnel n'existe pas dans l'annuaire.",
  'person.already_in_team': 'Ce professionnel fait déjà partie du cercle de soins.',
  'mail.already_sent': 'Ce message est déjà parti : il n’y a rien à renvoyer.',
  'invitation.member_taken':
    'Ce professionnel de l’annuaire a déjà un compte : un seul compte par professionnel.',
  'invitation.person_taken':
    'Cette personne a déjà un compte : un seul compte par personne suivie.',
  'invitation.patient_by_case_manager':
    'Le compte d’une personne suivie est créé par son coordinateur·rice de parcours, depuis la liste « Personnes suivies » de sa page d’accueil.',
  'invitation.reveal_smtp':
    'Un serveur de messagerie est configuré : l’invitation part par e-mail et son lien n’est montré à personne.',
  'invitation.reveal_reset':
    'Un lien de nouveau mot de passe n’est lisible que par son destinataire.',
  'invitation.reveal_holds':
    'Ce compte donne déjà accès à des données (personne suivie ou cercle de soins) : son lien ne part que par e-mail à son destinataire.',
  'invitation.reveal_gone': 'Ce lien n’est plus utilisable : envoyez une nouvelle invitation.',
  'invitation.reveal_not_inviter':
    'Seul l’administrateur qui a envoyé cette invitation peut en copier le lien ; sinon, envoyez une nouvelle invitation.',
  'invitation.member_email_mismatch':
    'Ce professionnel suit déjà des personnes : son invitation ne part qu’à l’adresse e-mail de sa fiche dans l’annuaire.',
  'invitation.member_email_set_by_inviter':
    'Vous avez modifié l’adresse e-mail de ce professionnel, qui suit déjà des personnes : un·e autre administrateur·rice vérifie cette adresse et envoie l’invitation.',
  'person.not_in_team': 'Ce professionnel ne fait pas partie du cercle de soins.',
  'care_team.since_in_future':
    'la date de début ne peut pas être dans le futur : ajoutez le professionnel le jour où il commence',
  'care_team.until_not_future':
    'la date de fin doit être après aujourd’hui : pour arrêter aujourd’hui, retirez le professionnel du cercle',
  'person.objection_exists': 'Une opposition est déjà enregistrée pour ce professionnel.',
  'identity.name_format':
    "lettres, espaces, traits d'union et apostrophes uniquement (100 caractères au plus)",
  'identity.phone_format':
    'numéro de téléphone invalide : 10 chiffres (06 12 34 56 78) ou format international (+33 6…)',
  'identity.insee_format': 'code INSEE invalide : 5 chiffres, ou 2A/2B et 3 chiffres pour la Corse',
  'identity.country_format': 'code pays sur 2 lettres (ISO 3166), par exemple FR, DZ, PT',
  'identity.postal_code_format': 'code postal sur 5 chiffres',
  'identity.ins_format': 'matricule INS invalide : 15 caractères (NIR ou NIA, clé comprise)',
  'identity.ins_key':
    'la clé du matricule INS (2 derniers chiffres) ne correspond pas : vérifiez la saisie',
  'identity.oid_without_matricule': "l'OID n'a de sens qu'avec un matricule INS",
  'identity.status_needs_matricule':
    'une identité récupérée ou qualifiée a un matricule INS (obtenu par le téléservice INSi)',
  'identity.status_needs_document':
    "une identité validée ou qualifiée a été contrôlée sur une pièce d'identité : indiquez laquelle",
  'identity.matricule_needs_status':
    "avec un matricule INS, le statut est « récupérée » (ou « qualifiée » si l'identité a été contrôlée sur une pièce)",
  'identity.document_means_qualified':
    "matricule INS et pièce d'identité contrôlée : le statut est « qualifiée »",
  'identity.birth_future': 'la date de naissance ne peut pas être dans le futur',
  'identity.birth_too_old': 'la date de naissance ne peut pas être antérieure à 1890',
  'identity.birth_place_abroad':
    'une personne née à l’étranger n’a pas de commune de naissance française : videz le code INSEE ou le pays',
  'identity.one_trusted_person': 'une seule personne de confiance par personne',
  'identity.possible_duplicate':
    "Une personne avec une identité proche est peut-être déjà suivie : vérifiez les doublons, puis confirmez qu'il ne s'agit pas de la même personne.",
  'identity.followed_elsewhere':
    "Une personne avec cette identité est déjà suivie par le réseau : adressez-vous à l'équipe de coordination.",
  'identity.stale':
    "Cette identité vient d'être modifiée par quelqu'un d'autre : rechargez la page pour voir ses changements, puis refaites les vôtres.",
  'identity.merge_same':
    'choisissez un autre dossier : une fiche ne peut pas être fusionnée avec elle-même',
  'identity.already_merged': "L'un de ces dossiers a déjà été fusionné : rechargez la page.",
  'identity.merge_two_accounts':
    'Les deux dossiers ont chacun un compte patient : désactivez-en un avant de fusionner.',
  'directory.version_conflict':
    "Quelqu'un a modifié cette fiche pendant que vous la lisiez (version {current}). Rechargez-la : vos changements n'ont pas été enregistrés.",
  'directory.being_edited':
    "Quelqu'un enregistre une modification de cette fiche en ce moment. Rechargez-la dans un instant : vos changements n'ont pas été enregistrés.",
  'directory.forbidden': "Vous ne pouvez pas modifier cette fiche de l'annuaire.",
  'directory.organisation_not_found': "Cette structure n'existe pas dans l'annuaire.",
  'directory.duplicate_workplace':
    'Cette structure figure déjà dans la liste des lieux d’exercice.',
  'directory.geo_pair':
    'Indiquez la latitude et la longitude ensemble (ou aucune des deux) pour placer la structure sur la carte.',
  'directory.import_rejected':
    "L'import n'a rien enregistré : {count} ligne(s) à corriger (voir le détail).",
  'directory.import_empty': 'Le fichier ne contient aucune ligne à importer.',
  'directory.import_missing_columns':
    'Colonnes manquantes sur la première ligne : {missing}. Colonnes attendues : {expected}.',
  'directory.import_too_large': 'Le fichier dépasse {max} lignes : découpez-le.',
  'directory.import_organisation_ambiguous':
    "« {name} » : {count} structures portent ce nom dans l'annuaire : indiquez l'identifiant de la bonne (colonne organisation de l'export)",
  'validation.required': 'à renseigner',
  'validation.too_short': 'trop court : au moins {min} caractères',
  'validation.too_long': 'trop long : {max} caractères au plus',
  'validation.too_many': 'trop d’éléments : {max} au plus',
  'validation.too_few': 'au moins {min} élément(s)',
  'validation.number_too_small': 'doit valoir au moins {min}',
  'validation.number_too_big': 'doit valoir au plus {max}',
  'validation.not_in_list': 'valeur inconnue : choisissez dans la liste proposée',
  'validation.email': 'adresse e-mail invalide (exemple : prenom.nom@exemple.fr)',
  'validation.url': 'adresse web invalide (exemple : https://www.exemple.fr)',
  'validation.id': 'identifiant invalide',
  'validation.date': 'date invalide (exemple : 2026-11-28)',
  'validation.wrong_type': 'valeur du mauvais type : {expected} attendu',
  'validation.unknown_field': 'champ inconnu, à retirer : {keys}',
  'validation.invalid': 'valeur invalide',
  'validation.whole_number': 'nombre entier attendu',
  'directory.rpps_format': 'le numéro RPPS compte 11 chiffres',
  'directory.import_unknown_value': '« {value} » : valeur inconnue (voir les colonnes attendues)',
  'directory.adeli_format': 'le numéro ADELI compte 9 chiffres',
  'directory.gln_format': 'le numéro GLN compte 13 chiffres',
  'commune.unknown_code':
    'code INSEE inconnu : aucune commune française n’a ce code, choisissez la commune dans la liste',
  'commune.unknown_name':
    'commune inconnue : vérifiez l’orthographe ou choisissez la commune dans la liste proposée',
  'commune.name_mismatch':
    'ce nom n’est pas celui de la commune du code INSEE donné : choisissez la commune dans la liste',
  'commune.postcode_mismatch': 'ce code postal ne dessert pas la commune indiquée : vérifiez-le',
  'commune.unknown_postcode': 'code postal inconnu : vérifiez-le',
  'commune.search_throttled':
    'Trop de recherches de commune depuis cet appareil. Réessayez dans {minutes} minutes ou tapez le nom en entier.',
  'request.broken_text': 'contient un caractère illisible (abîmé à l’envoi) : retapez ce texte',
  'request.phone_format': 'numéro de téléphone invalide (exemple : 06 12 34 56 78)',
  'request.date_in_future': 'cette date est dans le futur : vérifiez-la',
  'request.birth_date_too_old': 'date de naissance avant 1900 : vérifiez-la',
  'request.consent_required':
    'Le consentement de la personne à l’intervention du réseau est obligatoire : indiquez comment et quand il a été recueilli.',
  'request.person_required':
    'Indiquez la personne : choisissez une personne suivie, ou saisissez son nom et son prénom.',
  'request.person_both':
    'Choisissez une personne suivie ou saisissez une nouvelle personne, pas les deux.',
  'request.difficulty_required': 'Cochez au moins une difficulté ou décrivez la situation.',
  'request.contact_required':
    'Indiquez un téléphone ou une adresse e-mail pour que le réseau puisse vous répondre.',
  'request.human_check_wrong': 'réponse incorrecte : refaites le calcul (en chiffres)',
  'request.human_check_expired': 'la question a expiré : demandez-en une nouvelle',
  'request.human_check_too_fast':
    'envoyé trop vite : relisez le formulaire et renvoyez-le dans quelques secondes',
  'request.human_check_used': 'cette question a déjà servi : répondez à une nouvelle question',
  'request.public_throttled':
    'Trop de demandes envoyées depuis cet appareil. Réessayez dans {minutes} minutes ou téléphonez au réseau.',
  'request.file_new_refused':
    'Votre rôle ne permet pas de déposer une demande pour une nouvelle personne : utilisez le formulaire public.',
  'request.already_answered':
    'Cette demande a déjà reçu sa réponse : elle ne peut plus être acceptée, réorientée ni refusée. Rechargez la file.',
  'request.assessor_unknown':
    'Ce professionnel n’a pas de compte actif dans Maillon : choisissez l’évaluateur dans la liste.',
  'request.assessor_objected':
    'La personne s’oppose au partage de ses données avec ce professionnel : choisissez un autre évaluateur.',
  'request.service_unknown': "Ce service n'existe pas dans l'annuaire.",
  'request.person_already_known':
    'Cette demande concerne déjà une personne suivie : elle ne peut pas être rattachée à une autre.',
  'assessments.answer_yes_no': 'oui ou non attendu',
  'assessments.answer_number': 'nombre entier attendu, dans les bornes de la question',
  'assessments.answer_choices': 'liste de valeurs proposées par la question, sans doublon',
  'assessments.answer_text': 'texte attendu, 2000 caractères au plus',
  'assessments.unknown_item': 'question inconnue dans cet instrument',
  'assessments.unknown_instrument': 'instrument inconnu : choisissez dans la liste proposée',
  'assessments.not_draft':
    'Cette évaluation est terminée et ne change plus : commencez-en une nouvelle pour la remplacer.',
  'assessments.draft_exists':
    'Une évaluation de ce type est déjà en cours pour cette personne : reprenez-la.',
  'assessments.incomplete':
    'Des questions obligatoires sont sans réponse : complétez-les avant de terminer l’évaluation.',
  'plans.invalid': 'Le plan n’a pas été enregistré : corrigez les éléments indiqués.',
  'plans.conflict':
    'Le plan a été enregistré par {by} (version {version}) depuis que vous l’avez ouvert : rien n’a été enregistré. Voyez ce qui a changé puis réappliquez vos modifications sur la nouvelle version.',
  'plans.duplicate_id': 'élément en double dans le plan',
  'plans.unknown_need': 'cet objectif doit être rattaché à un besoin du plan',
  'plans.unknown_goal': 'cette action doit être rattachée à un objectif du plan',
  'plans.dates_order': 'la fin doit suivre le début',
  'plans.goal_kept':
    'un objectif non atteint reste dans le plan : clôturez-le comme atteint ou abandonné avant de le retirer',
  'plans.unknown_member': 'ce professionnel n’existe pas dans l’annuaire',
  'plans.unknown_who': 'ce professionnel ou ce service n’existe pas dans l’annuaire',
  'plans.unknown_finding': 'cette question n’existe pas dans une évaluation de la personne',
  'plans.medical_not_allowed':
    'votre rôle ne donne pas accès aux besoins médicaux et psychologiques : demandez au gestionnaire de cas',
  'instruments.aggir_code':
    'code A, B ou C attendu (A : fait seul, C : ne fait pas, B : entre les deux)',
  'levels.gir_order':
    'le GIR de l’intégration complète doit être inférieur ou égal à celui de la coordination',
  'levels.services_order':
    'le nombre de types de services de l’intégration complète doit être au moins celui de la coordination',
  'levels.dimensions_order':
    'le nombre de dimensions de l’intégration complète doit être au moins celui de la coordination',
  // Pathway and caseload (decision 016)
  'pathway.none':
    "Cette personne n'a pas encore de parcours : il s'ouvre quand une demande d'appui est acceptée.",
  'pathway.stale':
    'Le parcours vient d’être modifié par quelqu’un d’autre : rechargez la page pour voir son état, puis recommencez.',
  'pathway.illegal':
    'Un parcours « {from} » ne peut pas passer à « {to} ». Depuis « {from} », il peut passer à : {allowed}.',
  'pathway.reason_required': 'indiquez pourquoi, en quelques mots',
  'pathway.expected_end_required': 'indiquez la date de fin prévue de la suspension',
  'pathway.close_reason_required': 'choisissez le motif de clôture',
  'pathway.no_level':
    "Le parcours ne peut pas devenir actif sans niveau d'intégration : terminez d'abord une évaluation.",
  'pathway.nobody_answers':
    'Le parcours ne peut pas devenir actif sans gestionnaire de cas (ou, au niveau liaison, sans professionnel référent) : désignez-le d’abord.',
  'pathway.referent_liaison_only':
    'Un professionnel référent remplace le gestionnaire de cas au seul niveau liaison ; à ce niveau-ci ({level}), désignez un gestionnaire de cas.',
  'pathway.referent_not_in_team':
    "le référent doit faire partie de l'équipe de soins de la personne : ajoutez-le d'abord à l'équipe",
  'caseload.cap_reached':
    '{name} suit déjà {count} personnes, le plafond est de {cap}. Choisissez un autre gestionnaire de cas, ou demandez à l’équipe de coordination de dépasser le plafond avec un motif.',
  'caseload.force_forbidden':
    'Seule l’équipe de coordination peut dépasser le plafond d’un gestionnaire de cas.',
  'caseload.force_reason_required': 'indiquez pourquoi le plafond est dépassé',
  'caseload.member_not_found': "ce professionnel n'existe pas dans l'annuaire",
  'caseload.no_member_profile':
    "Votre compte n'est pas relié à une fiche de l'annuaire : il n'a pas de file active.",
  'messages.no_member_profile':
    "Votre compte n'est pas relié à une fiche de l'annuaire : la messagerie est réservée aux membres du réseau.",
  'messages.not_member_account':
    "{name} n'a pas de compte actif de membre du réseau : choisissez quelqu'un d'autre.",
  'messages.not_in_team':
    "{name} n'est pas dans l'équipe de soins de {person} : ajoutez cette personne à l'équipe d'abord, ou retirez-la de la conversation.",
  'messages.former_member':
    "{name} ne fait plus partie de l'équipe de soins de {person} : retirez cette personne de la conversation.",
  'messages.objected':
    "{person} s'oppose au partage de ses informations avec {name} : cette personne ne peut pas être dans la conversation.",
  'messages.direct_one_other':
    'Une conversation directe se fait avec une seule autre personne : choisissez-en une, ou créez un groupe.',
  'messages.title_required': 'donnez un nom au groupe',
  'messages.direct_closed':
    "On n'ajoute personne à une conversation directe : créez un groupe pour écrire à plusieurs.",
  'messages.mention_not_participant':
    'On ne peut mentionner que les participants de la conversation : ajoutez la personne au groupe d’abord.',
  'logbook.entry_not_found':
    "L'entrée du cahier de liaison citée n'existe pas pour cette personne (ou vous ne la voyez pas).",
  'logbook.correct_own_only':
    'Seul·e l’auteur·rice d’une entrée peut la corriger : répondez-lui plutôt.',
  'logbook.already_corrected':
    'Cette entrée a déjà été corrigée : corrigez la dernière correction.',
  'logbook.reply_and_correct':
    'Une entrée répond à une autre ou en corrige une autre, pas les deux.',
  'attachments.too_large':
    'Le fichier « {name} » dépasse la taille maximale ({max} Mo) : réduisez-le ou scannez-le en plus basse résolution.',
  'attachments.bad_type':
    'Le fichier « {name} » n’est ni un PDF, ni une image PNG, JPEG ou WebP (contenu reconnu : {detected}). Seuls ces formats sont acceptés.',
  'attachments.bad_name':
    'Le nom de fichier « {name} » est refusé : pas de chemin (/, \\, ..), de caractère de contrôle, ni plus de {max} caractères. Renommez le fichier.',
  'attachments.bad_content': 'Le contenu du fichier « {name} » est illisible (base64 attendu).',
  'referrals.illegal_referral':
    'Impossible de {move} : l’adressage est « {state} ». Rechargez la page pour voir où il en est.',
  'referrals.illegal_recipient':
    'Impossible de {move} : la réponse de ce destinataire est « {state} ». Rechargez la page pour voir où en est l’adressage.',
  'referrals.recipient_unknown':
    "un des destinataires n'existe pas dans l'annuaire : choisissez-le à nouveau",
  'referrals.recipient_self': 'vous ne pouvez pas vous adresser la personne à vous-même',
  'referrals.first_date_past': 'la date du premier rendez-vous ne peut pas être passée',
  // Hospital stays and alerts (decision 024)
  'stays.facility_required':
    "indiquez l'établissement : choisissez-le dans l'annuaire ou écrivez son nom",
  'stays.facility_both':
    "choisissez l'établissement dans l'annuaire ou écrivez son nom, pas les deux",
  'stays.facility_not_found': "cet établissement n'existe pas dans l'annuaire",
  'stays.admitted_too_far':
    "la date d'entrée doit être dans les 20 dernières années ou l'année qui vient",
  'stays.already_open':
    'Un séjour est déjà en cours pour cette personne (entrée le {date}) : enregistrez d’abord sa sortie.',
  'stays.already_discharged': 'Ce séjour est déjà clos : la sortie a été enregistrée le {date}.',
  'stays.discharge_before_admission': "la sortie ne peut pas précéder l'entrée ({date})",
  'stays.discharge_in_future':
    'la sortie ne peut pas être dans le futur : enregistrez-la le jour venu',
  'alerts.not_standing':
    'Cette alerte est déjà {state} : rechargez la liste pour voir son état actuel.',
  'alerts.note_required': 'indiquez en quelques mots ce qui a été fait',
  'alerts.all_staff_only':
    'Seule l’équipe de coordination voit toutes les alertes : affichez les vôtres.',
  // Shared agenda (decision 029)
  'agenda.ends_before_start': 'la fin doit être après le début',
  'agenda.too_long': 'un rendez-vous dure 24 heures au plus : découpez-le ou faites-en une série',
  'agenda.participant_unknown':
    "un des participants n'existe pas dans l'annuaire : choisissez-le à nouveau",
  'agenda.not_in_team':
    'Ne font pas partie du cercle de soins de la personne : {names}. Ajoutez-les d’abord au cercle de soins, ou retirez-les du rendez-vous.',
  'agenda.place_organisation_required': "choisissez dans l'annuaire l'organisation où il a lieu",
  'agenda.conference_conflict':
    'Conférence non enregistrée : déjà pris·es à ce moment-là : {names}. Choisissez un autre créneau.',
  'agenda.rrule_invalid':
    'règle de récurrence illisible : choisissez une fréquence (tous les jours, chaque semaine…)',
  'agenda.rrule_empty': 'cette règle ne donne aucune date dans les 12 semaines qui viennent',
  'agenda.stale':
    'Ce rendez-vous a été modifié entre-temps (version {version}) : rien n’a été enregistré. Relisez la version actuelle et refaites vos changements.',
  'agenda.closed':
    'Ce rendez-vous est « {state} » : il ne peut plus être modifié. Planifiez-en un nouveau.',
  'agenda.illegal_move':
    'Impossible de passer ce rendez-vous à « {to} » : il est déjà « {state} ». Rechargez la page pour voir où il en est.',
  'agenda.reason_required': 'indiquez le motif de l’annulation',
  'agenda.not_started':
    'ce rendez-vous n’a pas encore commencé : il ne peut pas être réalisé ou manqué',
  'agenda.not_in_series': "Ce rendez-vous ne fait pas partie d'une série récurrente.",
  'alerts.forbidden':
    'Seul le responsable de l’alerte ou l’équipe de coordination peut la prendre en compte ou la clore.',
  // Working hours, absences and free slots (decision 030)
  'availability.forbidden':
    'Seuls ce professionnel, les responsables de sa structure et l’équipe de coordination peuvent modifier ses disponibilités.',
  'availability.range_order': 'la fin de la plage doit suivre son début (par exemple 08:30–12:00)',
  'availability.range_overlap':
    'cette plage chevauche une autre plage du même jour : fusionnez-les ou corrigez les horaires',
  'availability.absence_order': 'la fin de l’absence doit suivre son début',
  'availability.absence_too_long': 'une absence dure un an au plus : découpez-la',
  'availability.period_order': 'la fin de la période doit suivre son début',
  'availability.period_too_long': 'cherchez sur 31 jours au plus',
  'availability.hours_order': 'l’heure au plus tard doit suivre l’heure au plus tôt',
  'availability.unknown_member':
    "ce participant n'existe pas dans l'annuaire : choisissez-le à nouveau",
  'conferences.cancelled': 'cette concertation est annulée : elle ne peut plus être modifiée',
  'conferences.not_in_organiser_teams':
    '{name} n’est pas dans les cercles de soins de l’organisateur·rice de la concertation : seules les personnes qu’il·elle suit peuvent y être discutées',
  'conferences.already_listed': 'cette personne est déjà à l’ordre du jour',
  'conferences.written_back':
    'la décision est déjà reportée dans le plan de coordination : elle ne peut plus être changée ici',
  'conferences.order_mismatch':
    'l’ordre doit reprendre chaque personne de l’ordre du jour une fois',
  'conferences.no_decision': 'écrivez d’abord la décision prise',
  'conferences.plan_full':
    'les priorités du plan sont trop longues pour y ajouter la décision : raccourcissez-les dans le plan',
  'conferences.unknown_goal':
    'cet objectif n’est plus dans le plan (ou vous ne pouvez pas le voir) : rechargez et choisissez-en un autre',
  'conferences.who_not_in_team':
    'cette personne ne fait pas partie du cercle de soins : choisissez un membre de l’équipe',
  'reminders.leads': 'choisissez au plus deux délais de rappel différents',
} as const;

export type TMessageKey = keyof typeof fr;

const en: Record<TMessageKey, string> = {
  'request.invalid': 'Some information is invalid: correct the fields listed.',
  'request.malformed_json': 'The request body is not valid JSON.',
  'request.nul_character': 'contains a NUL character (\\u0000), refused',
  'request.too_large': 'The request is too large (1 MB at most).',
  'request.too_deep': 'The JSON sent is nested too deeply ({max} levels at most).',
  'request.unsupported_media': 'Send the data as JSON (Content-Type: application/json).',
  'route.not_found': 'This API address does not exist.',
  'request.conflict':
    'This record already exists or was just changed by someone else. Reload and try again.',
  'request.retry': 'Several requests crossed: nothing was saved. Try again in a moment.',
  'request.refused': 'Request refused: {reason}',
  'internal.error':
    'An unexpected error occurred. Nothing was saved. Try again or report reference {requestId}.',
  'auth.required': 'Log in to continue.',
  'auth.session_expired': 'Your session has expired: log in again.',
  'auth.invalid_credentials': 'Wrong e-mail or password.',
  'auth.locked':
    'Too many login attempts. For your security, try again in {minutes} minutes or ask the network to reset your password.',
  'auth.ip_throttled': 'Too many attempts from this device. Try again in {minutes} minutes.',
  'auth.mfa_code_invalid': 'Wrong or expired verification code.',
  'auth.mfa_code_used':
    'This code was already used: wait for your app to show a new one (30 seconds at most).',
  'auth.mfa_pending': 'Enter the code from your authenticator app to finish logging in.',
  'auth.mfa_setup_required':
    'The network requires two-factor authentication for your role: turn it on in "My account".',
  'auth.csrf': 'Request refused (anti-forgery token missing or invalid). Reload the page.',
  'auth.forbidden_role': 'Your role does not allow this action.',
  'account.wrong_password': 'The current password is wrong.',
  'account.code_required': 'Enter the 6-digit code from your authenticator app.',
  'account.changed_meanwhile':
    'Your account changed meanwhile (another tab, an administrator): reload the page and try again.',
  'admin.actor_not_enabled':
    'Your administrator account is no longer active: this action is refused.',
  'account.password_too_short': 'The password must be at least 12 characters long.',
  'account.password_like_email': 'The password must not contain your e-mail address.',
  'account.totp_not_started': 'First choose "Turn on two-factor authentication" to get a key.',
  'account.totp_required_by_role':
    'The network requires two-factor authentication for your role: it cannot be turned off.',
  'auth.reset_throttled':
    'Too many new-password requests. Try again in {minutes} minutes or contact the network.',
  'password_reset.not_found':
    'This link does not exist. Check the address, or ask for a new link from the login page.',
  'password_reset.expired':
    'This link is no longer valid (it lasts one hour). Ask for a new one from the login page.',
  'password_reset.used':
    'This link was already used. Log in with your new password, or ask for a new link.',
  'admin.cannot_disable_self': 'You cannot disable your own account: ask another administrator.',
  'admin.own_second_factor':
    'To remove your own second factor, use your account page (with your password).',
  'admin.no_second_factor': 'This account has no second factor to reset.',
  'admin.reset_invited': 'This account has no password yet: send the invitation again instead.',
  'admin.reset_disabled': 'This account is disabled: enable it first.',
  'invitation.not_found':
    'This invitation link does not exist. Check the address or ask for a new invitation.',
  'invitation.expired': 'This invitation link has expired. Ask the network for a new invitation.',
  'invitation.used': 'This invitation link was already used. Log in with your password.',
  'invitation.email_taken': 'An account already exists with this e-mail address.',
  'invitation.link_mismatch':
    'Give either a professional profile or a followed person, as the role requires.',
  'record.not_found': 'Not found: this item does not exist or you do not have access to it.',
  'record.forbidden': 'You are not allowed to do this for this person.',
  'person.member_not_found': 'This professional is not in the directory.',
  'person.already_in_team': 'This professional is already in the care team.',
  'mail.already_sent': 'This mail has already been sent: there is nothing to retry.',
  'invitation.member_taken':
    'This directory professional already has an account: one account per professional.',
  'invitation.person_taken': 'This person already has an account: one account per followed person.',
  'invitation.patient_by_case_manager':
    "A followed person's account is created by their case manager, from the “People you follow” list of their home page.",
  'invitation.reveal_smtp':
    'A mail server is configured: the invitation goes by e-mail and its link is shown to nobody.',
  'invitation.reveal_reset': 'A new-password link can only be read by its recipient.',
  'invitation.reveal_holds':
    'This account already gives access to data (a followed person or care teams): its link only goes by e-mail to its recipient.',
  'invitation.reveal_gone': 'This link can no longer be used: send a new invitation.',
  'invitation.reveal_not_inviter':
    'Only the administrator who sent this invitation may copy its link; otherwise, send a new invitation.',
  'invitation.member_email_mismatch':
    'This professional already follows people: their invitation only goes to the e-mail address on their directory entry.',
  'invitation.member_email_set_by_inviter':
    'You changed the e-mail address of this professional, who already follows people: another administrator checks that address and sends the invitation.',
  'person.not_in_team': 'This professional is not in the care team.',
  'care_team.since_in_future':
    'the start date cannot be in the future: add the professional on the day they start',
  'care_team.until_not_future':
    'the end date must be after today: to stop today, remove the professional from the team',
  'person.objection_exists': 'An objection is already recorded for this professional.',
  'identity.name_format': 'letters, spaces, hyphens and apostrophes only (100 characters at most)',
  'identity.phone_format':
    'invalid phone number: 10 digits (06 12 34 56 78) or international form (+33 6…)',
  'identity.insee_format': 'invalid INSEE code: 5 digits, or 2A/2B and 3 digits for Corsica',
  'identity.country_format': '2-letter country code (ISO 3166), e.g. FR, DZ, PT',
  'identity.postal_code_format': '5-digit postal code',
  'identity.ins_format': 'invalid INS matricule: 15 characters (NIR or NIA, key included)',
  'identity.ins_key': 'the INS matricule key (last 2 digits) does not match: check what was typed',
  'identity.oid_without_matricule': 'an OID only makes sense with an INS matricule',
  'identity.status_needs_matricule':
    'a retrieved or qualified identity has an INS matricule (from the INSi teleservice)',
  'identity.status_needs_document':
    'a validated or qualified identity was checked against an identity document: say which',
  'identity.matricule_needs_status':
    'with an INS matricule the status is "retrieved" (or "qualified" if the identity was checked against a document)',
  'identity.document_means_qualified':
    'INS matricule and a checked identity document: the status is "qualified"',
  'identity.birth_future': 'the birth date cannot be in the future',
  'identity.birth_too_old': 'the birth date cannot be before 1890',
  'identity.birth_place_abroad':
    'a person born abroad has no French commune of birth: clear the INSEE code or the country',
  'identity.one_trusted_person': 'one trusted person per person',
  'identity.possible_duplicate':
    'A person with a close identity may already be followed: check the duplicates, then confirm this is not the same person.',
  'identity.followed_elsewhere':
    'A person with this identity is already followed by the network: ask the coordination team.',
  'identity.stale':
    'Someone else has just changed this identity: reload the page to see their changes, then make yours again.',
  'identity.merge_same': 'choose another record: a record cannot be merged with itself',
  'identity.already_merged': 'One of these records has already been merged: reload the page.',
  'identity.merge_two_accounts': 'Both records have a patient account: disable one before merging.',
  'directory.version_conflict':
    'Someone changed this entry while you were reading it (version {current}). Reload it: your changes were not saved.',
  'directory.being_edited':
    'Someone is saving a change to this entry right now. Reload it in a moment: your changes were not saved.',
  'directory.forbidden': 'You may not edit this directory entry.',
  'directory.organisation_not_found': 'This organisation is not in the directory.',
  'directory.duplicate_workplace': 'This organisation is already in the list of workplaces.',
  'directory.geo_pair':
    'Give the latitude and the longitude together (or neither) to place the organisation on the map.',
  'directory.import_rejected': 'The import saved nothing: {count} row(s) to correct (see details).',
  'directory.import_empty': 'The file has no row to import.',
  'directory.import_missing_columns':
    'Columns missing from the first line: {missing}. Expected columns: {expected}.',
  'directory.import_too_large': 'The file has more than {max} rows: split it.',
  'directory.import_organisation_ambiguous':
    '“{name}”: {count} organisations have this name in the directory: give the id of the right one (organisation column of the export)',
  'validation.required': 'required',
  'validation.too_short': 'too short: at least {min} characters',
  'validation.too_long': 'too long: {max} characters at most',
  'validation.too_many': 'too many items: {max} at most',
  'validation.too_few': 'at least {min} item(s)',
  'validation.number_too_small': 'must be at least {min}',
  'validation.number_too_big': 'must be at most {max}',
  'validation.not_in_list': 'unknown value: choose one from the list',
  'validation.email': 'invalid e-mail address (example: first.last@example.org)',
  'validation.url': 'invalid web address (example: https://www.example.org)',
  'validation.id': 'invalid identifier',
  'validation.date': 'invalid date (example: 2026-11-28)',
  'validation.wrong_type': 'wrong kind of value: {expected} expected',
  'validation.unknown_field': 'unknown field, remove it: {keys}',
  'validation.invalid': 'invalid value',
  'validation.whole_number': 'whole number expected',
  'directory.rpps_format': 'an RPPS number has 11 digits',
  'directory.import_unknown_value': '"{value}": unknown value (see the expected columns)',
  'directory.adeli_format': 'an ADELI number has 9 digits',
  'directory.gln_format': 'a GLN number has 13 digits',
  'commune.unknown_code':
    'unknown INSEE code: no French commune has this code, choose the commune from the list',
  'commune.unknown_name': 'unknown commune: check the spelling or choose the commune from the list',
  'commune.name_mismatch':
    'this name is not that of the commune of the INSEE code given: choose the commune from the list',
  'commune.postcode_mismatch': 'this postcode does not serve the commune given: check it',
  'commune.unknown_postcode': 'unknown postcode: check it',
  'commune.search_throttled':
    'Too many commune searches from this device. Try again in {minutes} minutes or type the whole name.',
  'request.broken_text':
    'contains an unreadable character (damaged in transit): type this text again',
  'request.phone_format': 'invalid phone number (example: +33 6 12 34 56 78)',
  'request.date_in_future': 'this date is in the future: check it',
  'request.birth_date_too_old': 'birth date before 1900: check it',
  'request.consent_required':
    "The person's consent to the network's intervention is required: say how and when it was obtained.",
  'request.person_required':
    'Say who the request is about: choose a followed person, or type their first and last names.',
  'request.person_both': 'Choose a followed person or type a new person, not both.',
  'request.difficulty_required': 'Tick at least one difficulty or describe the situation.',
  'request.contact_required':
    'Give a phone number or an e-mail address so that the network can answer you.',
  'request.human_check_wrong': 'wrong answer: do the sum again (in digits)',
  'request.human_check_expired': 'the question has expired: ask for a new one',
  'request.human_check_too_fast': 'sent too fast: read the form again and send it in a few seconds',
  'request.human_check_used': 'this question was already used: answer a new question',
  'request.public_throttled':
    'Too many requests sent from this device. Try again in {minutes} minutes or phone the network.',
  'request.file_new_refused':
    'Your role cannot file a request for a new person: use the public form.',
  'request.already_answered':
    'This request has already been answered: it can no longer be accepted, redirected or declined. Reload the queue.',
  'request.assessor_unknown':
    'This professional has no active Maillon account: choose the assessor from the list.',
  'request.assessor_objected':
    'The person objects to sharing their data with this professional: choose another assessor.',
  'request.service_unknown': 'This service does not exist in the directory.',
  'request.person_already_known':
    'This request is already about a followed person: it cannot be attached to another.',
  'assessments.answer_yes_no': 'yes or no expected',
  'assessments.answer_number': 'a whole number expected, within the question’s bounds',
  'assessments.answer_choices': 'a list of values offered by the question, without repeats',
  'assessments.answer_text': 'text expected, 2000 characters at most',
  'assessments.unknown_item': 'no such question in this instrument',
  'assessments.unknown_instrument': 'unknown instrument: choose one from the list',
  'assessments.not_draft':
    'This assessment is completed and no longer changes: start a new one to replace it.',
  'assessments.draft_exists':
    'An assessment of this kind is already under way for this person: resume it.',
  'assessments.incomplete':
    'Some required questions have no answer: complete them before finishing the assessment.',
  'plans.invalid': 'The plan was not saved: correct the items listed.',
  'plans.conflict':
    '{by} saved the plan (version {version}) since you opened it: nothing was saved. See what changed, then re-apply your edits on the new version.',
  'plans.duplicate_id': 'item appears twice in the plan',
  'plans.unknown_need': 'this goal must belong to a need of the plan',
  'plans.unknown_goal': 'this action must belong to a goal of the plan',
  'plans.dates_order': 'the end must come after the start',
  'plans.goal_kept':
    'a goal not reached stays in the plan: close it as reached or abandoned before removing it',
  'plans.unknown_member': 'no such professional in the directory',
  'plans.unknown_who': 'no such professional or service in the directory',
  'plans.unknown_finding': 'no such question in an assessment of this person',
  'plans.medical_not_allowed':
    'your role does not give access to medical and psychological needs: ask the case manager',
  'instruments.aggir_code':
    'code A, B or C expected (A: does it alone, C: does not, B: in between)',
  'levels.gir_order': 'the GIR of full integration must be at most that of coordination',
  'levels.services_order':
    'the number of service types of full integration must be at least that of coordination',
  'levels.dimensions_order':
    'the number of dimensions of full integration must be at least that of coordination',
  'pathway.none':
    'This person has no pathway yet: it opens when a request for support is accepted.',
  'pathway.stale':
    'Someone else has just changed this pathway: reload the page to see its state, then try again.',
  'pathway.illegal':
    'A pathway "{from}" cannot move to "{to}". From "{from}" it can move to: {allowed}.',
  'pathway.reason_required': 'say why, in a few words',
  'pathway.expected_end_required': 'give the expected end date of the suspension',
  'pathway.close_reason_required': 'choose why the pathway closes',
  'pathway.no_level':
    'The pathway cannot become active without an integration level: complete an assessment first.',
  'pathway.nobody_answers':
    'The pathway cannot become active without a case manager (or, at the liaison level, a referent professional): name one first.',
  'pathway.referent_liaison_only':
    'A referent professional stands in for the case manager at the liaison level only; at this level ({level}), name a case manager.',
  'pathway.referent_not_in_team':
    "the referent must be in the person's care team: add them to the team first",
  'caseload.cap_reached':
    '{name} already follows {count} people, the cap is {cap}. Choose another case manager, or ask the coordination team to go over the cap with a reason.',
  'caseload.force_forbidden': "Only the coordination team may go over a case manager's cap.",
  'caseload.force_reason_required': 'say why the cap is exceeded',
  'caseload.member_not_found': 'this professional is not in the directory',
  'caseload.no_member_profile':
    'Your account is not linked to a directory entry: it has no caseload.',
  'messages.no_member_profile':
    'Your account is not linked to a directory entry: messages are for network members only.',
  'messages.not_member_account':
    '{name} has no active network member account: choose someone else.',
  'messages.not_in_team':
    "{name} is not in {person}'s care team: add them to the team first, or remove them from the conversation.",
  'messages.former_member':
    "{name} is no longer in {person}'s care team: remove them from the conversation.",
  'messages.objected':
    '{person} objects to sharing their information with {name}: they cannot be in the conversation.',
  'messages.direct_one_other':
    'A direct conversation is with one other person: choose one, or create a group.',
  'messages.title_required': 'give the group a name',
  'messages.direct_closed':
    'Nobody is added to a direct conversation: create a group to write to several people.',
  'messages.mention_not_participant':
    'Only participants of the conversation can be mentioned: add the person to the group first.',
  'logbook.entry_not_found':
    'The logbook entry referred to does not exist for this person (or you cannot see it).',
  'logbook.correct_own_only': 'Only the author of an entry may correct it: reply to it instead.',
  'logbook.already_corrected':
    'This entry has already been corrected: correct the latest correction.',
  'logbook.reply_and_correct': 'An entry answers another or corrects another, not both.',
  'attachments.too_large':
    'The file "{name}" is over the maximum size ({max} MB): make it smaller or scan it at a lower resolution.',
  'attachments.bad_type':
    'The file "{name}" is not a PDF, nor a PNG, JPEG or WebP image (content found: {detected}). Only these formats are accepted.',
  'attachments.bad_name':
    'The file name "{name}" is refused: no path (/, \\, ..), no control character, at most {max} characters. Rename the file.',
  'attachments.bad_content': 'The content of the file "{name}" is unreadable (base64 expected).',
  'referrals.illegal_referral':
    'Cannot {move}: the referral is "{state}". Reload the page to see where it stands.',
  'referrals.illegal_recipient':
    'Cannot {move}: this recipient\'s answer is "{state}". Reload the page to see where the referral stands.',
  'referrals.recipient_unknown': 'one of the recipients is not in the directory: choose it again',
  'referrals.recipient_self': 'you cannot refer the person to yourself',
  'referrals.first_date_past': 'the first appointment cannot be in the past',
  'stays.facility_required': 'name the facility: pick it from the directory or type its name',
  'stays.facility_both': 'pick the facility from the directory or type its name, not both',
  'stays.facility_not_found': 'this facility is not in the directory',
  'stays.admitted_too_far': 'the admission date must be within the last 20 years or the next year',
  'stays.already_open':
    'A stay is already open for this person (admitted {date}): record its discharge first.',
  'stays.already_discharged': 'This stay is already over: its discharge was recorded on {date}.',
  'stays.discharge_before_admission': 'the discharge cannot come before the admission ({date})',
  'stays.discharge_in_future': 'the discharge cannot be in the future: record it on the day',
  'alerts.not_standing': 'This alert is already {state}: reload the list to see where it stands.',
  'alerts.note_required': 'say in a few words what was done',
  'alerts.all_staff_only': 'Only the coordination team sees every alert: show yours.',
  'agenda.ends_before_start': 'the end must come after the start',
  'agenda.too_long': 'an appointment lasts 24 hours at most: split it or make it a series',
  'agenda.participant_unknown':
    'one of the participants is not in the directory: choose them again',
  'agenda.not_in_team':
    "Not in the person's care team: {names}. Add them to the care team first, or remove them from the appointment.",
  'agenda.place_organisation_required': 'pick the organisation where it takes place',
  'agenda.conference_conflict':
    'Conference not saved: already booked at that time: {names}. Choose another slot.',
  'agenda.rrule_invalid': 'unreadable recurrence rule: choose a frequency (daily, weekly…)',
  'agenda.rrule_empty': 'this rule gives no date in the coming 12 weeks',
  'agenda.stale':
    'This appointment was changed meanwhile (version {version}): nothing was saved. Read the current version and make your changes again.',
  'agenda.closed': 'This appointment is "{state}": it can no longer be changed. Plan a new one.',
  'agenda.illegal_move':
    'Cannot mark this appointment "{to}": it is already "{state}". Reload the page to see where it stands.',
  'agenda.reason_required': 'give the reason for the cancellation',
  'agenda.not_started': 'this appointment has not started yet: it cannot be done or missed',
  'agenda.not_in_series': 'This appointment is not part of a recurring series.',
  'alerts.forbidden':
    "Only the alert's owner or the coordination team may acknowledge or resolve it.",
  'availability.forbidden':
    "Only this professional, their organisation's editors and the coordination team may change their availability.",
  'availability.range_order': 'the end of the range must follow its start (e.g. 08:30–12:00)',
  'availability.range_overlap':
    'this range overlaps another range of the same day: merge them or correct the times',
  'availability.absence_order': 'the end of the absence must follow its start',
  'availability.absence_too_long': 'an absence lasts one year at most: split it',
  'availability.period_order': 'the end of the period must follow its start',
  'availability.period_too_long': 'search over 31 days at most',
  'availability.hours_order': 'the latest hour must follow the earliest hour',
  'availability.unknown_member': 'this participant is not in the directory: choose them again',
  'conferences.cancelled': 'this case conference is cancelled: it can no longer be changed',
  'conferences.not_in_organiser_teams':
    '{name} is not in the care teams of the conference organiser: only the persons they follow can be discussed',
  'conferences.already_listed': 'this person is already on the agenda',
  'conferences.written_back':
    'the decision is already in the coordination plan: it can no longer be changed here',
  'conferences.order_mismatch': 'the order must list every person of the agenda once',
  'conferences.no_decision': 'write the decision first',
  'conferences.plan_full':
    'the plan’s priorities are too long to add the decision: shorten them in the plan',
  'conferences.unknown_goal':
    'this goal is no longer in the plan (or you may not see it): reload and choose another one',
  'conferences.who_not_in_team': 'this member is not in the care team: choose a member of the team',
  'reminders.leads': 'choose at most two different reminder delays',
};

export type TLocale = 'fr' | 'en';
const catalogs: Record<TLocale, Record<TMessageKey, string>> = { fr, en };

/** Renders a message in the locale, filling {placeholders}. */
export function translate(
  locale: TLocale,
  key: TMessageKey,
  params: Record<string, string | number> = {},
): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? `{${name}}`),
  );
}

/** Picks fr or en from an Accept-Language header; French unless English is preferred. */
export function localeFromHeader(header: string | undefined): TLocale {
  if (!header) return 'fr';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}

/** Whether a string is a key of the catalog. */
export function isMessageKey(value: unknown): value is TMessageKey {
  return typeof value === 'string' && Object.hasOwn(fr, value);
}
