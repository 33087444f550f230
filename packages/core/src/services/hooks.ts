import { deriveCustodyState } from '../custody/index.js';
import { detectScript } from '../names/index.js';
import { type EntityName } from '../records/entities.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { type RecordHook } from './record.service.js';

/** Keeps the stored custody state (indexed, for the board) in step with the timeline. */
async function detentionHook(record: StoredRecord, repos: Repositories): Promise<void> {
  const steps = (record.steps as { type: string; at: string }[] | null) ?? [];
  const { state, releasedAt } = deriveCustodyState(steps);
  record.custodyState = state;
  record.releasedAt = releasedAt;
  record.lastActivityAt = [String(record.apprehendedAt), ...steps.map((s) => s.at)].reduce((a, b) => (b > a ? b : a));
  if (!record.city && typeof record.eventId === 'string') {
    const event = await repos.records.get('event', record.eventId);
    record.city = typeof event?.city === 'string' ? event.city : null;
  }
}

/** A name typed without its script gets one detected, so lists can show Cyrillic beside Latin. */
function personHook(record: StoredRecord): void {
  const names = (record.names as { value: string; script: string | null }[] | null) ?? [];
  for (const name of names) name.script ??= detectScript(name.value);
}

export const RECORD_HOOKS: Partial<Record<EntityName, RecordHook>> = {
  detention: detentionHook,
  person: personHook,
};
