import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/States.js';
import { pickLabel } from '../../lib/vocab.js';
import { type FindingView, type StandardView, useStandards } from './api.js';
import { FindingCard } from './FindingCard.js';

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

function focusIn(cards: ReadonlyMap<string, HTMLElement>, id: string | undefined): void {
  const el = id ? cards.get(id) : undefined;
  el?.focus();
  el?.scrollIntoView({ block: 'nearest' });
}

/**
 * Findings as cards, with the catalogue loaded once for their citations. With `keyboard` (the
 * queue page), J / K anywhere on the page move to the next / previous card; C / R on a card open
 * confirm / reject. After a decision the outcome is announced and focus moves on to the next
 * finding, so a reviewer can work down the queue without the mouse.
 */
export function FindingList({ items, canReview, label, keyboard = false }: { items: readonly FindingView[]; canReview: boolean; label: string; keyboard?: boolean }) {
  const { t, i18n } = useTranslation();
  const standards = useStandards();
  const byId = useMemo(() => new Map<string, StandardView>((standards.data?.standards ?? []).map((s) => [s.id, s])), [standards.data]);
  const cards = useRef(new Map<string, HTMLLIElement>());
  const [message, setMessage] = useState('');

  const focusCard = (id: string | undefined) => focusIn(cards.current, id);

  // The listener reads the latest items through a ref, so it is registered once.
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  }, [items]);
  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const key = e.key.toLowerCase();
      if (key !== 'j' && key !== 'k') return;
      const list = latest.current;
      const current = list.findIndex((f) => cards.current.get(f.id)?.contains(document.activeElement));
      const next = current === -1 ? 0 : key === 'j' ? Math.min(list.length - 1, current + 1) : Math.max(0, current - 1);
      e.preventDefault();
      focusIn(cards.current, list[next]?.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard]);

  const reviewed = (index: number) => (result: { status: FindingView['status']; explanation: FindingView['explanation'] }) => {
    setMessage(t('findings.saved', { status: t(`findings.status.${result.status}`), rule: pickLabel(result.explanation, i18n.language) ?? '' }));
    // The next card exists now; after the refetch a confirmed finding may leave the queue.
    const next = items[index + 1]?.id ?? items[index - 1]?.id ?? items[index]?.id;
    requestAnimationFrame(() => focusCard(next));
  };

  return (
    <>
      <div role="status" aria-live="polite">
        {message && (
          <p className="notice notice-ok" data-review-saved="">
            {message}
          </p>
        )}
      </div>
      <QueryView query={standards}>
        {() => (
          <ul className="finding-list" aria-label={label}>
            {items.map((f, i) => (
              <FindingCard
                key={f.id}
                cardRef={(el) => {
                  if (el) cards.current.set(f.id, el);
                  else cards.current.delete(f.id);
                }}
                finding={f}
                standards={byId}
                canReview={canReview}
                onReviewed={reviewed(i)}
              />
            ))}
          </ul>
        )}
      </QueryView>
    </>
  );
}
