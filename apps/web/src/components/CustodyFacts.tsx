import { useTranslation } from 'react-i18next';
import { type CustodyAssessment } from '../api/types.js';
import { useFormat } from '../lib/format.js';
import { usePlaceLabel } from './RecordLinks.js';

/** Where the person is, as far as anyone knows. */
export function Whereabouts({ assessment }: { assessment: CustodyAssessment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const w = assessment.whereabouts;
  const place = usePlaceLabel(w.placeId);
  const lastKnown = usePlaceLabel(w.lastKnownPlaceId);
  if (w.status === 'known') return <span>{w.placeId ? t('board.whereKnown', { place }) : t('board.whereKnownNoPlace')}</span>;
  return (
    <span className="text-danger">
      {t('board.whereUnknown', { time: format.dateTime(w.since) })}
      {w.lastKnownPlaceId && ` (${t('board.lastKnown', { place: lastKnown })})`}
    </span>
  );
}

/** Whether the lawyer of choice got in, was refused, or a duty lawyer was imposed instead. */
export function LawyerStatus({ assessment: a }: { assessment: CustodyAssessment }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (a.lawyerOfChoiceAdmittedAt) return <span className="text-ok">{t('board.lawyerAdmitted', { time: format.dateTime(a.lawyerOfChoiceAdmittedAt) })}</span>;
  if (a.lawyerRefusedAt) return <span className="text-danger">{t('board.lawyerRefused', { time: format.dateTime(a.lawyerRefusedAt) })}</span>;
  if (a.dutyLawyerImposedAt) return <span className="text-danger">{t('board.dutyLawyer', { time: format.dateTime(a.dutyLawyerImposedAt) })}</span>;
  if (a.lawyerRequestedAt) return <span className="text-warning">{t('board.lawyerRequested', { time: format.dateTime(a.lawyerRequestedAt) })}</span>;
  return <span className="muted">{t('board.lawyerNone')}</span>;
}

export function FamilyStatus({ assessment: a }: { assessment: CustodyAssessment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return a.familyNotifiedAt ? <span className="text-ok">{t('board.familyTold', { time: format.dateTime(a.familyNotifiedAt) })}</span> : <span className="text-warning">{t('board.familyNotTold')}</span>;
}

export function StateBadge({ state }: { state: CustodyAssessment['state'] }) {
  const { t } = useTranslation();
  return <span className={`state-badge state-${state}`}>{t(`state.${state}`)}</span>;
}
