import { useTranslation } from 'react-i18next';
import type { PlanDiff } from '../../api';
import type { CodeLabels } from './plan-model';

type Change = PlanDiff['fields'][number];
type ItemDiff = PlanDiff['needs'];
type Kind = 'needs' | 'goals' | 'actions';

/** A stored value in words: codes by their label, people by their name, empty as a dash. */
function useValueText(labels: CodeLabels, names: Map<string, string>) {
  const { t } = useTranslation();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'string') {
      if (field === 'code')
        return labels.need(value) === value ? labels.goal(value) : labels.need(value);
      if (field === 'category') return labels.category(value);
      if (field === 'target') return labels.target(value);
      if (field === 'status' && ['planned', 'done', 'stopped'].includes(value)) {
        return t(`plan.actionStatus.${value as 'planned'}`);
      }
      if (field === 'status') return t(`plan.goalStatus.${value as 'reached'}`);
      return names.get(value) ?? value;
    }
    if (typeof value === 'object' && 'memberId' in value) {
      return names.get(String(value.memberId)) ?? '—';
    }
    if (typeof value === 'object' && 'serviceId' in value) {
      return names.get(String(value.serviceId)) ?? '—';
    }
    if (Array.isArray(value)) return String(value.length);
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '…';
  };
}

function ChangeLine({ change, text }: { change: Change; text: (f: string, v: unknown) => string }) {
  const { t } = useTranslation();
  return (
    <li>
      <strong>{t(`plan.field.${change.field as 'text'}`, { defaultValue: change.field })}</strong> :{' '}
      <del className="value-before">{text(change.field, change.before)}</del> →{' '}
      <ins className="value-after">{text(change.field, change.after)}</ins>
    </li>
  );
}

/** What changed between two versions, in words: fields, then needs, goals and actions. */
export function PlanDiffView({
  diff,
  labels,
  names,
}: {
  diff: PlanDiff;
  labels: CodeLabels;
  names: Map<string, string>;
}) {
  const { t } = useTranslation();
  const text = useValueText(labels, names);
  const itemLabel = (kind: Kind, item: Record<string, unknown>) => {
    const words = typeof item.text === 'string' ? item.text : '';
    return kind === 'needs' && typeof item.code === 'string'
      ? `${labels.need(item.code)} — ${words}`
      : words;
  };
  const empty =
    diff.fields.length === 0 &&
    (['needs', 'goals', 'actions'] as const).every(
      (kind) =>
        !diff[kind].added.length && !diff[kind].removed.length && !diff[kind].changed.length,
    );
  if (empty) return <p className="muted">{t('plan.diff.none')}</p>;
  const section = (kind: Kind, items: ItemDiff) =>
    (items.added.length > 0 || items.removed.length > 0 || items.changed.length > 0) && (
      <div key={kind}>
        <h4>{t(`plan.diff.${kind}`)}</h4>
        <ul className="plain-list plan-diff-list">
          {items.added.map((item) => (
            <li key={`a${String(item.id)}`}>
              <span className="tag">{t('plan.diff.added')}</span> {itemLabel(kind, item)}
            </li>
          ))}
          {items.removed.map((item) => (
            <li key={`r${String(item.id)}`}>
              <span className="tag">{t('plan.diff.removed')}</span> {itemLabel(kind, item)}
            </li>
          ))}
          {items.changed.map((item) => (
            <li key={`c${item.id}`}>
              <span className="tag">{t('plan.diff.changed')}</span> {item.label}
              <ul>
                {item.changes.map((change) => (
                  <ChangeLine key={change.field} change={change} text={text} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="plan-diff">
      {diff.fields.length > 0 && (
        <ul className="plain-list">
          {diff.fields.map((change) => (
            <ChangeLine key={change.field} change={change} text={text} />
          ))}
        </ul>
      )}
      {section('needs', diff.needs)}
      {section('goals', diff.goals)}
      {section('actions', diff.actions)}
    </div>
  );
}
