import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { usePagedList } from './PagedList';
import { teamApi, useCodeText, type AuditRow } from './team-api';
import { TableScroll } from '../../components/TableScroll';

/**
 * Who accessed the record, when and what (decision 018): for the person and network staff (the
 * API decides; others do not see the section). Emergency accesses stand out with their reason.
 */
export function AccessLogSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const codeText = useCodeText();
  const locale = currentLocale();
  const errorText = useErrorText();
  const load = useCallback(
    async (cursor?: number) => {
      const page = await teamApi.accessLog(personId, cursor);
      const last = page.items[page.items.length - 1];
      return { items: page.items, next: page.items.length === 30 && last ? last.seq : null };
    },
    [personId],
  );
  const { items, hasMore, more, error, loading } = usePagedList<AuditRow>(load);
  const what = (row: AuditRow) => codeText(`accessLog.action.${row.action}`, row.action);

  return (
    <section className="card" aria-labelledby="access-log-title">
      <h2 id="access-log-title">{t('accessLog.title')}</h2>
      <p className="hint">{t('accessLog.intro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {items.length > 0 && (
        <TableScroll label={t('accessLog.table')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('accessLog.when')}</th>
                <th scope="col">{t('accessLog.who')}</th>
                <th scope="col">{t('accessLog.what')}</th>
                <th scope="col">{t('accessLog.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.seq} className={row.breakGlass ? 'row-alert' : undefined}>
                  <td>{formatDateTime(row.at, locale)}</td>
                  <td>
                    {row.actorName ?? '—'}
                    {row.actorRole && (
                      <span className="secondary">
                        {' '}
                        ({codeText(`roles.${row.actorRole}`, row.actorRole)})
                      </span>
                    )}
                  </td>
                  <td>
                    {what(row)}
                    {row.breakGlass && (
                      <>
                        {' '}
                        <strong>{t('accessLog.breakGlass', { reason: row.breakGlass })}</strong>
                      </>
                    )}
                  </td>
                  <td>
                    {t(`accessLog.result.${row.outcome === 'denied' ? 'denied' : 'allowed'}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {hasMore && (
        <button type="button" className="button" onClick={more} disabled={loading}>
          {t('timeline.more')}
        </button>
      )}
    </section>
  );
}
