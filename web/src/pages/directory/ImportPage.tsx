import { useId, useRef, useState } from 'react';
import type { ChangeEvent, SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError, DIRECTORY_EXPORTS, DIRECTORY_KINDS } from '../../api';
import type { DirectoryKind, ImportReport } from '../../api';
import { Alert } from '../../components/Alert';
import { useErrorText, usePageTitle } from '../../hooks';
import { TextAreaField } from '../../components/Field';
import { forgetVocabulary, useVocabulary } from './shared';
import { TableScroll } from '../../components/TableScroll';

/** What the report on screen was made from: a change of file or kind makes it out of date. */
type Checked = { kind: DirectoryKind; csv: string; report: ImportReport };

/** /directory/import — network staff load a CSV: check first (dry run), then import all or nothing. */
export function DirectoryImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('dir.import.title'));
  const errorText = useErrorText();
  const vocabulary = useVocabulary();
  const kindGroup = useId();
  const fileId = useId();
  const [kind, setKind] = useState<DirectoryKind>('organisations');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [created, setCreated] = useState<{ kind: DirectoryKind; count: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | undefined>();
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const reportRef = useRef<HTMLElement>(null);

  const current = checked && checked.kind === kind && checked.csv === csv ? checked.report : null;
  const canImport = current !== null && current.rejected.length === 0 && current.accepted > 0;

  function changeKind(next: DirectoryKind) {
    setKind(next);
    setCreated(null);
    setError(null);
  }

  function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      setCsv(typeof reader.result === 'string' ? reader.result : '');
      setFileName(file.name);
      setCreated(null);
      setError(null);
      setMissing(undefined);
    };
    reader.onerror = () => setError(new ApiError(0, 'file', t('dir.import.fileError')));
    reader.readAsText(file, 'utf-8');
  }

  async function check(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    if (!csv.trim()) {
      setMissing(t('dir.import.csvMissing'));
      return;
    }
    setMissing(undefined);
    setBusy('check');
    setError(null);
    try {
      const report = await api.importDirectory(kind, { csv, dryRun: true });
      setChecked({ kind, csv, report });
      window.setTimeout(() => reportRef.current?.focus(), 0);
    } catch (caught) {
      setChecked(null);
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (!canImport) return;
    setBusy('import');
    setError(null);
    try {
      const report = await api.importDirectory(kind, { csv, dryRun: false });
      setCreated({ kind, count: report.created });
      setChecked(null);
      setCsv('');
      setFileName(null);
      forgetVocabulary();
    } catch (caught) {
      // Rejected at commit time (someone changed the directory meanwhile): show the new report.
      const report =
        caught instanceof ApiError
          ? (caught.details as { report?: ImportReport } | null)?.report
          : undefined;
      if (report) setChecked({ kind, csv, report });
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/directory">{t('dir.backToSearch')}</Link>
      </p>
      <h1>{t('dir.import.title')}</h1>
      <p className="lead">{t('dir.import.intro')}</p>
      <div className="stack">
        <section className="card" aria-labelledby="import-title">
          <h2 id="import-title">{t('dir.import.importTitle')}</h2>
          <ol className="steps">
            <li>{t('dir.import.step1')}</li>
            <li>{t('dir.import.step2')}</li>
            <li>{t('dir.import.step3')}</li>
          </ol>
          <form className="form" onSubmit={(event) => void check(event)} noValidate>
            <fieldset className="checkboxes">
              <legend>{t('dir.import.kindLegend')}</legend>
              {DIRECTORY_KINDS.map((value) => (
                <div key={value} className="checkbox">
                  <input
                    type="radio"
                    id={`${kindGroup}-${value}`}
                    name="kind"
                    value={value}
                    checked={kind === value}
                    onChange={() => changeKind(value)}
                  />
                  <label htmlFor={`${kindGroup}-${value}`}>{t(`dir.import.kind.${value}`)}</label>
                </div>
              ))}
            </fieldset>
            <details className="columns-help">
              <summary>
                {t('dir.import.columnsTitle', { kind: t(`dir.import.kind.${kind}`) })}
              </summary>
              <p>{t('dir.import.columnsIntro')}</p>
              <ul className="columns-list">
                {(vocabulary.status === 'ready' ? vocabulary.data.importColumns[kind] : []).map(
                  ({ column, required }) => (
                    <li key={column}>
                      <code>{column}</code>
                      {required && <span className="required"> ({t('common.required')})</span>}
                    </li>
                  ),
                )}
              </ul>
              <p className="hint">{t(`dir.import.columnsNote.${kind}`)}</p>
            </details>
            <div className="field">
              <label htmlFor={fileId}>{t('dir.import.file')}</label>
              <p className="hint" id={`${fileId}-hint`}>
                {t('dir.import.fileHint')}
              </p>
              <input
                id={fileId}
                type="file"
                accept=".csv,text/csv,text/plain"
                aria-describedby={`${fileId}-hint`}
                onChange={readFile}
              />
              {fileName && (
                <p className="hint" role="status">
                  {t('dir.import.fileRead', { name: fileName })}
                </p>
              )}
            </div>
            <TextAreaField
              label={t('dir.import.paste')}
              name="csv"
              rows={8}
              className="mono"
              spellCheck={false}
              value={csv}
              onChange={(event) => {
                setCsv(event.target.value);
                setCreated(null);
                setMissing(undefined);
              }}
              error={missing}
            />
            {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
            <div className="actions">
              <button type="submit" className="button" disabled={busy !== null}>
                {busy === 'check' ? t('dir.import.checking') : t('dir.import.check')}
              </button>
              <button
                type="button"
                className="button button-primary import-commit"
                disabled={!canImport || busy !== null}
                aria-describedby="import-state"
                onClick={() => void commit()}
              >
                {busy === 'import' ? t('dir.import.importing') : t('dir.import.commit')}
              </button>
            </div>
            <p id="import-state" className="hint">
              {current === null
                ? t('dir.import.checkFirst')
                : canImport
                  ? t('dir.import.ready', { count: current.accepted })
                  : current.rejected.length > 0
                    ? t('dir.import.fixFirst')
                    : t('dir.import.nothingToImport')}
            </p>
          </form>
          <div aria-live="polite">
            {created && (
              <Alert tone="success" title={t('dir.import.doneTitle')}>
                <p>
                  {t('dir.import.done', {
                    count: created.count,
                    kind: t(`dir.import.kind.${created.kind}`),
                  })}
                </p>
                <p>
                  <Link to="/directory">{t('dir.import.doneSearch')}</Link>
                </p>
              </Alert>
            )}
          </div>
        </section>
        {checked && checked.kind === kind && (
          <Report report={checked.report} outdated={current === null} ref={reportRef} />
        )}
        <Exports />
      </div>
    </>
  );
}

function Report({
  report,
  outdated,
  ref,
}: {
  report: ImportReport;
  outdated: boolean;
  ref: React.Ref<HTMLElement>;
}) {
  const { t } = useTranslation();
  const rows = report.rejected.flatMap((rejected) =>
    rejected.errors.map((error, index) => ({ row: rejected.row, index, ...error })),
  );
  return (
    <section className="card report" aria-labelledby="report-title" ref={ref} tabIndex={-1}>
      <h2 id="report-title">{t('dir.import.reportTitle')}</h2>
      {outdated && <Alert tone="warning">{t('dir.import.outdated')}</Alert>}
      <ul className="report-counts" role="status">
        <li>{t('dir.import.total', { count: report.total })}</li>
        <li className="count-ok">{t('dir.import.accepted', { count: report.accepted })}</li>
        <li className={report.rejected.length > 0 ? 'count-bad' : ''}>
          {t('dir.import.rejected', { count: report.rejected.length })}
        </li>
      </ul>
      {rows.length > 0 && (
        <>
          <p>{t('dir.import.rejectedIntro')}</p>
          <TableScroll label={t('dir.import.rejectedCaption')}>
            <table className="table report-table">
              <caption className="visually-hidden">{t('dir.import.rejectedCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dir.import.columnRow')}</th>
                  <th scope="col">{t('dir.import.columnColumn')}</th>
                  <th scope="col">{t('dir.import.columnReason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.row}-${row.index}`}>
                    <th scope="row">{row.row}</th>
                    <td>
                      <code>{row.field}</code>
                    </td>
                    <td>{row.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {report.preview.length > 0 && (
        <>
          <h3>{t('dir.import.previewTitle')}</h3>
          <ul className="preview-list">
            {report.preview.map((name, index) => (
              <li key={`${name}-${index}`}>{name}</li>
            ))}
          </ul>
          {report.accepted > report.preview.length && (
            <p className="hint">
              {t('dir.import.previewMore', { count: report.accepted - report.preview.length })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function Exports() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">{t('dir.import.exportTitle')}</h2>
      <p>{t('dir.import.exportIntro')}</p>
      <ul className="link-list export-list">
        {DIRECTORY_KINDS.map((kind) => (
          <li key={kind}>
            <a href={DIRECTORY_EXPORTS[kind]} download>
              {t('dir.import.exportCsv', { kind: t(`dir.import.kind.${kind}`) })}
            </a>
          </li>
        ))}
        <li>
          <a href={DIRECTORY_EXPORTS.hsds} download>
            {t('dir.import.exportHsds')}
          </a>
          <span className="secondary">{t('dir.import.exportHsdsHint')}</span>
        </li>
      </ul>
    </section>
  );
}
