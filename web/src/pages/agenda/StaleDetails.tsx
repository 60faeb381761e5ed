import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api';

const FIELDS = ['time', 'participants', 'kind', 'place', 'title', 'notes'] as const;
type TField = (typeof FIELDS)[number];
const isField = (value: unknown): value is TField => FIELDS.includes(value as TField);

/**
 * A 409 "modified meanwhile" said in words: what the other person changed (the server's
 * `differs`) and a way to the current version, so nobody retypes blind.
 */
export function StaleDetails({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as { differs?: unknown; current?: { id?: unknown } } | null;
  if (!Array.isArray(details?.differs)) return null;
  const differs = details.differs.filter(isField);
  const id = typeof details?.current?.id === 'string' ? details.current.id : null;
  return (
    <>
      {differs.length > 0 && (
        <p>
          {t('agenda.series.staleChanged', {
            what: differs.map((field) => t(`agenda.series.staleFields.${field}`)).join(', '),
          })}
        </p>
      )}
      {id && (
        <Link to={`/agenda/rendez-vous/${encodeURIComponent(id)}`}>
          {t('agenda.series.seeCurrent')}
        </Link>
      )}
    </>
  );
}
