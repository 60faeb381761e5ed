import { MessagesLink } from '../pages/messages/MessagesPage';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router-dom';
import type { Role } from '../api';
import {
  NotificationBell,
  NotificationsLiveProvider,
  NotificationsNavLabel,
} from '../pages/notifications/live';
import { useErrorText } from '../hooks';
import { useSession } from '../session';
import { Alert } from './Alert';
import { LanguageSwitch } from './LanguageSwitch';

/** Roles that register persons directly (the server decides: POST /api/persons). */
export const PERSON_CREATORS: readonly Role[] = ['admin', 'coordinator', 'professional'];
/** The professionals who assess people (the GIR calculator is in their menu). */
const CLINICIANS: readonly Role[] = ['admin', 'coordinator', 'professional', 'social'];

type TNavItem = { key: string; show: boolean; always?: boolean; link: ReactNode };
type TNavGroup = { key: 'follow' | 'entry' | 'network' | 'me'; items: TNavItem[] };

/** The frame of every screen: skip link, header with navigation, main content. */
export function Layout() {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const errorText = useErrorText();
  const [logoutError, setLogoutError] = useState<unknown>(null);
  const [loggingOut, setLoggingOut] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigating, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [location.pathname]);

  const signedIn = session !== null && !session.mfaPending;
  const limited = session?.mfaSetupRequired ?? false;
  const memberId = session?.user.memberId ?? null;
  const ownEntry = memberId ? `/directory/members/${memberId}` : null;
  // On one's own entry "Ma fiche annuaire" is the current page, not "Annuaire" as well.
  const onOwnEntry = useMatch(`${ownEntry ?? '/no-own-entry'}/*`) !== null;

  const role = session?.user.role;
  const staff = role === 'admin' || role === 'coordinator';
  const clinician = role !== undefined && CLINICIANS.includes(role);
  /** The navigation by capability; a user sees only the entries of their role. */
  const allGroups: TNavGroup[] = [
    {
      key: 'follow',
      items: [
        {
          key: 'home',
          show: true,
          link: (
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
          ),
        },
        {
          key: 'caseload',
          // Case managers, and the professionals a person may have as referent (decision 027).
          show: role === 'coordinator' || role === 'professional' || role === 'social',
          link: <NavLink to="/file-active">{t('caseload.nav')}</NavLink>,
        },
        {
          key: 'agenda',
          show: clinician,
          link: <NavLink to="/agenda">{t('agenda.nav')}</NavLink>,
        },
        {
          key: 'messages',
          show: clinician && memberId !== null,
          link: <MessagesLink path={location.pathname} />,
        },
        {
          key: 'referrals',
          show: clinician,
          link: <NavLink to="/adressages">{t('referrals.nav')}</NavLink>,
        },
        {
          key: 'alerts',
          show: clinician,
          link: <NavLink to="/alertes">{t('alerts.nav')}</NavLink>,
        },
        {
          key: 'newPerson',
          show: role !== undefined && PERSON_CREATORS.includes(role),
          link: <NavLink to="/persons/new">{t('nav.newPerson')}</NavLink>,
        },
        {
          key: 'breakGlass',
          show: clinician,
          link: <NavLink to="/urgence">{t('breakGlass.nav')}</NavLink>,
        },
      ],
    },
    {
      key: 'entry',
      items: [
        {
          key: 'requests',
          show: role !== 'steering',
          link: <NavLink to="/demandes">{t('nav.requests')}</NavLink>,
        },
        { key: 'triage', show: staff, link: <NavLink to="/triage">{t('nav.triage')}</NavLink> },
        { key: 'board', show: staff, link: <NavLink to="/charge">{t('board.nav')}</NavLink> },
      ],
    },
    {
      key: 'network',
      items: [
        {
          key: 'directory',
          show: true,
          link: (
            <NavLink to="/directory" aria-current={onOwnEntry ? 'false' : 'page'}>
              {t('nav.directory')}
            </NavLink>
          ),
        },
        {
          key: 'myProfile',
          show: ownEntry !== null,
          link: <NavLink to={ownEntry ?? '/'}>{t('nav.myProfile')}</NavLink>,
        },
        { key: 'gir', show: clinician, link: <NavLink to="/gir">{t('nav.gir')}</NavLink> },
      ],
    },
    {
      key: 'me',
      items: [
        {
          key: 'notifications',
          show: true,
          link: (
            <NavLink to="/notifications">
              <NotificationsNavLabel />
            </NavLink>
          ),
        },
        {
          key: 'account',
          show: true,
          always: true,
          link: <NavLink to="/account">{t('nav.account')}</NavLink>,
        },
        {
          key: 'admin',
          show: role === 'admin',
          link: <NavLink to="/admin">{t('nav.admin')}</NavLink>,
        },
      ],
    },
  ];
  const navGroups = allGroups
    // A user who must first set up their second factor sees only their account.
    .map((group) => ({
      ...group,
      items: group.items.filter((item) => item.show && (!limited || item.always)),
    }))
    .filter((group) => group.items.length > 0);

  async function logout() {
    setLoggingOut(true);
    setLogoutError(null);
    try {
      await signOut();
      void navigate('/login', { replace: true });
    } catch (error) {
      setLogoutError(error);
    } finally {
      setLoggingOut(false);
    }
  }

  return (
    <NotificationsLiveProvider enabled={signedIn && !limited}>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="7" />
              <g>
                <rect x="5" y="11" width="13" height="10" rx="5" />
                <rect x="14" y="11" width="13" height="10" rx="5" />
              </g>
            </svg>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="header-tools">
            {signedIn && !limited && <NotificationBell />}
            <LanguageSwitch />
            {session && (
              <button
                type="button"
                className="button button-quiet"
                onClick={() => void logout()}
                disabled={loggingOut}
              >
                {loggingOut ? t('nav.loggingOut') : t('nav.logout')}
              </button>
            )}
          </div>
        </div>
      </header>
      <div className={signedIn ? 'app-frame' : undefined}>
        {signedIn && (
          <nav className="main-nav" aria-label={t('nav.label')}>
            {navGroups.map((group) => (
              <div className="nav-group" key={group.key}>
                <p className="nav-group-title" id={`nav-group-${group.key}`}>
                  {t(`nav.groups.${group.key}`)}
                </p>
                <ul aria-labelledby={`nav-group-${group.key}`}>
                  {group.items.map((item) => (
                    <li key={item.key}>{item.link}</li>
                  ))}
                </ul>
              </div>
            ))}
            <p className="signed-in-as">
              {t('nav.signedInAs', { name: session.user.displayName })}
            </p>
          </nav>
        )}
        <main id="main" ref={mainRef} tabIndex={-1}>
          {logoutError !== null && <Alert tone="error">{errorText(logoutError)}</Alert>}
          <Outlet />
        </main>
      </div>
    </NotificationsLiveProvider>
  );
}
