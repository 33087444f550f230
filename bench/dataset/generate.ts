/**
 * The benchmark dataset, deterministic from a seed: the same size and seed give the same rows,
 * byte for byte, on every machine (a seeded PRNG, no clock, no Math.random).
 *
 * - events: one per 50 detentions (20,000 at 1M), over five years (2019–2023) in 20 cities,
 *   with 1–2 media links each; a tenth of them fall on a few days of mass detentions;
 * - detentions: one row of a partner's list each, so one person record each — as imports make
 *   them. The names come from core's labelled matching generator (Kazakh and Russian names, in
 *   Cyrillic and Latin, several transliterations, typos, patronymics, initials), and a person
 *   detained more than once is written differently in each row, as partners' lists do;
 * - custody: apprehended within three hours of the start; most released within hours, a third
 *   of administrative cases after an arrest of 3–15 days; cases of the last month still open
 *   (the custody board), a few older ones never closed (the board's stale count);
 * - sources: the event's links on every detention row (shared by URL).
 */
import { generateBenchmark, seededRng } from '../../packages/core/src/matching/index.js';
import { CITIES, type City, STATIONS } from './places.js';

export const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type SizeLabel = keyof typeof SIZES;

/** The moment the benchmark stands at: the services' clock, so the custody board has live cases. */
export const BENCH_NOW = '2024-01-01T06:00:00.000Z';
const START = Date.parse('2019-01-01T00:00:00Z');
const END = Date.parse('2023-12-31T00:00:00Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;

type Rng = () => number;

export interface BenchEvent {
  ref: string;
  title: string;
  type: string;
  /** Local time with its offset, as a list writes it. */
  start: string;
  startMs: number;
  city: City;
  urls: string[];
  summary: string;
}

export interface DetentionRow {
  ref: string;
  name: string;
  nameAlt: string;
  birthYear: string;
  role: string;
  eventRef: string;
  city: string;
  apprehended: string;
  released: string;
  legalBasis: string;
  article: string;
  notes: string;
  urls: string;
}

const EVENT_TYPES: [string, number][] = [['peaceful_protest', 50], ['protest_with_intervention', 30], ['preemptive_detentions', 8], ['arrests', 10], ['excessive_force', 2]];
const ROLES: [string, number][] = [['protester', 70], ['activist', 11], ['journalist', 7], ['passer_by', 5], ['organiser', 3], ['human_rights_defender', 2], ['social_media_user', 2]];
const CAUSES = ['против роста цен на газ', 'за освобождение политзаключённых', 'против пыток в полиции', 'за честные выборы', 'против продажи земли иностранцам', 'в поддержку независимых журналистов', 'против закона о митингах'];
const OUTLETS = ['vlast.kz', 'rus.azattyq.org', 'kaztag.kz', 'orda.kz', 'ratel.kz', 'tengrinews.kz', 'kursiv.media', 'masa.media'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Picks by weight. */
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

/** An instant written in a city's local time with its offset: "2022-01-05T10:40:00+06:00". */
export function localIso(ms: number, city: City): string {
  const shift = city.offset === '+06:00' ? 6 : 5;
  const d = new Date(ms + shift * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${city.offset}`;
}

export interface Dataset {
  size: number;
  seed: number;
  events: BenchEvent[];
  /** The detention rows, generated on demand (the same every time). */
  detentions(): Generator<DetentionRow>;
}

export function eventCount(size: number): number {
  return Math.max(100, Math.round(size / 50));
}

function makeEvents(rng: Rng, count: number): BenchEvent[] {
  const cityWeights = CITIES.map((c) => [c, c.weight] as const);
  // A few days of mass detentions (January 2022 was one) take a tenth of all events.
  const massDays = Array.from({ length: 8 }, () => START + Math.floor(rng() * ((END - START) / DAY)) * DAY);
  const events: BenchEvent[] = [];
  for (let i = 0; i < count; i++) {
    const city = weighted(rng, cityWeights);
    const day = rng() < 0.1 ? (massDays[Math.floor(rng() * massDays.length)] as number) : START + Math.floor(rng() * ((END - START) / DAY)) * DAY;
    // 10:00–19:00 local; stored in UTC.
    const startMs = day + (10 + Math.floor(rng() * 9)) * HOUR + Math.floor(rng() * 4) * 15 * 60_000 - (city.offset === '+06:00' ? 6 : 5) * HOUR;
    const cause = CAUSES[Math.floor(rng() * CAUSES.length)] as string;
    const ref = `E${pad(i + 1, 6)}`;
    const links = 1 + (rng() < 0.4 ? 1 : 0);
    events.push({
      ref,
      title: `Митинг ${cause}, ${city.nameRu} (${ref})`,
      type: weighted(rng, EVENT_TYPES),
      start: localIso(startMs, city),
      startMs,
      city,
      urls: Array.from({ length: links }, (_, k) => `https://${OUTLETS[Math.floor(rng() * OUTLETS.length)] as string}/news/${ref.toLowerCase()}-${k + 1}`),
      summary: `Собравшиеся ${cause}. Полиция задерживала участников у ${city.nameRu === 'Алматы' ? 'площади Республики' : 'акимата'}.`,
    });
  }
  return events;
}

/**
 * Detentions per event follow a heavy tail (most events see a handful, a few see hundreds):
 * cumulative weights, looked up by bisection.
 */
function eventPicker(rng: Rng, events: BenchEvent[]): (r: number) => BenchEvent {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < events.length; i++) {
    sum += 1 / (0.02 + rng()) ** 1.2;
    cumulative.push(sum);
  }
  return (r) => {
    const target = r * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return events[lo] as BenchEvent;
  };
}

function releaseOf(rng: Rng, apprehended: number, basis: string): number | null {
  const recent = apprehended > Date.parse(BENCH_NOW) - 30 * DAY;
  // Open cases: some of last month's are still held; a few old records never noted a release.
  if (rng() < (recent ? 0.15 : 0.015)) return null;
  if (basis === 'criminal') return apprehended + (2 + Math.floor(rng() * 58)) * DAY + Math.floor(rng() * 8) * HOUR;
  if (basis === 'administrative' && rng() < 0.3) return apprehended + (3 + Math.floor(rng() * 13)) * DAY + Math.floor(rng() * 6) * HOUR;
  return apprehended + 2 * HOUR + Math.floor(rng() * 10 * 60) * 60_000;
}

export function createDataset(size: number, seed = 2024): Dataset {
  const events = makeEvents(seededRng(seed), eventCount(size));
  return {
    size,
    seed,
    events,
    *detentions() {
      const rng = seededRng(seed + 1);
      const pickEvent = eventPicker(rng, events);
      const { people } = generateBenchmark(seed + 2, size);
      for (let i = 0; i < size; i++) {
        const person = people[i];
        if (!person) break;
        const event = pickEvent(rng());
        const apprehended = Math.min(event.startMs + Math.floor(rng() * 180) * 60_000, Date.parse(BENCH_NOW) - HOUR);
        const basis = weighted(rng, [['administrative', 84], ['criminal', 5], ['unknown', 11]] as const);
        const released = releaseOf(rng, apprehended, basis);
        const notes = rng() < 0.4 ? `Доставлен в ${STATIONS[Math.floor(rng() * STATIONS.length)] as string}; протокол составлен.` : '';
        yield {
          ref: `D${pad(i + 1, 7)}`,
          name: person.names[0] ?? '',
          nameAlt: person.names[1] ?? '',
          birthYear: person.birthYear ? String(person.birthYear) : '',
          role: weighted(rng, ROLES),
          eventRef: event.ref,
          city: event.city.name,
          apprehended: localIso(apprehended, event.city),
          released: released === null ? '' : localIso(released, event.city),
          legalBasis: basis,
          article: basis === 'administrative' ? (rng() < 0.8 ? '488' : '434') : basis === 'criminal' ? (rng() < 0.5 ? '400' : '272') : '',
          notes,
          urls: event.urls.join(' '),
        };
      }
    },
  };
}
