import { useTranslation } from 'react-i18next';
import type { LevelView } from '../../api';

/** The integration level and every reason that produced it, in the reader's language. */
export function LevelPanel({ level, headingId }: { level: LevelView; headingId: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <div className="level-panel">
      <p className="level-value" aria-describedby={headingId}>
        {level.label ? level.label[locale] : t('assess.noLevel')}
      </p>
      {level.reasons.length > 0 && (
        <>
          <p className="hint">{t('assess.reasonsTitle')}</p>
          <ul className="level-reasons">
            {level.reasons.map((reason) => (
              <li key={reason.rule}>
                <span className={`tag tag-level-${reason.level}`}>
                  {t(`assess.levels.${reason.level}`)}
                </span>{' '}
                {reason[locale]}
              </li>
            ))}
          </ul>
        </>
      )}
      {level.hiddenReasons > 0 && (
        <p className="hint">{t('assess.hiddenReasons', { count: level.hiddenReasons })}</p>
      )}
    </div>
  );
}
