import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CommunePicker } from '../communes/CommunePicker';
import { ApiError, CONSENT_HOW, DIFFICULTIES, URGENCIES } from '../../api';
import type { ConsentHow, Difficulty, Urgency } from '../../api';
import { Field, TextAreaField } from '../../components/Field';

/** The server's field messages keyed by their whole path ("newPerson.lastName", "consent"). */
export function pathErrorsOf(error: unknown): Record<string, string> {
  const fields = error instanceof ApiError ? (error.details as { fields?: unknown })?.fields : null;
  const result: Record<string, string> = {};
  if (!Array.isArray(fields)) return result;
  for (const item of fields as { field?: unknown; message?: unknown }[]) {
    if (typeof item.field === 'string' && typeof item.message === 'string')
      result[item.field] ??= item.message;
  }
  return result;
}

/** What every request describes: difficulties, urgency, what is in place, consent. */
export type TSituation = {
  difficulties: Difficulty[];
  difficultiesNote: string;
  urgency: Urgency;
  alreadyInPlace: string;
  consentHow: ConsentHow | '';
  consentOn: string;
  shareWithGp: boolean;
};

export const emptySituation = (): TSituation => ({
  difficulties: [],
  difficultiesNote: '',
  urgency: 'week',
  alreadyInPlace: '',
  consentHow: '',
  consentOn: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }),
  shareWithGp: false,
});

/** The situation as the API takes it (empty texts left out, consent only when chosen). */
export function situationBody(s: TSituation) {
  return {
    difficulties: s.difficulties,
    urgency: s.urgency,
    ...(s.difficultiesNote.trim() ? { difficultiesNote: s.difficultiesNote } : {}),
    ...(s.alreadyInPlace.trim() ? { alreadyInPlace: s.alreadyInPlace } : {}),
    ...(s.consentHow
      ? { consent: { how: s.consentHow, obtainedOn: s.consentOn, shareWithGp: s.shareWithGp } }
      : {}),
  };
}

type SituationProps = {
  /** More optional fields to fold with the situation's texts. */
  extra?: ReactNode;
  value: TSituation;
  onChange: (value: TSituation) => void;
  errors: Record<string, string>;
};

/** The checklist as large tap targets, urgency and consent as choices, two optional texts. */
export function SituationFields({ value, onChange, errors, extra }: SituationProps) {
  const { t } = useTranslation();
  const set = (changes: Partial<TSituation>) => onChange({ ...value, ...changes });
  const toggle = (item: Difficulty) =>
    set({
      difficulties: value.difficulties.includes(item)
        ? value.difficulties.filter((d) => d !== item)
        : [...value.difficulties, item],
    });
  return (
    <>
      <fieldset
        className="tap-group"
        aria-describedby={errors.difficulties ? 'difficulties-error' : undefined}
      >
        <legend>{t('requests.difficulties')}</legend>
        <div className="tap-grid">
          {DIFFICULTIES.map((item) => (
            <label key={item} className="tap-target">
              <input
                type="checkbox"
                name="difficulties"
                checked={value.difficulties.includes(item)}
                onChange={() => toggle(item)}
                aria-invalid={errors.difficulties ? true : undefined}
              />
              <span>{t(`requests.difficulty.${item}`)}</span>
            </label>
          ))}
        </div>
        {errors.difficulties && (
          <p className="field-error" id="difficulties-error">
            {errors.difficulties}
          </p>
        )}
      </fieldset>
      <fieldset className="tap-group">
        <legend>{t('requests.urgencyLabel')}</legend>
        <div className="tap-grid tap-grid-3">
          {URGENCIES.map((item) => (
            <label key={item} className="tap-target">
              <input
                type="radio"
                name="urgency"
                checked={value.urgency === item}
                onChange={() => set({ urgency: item })}
              />
              <span>{t(`requests.urgency.${item}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {/* Optional texts stay folded on a phone until wanted (open when the server named one). */}
      <details
        className="more-details"
        open={Boolean(errors.difficultiesNote ?? errors.alreadyInPlace) || undefined}
      >
        <summary>{t('requests.moreDetails')}</summary>
        <TextAreaField
          label={t('requests.difficultiesNote')}
          name="difficultiesNote"
          value={value.difficultiesNote}
          onChange={(event) => set({ difficultiesNote: event.target.value })}
          error={errors.difficultiesNote}
        />
        <TextAreaField
          label={t('requests.alreadyInPlace')}
          hint={t('requests.alreadyInPlaceHint')}
          name="alreadyInPlace"
          value={value.alreadyInPlace}
          onChange={(event) => set({ alreadyInPlace: event.target.value })}
          error={errors.alreadyInPlace}
        />
        {extra}
      </details>
      <fieldset
        className={`tap-group${errors.consent ? ' field-invalid' : ''}`}
        aria-describedby={errors.consent ? 'consent-error' : undefined}
      >
        <legend>{t('requests.consentLabel')}</legend>
        <p className="hint">{t('requests.consentHint')}</p>
        <div className="tap-grid tap-grid-3">
          {CONSENT_HOW.map((item) => (
            <label key={item} className="tap-target">
              <input
                type="radio"
                name="consentHow"
                checked={value.consentHow === item}
                onChange={() => set({ consentHow: item })}
                aria-invalid={errors.consent ? true : undefined}
              />
              <span>{t(`requests.consent.${item}`)}</span>
            </label>
          ))}
        </div>
        {errors.consent && (
          <p className="field-error" id="consent-error">
            {errors.consent}
          </p>
        )}
        <Field
          label={t('requests.consentOn')}
          name="consentOn"
          type="date"
          value={value.consentOn}
          onChange={(event) => set({ consentOn: event.target.value })}
          error={errors['consent.obtainedOn']}
        />
        <label className="tap-target tap-wide">
          <input
            type="checkbox"
            name="shareWithGp"
            checked={value.shareWithGp}
            onChange={(event) => set({ shareWithGp: event.target.checked })}
          />
          <span>{t('requests.shareWithGp')}</span>
        </label>
      </fieldset>
    </>
  );
}

/** The fields of a person new to the network. */
export type TNewPerson = {
  firstName: string;
  lastName: string;
  birthDate: string;
  commune: string;
  communeInsee: string;
  phone: string;
};
export const emptyPerson = (): TNewPerson => ({
  firstName: '',
  lastName: '',
  birthDate: '',
  commune: '',
  communeInsee: '',
  phone: '',
});

/** The person as the API takes it (empty optional fields left out). */
export function personBody(p: TNewPerson) {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    ...(p.commune.trim() ? { commune: p.commune } : {}),
    ...(p.communeInsee ? { communeInsee: p.communeInsee } : {}),
    ...(p.phone.trim() ? { phone: p.phone } : {}),
  };
}

/** Names, birth date, commune and phone of a new person; errors under `prefix.`. */
export function NewPersonFields({
  value,
  onChange,
  errors,
  prefix,
}: {
  value: TNewPerson;
  onChange: (value: TNewPerson) => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const { t } = useTranslation();
  const field = (
    name: Exclude<keyof TNewPerson, 'communeInsee'>,
    type = 'text',
    autoComplete = 'off',
  ) => (
    <Field
      label={t(`requests.person.${name}`)}
      name={`${prefix}.${name}`}
      type={type}
      autoComplete={autoComplete}
      required={name === 'firstName' || name === 'lastName'}
      value={value[name]}
      onChange={(event) => onChange({ ...value, [name]: event.target.value })}
      error={errors[`${prefix}.${name}`]}
    />
  );
  return (
    <div className="field-row">
      {field('lastName')}
      {field('firstName')}
      {field('birthDate', 'date')}
      <CommunePicker
        label={t('requests.person.commune')}
        name={`${prefix}.commune`}
        value={{ name: value.commune, code: value.communeInsee }}
        onChange={(commune) =>
          onChange({ ...value, commune: commune.name, communeInsee: commune.code })
        }
        error={errors[`${prefix}.commune`]}
        codeError={errors[`${prefix}.communeInsee`]}
      />
      {field('phone', 'tel')}
    </div>
  );
}

/** Minutes said as "12 minutes", "5 heures", "3 jours". */
export function useDurationText(): (minutes: number) => string {
  const { t } = useTranslation();
  return (minutes) => {
    if (minutes < 60) return t('requests.minutes', { count: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return t('requests.hours', { count: hours });
    return t('requests.days', { count: Math.floor(hours / 24) });
  };
}
