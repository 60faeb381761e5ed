import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type PlanDiff } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { formatDateTime } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from '../admin/shared';
import { PlanDiffView } from './PlanDiffView';
import type { CodeLabels } from './plan-model';
import { TableScroll } from '../../components/TableScroll';

/** Every saved version of the plan, and what changed between any two of them. */
export function PlanHistory({
  personId,
  currentVersion,
  labels,
  names,
}: {
  personId: string;
  currentVersion: number;
  labels: CodeLabels;
  names: Map<string, string>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const headingId = useId();
  const fetcher = useCallback(
    () => api.listPlanVersions(personId),
    // a new save is a new version to list: currentVersion is a dependency on purpose
    [personId, currentVersion],
  );
  const [state] = useLoaded(fetcher);
  const [from, setFrom] = useState(String(Math.max(currentVersion - 1, 0)));
  const [to, setTo] = useState(String(currentVersion));
  const [diff, setDiff] = useState<PlanDiff | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function compare() {
    setError(null);
    try {
      setDiff(await api.diffPlanVersions(personId, Number(from), Number(to)));
    } catch (caught) {
      setError(caught);
    }
  }

  if (currentVersion === 0) return null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('plan.history')}</h2>
      <Show state={state}>
        {({ items }) => {
          const options = items.map((item) => ({
            value: String(item.version),
            label: t('plan.versionLabel', {
              version: item.version,
              date: formatDateTime(item.savedAt, locale),
            }),
          }));
          return (
            <>
              <TableScroll label={t('plan.history')}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('plan.version')}</th>
                      <th scope="col">{t('plan.savedAt')}</th>
                      <th scope="col">{t('plan.savedBy')}</th>
                      <th scope="col">{t('plan.reviewColumn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <tr key={item.version}>
                        <td>{item.version}</td>
                        <td>{formatDateTime(item.savedAt, locale)}</td>
                        <td>{item.savedBy}</td>
                        <td>{item.isReview ? t('plan.yes') : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <div className="plan-compare">
                <SelectField
                  label={t('plan.compareFrom')}
                  name="from"
                  value={from}
                  onChange={setFrom}
                  options={[{ value: '0', label: t('plan.emptyPlan') }, ...options]}
                />
                <SelectField
                  label={t('plan.compareTo')}
                  name="to"
                  value={to}
                  onChange={setTo}
                  options={options}
                />
                <button type="button" className="button" onClick={() => void compare()}>
                  {t('plan.compare')}
                </button>
              </div>
            </>
          );
        }}
      </Show>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {diff && <PlanDiffView diff={diff} labels={labels} names={names} />}
    </section>
  );
}
