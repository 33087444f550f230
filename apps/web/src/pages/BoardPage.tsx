import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useBoard } from '../api/queries.js';
import { type BoardEntry } from '../api/types.js';
import { AlertBadges } from '../components/AlertBadges.js';
import { FamilyStatus, LawyerStatus, StateBadge, Whereabouts } from '../components/CustodyFacts.js';
import { Elapsed } from '../components/Elapsed.js';
import { PageTitle } from '../components/PageTitle.js';
import { PersonName } from '../components/PersonName.js';
import { QueryView } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { useVocab } from '../lib/vocab.js';

function BoardCard({ entry, fetchedAt, serverNow }: { entry: BoardEntry; fetchedAt: number; serverNow: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const vocab = useVocab();
  const { detention: d, assessment: a, person } = entry;
  const critical = a.alerts.some((x) => x.severity === 'critical');
  return (
    <li className={`board-card${critical ? ' board-card-critical' : ''}`} data-detention-id={d.id}>
      <div className="board-who">
        <Link href={`/detentions/${d.id}`} className="board-link">
          {person ? <PersonName person={person} /> : t('common.unknown')}
        </Link>
        <StateBadge state={a.state} />
        <p className="muted small">
          {[d.city, d.legalBasis !== 'unknown' && vocab.label('legal_basis', d.legalBasis), d.legalArticle].filter(Boolean).join(' · ')}
        </p>
      </div>
      <div className="board-clock">
        <span className="board-label">{t('board.heldFor')}</span>
        <Elapsed since={a.restrictedAt} until={a.releasedAt} serverNow={serverNow} fetchedAt={fetchedAt} />
        <span className="muted small">{t('board.since', { time: format.dateTime(a.restrictedAt, d.apprehendedPrecision) })}</span>
      </div>
      <dl className="board-facts">
        <div>
          <dt>{t('board.where')}</dt>
          <dd>
            <Whereabouts assessment={a} />
          </dd>
        </div>
        <div>
          <dt>{t('board.lawyer')}</dt>
          <dd>
            <LawyerStatus assessment={a} />
          </dd>
        </div>
        <div>
          <dt>{t('board.family')}</dt>
          <dd>
            <FamilyStatus assessment={a} />
          </dd>
        </div>
      </dl>
      <div className="board-alerts">
        <AlertBadges alerts={a.alerts} />
      </div>
    </li>
  );
}

/** Home: everyone held or unaccounted for, most urgent first (the server's order), polling. */
export function BoardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const board = useBoard();
  return (
    <section>
      <PageTitle title={t('board.title')} lead={t('board.intro')}>
        {t('board.title')}
      </PageTitle>
      {board.data && (
        <p className="board-meta" aria-live="polite">
          <strong>{t('board.count', { count: board.data.count })}</strong>
          <span className="muted">
            {' · '}
            {board.isFetching ? t('time.refreshing') : t('time.updatedAt', { time: format.time(board.data.generatedAt) })}
          </span>
        </p>
      )}
      {board.isRefetchError && board.data && (
        <p className="notice notice-warning" role="alert">
          {t('board.stale', { time: format.time(board.data.generatedAt) })}
        </p>
      )}
      <QueryView
        query={board}
        staleNotice={false}
        isEmpty={(b) => b.items.length === 0}
        empty={
          <>
            <p>{t('board.empty')}</p>
            <Link href="/report" className="button button-primary">
              {t('board.emptyAction')}
            </Link>
          </>
        }
      >
        {(b) => (
          <ol className="board" aria-label={t('board.title')}>
            {b.items.map((entry) => (
              <BoardCard key={entry.detention.id} entry={entry} fetchedAt={board.dataUpdatedAt} serverNow={b.generatedAt} />
            ))}
          </ol>
        )}
      </QueryView>
    </section>
  );
}
