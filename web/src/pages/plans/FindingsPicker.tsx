import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assessment, Instrument, Locale, PlanNeed } from '../../api';
import { formatDay } from '../../format';

/** One assessment item a need may point at: "assessmentId|itemKey", its label and its group. */
export type FindingChoice = { value: string; label: string; group: string };

/** The items of the person's assessments, grouped by assessment (newest first). */
export function findingChoices(
  assessments: Assessment[],
  instruments: Instrument[],
  locale: Locale,
): FindingChoice[] {
  return assessments.flatMap((assessment) => {
    const instrument = instruments.find((item) => item.id === assessment.instrumentId);
    if (!instrument) return [];
    const group = `${instrument.label[locale]} — ${formatDay(assessment.completedAt ?? assessment.startedAt, locale)}`;
    return instrument.sections.flatMap((section) =>
      section.items.map((item) => ({
        value: `${assessment.id}|${item.id}`,
        label: item.label[locale],
        group,
      })),
    );
  });
}

/**
 * The assessment findings that raised a need: listed with a button to unlink each, and a select
 * grouped by assessment with a button to link one more (keyboard only, no drag and drop).
 */
export function FindingsPicker({
  need,
  choices,
  readOnly,
  onChange,
}: {
  need: PlanNeed;
  choices: FindingChoice[];
  readOnly: boolean;
  onChange: (findings: PlanNeed['findings']) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [picked, setPicked] = useState('');
  const labelOf = (value: string) => {
    const choice = choices.find((item) => item.value === value);
    return choice ? `${choice.group} : ${choice.label}` : t('plan.findingUnknown');
  };
  const groups = [...new Set(choices.map((choice) => choice.group))];
  const link = () => {
    const [assessmentId, itemKey] = picked.split('|');
    if (!assessmentId || !itemKey) return;
    if (need.findings.some((f) => f.assessmentId === assessmentId && f.itemKey === itemKey)) return;
    onChange([...need.findings, { assessmentId, itemKey }]);
    setPicked('');
  };
  return (
    <div className="plan-findings">
      {need.findings.length > 0 && (
        <ul className="plain-list">
          {need.findings.map((finding) => {
            const value = `${finding.assessmentId}|${finding.itemKey}`;
            return (
              <li key={value}>
                {t('plan.finding', { label: labelOf(value) })}{' '}
                {!readOnly && (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() =>
                      onChange(
                        need.findings.filter((f) => `${f.assessmentId}|${f.itemKey}` !== value),
                      )
                    }
                  >
                    {t('plan.unlinkFinding')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && choices.length > 0 && (
        <div className="plan-add">
          <div className="field">
            <label htmlFor={id}>{t('plan.linkFindingLabel')}</label>
            <select id={id} value={picked} onChange={(event) => setPicked(event.target.value)}>
              <option value="">{t('plan.none')}</option>
              {groups.map((group) => (
                <optgroup key={group} label={group}>
                  {choices
                    .filter((choice) => choice.group === group)
                    .map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <button type="button" className="button button-small" onClick={link} disabled={!picked}>
            {t('plan.linkFinding')}
          </button>
        </div>
      )}
    </div>
  );
}
