import { useTranslation } from 'react-i18next';

/** A result in a sentence or two, after its instrument (the server computed it). */
export function ResultSummary({
  instrumentId,
  result,
}: {
  instrumentId: string;
  result: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const n = (key: string) => Number(result[key]);
  if (instrumentId === 'aggir') {
    return (
      <>
        <p className="gir-value">{t('gir.result', { gir: n('gir') })}</p>
        <p className="hint">
          {t('gir.rankGroup', { rank: n('rank'), group: String(result.group) })}
        </p>
      </>
    );
  }
  if (instrumentId === 'prisma7') {
    return (
      <p>
        {t(result.positive === true ? 'assess.prismaPositive' : 'assess.prismaNegative', {
          score: n('score'),
        })}
      </p>
    );
  }
  const services = Array.isArray(result.serviceTypes) ? result.serviceTypes.length : 0;
  return (
    <ul className="result-facts">
      {'medicationCount' in result && (
        <li>
          {t('assess.medications', { count: n('medicationCount') })}
          {result.polypharmacy === true && ` — ${t('assess.polypharmacy')}`}
        </li>
      )}
      <li>{t('assess.serviceTypes', { count: services })}</li>
      {typeof result.caregiverStrain === 'number' && (
        <li>{t('assess.caregiverStrain', { strain: n('caregiverStrain') })}</li>
      )}
    </ul>
  );
}
