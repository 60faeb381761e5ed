import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { fieldErrorsOf, useErrorText, usePageTitle } from '../../hooks';
import { messagesApi, type Account } from './messages-api';

/**
 * A new conversation: pick members by name (direct: one, group: several with a name). Opened
 * from a person's page (?personId=), it is about that person and starts with their team.
 */
export function NewConversationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const personId = params.get('personId') ?? undefined;
  usePageTitle(t('messages.newTitle'));
  const [chosen, setChosen] = useState<Account[]>([]);
  const [team, setTeam] = useState<Account[] | null>(null);
  const [title, setTitle] = useState('');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Account[]>([]);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!personId) return;
    let active = true;
    messagesApi.personTeam(personId).then(
      (answer) => {
        if (!active) return;
        setTeam(answer.items);
        setChosen(answer.items);
        setTitle(t('messages.teamTitle'));
      },
      (failure: unknown) => active && setError(failure),
    );
    return () => {
      active = false;
    };
  }, [personId, t]);

  useEffect(() => {
    const words = query.trim();
    if (personId || words.length < 2) {
      setFound([]);
      return;
    }
    let active = true;
    const timer = window.setTimeout(() => {
      messagesApi.candidates(words).then(
        (answer) => {
          if (!active) return;
          setFound(answer.items);
          setSearched(words);
        },
        () => active && setFound([]),
      );
    }, 250);
    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [query, personId]);

  const group = chosen.length > 1 || personId !== undefined;
  const fields = fieldErrorsOf(error);

  function toggle(account: Account) {
    setChosen((current) =>
      current.some((a) => a.userId === account.userId)
        ? current.filter((a) => a.userId !== account.userId)
        : [...current, account],
    );
  }

  async function submit() {
    setSaving(true);
    setError(null);
    try {
      const created = await messagesApi.create({
        kind: group ? 'group' : 'direct',
        ...(group ? { title: title.trim() } : {}),
        ...(personId ? { personId } : {}),
        participantUserIds: chosen.map((a) => a.userId),
      });
      void navigate(`/messages/${created.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  }

  const candidates = personId ? (team ?? []) : found;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/messages">{t('messages.title')}</Link>
      </p>
      <div className="page-intro">
        <h1>{t('messages.newTitle')}</h1>
        <p className="lead">{personId ? t('messages.newAboutLead') : t('messages.newLead')}</p>
      </div>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <form
        className="card form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {!personId && (
          <div className="field">
            <label htmlFor="member-search">{t('messages.searchLabel')}</label>
            <input
              id="member-search"
              type="search"
              value={query}
              autoComplete="off"
              onChange={(event) => setQuery(event.target.value)}
              aria-describedby="member-search-hint"
            />
            <p className="hint" id="member-search-hint">
              {t('messages.searchHint')}
            </p>
            {searched !== '' && searched === query.trim() && found.length === 0 && (
              <p className="muted" role="status">
                {t('messages.noneFound', { query: searched })}
              </p>
            )}
          </div>
        )}
        {personId && team !== null && team.length === 0 && (
          <p className="muted">{t('messages.teamEmpty')}</p>
        )}
        {candidates.length > 0 && (
          <fieldset className="field-set">
            <legend>{personId ? t('messages.teamLegend') : t('messages.foundLegend')}</legend>
            <ul className="plain-list">
              {candidates.map((account) => (
                <li key={account.userId}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={chosen.some((a) => a.userId === account.userId)}
                      onChange={() => toggle(account)}
                    />{' '}
                    {account.name}{' '}
                    <span className="secondary">
                      {t(`messages.roles.${account.role}`, { defaultValue: '' })}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {!personId && chosen.length > 0 && (
          <div>
            <p>{t('messages.chosen')}</p>
            <ul className="chip-list" aria-label={t('messages.chosen')}>
              {chosen.map((account) => (
                <li key={account.userId}>
                  {account.name}{' '}
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() => toggle(account)}
                    aria-label={t('messages.remove', { name: account.name })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {group && (
          <div className={fields.title ? 'field field-invalid' : 'field'}>
            <label htmlFor="group-title">{t('messages.groupTitle')}</label>
            <input
              id="group-title"
              value={title}
              maxLength={120}
              onChange={(event) => setTitle(event.target.value)}
              aria-invalid={fields.title ? 'true' : undefined}
            />
            {fields.title && <p className="field-error">{fields.title}</p>}
          </div>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={saving || chosen.length === 0}
          >
            {group ? t('messages.startGroup') : t('messages.startDirect')}
          </button>
        </div>
      </form>
    </>
  );
}
