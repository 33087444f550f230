import { type FieldProblem } from '../errors.js';

type Rec = Record<string, unknown>;

/** An end must not come before its start (instants or dates, both ISO so they compare as text). */
export function checkInterval(r: Rec, startKey: string, endKey: string): FieldProblem[] {
  const start = r[startKey];
  const end = r[endKey];
  if (typeof start !== 'string' || typeof end !== 'string') return [];
  return Date.parse(end) < Date.parse(start) ? [{ path: endKey, problem: `must not be before ${startKey} (${start})` }] : [];
}

/** Coordinates come in pairs. */
export function checkPlace(r: Rec): FieldProblem[] {
  const hasLat = r.lat !== null && r.lat !== undefined;
  const hasLon = r.lon !== null && r.lon !== undefined;
  if (hasLat === hasLon) return [];
  return [{ path: hasLat ? 'lon' : 'lat', problem: 'latitude and longitude must be given together' }];
}

export function checkSelfParent(r: Rec): FieldProblem[] {
  return r.parentId && r.parentId === r.id ? [{ path: 'parentId', problem: 'an organisation cannot be its own parent' }] : [];
}

/** Hours a time of this precision may stand for: "21 May" (day) covers the whole day. */
const WINDOW_HOURS: Record<string, number> = { exact: 0, minutes: 0.25, hour: 1, approximate: 3, day: 24, week: 24 * 7, month: 24 * 31 };
const windowOf = (precision: unknown): number => WINDOW_HOURS[String(precision)] ?? 0;

/**
 * No custody step happens before liberty was restricted; a release is not before the arrest.
 * Imprecise times are compared by their windows: a step known only to the day may be dated 00:00.
 */
export function checkDetention(r: Rec): FieldProblem[] {
  const start = Date.parse(String(r.apprehendedAt));
  const steps = Array.isArray(r.steps) ? (r.steps as Rec[]) : [];
  const problems: FieldProblem[] = [];
  steps.forEach((step, i) => {
    const slack = (windowOf(step.precision) + windowOf(r.apprehendedPrecision)) * 3_600_000;
    if (Date.parse(String(step.at)) + slack < start) {
      const what = step.type === 'released' ? 'a release' : `step "${String(step.type)}"`;
      problems.push({ path: `steps.${i}.at`, problem: `${what} cannot be before the apprehension (${String(r.apprehendedAt)})` });
    }
  });
  return problems;
}
