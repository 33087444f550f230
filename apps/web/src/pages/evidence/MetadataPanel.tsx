import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { type EvidenceDetail } from './evidenceApi.js';
import { useCodeLabel } from './labels.js';

/**
 * What exiftool and ffprobe found, normalised (capture time, GPS, device, duration, size), and
 * plainly which tool was missing or failed, so an empty field is never mistaken for "no metadata".
 */
export function MetadataPanel({ item }: { item: EvidenceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  const m = item.metadata;
  const none = <span className="muted">{t('evidence.metadata.notFound')}</span>;
  const trouble = item.tools.filter((tool) => tool.status === 'missing' || tool.status === 'failed');
  return (
    <section aria-labelledby="metadata-title" className="panel">
      <h2 id="metadata-title">{t('evidence.metadata.title')}</h2>
      {trouble.map((tool) => (
        <p key={tool.tool} className="notice notice-warning" role="note" data-tool-problem={tool.tool}>
          <strong>{t(`evidence.metadata.${tool.status === 'missing' ? 'toolMissing' : 'toolFailed'}`, { tool: tool.tool })}</strong> {tool.message}
        </p>
      ))}
      <dl className="facts">
        <div>
          <dt>{t('evidence.metadata.captureTime')}</dt>
          <dd>
            {m.captureTime ? format.dateTime(m.captureTime) : m.captureTimeLocal ? t('evidence.metadata.localOnly', { time: m.captureTimeLocal.replace('T', ' ') }) : none}
          </dd>
        </div>
        <div>
          <dt>{t('evidence.metadata.gps')}</dt>
          <dd>{m.lat !== null && m.lon !== null ? `${format.number(m.lat, 6)}, ${format.number(m.lon, 6)}` : none}</dd>
        </div>
        <div>
          <dt>{t('evidence.metadata.device')}</dt>
          <dd>{m.device ?? none}</dd>
        </div>
        <div>
          <dt>{t('evidence.metadata.dimensions')}</dt>
          <dd>{m.width !== null && m.height !== null ? `${m.width} × ${m.height}` : none}</dd>
        </div>
        {(m.durationSeconds !== null || item.mediaType.startsWith('video/') || item.mediaType.startsWith('audio/')) && (
          <div>
            <dt>{t('evidence.metadata.duration')}</dt>
            <dd>{m.durationSeconds !== null ? t('evidence.metadata.seconds', { value: format.number(m.durationSeconds, 1) }) : none}</dd>
          </div>
        )}
      </dl>
      <h3>{t('evidence.metadata.tools')}</h3>
      {item.tools.length === 0 ? (
        <p className="muted">{t('evidence.metadata.noTools')}</p>
      ) : (
        <ul className="plain-list">
          {item.tools.map((tool) => (
            <li key={tool.tool} data-tool={tool.tool} data-tool-status={tool.status}>
              <strong>{tool.tool}</strong>: {label('toolStatus', tool.status)}
              {tool.message && tool.status !== 'missing' && tool.status !== 'failed' && <span className="muted small"> — {tool.message}</span>}
            </li>
          ))}
        </ul>
      )}
      {Object.keys(item.metadataRaw).length > 0 && (
        <details>
          <summary>{t('evidence.metadata.raw')}</summary>
          <pre className="ev-raw">{JSON.stringify(item.metadataRaw, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}
