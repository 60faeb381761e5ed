import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { usePageTitle } from '../../hooks';
import { Show, useLoaded } from '../directory/shared';
import { AssignForm } from './AssignForm';
import { CapForm } from './CapForm';
import { pathwayApi, type WorkloadBoard } from './pathway-api';
import { TableScroll } from '../../components/TableScroll';

const fetchBoard = () => pathwayApi.board();
const LEVELS = ['integration', 'coordination', 'liaison', 'none'] as const;

/**
 * The coordination team's workload board: each case manager's active caseload by level against
 * their cap, and the people with an open pathway whom nobody answers for, each with an action to
 * name their case manager.
 */
export function WorkloadBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('board.title'));
  const [state, retry] = useLoaded(fetchBoard);
  return (
    <>
      <div className="page-intro">
        <h1>{t('board.title')}</h1>
        <p className="lead">{t('board.intro')}</p>
      </div>
      <Show state={state} retry={retry} errorTitle={t('board.loadError')}>
        {(board) => <BoardView board={board} onChanged={retry} />}
      </Show>
    </>
  );
}

function BoardView({ board, onChanged }: { board: WorkloadBoard; onChanged: () => void }) {
  const { t } = useTranslation();
  const [assigning, setAssigning] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      {done && <Alert tone="success">{done}</Alert>}
      <section className="card" aria-labelledby="managers-title">
        <h2 id="managers-title">{t('board.managersTitle')}</h2>
        <p className="hint">{t('board.defaultCap', { cap: board.defaultCap })}</p>
        <TableScroll labelledBy="managers-title">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('board.manager')}</th>
                <th scope="col">{t('board.used')}</th>
                {LEVELS.map((level) => (
                  <th scope="col" key={level}>
                    {t(`caseload.level.${level}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {board.managers.map((m) => (
                <tr key={m.memberId}>
                  <th scope="row">
                    {m.firstName} {m.lastName}
                  </th>
                  <td data-label={t('board.used')}>
                    <span className={m.count >= m.cap ? 'tag tag-overdue' : 'nowrap'}>
                      {m.count} / {m.cap}
                    </span>
                  </td>
                  {LEVELS.map((level) => (
                    <td key={level} data-label={t(`caseload.level.${level}`)}>
                      {m.byLevel[level]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <CapForm board={board} onSaved={onChanged} />
      </section>
      <section className="card" aria-labelledby="unassigned-title">
        <h2 id="unassigned-title">
          {t('board.unassignedTitle', { count: board.unassigned.length })}
        </h2>
        {board.unassigned.length === 0 ? (
          <p className="muted">{t('board.noUnassigned')}</p>
        ) : (
          <ul className="plain-list">
            {board.unassigned.map((person) => (
              <li key={person.id}>
                <Link to={`/persons/${person.id}`}>
                  <span className="last-name">{person.lastName}</span> {person.firstName}
                </Link>{' '}
                <span className="secondary">
                  {t(`pathway.state.${person.state}`)}
                  {person.level && ` · ${t(`caseload.level.${person.level}`)}`}
                  {person.commune && ` · ${person.commune}`}
                </span>{' '}
                {person.referent && (
                  <span className="tag tag-overdue">
                    {t('caseGaps.referentAboveLiaison', {
                      name: `${person.referent.firstName} ${person.referent.lastName}`,
                    })}
                  </span>
                )}{' '}
                <button
                  type="button"
                  className="button button-small"
                  aria-expanded={assigning === person.id}
                  onClick={() => setAssigning(assigning === person.id ? null : person.id)}
                >
                  {t('board.assign')}
                </button>
                {assigning === person.id && (
                  <AssignForm
                    personId={person.id}
                    managers={board.managers}
                    onDone={(answer) => {
                      setAssigning(null);
                      setDone(
                        t('board.assigned', {
                          person: `${person.firstName} ${person.lastName}`,
                          manager: `${answer.caseManager.firstName} ${answer.caseManager.lastName}`,
                        }),
                      );
                      onChanged();
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
