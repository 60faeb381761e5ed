import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { formatDay } from '../../format';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../admin/shared';

/**
 * The person page header's line on the integration level: the level in force (the case manager's
 * override beside the computed one), the GIR of the latest AGGIR and the next reassessment, with
 * a link to the assessments. A reader the guard refuses the level (network staff) sees none.
 */
export function LevelSummary({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const fetcher = useCallback(() => api.getPersonLevel(personId), [personId]);
  const [state] = useLoaded(fetcher);
  if (state.status !== 'ready') return null;
  const level = state.data;
  const link = <Link to={`/persons/${personId}/assessments`}>{t('assess.open')}</Link>;
  if (!level.levelInForce) {
    return (
      <p className="level-summary">
        {t('assess.noLevelYet')} {link}
      </p>
    );
  }
  return (
    <p className="level-summary">
      <span className={`tag tag-level-${level.levelInForce}`}>
        {t('assess.levelTag', { level: t(`assess.levels.${level.levelInForce}`) })}
      </span>
      {level.override && (
        <>
          {' '}
          <span className="secondary">
            {level.level
              ? t('assess.overriddenFrom', { level: t(`assess.levels.${level.level}`) })
              : t('assess.overridden')}
          </span>
        </>
      )}
      {level.gir !== null && <> · {t('assess.girValue', { gir: level.gir })}</>}
      {level.reassessmentDue && (
        <> · {t('assess.nextReassessment', { date: formatDay(level.reassessmentDue, locale) })}</>
      )}{' '}
      · {link}
    </p>
  );
}
