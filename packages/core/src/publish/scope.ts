import { z } from 'zod';
import { validationError } from '../errors.js';
import { CalendarDate, Id } from '../records/common.schema.js';
import { parseInput } from '../records/validate.js';

/**
 * What a statistic, report or export covers: chosen events, a period of local dates (in each
 * event's time zone), a city, or any combination. Empty = everything documented.
 */
export interface PublishScope {
  eventIds: string[];
  /** First local date, inclusive (`YYYY-MM-DD`). */
  from: string | null;
  /** Last local date, inclusive. */
  to: string | null;
  city: string | null;
}

const oneOrMany = <T extends z.ZodType>(item: T) => z.preprocess((v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(item).max(200));

/** Scope fields as they arrive in a query string or a JSON body (`eventId` may repeat). */
export const ScopeShape = {
  eventId: oneOrMany(Id).describe('event id; repeat for several events'),
  from: CalendarDate.optional().describe('first local date, inclusive (YYYY-MM-DD)'),
  to: CalendarDate.optional().describe('last local date, inclusive (YYYY-MM-DD)'),
  city: z.string().trim().min(1).max(200).optional(),
};
export const ScopeQuery = z.object(ScopeShape).strict();
export type ScopeQuery = z.infer<typeof ScopeQuery>;

/** Turns parsed scope fields into a scope; refuses a period that ends before it starts. */
export function scopeOf(input: { eventId?: string[]; from?: string | undefined; to?: string | undefined; city?: string | undefined }): PublishScope {
  const scope: PublishScope = { eventIds: [...new Set(input.eventId ?? [])], from: input.from ?? null, to: input.to ?? null, city: input.city ?? null };
  if (scope.from && scope.to && scope.to < scope.from) throw validationError([{ path: 'to', problem: `must not be before from (${scope.from})` }]);
  return scope;
}

/** Parses a raw query (HTTP query string, CLI flags) into a scope, naming each bad field. */
export function parseScope(raw: unknown): PublishScope {
  return scopeOf(parseInput(ScopeQuery, raw ?? {}));
}

/** A short human description of a scope, for report headers. */
export function describeScope(scope: PublishScope, eventTitles: string[] = []): string {
  const parts: string[] = [];
  if (scope.from && scope.to) parts.push(scope.from === scope.to ? scope.from : `${scope.from} to ${scope.to}`);
  else if (scope.from) parts.push(`from ${scope.from}`);
  else if (scope.to) parts.push(`until ${scope.to}`);
  if (scope.city) parts.push(scope.city);
  if (scope.eventIds.length > 0) parts.push(eventTitles.length > 0 && eventTitles.length <= 3 ? eventTitles.join('; ') : `${scope.eventIds.length} chosen event(s)`);
  return parts.length > 0 ? parts.join(' · ') : 'all documented records';
}
