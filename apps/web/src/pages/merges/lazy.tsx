import { lazy } from 'react';
import { LazyBoundary } from '../../components/LazyBoundary.js';

// The merge review is loaded on demand: the initial JS stays under the size budget (docs/WEB.md).
const MergesPage = lazy(() => import('./MergesPage.js'));

/** /merges */
export function MergesRoute() {
  return (
    <LazyBoundary>
      <MergesPage />
    </LazyBoundary>
  );
}
