import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SourceLink } from '../../components/RecordLinks.js';
import { useFormat } from '../../lib/format.js';
import { type EvidenceDetail } from './evidenceApi.js';

type Receipt = EvidenceDetail['provenance'][number];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One receipt of the file: where it was found and how it was collected (Berkeley Protocol collection log). */
function ReceiptView({ receipt, index }: { receipt: Receipt; index: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const r = receipt;
  return (
    <li className="ev-receipt" data-provenance={r.id}>
      <h3>{t('evidence.provenance.receipt', { n: index + 1, time: format.dateTime(r.receivedAt), who: r.receivedBy })}</h3>
      <dl className="facts">
        <Fact label={t('evidence.fields.filename')}>{r.filename}</Fact>
        {r.declaredType && <Fact label={t('evidence.provenance.declaredType')}>{r.declaredType}</Fact>}
        {r.originalUrl && (
          <Fact label={t('evidence.fields.originalUrl')}>
            <a href={r.originalUrl} rel="noreferrer noopener" target="_blank" className="ev-break">
              {r.originalUrl}
            </a>
          </Fact>
        )}
        {r.platform && <Fact label={t('evidence.fields.platform')}>{r.platform}</Fact>}
        {r.postingAccount && <Fact label={t('evidence.fields.postingAccount')}>{r.postingAccount}</Fact>}
        {r.postedAt && <Fact label={t('evidence.fields.postedAt')}>{format.dateTime(r.postedAt)}</Fact>}
        {r.capturedAt && <Fact label={t('evidence.fields.capturedAt')}>{format.dateTime(r.capturedAt)}</Fact>}
        {r.capturedBy && <Fact label={t('evidence.fields.capturedBy')}>{r.capturedBy}</Fact>}
        {r.captureTool && <Fact label={t('evidence.fields.captureTool')}>{r.captureTool}</Fact>}
        {r.sourceId && (
          <Fact label={t('evidence.provenance.source')}>
            <SourceLink id={r.sourceId} />
          </Fact>
        )}
      </dl>
      {r.notes && <p className="prewrap small">{r.notes}</p>}
    </li>
  );
}

/** Every time these bytes were received: the same file from another platform or researcher adds a receipt. */
export function ProvenancePanel({ item }: { item: EvidenceDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="provenance-title" className="panel">
      <h2 id="provenance-title">{t('evidence.provenance.title')}</h2>
      <p className="hint">{t('evidence.provenance.intro', { count: item.provenance.length })}</p>
      <ol className="ev-receipts">
        {item.provenance.map((r, i) => (
          <ReceiptView key={r.id} receipt={r} index={i} />
        ))}
      </ol>
    </section>
  );
}
