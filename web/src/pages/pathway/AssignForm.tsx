import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import { pathwayApi, type AssignAnswer, type WorkloadBoard } from './pathway-api';
import { useSubmit } from './use-submit';

/**
 * Names or hands over a person's case manager, chosen among the board's managers (each with the
 * cap used). Over the cap the server answers 409 with who and how many: the form then offers to
 * go over it with a reason, which the server allows the coordination team only, and audits.
 */
export function AssignForm({
  personId,
  managers,
  currentId,
  onDone,
}: {
  personId: string;
  managers: WorkloadBoard['managers'];
  currentId?: string | null;
  onDone: (answer: AssignAnswer) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const choices = managers.filter((m) => m.memberId !== currentId);
  const [memberId, setMemberId] = useState(choices[0]?.memberId ?? '');
  const [reason, setReason] = useState('');
  const [force, setForce] = useState(false);
  const { error, busy, onSubmit } = useSubmit(
    async () =>
      onDone(
        await pathwayApi.assignCaseManager(personId, {
          memberId,
          force,
          ...(reason.trim() ? { reason } : {}),
        }),
      ),
    // Over the cap: the next submit goes over it, with the reason asked below.
    (caught) => caught instanceof ApiError && caught.status === 409 && setForce(true),
  );

  if (choices.length === 0) return <p className="muted">{t('board.noManagers')}</p>;
  const errors = fieldErrorsOf(error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <SelectField
        label={t('board.manager')}
        name="memberId"
        value={memberId}
        onChange={(value) => {
          setMemberId(value);
          setForce(false);
        }}
        options={choices.map((m) => ({
          value: m.memberId,
          label: `${m.firstName} ${m.lastName} (${String(m.count)}/${String(m.cap)})`,
        }))}
        error={errors.memberId}
      />
      <TextAreaField
        label={force ? t('board.forceReason') : t('board.reason')}
        name="reason"
        hint={force ? t('board.forceHint') : t('board.reasonHint')}
        required={force}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason}
      />
      <button type="submit" className="button button-primary" disabled={busy || !memberId}>
        {busy ? t('common.saving') : force ? t('board.forceSubmit') : t('board.assignSubmit')}
      </button>
    </form>
  );
}
