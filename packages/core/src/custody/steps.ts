import { toUtcIso } from '../time.js';

/** The minimum a custody step needs for the clock (the stored CustodyStep has more). */
export interface StepInput {
  type: string;
  at: string;
  placeId?: string | null;
}

/** A step normalised to UTC, with its instant parsed once. */
export interface Step {
  type: string;
  at: string;
  ms: number;
  placeId: string | null;
}

/**
 * 'released' ends custody; so does 'house_arrest': the person is no longer held in a station or
 * facility but at home under a court-ordered measure, so the detention limits (KoAP 789, CPC 128-131)
 * stop running and nobody needs to search for them.
 */
export const RELEASING_STEPS: ReadonlySet<string> = new Set(['released', 'house_arrest']);

/**
 * Steps that tell us where the person is (someone saw them, or an official act happened with them
 * present). 'transferred' counts even without a place: it is recorded when the move is known.
 * Not included: phone_confiscated, fingerprinted, interrogated, lawyer_requested/refused,
 * duty_lawyer_imposed — these are usually learnt later and do not tell a family where to go.
 */
export const PLACING_STEPS: ReadonlySet<string> = new Set([
  'taken_to',
  'transferred',
  'whereabouts_confirmed',
  'protocol',
  'family_notified',
  'lawyer_admitted',
  'medical_exam',
  'court_order',
  'hearing',
  'sentence',
  ...RELEASING_STEPS,
]);

/**
 * After a release, these put the person back in custody. A re-detention should be its own record,
 * but if it is logged on the same one we err towards "held": a false "released" would silence alerts.
 */
const RECUSTODY_STEPS: ReadonlySet<string> = new Set(['taken_to', 'transferred', 'whereabouts_unknown']);

/** Normalises and sorts by instant; ties keep input order (Array.prototype.sort is stable). */
export function sortSteps(steps: readonly StepInput[]): Step[] {
  return steps
    .map((s, i) => {
      let at: string;
      try {
        at = toUtcIso(s.at);
      } catch {
        throw new RangeError(`steps[${i}].at: not a valid instant: ${s.at}`);
      }
      return { type: s.type, at, ms: Date.parse(at), placeId: s.placeId ?? null };
    })
    .sort((a, b) => a.ms - b.ms);
}

export type CustodyState = 'held' | 'released' | 'unknown';

export function stateOf(sorted: readonly Step[]): { state: CustodyState; releasedAt: string | null } {
  let releasedAt: string | null = null;
  let unknown = false;
  for (const s of sorted) {
    if (releasedAt !== null) {
      if (!RECUSTODY_STEPS.has(s.type)) continue; // e.g. a hearing after release (fines): still free
      releasedAt = null;
    }
    if (RELEASING_STEPS.has(s.type)) {
      releasedAt = s.at;
      unknown = false;
    } else if (s.type === 'whereabouts_unknown') unknown = true;
    else if (PLACING_STEPS.has(s.type)) unknown = false;
  }
  if (releasedAt !== null) return { state: 'released', releasedAt };
  return { state: unknown ? 'unknown' : 'held', releasedAt: null };
}

/** Custody state from steps in any order: released, whereabouts unknown, or held. */
export function deriveCustodyState(steps: readonly StepInput[]): { state: CustodyState; releasedAt: string | null } {
  return stateOf(sortSteps(steps));
}

export interface Whereabouts {
  status: 'known' | 'unknown';
  /** Since when the status has held: apprehension, the placing step, or the whereabouts_unknown step. */
  since: string;
  placeId: string | null;
  /** Where the person was last placed, kept when whereabouts go unknown: where a search starts. */
  lastKnownPlaceId: string | null;
}

/**
 * Whereabouts are unknown from apprehension until a step places the person: the family does not know
 * where they are until then, and that is how enforced disappearances begin.
 */
export function whereaboutsOf(sorted: readonly Step[], restrictedAt: string): Whereabouts {
  const w: Whereabouts = { status: 'unknown', since: restrictedAt, placeId: null, lastKnownPlaceId: null };
  for (const s of sorted) {
    if (s.type === 'whereabouts_unknown') {
      if (w.status === 'known') Object.assign(w, { status: 'unknown', since: s.at, placeId: null });
      continue;
    }
    if (!PLACING_STEPS.has(s.type)) continue;
    const wasKnown = w.status === 'known';
    if (!wasKnown) Object.assign(w, { status: 'known', since: s.at });
    // A transfer without a place means the old place is no longer true.
    w.placeId = s.placeId ?? (wasKnown && s.type !== 'transferred' ? w.placeId : null);
    if (s.placeId) w.lastKnownPlaceId = s.placeId;
  }
  return w;
}

export function firstAt(sorted: readonly Step[], type: string): string | null {
  return sorted.find((s) => s.type === type)?.at ?? null;
}
