import { type ActFacts, type DetentionFacts, type EventFacts, type FactsBundle, type PersonFacts, type StepFacts } from './facts.js';
import { fact, type FactRef } from './finding.js';

/** Shared questions the rules ask of a bundle, answered one way so rules cannot drift apart. */

export const VIOLENT_EVENT_TYPES: ReadonlySet<string> = new Set(['violent_demonstration', 'mob_violence']);
export const PRESS_ROLES: readonly string[] = ['journalist', 'camera_operator'];
export const DEFENDER_ROLES: readonly string[] = ['monitor', 'human_rights_defender'];
export const UNNOTIFIED: ReadonlySet<string> = new Set(['not_notified', 'spontaneous', 'refused']);

export const personOf = (facts: FactsBundle, id: string | null | undefined): PersonFacts | undefined =>
  id ? facts.persons.find((p) => p.id === id) : undefined;

/** The bundle's event when `eventId` points at it (rules never guess an event from dates). */
export const eventOf = (facts: FactsBundle, eventId: string | null | undefined): EventFacts | undefined =>
  eventId && facts.event?.id === eventId ? facts.event : undefined;

/** Roles a person held at this event: roles for the event, plus standing roles with no event. */
export function rolesAt(person: PersonFacts | undefined, eventId: string | null | undefined): string[] {
  if (!person) return [];
  return [...new Set(person.roles.filter((r) => !r.eventId || r.eventId === eventId).map((r) => r.role))];
}

export const isOfficial = (facts: FactsBundle, personId: string | null | undefined): boolean =>
  personOf(facts, personId)?.roles.some((r) => r.role === 'official') ?? false;

/**
 * Acts against officers: acts whose victim is an official. This is how violence BY the crowd is
 * recorded with today's vocabulary (victim = the officer, perpetrators = the attackers).
 */
export const actsAgainstOfficials = (facts: FactsBundle, eventId: string | null | undefined): ActFacts[] =>
  facts.acts.filter((a) => (a.eventId ?? null) === (eventId ?? null) && isOfficial(facts, a.victimPersonId));

export const perpetratorIds = (act: ActFacts): string[] =>
  (act.perpetrators ?? []).map((p) => p.personId).filter((id): id is string => Boolean(id));

/**
 * Acts the rules judge as state conduct: not against an official, and not recorded as committed
 * only by private people (rioters damaging property are recorded as perpetrators of an act too).
 */
export function byState(facts: FactsBundle, act: ActFacts): boolean {
  if (isOfficial(facts, act.victimPersonId)) return false;
  const perps = act.perpetrators ?? [];
  const allPrivate = perps.length > 0 && perps.every((p) => !p.organisationId && p.personId && !isOfficial(facts, p.personId));
  return !allPrivate;
}

export interface Peacefulness {
  nonViolent: boolean;
  /** The record fields the judgement rests on, cited in the finding. */
  facts: FactRef[];
}

/**
 * Was the target of a police act non-violent? Not if the event is a violent one, nor if officers
 * were attacked and the target is among the attackers (or unknown). If the target is known and did
 * not attack, others' violence is not attributed to them (GC37-17).
 */
export function targetPeacefulness(facts: FactsBundle, eventId: string | null | undefined, targetId: string | null | undefined): Peacefulness {
  const event = eventOf(facts, eventId);
  if (!event) return { nonViolent: false, facts: [] };
  const cited = [fact('event', event.id, 'type', event.type)];
  if (VIOLENT_EVENT_TYPES.has(event.type)) return { nonViolent: false, facts: cited };
  const attacks = actsAgainstOfficials(facts, event.id);
  if (attacks.length === 0) return { nonViolent: true, facts: cited };
  const attackerIds = new Set(attacks.flatMap(perpetratorIds));
  if (!targetId || attackerIds.has(targetId)) return { nonViolent: false, facts: cited };
  return { nonViolent: true, facts: [...cited, ...attacks.map((a) => fact('act', a.id, 'perpetrators', a.perpetrators ?? []))] };
}

export interface IndexedStep {
  step: StepFacts;
  /** Position in `steps`, for the dotted path of the fact (`steps.3.type`). */
  index: number;
  ms: number;
}

/** Steps up to `now`, in time order (ties keep record order), like the custody clock sees them. */
export function stepsUntil(d: DetentionFacts, now: string): IndexedStep[] {
  const nowMs = Date.parse(now);
  return d.steps
    .map((step, index) => ({ step, index, ms: Date.parse(step.at) }))
    .filter((s) => s.ms <= nowMs)
    .sort((a, b) => a.ms - b.ms || a.index - b.index);
}

export const stepFact = (d: DetentionFacts, s: IndexedStep): FactRef => fact('detention', d.id, `steps.${s.index}.type`, s.step.type);

/** End of custody by `now`: the first release or house arrest, or null while held. */
export function releasedMs(d: DetentionFacts, now: string): number | null {
  return stepsUntil(d, now).find((s) => s.step.type === 'released' || s.step.type === 'house_arrest')?.ms ?? null;
}

/** Every act the person is recorded as committing (as a perpetrator). */
export function actsBy(facts: FactsBundle, personId: string): ActFacts[] {
  return facts.acts.filter((a) => perpetratorIds(a).includes(personId));
}

export const hasAny = (list: readonly string[] | undefined, wanted: readonly string[]): boolean =>
  (list ?? []).some((x) => wanted.includes(x));
