import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '../../api';
import { currentLocale } from '../../i18n';
import { useSession } from '../../session';

/**
 * The emergency liaison sheet for the home (DLU-Dom, decision 020): a PDF the server builds for
 * the plan's readers (the team, the case manager, break-the-glass, the person); network staff do
 * not read social data, so they are not offered it. Medical items only for medical readers.
 */
export function EmergencySheetLink({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session || session.user.role === 'admin') return null;
  return (
    <p>
      <a
        className="button"
        href={`/api/persons/${person.id}/emergency-sheet.pdf?lang=${currentLocale()}`}
        target="_blank"
        rel="noopener"
      >
        {t('emergencySheet.print')}
      </a>{' '}
      <span className="hint">{t('emergencySheet.hint')}</span>
    </p>
  );
}
