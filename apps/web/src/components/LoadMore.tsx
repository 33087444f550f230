import { useTranslation } from 'react-i18next';

/** "Load more" for cursor-paged lists, with how many are shown. */
export function LoadMore({ shown, hasMore, loading, onMore }: { shown: number; hasMore: boolean; loading: boolean; onMore: () => unknown }) {
  const { t } = useTranslation();
  return (
    <div className="load-more">
      <span className="muted" aria-live="polite">
        {t('common.showing', { count: shown })}
      </span>
      {hasMore && (
        <button type="button" className="button" disabled={loading} onClick={() => void onMore()}>
          {loading ? t('common.loadingMore') : t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
