import { lazy } from 'react';
import { LazyBoundary } from '../../components/LazyBoundary.js';

// The reports page is loaded on demand: the initial JS stays under the size budget (docs/WEB.md).
const ReportsPage = lazy(() => import('./ReportsPage.js'));

/** Report previews, publishing and published reports at /reports. */
export function ReportsRoute() {
  return (
    <LazyBoundary>
      <ReportsPage />
    </LazyBoundary>
  );
}
