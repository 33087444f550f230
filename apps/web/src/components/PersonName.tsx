import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personRef, realNameOf, type PersonLike } from '../lib/person.js';
import { useSettings } from '../settings/SettingsContext.js';
import { LockIcon } from './Icons.js';

/** The public face of a person: the pseudonym, or a neutral reference when there is none. */
export function Pseudonym({ person }: { person: PersonLike }) {
  const { t } = useTranslation();
  return person.pseudonym ? <span className="pseudonym">{person.pseudonym}</span> : <span className="pseudonym pseudonym-none">{t('person.noPseudonym', { ref: personRef(person.id) })}</span>;
}

/** A real name, always marked as restricted so it is never mistaken for the pseudonym. */
export function RealName({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <span className="real-name">
      <span className="visually-hidden">{t('person.realName')}: </span>
      <LockIcon />{' '}
      {name}
    </span>
  );
}

/**
 * Pseudonym first; the real name only when the session toggle is on (lists) or after the
 * "Show real name" button is pressed (`revealable`).
 */
export function PersonName({ person, revealable = false }: { person: PersonLike; revealable?: boolean }) {
  const { t } = useTranslation();
  const { revealNames } = useSettings();
  const [shown, setShown] = useState(false);
  const real = realNameOf(person);
  const visible = real !== null && (revealNames || shown);
  return (
    <span className="person-name">
      <Pseudonym person={person} />
      {visible && <RealName name={real} />}
      {revealable && real !== null && !revealNames && (
        <button type="button" className="button button-small button-quiet" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
          {shown ? t('person.hideRealName') : t('person.showRealName')}
        </button>
      )}
    </span>
  );
}
