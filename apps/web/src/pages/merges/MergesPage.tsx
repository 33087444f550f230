import { MERGE_STATUSES } from '@vigil/core/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageTitle } from '../../components/PageTitle.js';
import { QueryView } from '../../components/States.js';
import { useSettings } from '../../settings/SettingsContext.js';
import { type MergeStatus, useMerges, useScan } from './api.js';
import { PairCard } from './PairCard.js';
import './merges.css';

/** "Scan for candidates": looks across everyone recorded and adds new pairs to the queue. */
function ScanButton({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const scan = useScan();
  return (
    <button
      type="button"
      className="button"
      disabled={scan.isPending}
      onClick={() =>
        scan.mutate(undefined, {
          onSuccess: (r) => onDone(t('imports.merges.scanned', { persons: r.persons, count: r.candidates })),
          onError: (e) => onDone(e instanceof Error ? e.message : String(e)),
        })
      }
    >
      {scan.isPending ? t('imports.merges.scanning') : t('imports.merges.scan')}
    </button>
  );
}

/** /merges: pairs of person records that may be one person, to accept (merge), reject or unmerge. */
export default function MergesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { revealNames } = useSettings();
  const [status, setStatus] = useState<MergeStatus>('pending');
  const [reveal, setReveal] = useState(revealNames);
  const [message, setMessage] = useState<string | null>(null);
  const list = useMerges(status);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canDecide = can('imports:write');
  return (
    <section className="merges-page">
      <PageTitle title={t('imports.merges.title')} lead={t('imports.merges.intro')}>
        {t('imports.merges.title')}
      </PageTitle>
      <div className="merges-toolbar">
        <div className="status-tabs" role="group" aria-label={t('imports.merges.show')}>
          {MERGE_STATUSES.map((s) => (
            <button key={s} type="button" className="button button-small" aria-pressed={status === s} onClick={() => setStatus(s)}>
              {t(`imports.merges.tabs.${s}`)}
            </button>
          ))}
        </div>
        <button type="button" className="button button-small button-quiet" aria-pressed={reveal} onClick={() => setReveal((r) => !r)}>
          {reveal ? t('person.hideNames') : t('person.revealNames')}
        </button>
        {canDecide && <ScanButton onDone={setMessage} />}
      </div>
      {!canDecide && <p className="notice">{t('imports.merges.readOnly')}</p>}
      <p className="live-message" role="status" aria-live="polite">
        {message}
      </p>
      <QueryView query={list} isEmpty={() => items.length === 0} empty={<p>{t(`imports.merges.empty.${status}`)}</p>}>
        {() => (
          <>
            <div className="pairs">
              {items.map((pair) => (
                <PairCard key={pair.id} pair={pair} reveal={reveal} canDecide={canDecide} onDone={setMessage} />
              ))}
            </div>
            <LoadMore shown={items.length} hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
          </>
        )}
      </QueryView>
    </section>
  );
}
