import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyUrl, type EvidenceItem } from './evidenceApi.js';
import { useCodeLabel } from './labels.js';

type MediaItem = Pick<EvidenceItem, 'id' | 'viewingCopies' | 'sensitivity' | 'mediaType' | 'filename'>;

/**
 * An item's viewing copy (thumbnail or video poster; never the original). When the item carries
 * sensitivity labels (graphic violence, personal data visible…) the picture stays blurred under
 * the labels until the viewer chooses to see it; in lists it stays blurred.
 */
export function SensitiveMedia({ item, size, revealable = size === 'large' }: { item: MediaItem; size: 'small' | 'large'; revealable?: boolean }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const [revealed, setRevealed] = useState(false);
  const url = copyUrl(item);
  const sensitive = item.sensitivity.length > 0;
  const hidden = sensitive && !revealed;
  if (!url) {
    return (
      <div className={`ev-media ev-media-${size} ev-media-none`}>
        <span>{item.mediaType}</span>
        {size === 'large' && <span className="small">{t('evidence.media.noCopy')}</span>}
      </div>
    );
  }
  return (
    <figure className={`ev-media ev-media-${size}`} data-blurred={hidden ? 'true' : 'false'}>
      <img src={url} alt={t('evidence.media.alt', { name: item.filename })} className={hidden ? 'ev-blurred' : undefined} loading="lazy" decoding="async" />
      {hidden && (
        <div className="ev-veil">
          {size === 'large' && <p className="ev-veil-title">{t('evidence.media.sensitive')}</p>}
          <ul className="ev-veil-labels" aria-label={t('evidence.media.labels')}>
            {item.sensitivity.map((code) => (
              <li key={code} className="badge badge-warning">
                {label('sensitivity', code)}
              </li>
            ))}
          </ul>
          {revealable && (
            <button type="button" className="button button-small" onClick={() => setRevealed(true)}>
              {t('evidence.media.show')}
            </button>
          )}
        </div>
      )}
      {sensitive && revealed && (
        <button type="button" className="button button-quiet button-small ev-rehide" onClick={() => setRevealed(false)}>
          {t('evidence.media.hide')}
        </button>
      )}
    </figure>
  );
}
