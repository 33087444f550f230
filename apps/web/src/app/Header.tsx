import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api, setCsrfToken } from '../api/client.js';
import { SESSION_KEY, useCan, type SessionState } from '../auth/session.js';
import { LANGUAGES, isLanguage } from '../i18n/index.js';
import { useSettings } from '../settings/SettingsContext.js';

/** Main navigation: casework, then analysis and publishing, then bulk intake. An item with `permission` shows only to roles that have it. */
const NAV: readonly { href: string; key: string; permission?: string }[] = [
  { href: '/', key: 'nav.board' },
  { href: '/events', key: 'nav.events' },
  { href: '/people', key: 'nav.people' },
  { href: '/detentions', key: 'nav.detentions' },
  { href: '/sources', key: 'nav.sources' },
  { href: '/evidence', key: 'evidence.nav', permission: 'evidence:read' },
  { href: '/findings', key: 'findings.nav', permission: 'records:read' },
  { href: '/statistics', key: 'stats.nav', permission: 'stats:read' },
  { href: '/reports', key: 'stats.reports.nav', permission: 'reports:read' },
  { href: '/import', key: 'imports.nav.import', permission: 'imports:write' },
  { href: '/merges', key: 'imports.nav.merges', permission: 'imports:write' },
  { href: '/search', key: 'nav.search' },
  { href: '/settings', key: 'nav.settings' },
];

const isActive = (href: string, location: string): boolean => (href === '/' ? location === '/' : location === href || location.startsWith(`${href}/`));

function SignOut({ name, role }: { name: string; role: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = async () => {
    try {
      await api.post('auth/logout');
    } finally {
      setCsrfToken(null);
      // Re-ask for the session first (now a 401, which shows sign-in), then forget every record this
      // browser held. Clearing first would leave no session query to refetch: the page stayed signed in.
      await queryClient.refetchQueries({ queryKey: SESSION_KEY });
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
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
  const can = useCan();
  const inside = session !== undefined;
  // On a phone the thirteen sections would take half the screen: they fold behind "Menu", which
  // closes again once a section is chosen. From 720 px up the list is always shown (CSS).
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location]);
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
      <nav aria-label={t('app.menu')} className={menuOpen ? 'site-nav site-nav-open' : 'site-nav'}>
        <button type="button" className="button button-small button-on-dark menu-toggle" aria-expanded={menuOpen} aria-controls="site-nav-list" onClick={() => setMenuOpen((open) => !open)}>
          {t('nav.menu')}
        </button>
        <ul id="site-nav-list">
          {NAV.filter((item) => !item.permission || can(item.permission)).map((item) => (
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
