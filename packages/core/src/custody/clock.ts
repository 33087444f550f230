import { addHours, hoursBetween, toUtcIso } from '../time.js';
import { evaluateDeadline, round1, tail, type Alert } from './deadlines.js';
import type { JurisdictionProfile } from './profile.js';
import { firstAt, sortSteps, stateOf, whereaboutsOf, type CustodyState, type StepInput, type Whereabouts } from './steps.js';

export { deriveCustodyState } from './steps.js';

/** What the clock needs from a detention record (DetentionRecord satisfies it). */
export interface CustodyInput {
  id: string;
  apprehendedAt: string;
  legalBasis: string;
  legalArticle?: string | null;
  jurisdiction?: string;
  steps: readonly StepInput[];
}

export interface AssessOptions {
  /** Overrides the profile's disappearance threshold (a monitors' setting, CONV). */
  disappearanceHours?: number;
}

export interface CustodyAssessment {
  detentionId: string;
  jurisdiction: string;
  now: string;
  /** = apprehendedAt: the clock starts when liberty was actually restricted, not at the protocol. */
  restrictedAt: string;
  /** Until release, or until now while held. */
  hoursHeld: number;
  state: CustodyState;
  releasedAt: string | null;
  protocolAt: string | null;
  hoursToProtocol: number | null;
  /** Restriction → protocol, never negative; when > 0 it is itself a finding (alert protocol_gap). */
  protocolGapHours: number | null;
  familyNotifiedAt: string | null;
  lawyerRequestedAt: string | null;
  lawyerOfChoiceAdmittedAt: string | null;
  lawyerRefusedAt: string | null;
  dutyLawyerImposedAt: string | null;
  whereabouts: Whereabouts;
  /** Most severe first, then earliest. */
  alerts: Alert[];
}

export const DISAPPEARANCE_CODE = 'possible_enforced_disappearance';
export const PROTOCOL_GAP_CODE = 'protocol_gap';
const RANK = { critical: 2, warning: 1, info: 0 } as const;

/**
 * Where one detention stands against the legal clock at `now`. Pure: steps recorded after `now`
 * are ignored, so the same call replays the board as it looked at any past moment.
 */
export function assessCustody(
  detention: CustodyInput,
  now: string,
  profile: JurisdictionProfile,
  options: AssessOptions = {},
): CustodyAssessment {
  if (detention.jurisdiction && detention.jurisdiction.toUpperCase() !== profile.jurisdiction) {
    throw new Error(`detention ${detention.id} is in ${detention.jurisdiction} but the profile is ${profile.jurisdiction}`);
  }
  const disappearanceHours = options.disappearanceHours ?? profile.disappearance.hours;
  if (!Number.isFinite(disappearanceHours) || disappearanceHours < 0) {
    throw new RangeError(`options.disappearanceHours: must be a non-negative number of hours, got ${disappearanceHours}`);
  }
  const nowIso = toUtcIso(now);
  const restrictedAt = toUtcIso(detention.apprehendedAt);
  const steps = sortSteps(detention.steps).filter((s) => s.ms <= Date.parse(nowIso));
  const { state, releasedAt } = stateOf(steps);
  const end = releasedAt ?? nowIso;
  const whereabouts = whereaboutsOf(steps, restrictedAt);
  const protocolAt = firstAt(steps, 'protocol');
  const hoursToProtocol = protocolAt === null ? null : hoursBetween(restrictedAt, protocolAt);

  const legalArticle = detention.legalArticle ?? null;
  const ctx = { restrictedAt, legalBasis: detention.legalBasis, legalArticle, steps, end, released: state === 'released' };
  const alerts = profile.deadlines.map((d) => evaluateDeadline(d, ctx)).filter((a): a is Alert => a !== null);

  const gap = profile.protocolGap;
  if (protocolAt !== null && hoursToProtocol !== null && hoursToProtocol > gap.hours) {
    alerts.push({
      code: PROTOCOL_GAP_CODE,
      label: gap.label,
      severity: 'info',
      since: protocolAt,
      hours: gap.hours,
      origin: gap.origin,
      citation: gap.citation,
      message: `Protocol drawn up ${round1(hoursToProtocol)} h after liberty was actually restricted; count the clock from the restriction ${tail(gap.origin, gap.citation)}`,
      late: false,
      satisfiedAt: null,
      satisfiedBy: null,
      startedAt: restrictedAt,
      elapsedHours: hoursToProtocol,
    });
  }

  // Only while the person is unaccounted for now: a released person is no longer disappeared,
  // and the past gap stays visible through whereabouts history, not as a live alarm.
  const unknownFor = hoursBetween(whereabouts.since, nowIso);
  if (state !== 'released' && whereabouts.status === 'unknown' && unknownFor > disappearanceHours) {
    const { label, origin, citation } = profile.disappearance;
    alerts.push({
      code: DISAPPEARANCE_CODE,
      label,
      severity: 'critical',
      since: addHours(whereabouts.since, disappearanceHours),
      hours: disappearanceHours,
      origin,
      citation,
      message: `Whereabouts unknown for ${round1(unknownFor)} h ${tail(origin, citation, disappearanceHours)}`,
      late: false,
      satisfiedAt: null,
      satisfiedBy: null,
      startedAt: whereabouts.since,
      elapsedHours: unknownFor,
    });
  }
  alerts.sort((a, b) => RANK[b.severity] - RANK[a.severity] || Date.parse(a.since) - Date.parse(b.since));

  return {
    detentionId: detention.id,
    jurisdiction: profile.jurisdiction,
    now: nowIso,
    restrictedAt,
    hoursHeld: hoursBetween(restrictedAt, end),
    state,
    releasedAt,
    protocolAt,
    hoursToProtocol,
    protocolGapHours: hoursToProtocol === null ? null : Math.max(0, hoursToProtocol),
    familyNotifiedAt: firstAt(steps, 'family_notified'),
    lawyerRequestedAt: firstAt(steps, 'lawyer_requested'),
    lawyerOfChoiceAdmittedAt: firstAt(steps, 'lawyer_admitted'),
    lawyerRefusedAt: firstAt(steps, 'lawyer_refused'),
    dutyLawyerImposedAt: firstAt(steps, 'duty_lawyer_imposed'),
    whereabouts,
    alerts,
  };
}

/**
 * One number for sorting a board, most urgent highest. Tiers, each dominating the next:
 * unaccounted for with a disappearance alert; still in custody (a released person's breaches are
 * history, not an emergency); critical alerts; warnings; hours held. Counts cap at 99, hours at 99,999.
 */
export function urgency(a: CustodyAssessment): number {
  const disappeared = a.alerts.some((x) => x.code === DISAPPEARANCE_CODE);
  const inCustody = a.state !== 'released';
  const critical = Math.min(99, a.alerts.filter((x) => x.severity === 'critical').length);
  const warnings = Math.min(99, a.alerts.filter((x) => x.severity === 'warning').length);
  const hours = Math.min(99_999, Math.max(0, a.hoursHeld));
  return (disappeared ? 2e9 : 0) + (inCustody ? 1e9 : 0) + critical * 1e7 + warnings * 1e5 + hours;
}

/** Comparator for Array.prototype.sort: most urgent first. */
export function compareUrgency(a: CustodyAssessment, b: CustodyAssessment): number {
  return urgency(b) - urgency(a);
}
