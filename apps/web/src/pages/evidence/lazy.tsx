import { lazy } from 'react';
import { LazyBoundary as Lazy } from '../../components/LazyBoundary.js';

// The evidence pages are loaded on demand: the initial JS stays under the size budget (docs/WEB.md).
// This file is the only one the app shell imports; it holds nothing but the lazy entry points.
const EvidenceListPage = lazy(() => import('./EvidenceListPage.js'));
const EvidenceItemPage = lazy(() => import('./EvidenceItemPage.js'));
const ChronologyPage = lazy(() => import('./ChronologyPage.js'));

/** /evidence: the list with filters and the upload form. */
export function EvidenceListRoute() {
  return (
    <Lazy>
      <EvidenceListPage />
    </Lazy>
  );
}

/** /evidence/:id: one item. */
export function EvidenceItemRoute({ id }: { id: string }) {
  return (
    <Lazy>
      <EvidenceItemPage key={id} id={id} />
    </Lazy>
  );
}

/** /events/:id/chronology: an event's evidence and acts in time order, with its incidents. */
export function ChronologyRoute({ id }: { id: string }) {
  return (
    <Lazy>
      <ChronologyPage id={id} />
    </Lazy>
  );
}
