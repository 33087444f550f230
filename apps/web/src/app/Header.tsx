import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api, setCsrfToken } from '../api/client.js';
import { SESSION_KEY, type SessionState } from '../auth/session.js';
import { LANGUAGES, isLanguage } from '../i18n/index.js';
import { useSettings } from '../settings/SettingsContext.js';

const NAV = [
  { href: '/', key: 'nav.board' },
  { href: '/events', key: 'nav.events' },
  { href: '/people', key: 'nav.people' },
  { href: '/detentions', key: 'nav.detentions' },
  { href: '/sources', key: 'nav.sources' },
  { href: '/search', key: 'nav.search' },
  { href: '/settings', key: 'nav.settings' },
] as const;

const isActive = (href: string, location: string): boolean => (href === '/' ? location === '/' : location === href || location.startsWith(`${href}/`));

function SignOut({ name, role }: { name: string; role: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = async () => {
    try {
      await api.post('auth/logout');
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    }
  };
  return (
    <div className="user-menu">
      <span className="user-name" title={t('auth.signedInAs', { name, role })}>
        <span className="visually-hidden">{t('auth.signedInAs', { name, role })}</span>
        <span aria-hidden="true">{name}</span>
      </span>
      <button type="button" className="button button-small button-on-dark" onClick={() => void signOut()}>
        {t('auth.signOut')}
      </button>
    </div>
  );
}

/**
 * The header. `session`: undefined while signed out (no navigation), null on a server without
 * accounts (navigation, no user menu), or the signed-in session.
 */
export function Header({ session }: { session: SessionState | undefined }) {
  const { t, i18n } = useTranslation();
  const { update } = useSettings();
  const [location] = useLocation();
  const inside = session !== undefined;
  return (
    <header className="site-header">
      <div className="header-top">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
        <div className="header-actions">
          {inside && (
            <Link href="/report" className="button button-primary button-report" aria-current={location === '/report' ? 'page' : undefined}>
              {t('app.reportDetention')}
            </Link>
          )}
          <label className="visually-hidden" htmlFor="language-switch">
            {t('app.language')}
          </label>
          <select
            id="language-switch"
            className="language-switch"
            value={i18n.language}
            onChange={(e) => {
              if (isLanguage(e.target.value)) update({ language: e.target.value });
            }}
          >
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
          {session && <SignOut name={session.user.displayName ?? session.user.username} role={session.user.role} />}
        </div>
      </div>
      {inside && (
      <nav aria-label={t('app.menu')} className="site-nav">
        <ul>
          {NAV.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={isActive(item.href, location) ? 'page' : undefined}>
                {t(item.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      )}
    </header>
  );
}
