import { FINDING_STATUSES, type FindingStatus } from '@vigil/core/contract';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { type FindingCounts } from './api.js';

/**
 * How many findings there are per status. With `onPick`, each count is a toggle button that
 * filters the list by that status (the queue's tabs); without, a plain line (record pages).
 */
export function StatusCounts({ counts, active, onPick, hideEmpty = false }: { counts: FindingCounts; active?: string; onPick?: (status: FindingStatus) => void; hideEmpty?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shown = FINDING_STATUSES.filter((s) => !hideEmpty || counts.byStatus[s] > 0);
  if (shown.length === 0) return null;
  return (
    <ul className="finding-counts" aria-label={t('findings.counts.label')}>
      {shown.map((status) => {
        const text = t('findings.counts.item', { status: t(`findings.status.${status}`), count: format.number(counts.byStatus[status]) });
        return (
          <li key={status} data-count-status={status} data-count={counts.byStatus[status]}>
            {onPick ? (
              <button type="button" className={`finding-count finding-status-${status}`} aria-pressed={active === status} onClick={() => onPick(status)}>
                {text}
              </button>
            ) : (
              <span className={`finding-count finding-status-${status}`}>{text}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
