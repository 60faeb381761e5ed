import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { PersonSummary } from '../../api';
import { SelectField } from '../../components/Field';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from './shared';

const fetchPersons = () => api.listPersons().then((answer) => answer.items);

/** "Roux Jeanne · 12/03/1935 · Brives": enough to tell two namesakes apart. */
function personLabel(person: PersonSummary, locale: ReturnType<typeof currentLocale>): string {
  return [
    `${person.lastName} ${person.firstName}`,
    person.birthDate ? formatDate(person.birthDate, locale) : null,
    person.commune,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The person a patient (or caregiver) account is for, chosen among the people the signed-in user
 * follows (GET /api/persons: the server decides who may be offered, and audits the read).
 */
export function PersonPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (personId: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [persons] = useLoaded(fetchPersons);
  return (
    <Show state={persons}>
      {(items) => {
        const sorted = [...items].sort((a, b) =>
          `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, 'fr', {
            sensitivity: 'base',
          }),
        );
        return (
          <SelectField
            label={t('admin.invitePerson')}
            name="personId"
            hint={items.length === 0 ? t('admin.invitePersonNone') : t('admin.invitePersonHint')}
            value={value}
            onChange={onChange}
            options={[
              { value: '', label: t('admin.invitePersonChoose') },
              ...sorted.map((person) => ({ value: person.id, label: personLabel(person, locale) })),
            ]}
            error={error}
          />
        );
      }}
    </Show>
  );
}
