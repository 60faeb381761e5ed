import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PersonDetail } from '../../api';

/** The way to the person's plan, for those who read it (the team, the person, break-the-glass). */
export function PlanLink({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  return (
    <p>
      <Link className="button" to={`/persons/${person.id}/plan`}>
        {t('plan.open')}
      </Link>
    </p>
  );
}
