import { type EvidenceItem, type IncidentRecord, type IncidentSummary } from './evidence.schema.js';
import { toLocalIso } from './sun.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "The residence, 15:00–17:31, 23 videos": an incident with its items counted, times in the event's zone. */
export function summariseIncident(incident: IncidentRecord, items: EvidenceItem[], timeZone: string): IncidentSummary {
  const live = items.filter((i) => !i.deletedAt);
  const videos = live.filter((i) => i.mediaType.startsWith('video/')).length;
  const images = live.filter((i) => i.mediaType.startsWith('image/')).length;
  const clock = (t: string | null) => (t ? toLocalIso(new Date(t), timeZone).slice(11, 16) : '?');
  const window = incident.from || incident.to ? `, ${clock(incident.from)}–${clock(incident.to)}` : '';
  const parts = [videos ? plural(videos, 'video', 'videos') : '', images ? plural(images, 'photo', 'photos') : '', live.length - videos - images ? plural(live.length - videos - images, 'other file', 'other files') : '']
    .filter(Boolean);
  return {
    ...incident,
    items: { total: live.length, videos, images, other: live.length - videos - images, verified: live.filter((i) => i.status === 'verified').length },
    label: `${incident.title}${window}${parts.length ? `, ${parts.join(', ')}` : ''}`,
  };
}
