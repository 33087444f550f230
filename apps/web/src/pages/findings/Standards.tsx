import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { pickLabel } from '../../lib/vocab.js';
import { type FindingView, type StandardView } from './api.js';

type Origin = FindingView['thresholds'][number]['origin'];

/**
 * A threshold's origin as a badge with its meaning spelt out. CONV (a monitors' convention) is a
 * setting, not law: it gets its own dashed style and the words say so, wherever it appears.
 */
export function OriginBadge({ origin }: { origin: Origin }) {
  const { t } = useTranslation();
  return (
    <span className={`origin origin-${origin}`} data-origin={origin}>
      <abbr className="origin-code" title={t(`findings.originLong.${origin}`)}>
        {t(`findings.origin.${origin}`)}
      </abbr>{' '}
      <span className="origin-words">{t(`findings.originLong.${origin}`)}</span>
    </span>
  );
}

/** The standards a finding cites: instrument and citation, how firm the citation is ([V]/[P]/[R]), the paraphrase. */
export function Citations({ ids, byId }: { ids: readonly string[]; byId: ReadonlyMap<string, StandardView> }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="finding-citations">
      {ids.map((id) => {
        const s = byId.get(id);
        if (!s) {
          return (
            <li key={id} className="muted">
              {t('findings.missingStandard', { id })}
            </li>
          );
        }
        return (
          <li key={id} data-standard={id}>
            <p>
              <strong>{s.id}</strong> · {s.instrument}, {s.citation}
            </p>
            <p className="small">
              <span className="visually-hidden">{t('findings.firmness')}: </span>
              <span className={`firmness firmness-${s.verification.status}`} data-verification={s.verification.status}>
                {t(`findings.verification.${s.verification.status}`)}
              </span>
              {s.verification.note && <span className="muted" lang="en"> {s.verification.note}</span>}
            </p>
            <p className="small muted">{pickLabel(s.paraphrase, i18n.language)}</p>
          </li>
        );
      })}
    </ul>
  );
}

/** Every threshold the finding applied: value and unit, origin badge, and the catalogue's note on where it comes from. */
export function Thresholds({ thresholds, byId }: { thresholds: FindingView['thresholds']; byId: ReadonlyMap<string, StandardView> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="finding-thresholds">
      {thresholds.map((th) => {
        const note = byId.get(th.standardId)?.thresholds.find((x) => x.code === th.code)?.note;
        return (
          <li key={`${th.standardId}:${th.code}`} data-threshold-origin={th.origin}>
            <strong>{t('findings.thresholdValue', { value: format.number(th.value, 1), unit: t(`findings.units.${th.unit}`) })}</strong> <OriginBadge origin={th.origin} />{' '}
            <span className="small muted">· {th.standardId}</span>
            {note && (
              <span className="small muted" lang="en">
                {' '}
                · {note}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
