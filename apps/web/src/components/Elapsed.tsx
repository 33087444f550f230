import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.js';

// One timer for the whole page, however many clocks are on it.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, re-rendering every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/**
 * Time since `since`, ticking; stops at `until` (a release). `serverNow` and `fetchedAt` correct
 * for a browser clock that is off from the server's.
 */
export function Elapsed({ since, until, serverNow, fetchedAt }: { since: string; until?: string | null; serverNow?: string; fetchedAt?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tick = useNow();
  const skew = serverNow && fetchedAt ? Date.parse(serverNow) - fetchedAt : 0;
  const end = until ? Date.parse(until) : tick + skew;
  const ms = end - Date.parse(since);
  return (
    <span className="elapsed" role="timer" aria-label={`${t('time.elapsedLabel')}: ${format.hours(ms / 3_600_000)}`} data-elapsed-ms={Math.max(0, Math.round(ms))}>
      {format.clock(ms)}
    </span>
  );
}
