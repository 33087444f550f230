import { type StoredFinding } from '../findings/types.js';
import { type StoredRecord } from '../repositories.js';
import { type PublishScope } from './scope.js';

/**
 * Breakdowns the statistics offer; `cityRole` feeds per-city role lists and reconciliation.
 * `event` and `place` are keyed by record id: for internal use (the map), never served as such.
 */
export const DIMENSIONS = ['date', 'city', 'role', 'outcome', 'charge', 'chargeCode', 'legalBasis', 'cityRole', 'event', 'place'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * One row of a breakdown. `detentions` counts deprivations of liberty (a person detained twice
 * counts twice), `people` counts distinct persons; a group record ("about 20 protesters")
 * counts as its size in both. A detention in several categories (two roles, two charges) counts
 * once in each of them.
 */
export interface CountRow {
  key: string[];
  detentions: number;
  people: number;
}

export interface Totals {
  detentions: number;
  people: number;
  detentionRecords: number;
  personRecords: number;
  /** Person records that stand for a group; when > 0 the people count is "at least". */
  groupRecords: number;
}

/** Custody durations from the actual restriction of liberty to release, where both times are known to the hour. */
export interface Durations {
  measured: number;
  medianHours: number | null;
  longestHours: number | null;
  held: number;
  unknown: number;
}

/** Totals, durations and breakdowns of one scope, counted together (see PublishStore.counts). */
export interface ScopeCounts {
  totals: Totals;
  durations: Durations;
  breakdowns: Partial<Record<Dimension, CountRow[]>>;
}

/** A report as published: the already-redacted model, never the records it was built from. */
export interface PublishedReport {
  id: string;
  title: string;
  scope: PublishScope;
  model: unknown;
  publishedAt: string;
  publishedBy: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

/** What a report needs of a finding a reviewer confirmed: what it is about, what it cites, when it was confirmed. */
export type ConfirmedFinding = Pick<
  StoredFinding,
  'id' | 'ruleId' | 'standardIds' | 'subjectEntity' | 'subjectId' | 'eventId' | 'confidentiality' | 'explanation' | 'severity' | 'reviewedAt'
>;

/** Aggregate queries and scoped reads for statistics, reports and open data (SQL lives in db). */
export interface PublishStore {
  /**
   * The data version: a counter moved by every record write, in any process. What was computed
   * from the records at one version holds while the version does. Null inside a transaction
   * (it may see its own uncommitted writes: nothing computed there may be kept).
   */
  dataVersion(): Promise<number | null>;
  totals(scope: PublishScope): Promise<Totals>;
  /** Totals, durations and these breakdowns together: fewer passes over the scope's detentions than a call each. */
  counts(scope: PublishScope, dimensions: Dimension[]): Promise<ScopeCounts>;
  breakdown(scope: PublishScope, dimension: Dimension): Promise<CountRow[]>;
  durations(scope: PublishScope): Promise<Durations>;
  /**
   * Events in scope: the chosen ones, else those starting in the period, plus those of scoped
   * detentions (`ofDetentions`: their ids when the caller already counted them, e.g. the `event`
   * breakdown, which saves a pass).
   */
  events(scope: PublishScope, ofDetentions?: string[]): Promise<StoredRecord[]>;
  /** Official figures about these events, or about none and issued in the period (or 30 days after). */
  officialFigures(scope: PublishScope, eventIds: string[]): Promise<StoredRecord[]>;
  /** One page of scoped detentions (hydrated), in order of apprehension; `after` is the previous page's cursor. */
  detentionPage(scope: PublishScope, after: string | null, limit: number): Promise<{ items: StoredRecord[]; next: string | null }>;
  /** Live charges linked to these detentions. */
  chargesOf(detentionIds: string[]): Promise<StoredRecord[]>;
  /**
   * Findings with status `confirmed` about these events, or whose subject is one of these records
   * (detentions and charges of custody cases with no event). Other statuses are never returned.
   */
  confirmedFindings(eventIds: string[], subjectIds: string[]): Promise<ConfirmedFinding[]>;
  /** Acts of death (at the scene, in custody) per event. */
  fatalities(eventIds: string[]): Promise<Record<string, number>>;
  saveReport(report: PublishedReport): Promise<void>;
  listReports(includeWithdrawn: boolean): Promise<Omit<PublishedReport, 'model'>[]>;
  getReport(id: string): Promise<PublishedReport | null>;
  withdrawReport(id: string, at: string, by: string): Promise<void>;
}
