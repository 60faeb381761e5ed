import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGGIR_CODES,
  AGGIR_VARIABLES,
  api,
  type AggirCode,
  type AggirScore,
  type AggirVariable,
} from '../../api';
import { Alert } from '../../components/Alert';
import { useErrorText, usePageTitle } from '../../hooks';

type TCodes = Partial<Record<AggirVariable, AggirCode>>;

const isComplete = (codes: TCodes): codes is Record<AggirVariable, AggirCode> =>
  AGGIR_VARIABLES.every((variable) => codes[variable] !== undefined);

/**
 * The GIR calculator: the eight weighted AGGIR variables coded A, B or C give the GIR as soon as
 * all are coded, computed by the server's AGGIR (nothing about a person is sent or kept).
 */
export function GirCalculatorPage() {
  const { t } = useTranslation();
  usePageTitle(t('gir.title'));
  const errorText = useErrorText();
  const group = useId();
  const [codes, setCodes] = useState<TCodes>({});
  const [score, setScore] = useState<AggirScore | null>(null);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);

  useEffect(() => {
    setScore(null);
    if (!isComplete(codes)) return;
    // Only the answer to the latest codes is shown, whatever order the answers come back in.
    const mine = ++asked.current;
    api.scoreAggir(codes).then(
      (answer) => {
        if (mine === asked.current) {
          setScore(answer);
          setError(null);
        }
      },
      (caught: unknown) => {
        if (mine === asked.current) setError(caught);
      },
    );
  }, [codes]);

  const remaining = AGGIR_VARIABLES.filter((variable) => codes[variable] === undefined).length;

  return (
    <>
      <h1>{t('gir.title')}</h1>
      <p className="lead">{t('gir.intro')}</p>
      <div className="gir-layout">
        <form className="form gir-form" onSubmit={(event) => event.preventDefault()} noValidate>
          <p className="hint">{t('gir.codes')}</p>
          {AGGIR_VARIABLES.map((variable) => (
            <fieldset key={variable} className="code-choice">
              <legend>{t(`gir.variables.${variable}.label`)}</legend>
              <p className="hint" id={`${group}-${variable}-hint`}>
                {t(`gir.variables.${variable}.hint`)}
              </p>
              <div className="code-options">
                {AGGIR_CODES.map((code) => (
                  <label key={code} className="code-option">
                    <input
                      type="radio"
                      name={`${group}-${variable}`}
                      value={code}
                      checked={codes[variable] === code}
                      aria-describedby={`${group}-${variable}-hint`}
                      onChange={() => setCodes((before) => ({ ...before, [variable]: code }))}
                    />
                    <span>
                      <strong>{code}</strong> {t(`gir.code${code}`)}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <button type="button" className="button" onClick={() => setCodes({})}>
            {t('gir.reset')}
          </button>
        </form>
        <section className="card gir-result" aria-labelledby={`${group}-result`} aria-live="polite">
          <h2 id={`${group}-result`}>{t('gir.resultTitle')}</h2>
          {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
          {score ? (
            <>
              <p className="gir-value">{t('gir.result', { gir: score.gir })}</p>
              <p>{t(`gir.meaning.${String(score.gir) as '1' | '2' | '3' | '4' | '5' | '6'}`)}</p>
              <p className="hint">{t('gir.rankGroup', { rank: score.rank, group: score.group })}</p>
            </>
          ) : (
            <p>{t('gir.remaining', { count: remaining })}</p>
          )}
        </section>
      </div>
    </>
  );
}
