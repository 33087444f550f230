import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCan } from '../../auth/session.js';
import { PageTitle } from '../../components/PageTitle.js';
import { QueryView } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { ChronolocationPanel, GeolocationPanel, type ChronoSuggestion } from './ClaimsPanels.js';
import { CustodyPanel } from './CustodyPanel.js';
import { contentUrl, useEvidenceItem, type EvidenceDetail } from './evidenceApi.js';
import { formatBytes, useCodeLabel } from './labels.js';
import { LinksPanel } from './LinksPanel.js';
import { MetadataPanel } from './MetadataPanel.js';
import { ProvenancePanel } from './ProvenancePanel.js';
import { SensitiveMedia } from './SensitiveMedia.js';
import { SunCalculator } from './SunCalculator.js';
import { VerificationPanel } from './VerificationPanel.js';
import './evidence.css';

/** The file itself: viewing copy (blurred when labelled), the original as a logged download, its identity. */
function FilePanel({ item }: { item: EvidenceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  return (
    <section aria-labelledby="file-title" className="panel ev-file">
      <h2 id="file-title" className="visually-hidden">
        {t('evidence.item.file')}
      </h2>
      <SensitiveMedia item={item} size="large" />
      <div>
        <dl className="facts">
          <div className="ev-wide">
            <dt>SHA-256</dt>
            <dd>
              <code className="ev-break" data-sha256>
                {item.sha256}
              </code>
            </dd>
          </div>
          <div>
            <dt>{t('evidence.fields.filename')}</dt>
            <dd className="ev-break">{item.filename}</dd>
          </div>
          <div>
            <dt>{t('evidence.item.type')}</dt>
            <dd>
              {item.mediaType} · {formatBytes(item.size, format.locale)}
            </dd>
          </div>
          <div>
            <dt>{t('evidence.item.received')}</dt>
            <dd>{t('evidence.item.receivedBy', { time: format.dateTime(item.createdAt), who: item.createdBy })}</dd>
          </div>
          <div>
            <dt>{t('evidence.fields.sensitivity')}</dt>
            <dd>{item.sensitivity.length === 0 ? <span className="muted">{t('evidence.item.noLabels')}</span> : item.sensitivity.map((c) => label('sensitivity', c)).join(', ')}</dd>
          </div>
        </dl>
        <p>
          <a className="button" href={contentUrl(item.id)} download={item.filename}>
            {t('evidence.item.download')}
          </a>
        </p>
        <p className="hint">{t('evidence.item.downloadHint')}</p>
      </div>
    </section>
  );
}

function ItemView({ item, refetch }: { item: EvidenceDetail; refetch: () => unknown }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('evidence:write');
  const [suggestion, setSuggestion] = useState<ChronoSuggestion | null>(null);
  const title = item.title ?? item.filename;
  const onConflict = () => void refetch();
  return (
    <article className="ev-item">
      <PageTitle title={title} lead={item.description ?? undefined}>
        {title}
      </PageTitle>
      <p>
        <Link href="/evidence">{t('evidence.item.back')}</Link>
      </p>
      {item.deletedAt && (
        <p className="notice notice-warning" role="note">
          {t('evidence.item.deleted', { who: item.deletedBy ?? '' })}
        </p>
      )}
      <FilePanel item={item} />
      <div className="two-col">
        <VerificationPanel item={item} canWrite={canWrite} onConflict={onConflict} />
        <LinksPanel item={item} canWrite={canWrite} onConflict={onConflict} />
      </div>
      <div className="two-col">
        <ProvenancePanel item={item} />
        <MetadataPanel item={item} />
      </div>
      <GeolocationPanel item={item} canWrite={canWrite} />
      <div className="two-col">
        <ChronolocationPanel item={item} canWrite={canWrite} suggestion={suggestion} />
        <SunCalculator item={item} onUseWindow={canWrite && !item.deletedAt ? setSuggestion : undefined} />
      </div>
      <CustodyPanel item={item} canWrite={canWrite} />
    </article>
  );
}

/**
 * One evidence item: the file and its identity, verification workflow and discussion, links and
 * near duplicates, provenance, metadata, geolocation and chronolocation claims beside the sun and
 * shadow calculator, and the chain of custody. Opening it is logged as a view.
 */
export default function EvidenceItemPage({ id }: { id: string }) {
  const query = useEvidenceItem(id);
  return <QueryView query={query}>{(item) => <ItemView item={item} refetch={query.refetch} />}</QueryView>;
}
