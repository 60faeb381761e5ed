import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { Field, SelectField } from '../../components/Field';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import { useSession } from '../../session';
import { pathwayApi, type WorkloadBoard } from './pathway-api';
import { useSubmit } from './use-submit';

const NETWORK = 'network';

/**
 * Changes a cap: a case manager's own (the coordination team; empty goes back to the network's)
 * or, for network staff, the network's caseload_cap. The server checks the value (1 to 500).
 */
export function CapForm({ board, onSaved }: { board: WorkloadBoard; onSaved: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { session } = useSession();
  const isAdmin = session?.user.role === 'admin';
  const [target, setTarget] = useState(board.managers[0]?.memberId ?? NETWORK);
  const [cap, setCap] = useState('');
  const [saved, setSaved] = useState(false);
  const { error, busy, onSubmit } = useSubmit(async () => {
    setSaved(false);
    const value = cap.trim() ? Number(cap) : null;
    if (target === NETWORK) await api.updateSettings({ caseloadCap: value ?? board.defaultCap });
    else await pathwayApi.setManagerCap(target, value);
    setSaved(true);
    setCap('');
    onSaved();
  });

  const errors = fieldErrorsOf(error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h3>{t('board.capTitle')}</h3>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {saved && <Alert tone="success">{t('admin.settingsSaved')}</Alert>}
      <SelectField
        label={t('board.capFor')}
        name="target"
        value={target}
        onChange={setTarget}
        options={[
          ...(isAdmin ? [{ value: NETWORK, label: t('board.capNetwork') }] : []),
          ...board.managers.map((m) => ({
            value: m.memberId,
            label: `${m.firstName} ${m.lastName} (${String(m.cap)})`,
          })),
        ]}
      />
      <Field
        label={t('board.capValue')}
        hint={t('board.capHint')}
        name="cap"
        type="number"
        inputMode="numeric"
        min={1}
        max={500}
        step={1}
        value={cap}
        onChange={(event) => setCap(event.target.value)}
        error={errors.cap ?? errors.caseloadCap}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
