import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, CONTACT_KINDS, IDENTITY_DOCUMENTS, IDENTITY_STATUSES, SEXES } from '../../api';
import type { SearchResult } from '../../api';
import { Field, SelectField } from '../../components/Field';
import { useErrorText } from '../../hooks';
import { CommunePicker } from '../communes/CommunePicker';
import { useLabels, useVocabulary } from '../directory/shared';
import { EMPTY_CONTACT, type ContactValues, type IdentityValues } from './identity-form-model';

/** The fields typed as free text. */
type TTextKey =
  | 'birthName'
  | 'lastName'
  | 'firstName'
  | 'firstNames'
  | 'birthDate'
  | 'birthPlaceInsee'
  | 'birthPlaceName'
  | 'birthCountry'
  | 'address'
  | 'postalCode'
  | 'commune'
  | 'communeInsee'
  | 'phone'
  | 'email'
  | 'insMatricule';

type Props = {
  values: IdentityValues;
  onChange: (values: IdentityValues) => void;
  errors: Record<string, string>;
  /** The server's messages for each contact's fields ("contacts.0.phone"). */
  contactErrors: Record<string, string>;
};

/**
 * Every identity field, in the order of an identity document: names, birth, residence and
 * contact, INS, GP, then the people around the person. Shared by the new-person and edit forms.
 */
export function IdentityFields({ values, onChange, errors, contactErrors }: Props) {
  const { t } = useTranslation();
  const vocabulary = useVocabulary();
  const label = useLabels(vocabulary.status === 'ready' ? vocabulary.data : null);
  const set = <K extends keyof IdentityValues>(key: K, value: IdentityValues[K]) =>
    onChange({ ...values, [key]: value });
  const text = (
    key: TTextKey,
    extra: { required?: boolean; hint?: string; type?: string; autoComplete?: string } = {},
  ) => (
    <Field
      label={t(`person.field.${key}`)}
      name={key}
      value={values[key]}
      onChange={(event) => onChange({ ...values, [key]: event.target.value })}
      error={errors[key]}
      autoComplete={extra.autoComplete ?? 'off'}
      {...extra}
    />
  );
  const languages = vocabulary.status === 'ready' ? vocabulary.data.languages : [];

  return (
    <>
      <fieldset className="card form-section">
        <legend>{t('person.section.names')}</legend>
        <div className="form-grid">
          {text('birthName', { required: true, hint: t('person.hint.birthName') })}
          {text('lastName', { hint: t('person.hint.lastName') })}
          {text('firstName', { required: true })}
          {text('firstNames', { hint: t('person.hint.firstNames') })}
          <SelectField
            label={t('person.field.sex')}
            name="sex"
            value={values.sex}
            onChange={(value) => set('sex', SEXES.find((s) => s === value) ?? '')}
            options={[
              { value: '', label: t('common.notProvided') },
              ...SEXES.map((s) => ({ value: s, label: t(`person.sex.${s}`) })),
            ]}
            error={errors.sex}
          />
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('person.section.birth')}</legend>
        <div className="form-grid">
          {text('birthDate', { required: true, type: 'date' })}
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={values.bornAbroad}
                onChange={(event) => set('bornAbroad', event.target.checked)}
              />{' '}
              {t('person.field.bornAbroad')}
            </label>
          </div>
          {values.bornAbroad
            ? text('birthCountry', { hint: t('person.hint.birthCountry') })
            : text('birthPlaceInsee', { hint: t('person.hint.insee') })}
          {text('birthPlaceName')}
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('person.section.contact')}</legend>
        <div className="form-grid">
          {text('address', { autoComplete: 'street-address' })}
          {text('postalCode')}
          <CommunePicker
            label={t('person.field.commune')}
            name="commune"
            value={{ name: values.commune, code: values.communeInsee }}
            onChange={(commune, picked) =>
              onChange({
                ...values,
                commune: commune.name,
                communeInsee: commune.code,
                // a commune with one postcode fills an empty postcode
                postalCode:
                  !values.postalCode && picked?.postcodes.length === 1
                    ? picked.postcodes[0]!
                    : values.postalCode,
              })
            }
            error={errors.commune}
            codeError={errors.communeInsee}
          />
          {text('phone', { type: 'tel' })}
          {text('email', { type: 'email' })}
          <SelectField
            label={t('person.field.preferredLanguage')}
            name="preferredLanguage"
            value={values.preferredLanguage}
            onChange={(value) => set('preferredLanguage', value)}
            options={[
              { value: '', label: t('common.notProvided') },
              ...languages.map((l) => ({ value: l.code, label: label('languages', l.code) })),
            ]}
            error={errors.preferredLanguage}
          />
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('person.section.ins')}</legend>
        <p className="hint">{t('person.hint.ins')}</p>
        <div className="form-grid">
          {text('insMatricule', { hint: t('person.hint.insMatricule') })}
          <SelectField
            label={t('person.field.insOid')}
            name="insOid"
            value={values.insOid}
            onChange={(value) => set('insOid', value)}
            options={[
              { value: '1.2.250.1.213.1.4.8', label: t('person.oid.nir') },
              { value: '1.2.250.1.213.1.4.9', label: t('person.oid.nia') },
            ]}
            error={errors.insOid}
          />
          <SelectField
            label={t('person.field.identityStatus')}
            name="identityStatus"
            value={values.identityStatus}
            onChange={(value) =>
              set('identityStatus', IDENTITY_STATUSES.find((s) => s === value) ?? 'provisoire')
            }
            options={IDENTITY_STATUSES.map((s) => ({ value: s, label: t(`person.status.${s}`) }))}
            hint={t('person.hint.identityStatus')}
            error={errors.identityStatus}
          />
          <SelectField
            label={t('person.field.identityDocument')}
            name="identityDocument"
            value={values.identityDocument}
            onChange={(value) =>
              set('identityDocument', IDENTITY_DOCUMENTS.find((d) => d === value) ?? '')
            }
            options={[
              { value: '', label: t('person.document.none') },
              ...IDENTITY_DOCUMENTS.map((d) => ({ value: d, label: t(`person.document.${d}`) })),
            ]}
            error={errors.identityDocument}
          />
        </div>
      </fieldset>

      <GpPicker value={values.gp} onChange={(gp) => set('gp', gp)} error={errors.gpMemberId} />

      <ContactsEditor
        contacts={values.contacts}
        onChange={(contacts) => set('contacts', contacts)}
        error={errors.contacts}
        fieldErrors={contactErrors}
      />
    </>
  );
}

/** The GP, found in the directory's general practitioners. */
function GpPicker({
  value,
  onChange,
  error,
}: {
  value: IdentityValues['gp'];
  onChange: (gp: IdentityValues['gp']) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);

  async function search() {
    setSearchError(null);
    try {
      const answer = await api.searchDirectory({
        q: query.trim(),
        type: 'member',
        profession: 'general_practitioner',
        pageSize: '8',
      });
      setResults(answer.items);
    } catch (caught) {
      setSearchError(caught);
    }
  }

  return (
    <fieldset className={`card form-section${error ? ' field-invalid' : ''}`}>
      <legend>{t('person.section.gp')}</legend>
      {value ? (
        <p>
          {value.name}{' '}
          <button type="button" className="button button-small" onClick={() => onChange(null)}>
            {t('person.gp.remove')}
          </button>
        </p>
      ) : (
        <p className="muted">{t('person.gp.none')}</p>
      )}
      <div className="form-grid">
        <Field
          label={t('person.gp.search')}
          name="gpSearch"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
        />
      </div>
      <button type="button" className="button" onClick={() => void search()}>
        {t('person.gp.find')}
      </button>
      {searchError !== null && <p className="field-error">{errorText(searchError)}</p>}
      {results && (
        <ul className="plain-list" aria-live="polite">
          {results.length === 0 && <li>{t('person.gp.noResult')}</li>}
          {results.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  onChange({ memberId: r.id, name: r.title });
                  setResults(null);
                }}
              >
                {t('person.gp.choose', { name: r.title })}
              </button>{' '}
              {r.subtitle && <span className="secondary">{r.subtitle}</span>}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

/** Caregivers (several), the trusted person (one) and legal representatives. */
function ContactsEditor({
  contacts,
  onChange,
  error,
  fieldErrors,
}: {
  contacts: ContactValues[];
  onChange: (contacts: ContactValues[]) => void;
  error: string | undefined;
  fieldErrors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const update = (index: number, changes: Partial<ContactValues>) =>
    onChange(contacts.map((c, i) => (i === index ? { ...c, ...changes } : c)));
  return (
    <fieldset className={`card form-section${error ? ' field-invalid' : ''}`}>
      <legend>{t('person.section.contacts')}</legend>
      {error && <p className="field-error">{error}</p>}
      {contacts.map((contact, index) => (
        <div className="form-grid contact-row" key={index}>
          <SelectField
            label={t('person.contact.kind')}
            name={`contacts.${String(index)}.kind`}
            value={contact.kind}
            onChange={(value) =>
              update(index, { kind: CONTACT_KINDS.find((k) => k === value) ?? 'caregiver' })
            }
            options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`person.contactKind.${k}`) }))}
          />
          {(['name', 'relation', 'phone', 'email'] as const).map((field) => (
            <Field
              key={field}
              label={t(`person.contact.${field}`)}
              error={fieldErrors[`contacts.${String(index)}.${field}`]}
              name={`contacts.${String(index)}.${field}`}
              value={contact[field]}
              required={field === 'name'}
              autoComplete="off"
              onChange={(event) => update(index, { [field]: event.target.value })}
            />
          ))}
          <div className="actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => onChange(contacts.filter((_, i) => i !== index))}
            >
              {t('person.contact.remove', { name: contact.name || t('person.contact.this') })}
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => onChange([...contacts, { ...EMPTY_CONTACT }])}
      >
        {t('person.contact.add')}
      </button>
    </fieldset>
  );
}
