/**
 * ACLED-compatible rows for events (columns as in ACLED's CSV exports). The event-type mapping
 * is documented in docs/PUBLISHING.md; Vigil's own type stays in `tags` so nothing is lost.
 */
import { type PublicEvent, type PublicPlace } from './redact.js';
import { localDate } from './timezones.js';

export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
  'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location',
  'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;
export type AcledRow = Record<(typeof ACLED_COLUMNS)[number], string | number>;

/** ACLED actor type codes (inter1/inter2). */
const STATE = 1;
const RIOTERS = 5;
const PROTESTERS = 6;
const CIVILIANS = 7;

interface Mapping {
  disorder: string;
  eventType: string;
  subEventType: string;
  actor1: 'protesters' | 'rioters' | 'police';
  actor2: 'police' | 'civilians' | 'protesters' | null;
}

/** Vigil event type → ACLED disorder type, event type and sub-event type, with the actors. */
export const ACLED_EVENT_TYPES: Record<string, Mapping> = {
  peaceful_protest: { disorder: 'Demonstrations', eventType: 'Protests', subEventType: 'Peaceful protest', actor1: 'protesters', actor2: null },
  protest_with_intervention: { disorder: 'Demonstrations', eventType: 'Protests', subEventType: 'Protest with intervention', actor1: 'protesters', actor2: 'police' },
  excessive_force: { disorder: 'Demonstrations', eventType: 'Protests', subEventType: 'Excessive force against protesters', actor1: 'police', actor2: 'protesters' },
  violent_demonstration: { disorder: 'Demonstrations', eventType: 'Riots', subEventType: 'Violent demonstration', actor1: 'rioters', actor2: 'police' },
  mob_violence: { disorder: 'Political violence', eventType: 'Riots', subEventType: 'Mob violence', actor1: 'rioters', actor2: null },
  arrests: { disorder: 'Strategic developments', eventType: 'Strategic developments', subEventType: 'Arrests', actor1: 'police', actor2: 'civilians' },
  preemptive_detentions: { disorder: 'Strategic developments', eventType: 'Strategic developments', subEventType: 'Arrests', actor1: 'police', actor2: 'civilians' },
};

/** Countries of the region: ISO 3166 numeric code and name, as ACLED writes them. */
const COUNTRIES: Record<string, { iso: number; name: string; region: string }> = {
  KZ: { iso: 398, name: 'Kazakhstan', region: 'Caucasus and Central Asia' },
  KG: { iso: 417, name: 'Kyrgyzstan', region: 'Caucasus and Central Asia' },
  UZ: { iso: 860, name: 'Uzbekistan', region: 'Caucasus and Central Asia' },
  TJ: { iso: 762, name: 'Tajikistan', region: 'Caucasus and Central Asia' },
  TM: { iso: 795, name: 'Turkmenistan', region: 'Caucasus and Central Asia' },
  AZ: { iso: 31, name: 'Azerbaijan', region: 'Caucasus and Central Asia' },
  AM: { iso: 51, name: 'Armenia', region: 'Caucasus and Central Asia' },
  GE: { iso: 268, name: 'Georgia', region: 'Caucasus and Central Asia' },
  RU: { iso: 643, name: 'Russia', region: 'Europe' },
  BY: { iso: 112, name: 'Belarus', region: 'Europe' },
};

/** ACLED time precision: 1 = the day is known, 2 = the week, 3 = the month. */
export function acledTimePrecision(precision: string): number {
  return precision === 'month' ? 3 : precision === 'week' ? 2 : 1;
}

/** ACLED geo precision: 1 = the town or a place in it, 2 = near it / part of a region, 3 = a region or less. */
export function acledGeoPrecision(place: PublicPlace | null, city: string | null): number {
  if (place?.geoPrecision === 'region') return 2;
  return city || place?.city ? 1 : 3;
}

function actorName(actor: Mapping['actor1'] | NonNullable<Mapping['actor2']>, country: string): { name: string; inter: number } {
  if (actor === 'police') return { name: `Police Forces of ${country}`, inter: STATE };
  if (actor === 'rioters') return { name: `Rioters (${country})`, inter: RIOTERS };
  if (actor === 'civilians') return { name: `Civilians (${country})`, inter: CIVILIANS };
  return { name: `Protesters (${country})`, inter: PROTESTERS };
}

export interface AcledInput {
  event: PublicEvent;
  place: PublicPlace | null;
  detentions: number;
  people: number;
  fatalities: number;
  sources: string[];
  updatedAt: string;
}

/** One ACLED row for one event; notes are generated from counts, never from free text about people. */
export function acledRow(input: AcledInput): AcledRow {
  const { event, place } = input;
  const mapping = ACLED_EVENT_TYPES[event.type] ?? ACLED_EVENT_TYPES.protest_with_intervention;
  const country = COUNTRIES[event.country] ?? { iso: '', name: event.country, region: '' };
  const a1 = actorName(mapping?.actor1 ?? 'protesters', country.name);
  const a2 = mapping?.actor2 ?? (input.detentions > 0 ? 'police' : null);
  const actor2 = a2 ? actorName(a2, country.name) : null;
  const interaction = actor2 ? Number(`${Math.min(a1.inter, actor2.inter)}${Math.max(a1.inter, actor2.inter)}`) : a1.inter * 10;
  const date = localDate(event.startAt, event.timezone);
  const claims = event.estimates.filter((e) => e.min !== null || e.max !== null).map((e) => `${e.min ?? ''}${e.max !== null && e.max !== e.min ? `-${e.max}` : ''} ${e.measure}`.trim());
  const notes = [
    `${event.title}.`,
    `Vigil documented ${input.detentions} detention(s) of ${input.people} person(s).`,
    claims.length > 0 ? `Claimed by sources: ${claims.join('; ')}.` : '',
  ].filter(Boolean).join(' ');
  return {
    event_id_cnty: `VIGIL-${event.id}`,
    event_date: date,
    year: Number(date.slice(0, 4)),
    time_precision: acledTimePrecision(event.startPrecision),
    disorder_type: mapping?.disorder ?? '',
    event_type: mapping?.eventType ?? '',
    sub_event_type: mapping?.subEventType ?? '',
    actor1: a1.name,
    assoc_actor_1: '',
    inter1: a1.inter,
    actor2: actor2?.name ?? '',
    assoc_actor_2: '',
    inter2: actor2?.inter ?? 0,
    interaction,
    civilian_targeting: '',
    iso: country.iso,
    region: country.region,
    country: country.name,
    admin1: event.region ?? place?.region ?? '',
    admin2: '',
    admin3: '',
    location: event.city ?? place?.city ?? country.name,
    latitude: place?.lat ?? '',
    longitude: place?.lon ?? '',
    geo_precision: acledGeoPrecision(place, event.city),
    source: input.sources.join('; '),
    source_scale: 'Other',
    notes,
    fatalities: input.fatalities,
    tags: `vigil_event_type=${event.type}; detentions=${input.detentions}`,
    timestamp: Math.floor(Date.parse(input.updatedAt) / 1000),
  };
}
