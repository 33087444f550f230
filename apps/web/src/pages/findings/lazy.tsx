import { lazy } from 'react';
import { useCan } from '../../auth/session.js';
import { LazyBoundary } from '../../components/LazyBoundary.js';
import { type FindingScope } from './api.js';

// The findings UI is loaded on demand: the initial JS stays under the size budget (docs/WEB.md).
// This file is the only one other pages import; it holds nothing but the two lazy entry points.
const FindingsPanel = lazy(() => import('./FindingsPanel.js'));
const FindingsPage = lazy(() => import('./FindingsPage.js'));

/** The findings panel of a record page (event, custody case, person), for readers of records. */
export function FindingsSection({ scope }: { scope: FindingScope }) {
  const can = useCan();
  if (!can('records:read')) return null;
  return (
    <LazyBoundary>
      <FindingsPanel scope={scope} />
    </LazyBoundary>
  );
}

/** The review queue at /findings. */
export function FindingsRoute() {
  return (
    <LazyBoundary>
      <FindingsPage />
    </LazyBoundary>
  );
}
