import { useTranslation } from 'react-i18next';
import { Combobox } from '../../components/Combobox';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n';
import { conferencesApi, type Candidate } from './conferences-api';

/**
 * Finds a person to put on the conference's agenda (decision 039): words of the name and/or a
 * birth date, among the persons whose care team includes the organiser (the server searches
 * only those, each through the guard). The shared combobox: arrows, Enter adds, Escape; a person
 * already listed is offered but cannot be chosen twice.
 */
export function ConferencePersonPicker({
  appointmentId,
  busy,
  onPick,
}: {
  appointmentId: string;
  busy: boolean;
  /** Adds the person; true when done (the box is emptied for the next one). */
  onPick: (person: Candidate) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Combobox<Candidate>
      className="conference-picker"
      label={t('conferences.picker.label')}
      hint={t('conferences.picker.hint')}
      listLabel={t('conferences.picker.results')}
      search={(words, signal) => conferencesApi.candidates(appointmentId, words, signal)}
      keyOf={(person) => person.id}
      isDisabled={(person) => person.listed}
      busy={busy}
      onPick={onPick}
      words={{
        none: (query) => t('conferences.picker.none', { query }),
        found: (count) => t('conferences.picker.found', { count }),
        more: t('conferences.picker.more'),
      }}
      renderOption={(person) => (
        <>
          <span className="picker-option-name">
            {person.lastName.toUpperCase()} {person.firstName}
            {person.listed && <> — {t('conferences.picker.listed')}</>}
          </span>
          <span className="secondary">
            {[
              person.birthName && t('conferences.picker.born', { name: person.birthName }),
              person.birthDate &&
                t('conferences.picker.birthDate', { date: formatDate(person.birthDate, locale) }),
              person.commune,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </>
      )}
    />
  );
}
