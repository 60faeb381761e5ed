import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/**
 * On a case manager's home: their caseload one click away. A plain link: reading the caseload
 * audits a read of each person, so it is read when opened, not on every visit home.
 */
export function CaseloadLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link className="button button-primary" to="/file-active">
        {t('caseload.title')}
      </Link>{' '}
      {t('caseload.homeLine')}
    </p>
  );
}
