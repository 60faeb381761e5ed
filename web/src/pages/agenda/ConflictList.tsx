import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { formatDateTime } from '../../format';
import type { Conflict } from './agenda-api';

/** Who is double-booked, and when (a warning after a save, or the reason of a refusal). */
export function ConflictList({ conflicts }: { conflicts: readonly Conflict[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <>
      <p>{t('agenda.conflictsIntro')}</p>
      <ul>
        {conflicts.map((conflict) => (
          <li key={`${conflict.memberId}-${conflict.appointmentId ?? conflict.startsAt}`}>
            {t(conflict.absent ? 'agenda.conflictAbsent' : 'agenda.conflictLine', {
              name: conflict.memberName,
              date: formatDateTime(conflict.startsAt, locale),
            })}
          </li>
        ))}
      </ul>
    </>
  );
}
