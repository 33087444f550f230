import { type ClaimCell, type OfficialCell, type Reconciliation } from '@vigil/core/contract';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { measureKey, useClaimText } from './labels.js';

/**
 * Documented | claimed by sources | official, per area and measure: three columns that are never
 * added together. A claimed number is quoted as given ("at least 54"); an official figure always
 * with its issuer and date.
 */
export function ReconciliationTable({ reconciliation }: { reconciliation: Reconciliation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const claimText = useClaimText();
  const num = (n: number | null) => (n === null ? t('common.none') : format.number(n));
  const claim = (c: ClaimCell, i: number) => (
    <li key={i} data-count="claimed">
      <strong className="claim-number">{claimText(c.text)}</strong> {c.measure}
      {c.claimedBy && <span className="small muted"> — {c.claimedBy}</span>}
    </li>
  );
  const official = (o: OfficialCell, i: number) => (
    <li key={i} data-count="official">
      <strong className="claim-number">{format.number(o.value)}</strong> {o.measure}
      <span className="small muted"> — {t('stats.reconciliation.issued', { issuer: o.issuer, date: format.date(`${o.issuedOn}T12:00:00Z`, 'UTC') })}</span>
    </li>
  );
  const label = (measure: string, fallback: string) => {
    const key = measureKey(measure);
    const text = t(key);
    return text === key ? fallback : text;
  };
  const others = [...reconciliation.otherClaims, ...reconciliation.otherOfficial];
  return (
    <section className="panel" aria-labelledby="reconciliation-title" data-section="reconciliation">
      <h2 id="reconciliation-title">{t('stats.reconciliation.title')}</h2>
      <p className="hint">{t('stats.reconciliation.intro')}</p>
      <div className="table-scroll">
        <table className="data-table reconciliation">
          <thead>
            <tr>
              <th scope="col">{t('stats.reconciliation.where')}</th>
              <th scope="col">{t('stats.reconciliation.what')}</th>
              <th scope="col" className="n col-documented">{t('stats.reconciliation.documentedDetentions')}</th>
              <th scope="col" className="n col-documented">{t('stats.reconciliation.documentedPeople')}</th>
              <th scope="col" className="col-claimed">{t('stats.reconciliation.claimed')}</th>
              <th scope="col" className="col-official">{t('stats.reconciliation.official')}</th>
            </tr>
          </thead>
          <tbody>
            {reconciliation.rows.map((r) => (
              <tr key={`${r.area ?? ''}|${r.measure}`} data-area={r.area ?? ''} data-measure={r.measure}>
                <td>{r.area ?? t('stats.reconciliation.all')}</td>
                <th scope="row">{label(r.measure, r.label)}</th>
                <td className="n" data-cell="documented-detentions">{num(r.documented.detentions)}</td>
                <td className="n" data-cell="documented-people">{num(r.documented.people)}</td>
                <td data-cell="claimed">{r.claimed.length === 0 ? t('common.none') : <ul className="plain-list">{r.claimed.map(claim)}</ul>}</td>
                <td data-cell="official">{r.official.length === 0 ? t('common.none') : <ul className="plain-list">{r.official.map(official)}</ul>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others.length > 0 && (
        <>
          <h3>{t('stats.reconciliation.other')}</h3>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('stats.reconciliation.where')}</th>
                  <th scope="col">{t('stats.reconciliation.number')}</th>
                  <th scope="col">{t('stats.reconciliation.source')}</th>
                </tr>
              </thead>
              <tbody>
                {reconciliation.otherClaims.map((c, i) => (
                  <tr key={`c${i}`}>
                    <td>{c.area ?? t('stats.reconciliation.all')}</td>
                    <td>
                      <strong>{claimText(c.text)}</strong> {c.measure}
                    </td>
                    <td>{c.claimedBy ?? ''}</td>
                  </tr>
                ))}
                {reconciliation.otherOfficial.map((o, i) => (
                  <tr key={`o${i}`}>
                    <td>{o.area ?? t('stats.reconciliation.all')}</td>
                    <td>
                      <strong>{format.number(o.value)}</strong> {o.measure}
                    </td>
                    <td>{t('stats.reconciliation.issued', { issuer: o.issuer, date: format.date(`${o.issuedOn}T12:00:00Z`, 'UTC') })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
