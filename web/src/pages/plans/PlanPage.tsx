import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import type { PersonDetail, Plan, PlanContent, PlanDiff, PlanVocabulary } from '../../api';
import { Alert } from '../../components/Alert';
import { formatDay } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from '../admin/shared';
import { findingChoices, type FindingChoice } from './FindingsPicker';
import { PlanDiffView } from './PlanDiffView';
import { PlanEditor } from './PlanEditor';
import { PlanHistory } from './PlanHistory';
import { reapplyEdits } from './plan-merge';
import { codeLabels, errorsByItem, type Dimension, type PersonOption } from './plan-model';

/** The person's personalised coordination plan (PPCS): edit, save, history, review date. */
export function PlanPage() {
  const { t } = useTranslation();
  usePageTitle(t('plan.title'));
  const { personId = '' } = useParams();
  const fetcher = useCallback(
    () =>
      Promise.all([
        api.getPlan(personId),
        api.getPlanVocabulary(),
        api.getPerson(personId),
        api.listAssessments(personId),
        api.listInstruments(),
      ]),
    [personId],
  );
  const [state] = useLoaded(fetcher);
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/persons/${personId}`}>{t('plan.backPerson')}</Link>
      </p>
      <h1>{t('plan.title')}</h1>
      <Show state={state}>
        {([plan, vocabulary, person, { items: assessments }, { items: instruments }]) => (
          <PlanWorkspace
            initial={plan}
            vocabulary={vocabulary}
            person={person}
            findings={findingChoices(assessments, instruments, currentLocale())}
          />
        )}
      </Show>
    </>
  );
}

type Conflict = { currentVersion: number; savedBy: string | null; diff: PlanDiff; message: string };

function conflictOf(error: unknown): Conflict | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as Omit<Conflict, 'message'> | undefined;
  return details?.diff ? { ...details, message: error.message } : null;
}

/** Who may be named: the case manager and the team, and whoever the plan already names. */
function peopleOf(person: PersonDetail, plan: Plan): PersonOption[] {
  const options = new Map<string, string>();
  const add = (id: string, name: string) => options.set(`member:${id}`, name);
  if (person.caseManager) {
    add(
      person.caseManager.memberId,
      `${person.caseManager.firstName} ${person.caseManager.lastName}`,
    );
  }
  for (const member of person.careTeam)
    add(member.memberId, `${member.firstName} ${member.lastName}`);
  const used = new Set(
    plan.content.actions.flatMap((action) =>
      action.who?.kind === 'service' ? [action.who.serviceId] : [],
    ),
  );
  for (const name of plan.names) {
    if (used.has(name.id)) options.set(`service:${name.id}`, name.name);
    else if (!options.has(`member:${name.id}`)) add(name.id, name.name);
  }
  return [...options].map(([value, label]) => ({ value, label }));
}

function PlanWorkspace(props: {
  initial: Plan;
  vocabulary: PlanVocabulary;
  person: PersonDetail;
  findings: FindingChoice[];
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const { vocabulary, person } = props;
  const [base, setBase] = useState(props.initial);
  const [draft, setDraft] = useState<PlanContent>(props.initial.content);
  const [review, setReview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const labels = useMemo(() => codeLabels(vocabulary, locale), [vocabulary, locale]);
  const [found, setFound] = useState<PersonOption[]>([]);
  const people = useMemo(() => {
    const known = peopleOf(person, base);
    return [...known, ...found.filter((f) => !known.some((k) => k.value === f.value))];
  }, [person, base, found]);
  const names = useMemo(
    () =>
      new Map([
        ...base.names.map((name) => [name.id, name.name] as const),
        ...people.map((p) => [p.value.split(':')[1] ?? '', p.label] as const),
      ]),
    [base, people],
  );
  const errors = useMemo(
    () =>
      errorsByItem(draft, error instanceof ApiError && error.status === 422 ? error.details : null),
    [draft, error],
  );
  const changed = JSON.stringify(draft) !== JSON.stringify(base.content);
  const hidden: Dimension[] = base.hiddenCategories.length ? ['medical', 'psychological'] : [];

  const show = () => window.setTimeout(() => topRef.current?.focus(), 0);

  // Opened on one action (`#action-…`, a conference decision's link: decision 044): bring it
  // into view and move the focus there once the plan is drawn.
  useEffect(() => {
    const target = window.location.hash.startsWith('#action-')
      ? document.getElementById(window.location.hash.slice(1))
      : null;
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, []);

  async function save() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await api.savePlan(person.id, {
        baseVersion: base.version,
        review,
        content: draft,
      });
      setBase(saved);
      setDraft(saved.content);
      setReview(false);
      setConflict(null);
      setNotice(t('plan.saved', { version: saved.version }));
    } catch (caught) {
      const found = conflictOf(caught);
      if (found) setConflict(found);
      else setError(caught);
    } finally {
      setBusy(false);
      show();
    }
  }

  async function reapply() {
    setBusy(true);
    try {
      const fresh = await api.getPlan(person.id);
      setDraft(reapplyEdits(base.content, draft, fresh.content));
      setBase(fresh);
      setConflict(null);
      setNotice(t('plan.reapplied', { version: fresh.version }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      show();
    }
  }

  const { review: when } = base;
  return (
    <div className="stack plan-page">
      <div ref={topRef} tabIndex={-1} className="plan-status">
        <p className="lead">
          {base.version === 0
            ? t('plan.noPlan')
            : t('plan.currentVersion', { version: base.version, name: base.savedBy ?? '' })}
        </p>
        {base.version > 0 && (
          <p>
            <a
              className="button"
              href={`/api/persons/${person.id}/plan/pdf?lang=${locale}`}
              target="_blank"
              rel="noopener"
            >
              {t('plan.print')}
            </a>{' '}
            <span className="hint">{t('plan.printHint')}</span>
          </p>
        )}
        {when.due && (
          <p>
            {t('plan.reviewDue', {
              date: formatDay(when.due, locale),
              days: when.delayDays,
              level: when.level ? t(`plan.level.${when.level}`) : t('plan.level.none'),
            })}
          </p>
        )}
        {when.overdue && when.due && (
          <Alert tone="warning" title={t('plan.overdueTitle')}>
            <p>{t('plan.overdue', { date: formatDay(when.due, locale) })}</p>
          </Alert>
        )}
        {notice && <Alert tone="success">{notice}</Alert>}
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        {conflict && (
          <Alert tone="warning" title={t('plan.conflictTitle')}>
            <p>{conflict.message}</p>
            <PlanDiffView diff={conflict.diff} labels={labels} names={names} />
            <button
              type="button"
              className="button button-primary"
              onClick={() => void reapply()}
              disabled={busy}
            >
              {t('plan.reapply', { version: conflict.currentVersion })}
            </button>
          </Alert>
        )}
      </div>
      <PlanEditor
        content={draft}
        onChange={setDraft}
        vocabulary={vocabulary}
        labels={labels}
        people={people}
        onNewPerson={(option) => setFound((list) => [...list, option])}
        errors={errors}
        readOnly={!base.canWrite}
        hiddenDimensions={hidden}
        findings={props.findings}
      />
      {base.canWrite && (
        <div className="form-actions plan-save">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={review}
              onChange={(event) => setReview(event.target.checked)}
            />{' '}
            {t('plan.reviewCheckbox')}
          </label>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || (!changed && !review) || conflict !== null}
            onClick={() => void save()}
          >
            {t('plan.save')}
          </button>
        </div>
      )}
      <PlanHistory
        personId={person.id}
        currentVersion={base.version}
        labels={labels}
        names={names}
      />
    </div>
  );
}
