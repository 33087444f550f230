import { lazy } from 'react';
import { LazyBoundary } from '../../components/LazyBoundary.js';

// The import wizard is loaded on demand: the initial JS stays under the size budget (docs/WEB.md).
const ImportPage = lazy(() => import('./ImportPage.js'));

/** /import */
export function ImportRoute() {
  return (
    <LazyBoundary>
      <ImportPage />
    </LazyBoundary>
  );
}
