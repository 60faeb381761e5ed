import { useCallback, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type * as persons from '../../../../src/modules/persons/persons.schemas';
import { request, type PersonDetail } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { useErrorText } from '../../hooks';
import { Show, useLoaded } from '../directory/shared';

type PalliativeCare = z.output<typeof persons.ZPalliativeCare>;
type Choice = '' | 'yes' | 'no';

const url = (personId: string) => `/api/persons/${encodeURIComponent(personId)}/palliative-care`;
const choiceOf = (value: boolean | null): Choice => (value === null ? '' : value ? 'yes' : 'no');

/**
 * The palliative-care flag printed on the emergency liaison sheet (decisions 020, 027): health
 * data, so the section shows only to those the guard lets read medical data, and its form only to
 * those it lets write them (the person page's `can`); the API decides again and audits each access.
 */
export function PalliativeCareSection({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const fetcher = useCallback(() => request<PalliativeCare>('GET', url(person.id)), [person.id]);
  const [state, retry] = useLoaded(fetcher);
  return (
    <section className="card" aria-labelledby="palliative-title">
      <h2 id="palliative-title">{t('caseGaps.palliativeTitle')}</h2>
      <Show state={state} retry={retry}>
        {(value) =>
          person.can.writeMedical ? (
            <PalliativeForm personId={person.id} initial={value.palliativeCare} />
          ) : (
            <p>{t(`caseGaps.palliative.${choiceOf(value.palliativeCare) || 'unknown'}`)}</p>
          )
        }
      </Show>
    </section>
  );
}

function PalliativeForm({ personId, initial }: { personId: string; initial: boolean | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [choice, setChoice] = useState<Choice>(choiceOf(initial));
  const [saved, setSaved] = useState<Choice>(choiceOf(initial));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(false);
    setBusy(true);
    try {
      const answer = await request<PalliativeCare>('PUT', url(personId), {
        palliativeCare: choice === '' ? null : choice === 'yes',
      });
      setSaved(choiceOf(answer.palliativeCare));
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form"
      aria-label={t('caseGaps.palliativeTitle')}
      onSubmit={(event) => void save(event)}
    >
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <SelectField
        label={t('caseGaps.palliativeLabel')}
        name="palliativeCare"
        value={choice}
        onChange={(value) => {
          setDone(false);
          setChoice(value === 'yes' || value === 'no' ? value : '');
        }}
        options={[
          { value: '', label: t('caseGaps.palliative.unknown') },
          { value: 'yes', label: t('caseGaps.palliative.yes') },
          { value: 'no', label: t('caseGaps.palliative.no') },
        ]}
        hint={t('caseGaps.palliativeHint')}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || choice === saved}>
          {busy ? t('caseGaps.saving') : t('caseGaps.save')}
        </button>
      </div>
      {done && <Alert tone="success">{t('caseGaps.palliativeSaved')}</Alert>}
    </form>
  );
}
