import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../components/Alert';
import { SelectField } from '../components/Field';
import { directoryApi, type ImportKind, type ImportReport } from '../directory/directoryApi';
import { useErrorText, usePageTitle } from '../hooks';

const COLUMNS: Record<ImportKind, string> = {
  organisations:
    'name, type, address, postal_code, commune, phone, email, website, opening_hours, preferred_channel, best_times, good_to_know',
  members:
    'first_name, last_name, profession, specialty, rpps, adeli, gln, email, phone, languages, organisation, role_title, preferred_channel, best_times, good_to_know',
  services:
    'organisation, name, description, missions, limits, eligibility, care_streams, communes_served, waiting_time, accepting, accepting_conditions, hours, cost_notes, phone, email, preferred_channel, best_times, good_to_know',
};

/** Import wizard: choose a file, check it (every rejected row and why), then import all or nothing. */
export function DirectoryImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('directory.import.title'));
  const errorText = useErrorText();
  const [kind, setKind] = useState<ImportKind>('organisations');
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    file.text().then((content) => {
      setCsv(content);
      setReport(null);
      setDone(null);
    }, setError);
  };
  const check = () => {
    setError(null);
    setDone(null);
    directoryApi.importCsv(kind, csv, true).then(setReport, setError);
  };
  const commit = () => {
    setError(null);
    directoryApi.importCsv(kind, csv, false).then((r) => {
      setDone(r);
      setReport(null);
    }, setError);
  };

  return (
    <>
      <p>
        <Link to="/directory">← {t('directory.back')}</Link>
      </p>
      <div className="page-intro">
        <h1>{t('directory.import.title')}</h1>
        <p className="lead">{t('directory.import.lead')}</p>
      </div>
      <section className="card">
        <SelectField
          name="kind"
          label={t('directory.import.kind')}
          value={kind}
          onChange={(v) => {
            setKind(v as ImportKind);
            setReport(null);
          }}
          options={(['organisations', 'members', 'services'] as const).map((k) => ({
            value: k,
            label: t(`directory.import.kinds.${k}`),
          }))}
        />
        <p className="hint">
          {t('directory.import.columns')} {COLUMNS[kind]}
        </p>
        <div className="field">
          <label htmlFor="import-file">{t('directory.import.file')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={readFile} />
        </div>
        <div className="field">
          <label htmlFor="import-text">{t('directory.import.paste')}</label>
          <textarea
            id="import-text"
            rows={8}
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value);
              setReport(null);
            }}
          />
        </div>
        <div className="actions">
          <button type="button" className="button" disabled={!csv.trim()} onClick={check}>
            {t('directory.import.check')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!report || report.rejected.length > 0 || report.accepted === 0}
            onClick={commit}
          >
            {t('directory.import.commit')}
          </button>
        </div>
        <p className="hint">
          {t('directory.import.export')}{' '}
          {(['organisations', 'members', 'services'] as const).map((k) => (
            <a key={k} href={`/api/directory/export/${k}.csv`} download>
              {t(`directory.import.kinds.${k}`)} (CSV){' '}
            </a>
          ))}
          <a href="/api/directory/export/hsds.json" download>
            HSDS 3 (JSON)
          </a>
        </p>
      </section>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {done && <Alert tone="success">{t('directory.import.done', { count: done.created })}</Alert>}
      {report && (
        <section className="card" aria-live="polite" aria-labelledby="report-title">
          <h2 id="report-title">
            {t('directory.import.report', {
              total: report.total,
              accepted: report.accepted,
              rejected: report.rejected.length,
            })}
          </h2>
          {report.rejected.length > 0 ? (
            <>
              <p>{t('directory.import.fixFirst')}</p>
              <div className="table-wrap" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th>{t('directory.import.row')}</th>
                      <th>{t('directory.import.column')}</th>
                      <th>{t('directory.import.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rejected.flatMap((r) =>
                      r.errors.map((e, i) => (
                        <tr key={`${r.row}-${i}`}>
                          <td>{r.row}</td>
                          <td>{e.field}</td>
                          <td>{e.message}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p>
              {t('directory.import.ready')} {report.preview.join(', ')}
            </p>
          )}
        </section>
      )}
    </>
  );
}
