import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A value that settles `ms` after the last change (typing into a filter). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return settled;
}

/** A filter bar: labelled controls in a responsive grid, with "Clear filters". */
export function FilterBar({ children, onClear, active }: { children: ReactNode; onClear: () => void; active: boolean }) {
  const { t } = useTranslation();
  return (
    <form className="filters" role="search" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="filters-grid">{children}</div>
      {active && (
        <button type="button" className="button button-quiet button-small" onClick={onClear}>
          {t('common.clearFilters')}
        </button>
      )}
    </form>
  );
}
