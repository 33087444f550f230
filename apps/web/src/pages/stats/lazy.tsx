import { lazy } from 'react';
import { LazyBoundary } from '../../components/LazyBoundary.js';

// The dashboard is loaded on demand: the initial JS stays under the size budget (docs/WEB.md).
const StatisticsPage = lazy(() => import('./StatisticsPage.js'));

/** The statistics dashboard at /statistics. */
export function StatisticsRoute() {
  return (
    <LazyBoundary>
      <StatisticsPage />
    </LazyBoundary>
  );
}
