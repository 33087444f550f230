import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAll, useRecord } from '../api/queries.js';
import { type PersonRecord } from '../api/types.js';
import { StateBadge } from '../components/CustodyFacts.js';
import { PageTitle } from '../components/PageTitle.js';
import { Pseudonym, RealName } from '../components/PersonName.js';
import { EventLink, SourceList } from '../components/RecordLinks.js';
import { QueryView } from '../components/States.js';
import { useFormat } from '../lib/format.js';
import { personRef } from '../lib/person.js';
import { useVocab } from '../lib/vocab.js';
import { useSettings } from '../settings/SettingsContext.js';
import { FindingsSection } from './findings/lazy.js';

/** Names, contact and notes: kept behind an explicit "Reveal real names", apart from the pseudonym. */
function Identity({ person }: { person: PersonRecord }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const { revealNames } = useSettings();
  const [shown, setShown] = useState(false);
  const visible = revealNames || shown;
  return (
    <section aria-labelledby="identity-title" className="panel panel-restricted">
      <h2 id="identity-title">
        {t('person.realNames')} <span className="badge badge-restricted">{t('common.restricted')}</span>
      </h2>
      {!visible ? (
        <>
          <p className="muted">{t('person.realNamesHidden')}</p>
          <button type="button" className="button" onClick={() => setShown(true)}>
            {t('person.revealNames')}
          </button>
        </>
      ) : (
        <>
          <ul className="name-list" data-real-names="">
            {person.names.map((n, i) => (
              <li key={`${n.value}-${i}`}>
                <RealName name={n.value} />{' '}
                <span className="muted small">{[n.kind && vocab.label('name_kind', n.kind), n.script && vocab.label('script', n.script), n.language].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
          <dl className="facts">
            {person.contact && (
              <div>
                <dt>{t('person.contact')}</dt>
                <dd>{person.contact}</dd>
              </div>
            )}
            {person.birthYear != null && (
              <div>
                <dt>{t('person.birthYear')}</dt>
                <dd>{person.birthYear}</dd>
              </div>
            )}
            {person.notes && (
              <div>
                <dt>{t('common.notes')}</dt>
                <dd className="prewrap">{person.notes}</dd>
              </div>
            )}
          </dl>
          {!revealNames && (
            <button type="button" className="button button-quiet" onClick={() => setShown(false)}>
              {t('person.hideNames')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function PersonView({ person }: { person: PersonRecord }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  const detentions = useAll('detentions', { personId: person.id });
  const sourceIds = [...person.sourceIds, ...person.names.flatMap((n) => (n.sourceId ? [n.sourceId] : []))];
  return (
    <article>
      <PageTitle title={person.pseudonym ?? personRef(person.id)} lead={t('person.pseudonymHint')}>
        <Pseudonym person={person} />
      </PageTitle>
      <div className="two-col">
        <Identity person={person} />
        <section aria-labelledby="roles-title" className="panel">
          <h2 id="roles-title">{t('person.roles')}</h2>
          {person.roles.length === 0 ? (
            <p className="muted">{t('person.noRoles')}</p>
          ) : (
            <ul className="plain-list">
              {person.roles.map((r, i) => (
                <li key={i}>
                  <strong>{vocab.label('role', r.role)}</strong>
                  {r.organisationName && ` · ${r.organisationName}`}
                  {r.eventId && (
                    <>
                      {' · '}
                      <EventLink id={r.eventId} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <dl className="facts">
            {person.sex && (
              <div>
                <dt>{t('person.sex')}</dt>
                <dd>{vocab.label('sex', person.sex)}</dd>
              </div>
            )}
            <div>
              <dt>{t('person.consent')}</dt>
              <dd>{vocab.label('consent', person.consent)}</dd>
            </div>
          </dl>
        </section>
      </div>
      <section aria-labelledby="detentions-title" className="panel">
        <h2 id="detentions-title">{t('person.detentions')}</h2>
        <QueryView query={detentions} isEmpty={(list) => list.length === 0} empty={<p>{t('person.noDetentions')}</p>}>
          {(list) => (
            <ul className="record-list">
              {list.map((d) => (
                <li key={d.id} className="record-row">
                  <Link href={`/detentions/${d.id}`} className="record-title">
                    {t('person.detainedAt', { time: format.dateTime(d.apprehendedAt, d.apprehendedPrecision) })}
                  </Link>{' '}
                  <StateBadge state={d.custodyState} />
                  <p className="record-meta">
                    {[d.city, d.legalBasis !== 'unknown' && vocab.label('legal_basis', d.legalBasis), d.legalArticle].filter(Boolean).join(' · ')}
                    {d.eventId && (
                      <>
                        {' · '}
                        <EventLink id={d.eventId} />
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </section>
      <FindingsSection scope={{ personId: person.id }} />
      <section aria-labelledby="sources-title" className="panel">
        <h2 id="sources-title">{t('common.sources')}</h2>
        <SourceList ids={sourceIds} />
      </section>
    </article>
  );
}

/** One person: pseudonym by default, real names behind an explicit action, roles, every detention, sources. */
export function PersonPage({ id }: { id: string }) {
  const person = useRecord('persons', id);
  return <QueryView query={person}>{(p) => <PersonView person={p} />}</QueryView>;
}
