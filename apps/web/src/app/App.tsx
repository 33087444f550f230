import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch, useLocation } from 'wouter';
import { BoardPage } from '../pages/BoardPage.js';
import { DetentionPage } from '../pages/DetentionPage.js';
import { DetentionsPage } from '../pages/DetentionsPage.js';
import { EventPage } from '../pages/EventPage.js';
import { EventsPage } from '../pages/EventsPage.js';
import { IntakePage } from '../pages/IntakePage.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { PeoplePage } from '../pages/PeoplePage.js';
import { PersonPage } from '../pages/PersonPage.js';
import { SearchPage } from '../pages/SearchPage.js';
import { SettingsPage } from '../pages/SettingsPage.js';
import { SourcePage } from '../pages/SourcePage.js';
import { SourcesPage } from '../pages/SourcesPage.js';
import { FindingsRoute } from '../pages/findings/lazy.js';
import { ImportRoute } from '../pages/imports/lazy.js';
import { MergesRoute } from '../pages/merges/lazy.js';
import { ChronologyRoute, EvidenceItemRoute, EvidenceListRoute } from '../pages/evidence/lazy.js';
import { ReportsRoute } from '../pages/reports/lazy.js';
import { StatisticsRoute } from '../pages/stats/lazy.js';
import { MfaSetup } from '../auth/MfaSetup.js';
import { isSignedOut, useSession } from '../auth/session.js';
import { SignInPage } from '../auth/SignInPage.js';
import { PageTitle } from '../components/PageTitle.js';
import { ErrorState, Loading } from '../components/States.js';
import { Header } from './Header.js';

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** After a navigation, move focus to the new page's heading so keyboard and screen-reader users start there. */
function useFocusOnNavigate(main: RefObject<HTMLElement | null>) {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = requestAnimationFrame(() => {
      if (main.current?.contains(document.activeElement) && document.activeElement !== main.current) return;
      main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: false });
    });
    return () => cancelAnimationFrame(id);
  }, [location, main]);
}

function Routes() {
  return (
    <Switch>
      <Route path="/" component={BoardPage} />
      <Route path="/report" component={IntakePage} />
      <Route path="/events" component={EventsPage} />
      <Route path="/events/:id/chronology">{(p) => <ChronologyRoute id={p.id} />}</Route>
      <Route path="/events/:id">{(p) => <EventPage id={p.id} />}</Route>
      <Route path="/people" component={PeoplePage} />
      <Route path="/people/:id">{(p) => <PersonPage id={p.id} />}</Route>
      <Route path="/detentions" component={DetentionsPage} />
      <Route path="/detentions/:id">{(p) => <DetentionPage id={p.id} />}</Route>
      <Route path="/sources" component={SourcesPage} />
      <Route path="/sources/:id">{(p) => <SourcePage id={p.id} />}</Route>
      <Route path="/findings" component={FindingsRoute} />
      <Route path="/import" component={ImportRoute} />
      <Route path="/merges" component={MergesRoute} />
      <Route path="/evidence" component={EvidenceListRoute} />
      <Route path="/evidence/:id">{(p) => <EvidenceItemRoute id={p.id} />}</Route>
      <Route path="/statistics" component={StatisticsRoute} />
      <Route path="/reports" component={ReportsRoute} />
      <Route path="/search" component={SearchPage} />
      <Route path="/settings" component={SettingsPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}

/** Sign-in first when the server has accounts; then two-factor enrolment if the role needs it; then the app. */
function Gate() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (isSignedOut(session.error)) return <SignInPage expired={session.isRefetchError} />;
  if (session.error) return <ErrorState error={session.error} retry={session.refetch} />;
  if (session.data?.mfaSetupRequired) {
    return (
      <section>
        <PageTitle title={t('auth.mfaTitle')}>{t('auth.mfaTitle')}</PageTitle>
        <div className="panel">
          <MfaSetup required />
        </div>
      </section>
    );
  }
  return (
    <>
      {session.data?.user.mustChangePassword && (
        <p className="notice notice-warning" role="alert">
          {t('auth.mustChangePassword')}
        </p>
      )}
      <Routes />
    </>
  );
}

export function App() {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const [, navigate] = useLocation();
  const session = useSession();
  const signedIn = session.data !== undefined && !session.error && !session.data?.mfaSetupRequired;
  useFocusOnNavigate(main);

  useEffect(() => {
    // "/" jumps to search from anywhere but a text field, as in many web apps.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault();
        navigate('/search');
        requestAnimationFrame(() => document.getElementById('search-q')?.focus());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Header session={signedIn ? (session.data ?? null) : undefined} />
      <main id="main" ref={main} tabIndex={-1}>
        <Gate />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
