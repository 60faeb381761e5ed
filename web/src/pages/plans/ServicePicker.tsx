import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SearchResult } from '../../api';
import { useErrorText } from '../../hooks';
import type { PersonOption } from './plan-model';

/**
 * Finds a service in the directory to carry an action (a day centre, a home-help service…):
 * words, Enter or the button to search, then one button per service found to choose it.
 */
export function ServicePicker({ onPick }: { onPick: (option: PersonOption) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [words, setWords] = useState('');
  const [found, setFound] = useState<SearchResult[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function search() {
    if (!words.trim()) return;
    setError(null);
    try {
      const answer = await api.searchDirectory({ q: words.trim(), type: 'service', pageSize: '8' });
      setFound(answer.items);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="plan-service-picker">
      <div className="plan-add">
        <div className="field">
          <label htmlFor={id}>{t('plan.serviceSearch')}</label>
          <input
            id={id}
            type="search"
            value={words}
            onChange={(event) => setWords(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void search();
              }
            }}
          />
        </div>
        <button type="button" className="button button-small" onClick={() => void search()}>
          {t('plan.serviceSearchButton')}
        </button>
      </div>
      {error !== null && <p className="field-error">{errorText(error)}</p>}
      {found && found.length === 0 && <p className="muted">{t('plan.serviceNone')}</p>}
      {found && found.length > 0 && (
        <ul className="plain-list">
          {found.map((service) => (
            <li key={service.id}>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => {
                  onPick({ value: `service:${service.id}`, label: service.title });
                  setFound(null);
                  setWords('');
                }}
              >
                {t('plan.serviceChoose', { name: service.title })}
              </button>{' '}
              {service.subtitle && <span className="secondary">{service.subtitle}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
