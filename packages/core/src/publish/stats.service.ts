import { z } from 'zod';
import { validationError } from '../errors.js';
import { type Repositories } from '../repositories.js';
import { type VocabularyService } from '../services/vocabulary.service.js';
import { loadMany, publishableTexts, redactorFor } from './collect.js';
import { cityCentre } from './gazetteer.js';
import { KeptResults } from './kept-results.js';
import { type PublicOfficialFigure } from './redact.js';
import { parseScope, type PublishScope } from './scope.js';
import { type BreakdownRow, describeHours, type Labels, labelsFrom, type Reconciliation, reconcile, shapeBreakdown } from './stats.js';
import { type CountRow, DIMENSIONS, type Dimension, type Durations, type Totals } from './store.js';

/** URL names of the breakdowns (`/stats/by/legal-basis`). */
export const DIMENSION_PATHS: Record<string, Dimension> = {
  date: 'date', city: 'city', role: 'role', outcome: 'outcome', charge: 'charge', 'charge-code': 'chargeCode', 'legal-basis': 'legalBasis', 'city-role': 'cityRole',
};
export const DimensionParam = z.object({ dimension: z.enum(Object.keys(DIMENSION_PATHS) as [string, ...string[]]) });

export interface StatsOverview {
  scope: PublishScope;
  totals: Totals & { peopleAtLeast: boolean };
  durations: Durations & { median: string; longest: string };
  reconciliation: Reconciliation;
  officialFigures: PublicOfficialFigure[];
  breakdowns: Record<'date' | 'city' | 'role' | 'outcome' | 'charge' | 'legalBasis', BreakdownRow[]>;
}

/** A point of the map of places: a place with a publishable position, or a town at its centre. */
export interface MapPoint {
  name: string;
  city: string | null;
  lat: number;
  lon: number;
  /** `place`: the place's own position; `rounded`: a restricted place, to about 1 km; `city`: the town's centre. */
  precision: 'place' | 'rounded' | 'city';
  detentions: number;
  people: number;
}

export interface StatsMap {
  scope: PublishScope;
  /** Places where people were apprehended, with detentions and distinct people at each. */
  places: MapPoint[];
  /** Every town in scope at its centre, with its detentions and distinct people (the city breakdown). */
  cities: MapPoint[];
  /** Towns the gazetteer cannot place, and detentions with no city: listed, not drawn. */
  notOnMap: BreakdownRow[];
  /** Detentions at places that may not be shown (confidential, homes, offices) or with no position. */
  placesWithoutPosition: { detentions: number; people: number };
}

const SHOWN = ['date', 'city', 'role', 'outcome', 'charge', 'legalBasis'] as const;
/** What the overview counts: the breakdowns it shows, those reconciliation needs, and events (their ids). */
const COUNTED: Dimension[] = [...SHOWN, 'cityRole', 'chargeCode', 'event'];

/** An overview before labelling: everything that depends on the records only (labels come from the vocabularies). */
interface CountedOverview {
  scope: PublishScope;
  totals: Totals;
  durations: Durations;
  rows: Record<(typeof SHOWN)[number], CountRow[]>;
  reconciliation: Reconciliation;
  officialFigures: PublicOfficialFigure[];
}

/** A map before labelling the towns. */
interface CountedMap {
  scope: PublishScope;
  places: MapPoint[];
  cities: CountRow[];
  placesWithoutPosition: { detentions: number; people: number };
}

/**
 * Aggregate statistics: counts only, plus claimed numbers and official figures (scrubbed text),
 * so the same answers are safe for the public mode. No per-person data leaves this service.
 *
 * The overview and the map are kept per scope while the records are unchanged (KeptResults,
 * keyed by the data version): a dashboard asks for them again and again, and each needs every
 * event in scope loaded and its text scrubbed against the names of everyone it may mention.
 */
export class StatsService {
  private readonly kept: KeptResults;

  constructor(
    private readonly repos: Repositories,
    private readonly vocabularies: VocabularyService,
  ) {
    // A few scopes per dashboard; an overview at a million detentions is a megabyte or two.
    this.kept = new KeptResults(() => this.repos.publish.dataVersion(), 16);
  }

  private async checkedScope(raw: unknown): Promise<PublishScope> {
    const scope = parseScope(raw);
    if (scope.eventIds.length > 0) {
      const found = await this.repos.records.existingIds('event', scope.eventIds);
      const problems = scope.eventIds.map((id, i) => ({ id, i })).filter((x) => !found.has(x.id)).map((x) => ({ path: `eventId.${x.i}`, problem: `no event with id ${x.id}` }));
      if (problems.length > 0) throw validationError(problems);
    }
    return scope;
  }

  /** One breakdown: detentions and distinct people per key, labelled. */
  async breakdown(dimensionPath: string, rawQuery: unknown): Promise<{ scope: PublishScope; dimension: Dimension; rows: BreakdownRow[] }> {
    const dimension = DIMENSION_PATHS[dimensionPath];
    if (!dimension || !DIMENSIONS.includes(dimension)) throw validationError([{ path: 'dimension', problem: `must be one of ${Object.keys(DIMENSION_PATHS).join(', ')}` }]);
    const scope = await this.checkedScope(rawQuery);
    const labels = labelsFrom(await this.vocabularies.list());
    return { scope, dimension, rows: shapeBreakdown(dimension, await this.repos.publish.breakdown(scope, dimension), labels) };
  }

  /**
   * The map of places: apprehension places with a publishable position (public places exactly,
   * restricted ones rounded to about 1 km; homes, offices and confidential places never), and every
   * town at its centre from the gazetteer, so the map says something even when no place has coordinates.
   */
  async map(rawQuery: unknown): Promise<StatsMap> {
    const scope = await this.checkedScope(rawQuery);
    const labels = labelsFrom(await this.vocabularies.list());
    const counted = await this.kept.get(['map', scope], () => this.countMap(scope));
    const cities: MapPoint[] = [];
    const notOnMap: BreakdownRow[] = [];
    for (const row of shapeBreakdown('city', counted.cities, labels)) {
      const centre = cityCentre(row.key[0]);
      if (centre) cities.push({ name: row.label, city: row.key[0] ?? null, ...centre, precision: 'city', detentions: row.detentions, people: row.people });
      else notOnMap.push(row);
    }
    return { scope, places: counted.places, cities, notOnMap, placesWithoutPosition: counted.placesWithoutPosition };
  }

  private async countMap(scope: PublishScope): Promise<CountedMap> {
    const byPlace = await this.repos.publish.breakdown(scope, 'place');
    const records = await loadMany(this.repos, 'place', byPlace.map((r) => r.key[0] ?? '').filter(Boolean));
    const redactor = await redactorFor(this.repos, { persons: [], places: records, organisations: [], texts: publishableTexts(records) });
    const byId = new Map(records.map((p) => [p.id, p]));
    const places: MapPoint[] = [];
    const without = { detentions: 0, people: 0 };
    for (const row of byPlace) {
      const record = byId.get(row.key[0] ?? '');
      const pub = redactor.place(record);
      if (!pub || pub.lat === null || pub.lon === null) {
        without.detentions += row.detentions;
        without.people += row.people;
        continue;
      }
      places.push({ name: pub.name, city: pub.city, lat: pub.lat, lon: pub.lon, precision: record?.confidentiality === 'public' ? 'place' : 'rounded', detentions: row.detentions, people: row.people });
    }
    places.sort((a, b) => b.detentions - a.detentions || (a.name < b.name ? -1 : 1));
    return { scope, places, cities: await this.repos.publish.breakdown(scope, 'city'), placesWithoutPosition: without };
  }

  /** Totals, durations, every breakdown and the reconciliation table for a scope. */
  async overview(rawQuery: unknown): Promise<StatsOverview> {
    const scope = await this.checkedScope(rawQuery);
    const labels = labelsFrom(await this.vocabularies.list());
    return labelled(await this.kept.get(['overview', scope], () => this.countOverview(scope)), labels);
  }

  private async countOverview(scope: PublishScope): Promise<CountedOverview> {
    const store = this.repos.publish;
    const { totals, durations, breakdowns } = await store.counts(scope, COUNTED);
    const rows = (d: Dimension): CountRow[] => breakdowns[d] ?? [];
    const events = await store.events(scope, rows('event').map((r) => r.key[0] ?? '').filter(Boolean));
    const figures = await store.officialFigures(scope, events.map((e) => e.id));
    const redactor = await redactorFor(this.repos, { persons: [], places: [], organisations: [], texts: publishableTexts([...events, ...figures]) });
    const publicEvents = events.map((e) => redactor.event(e)).filter((e): e is NonNullable<typeof e> => !!e);
    const officialFigures = figures.map((f) => redactor.officialFigure(f)).filter((f): f is PublicOfficialFigure => !!f);
    return {
      scope,
      totals,
      durations,
      rows: { date: rows('date'), city: rows('city'), role: rows('role'), outcome: rows('outcome'), charge: rows('charge'), legalBasis: rows('legalBasis') },
      reconciliation: reconcile({ totals, byRole: rows('role'), byCityRole: rows('cityRole'), byCity: rows('city'), byChargeCode: rows('chargeCode'), events: publicEvents, figures: officialFigures }),
      officialFigures,
    };
  }
}

/** The overview as served: labels in the vocabularies' words, durations in words. */
function labelled(o: CountedOverview, labels: Labels): StatsOverview {
  return {
    scope: o.scope,
    totals: { ...o.totals, peopleAtLeast: o.totals.groupRecords > 0 },
    durations: { ...o.durations, median: describeHours(o.durations.medianHours), longest: describeHours(o.durations.longestHours) },
    reconciliation: o.reconciliation,
    officialFigures: o.officialFigures,
    breakdowns: {
      date: shapeBreakdown('date', o.rows.date, labels),
      city: shapeBreakdown('city', o.rows.city, labels),
      role: shapeBreakdown('role', o.rows.role, labels),
      outcome: shapeBreakdown('outcome', o.rows.outcome, labels),
      charge: shapeBreakdown('charge', o.rows.charge, labels),
      legalBasis: shapeBreakdown('legalBasis', o.rows.legalBasis, labels),
    },
  };
}
