import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCan } from '../../auth/session.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/States.js';
import { type FindingScope, type FindingStatus, useFindingCounts, useFindingList } from './api.js';
import { FindingList } from './FindingList.js';
import { StatusCounts } from './StatusCounts.js';
import './findings.css';

/** Everything but obsolete ones (no longer produced and nothing to decide); the queue shows those on request. */
const SHOWN = 'suggested,needs_review,confirmed,rejected';

/**
 * The findings of one record, on its page: counts by status, the findings with their citations,
 * thresholds and facts, confirm / reject for reviewers, and a link to the review queue filtered
 * the same way. A count narrows the list to its status (pressed again, back to all). Loaded
 * lazily (FindingsSection), so record pages do not carry it in the initial JS.
 */
export default function FindingsPanel({ scope }: { scope: FindingScope }) {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<FindingStatus | null>(null);
  const list = useFindingList({ ...scope, status: status ?? SHOWN }, 10);
  const counts = useFindingCounts(scope);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const pending = list.data?.pages[0]?.pending ?? 0;
  const queue = `/findings?${new URLSearchParams(scope).toString()}`;
  return (
    <section aria-labelledby="findings-panel-title" className="panel findings-panel" data-findings-panel="">
      <h2 id="findings-panel-title">{t('findings.panelTitle')}</h2>
      <p className="hint">{t('findings.panelIntro')}</p>
      {counts.data && <StatusCounts counts={counts.data} hideEmpty active={status ?? undefined} onPick={(s) => setStatus((now) => (now === s ? null : s))} />}
      {pending > 0 && <p className="notice notice-warning">{t('findings.pending', { count: pending })}</p>}
      <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t('findings.panelEmpty')}</p>}>
        {() => (
          <>
            <FindingList items={items} canReview={can('findings:review')} label={t('findings.panelTitle')} />
            <LoadMore shown={items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
          </>
        )}
      </QueryView>
      {(counts.data?.total ?? 0) > 0 && (
        <p>
          <Link href={queue}>{t('findings.openQueue')}</Link>
        </p>
      )}
    </section>
  );
}
