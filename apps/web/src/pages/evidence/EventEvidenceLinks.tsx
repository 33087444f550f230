import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCan } from '../../auth/session.js';

/** On an event's page: its chronology (evidence and acts in time order) and its evidence, for readers of the vault. */
export function EventEvidenceLinks({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can('evidence:read')) return null;
  return (
    <p className="ev-event-links">
      <Link href={`/events/${eventId}/chronology`}>{t('evidence.chronology.open')}</Link> · <Link href={`/evidence?eventId=${eventId}`}>{t('evidence.chronology.allEvidence')}</Link>
    </p>
  );
}
