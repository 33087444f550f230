import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';

/** A polite "loading" line for screen readers and eyes alike. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** What went wrong, in words, with a way to try again. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => unknown }) {
  const { t } = useTranslation();
  const notFound = isApiError(error) && error.status === 404;
  const message = notFound
    ? t('common.recordNotFound')
    : isApiError(error) && error.code === 'NETWORK'
      ? t('common.networkError')
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{notFound ? t('common.notFound') : t('common.errorTitle')}</strong> {message}
      </p>
      {retry && !notFound && (
        <button type="button" className="button" onClick={() => void retry()}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/**
 * Loading → error → content for one query; `empty` shows when `isEmpty(data)`. When a refresh
 * fails but earlier data is there, the data stays (it beats nothing) under a notice, unless the
 * page shows its own (`staleNotice={false}`).
 */
export function QueryView<T>({
  query,
  children,
  empty,
  isEmpty,
  staleNotice = true,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  staleNotice?: boolean;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.data === undefined) return <ErrorState error={query.error} retry={query.refetch} />;
  const stale = query.error && staleNotice ? (
    <p className="notice notice-warning" role="alert">
      {t('common.stale')}
    </p>
  ) : null;
  if (empty !== undefined && isEmpty?.(query.data)) {
    return (
      <>
        {stale}
        <Empty>{empty}</Empty>
      </>
    );
  }
  return (
    <>
      {stale}
      {children(query.data)}
    </>
  );
}
