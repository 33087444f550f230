import { toUtcIso } from '../../time.js';
import {
  type ActFacts,
  type ChargeFacts,
  type ComplaintFacts,
  type DetentionFacts,
  type EventFacts,
  type FactsBundle,
  type PersonFacts,
  type RoleFacts,
  type StepFacts,
} from '../facts.js';

/** Factories for hand-built scenarios: defaults as the record schemas apply them, overrides per case. */

/** A local wall-clock time ("2016-05-21 11:30") with its UTC offset, as stored: ISO UTC. */
export const local = (wall: string, offset: string): string => toUtcIso(`${wall.replace(' ', 'T')}:00${offset}`);
/** Almaty and Astana were UTC+6 in 2016-2022; Uralsk and Atyrau UTC+5. */
export const almaty = (wall: string): string => local(wall, '+06:00');
export const west = (wall: string): string => local(wall, '+05:00');

export interface Scenario {
  name: string;
  /** Report and passage the facts come from, and what was assumed where it is silent. */
  source: string;
  now: string;
  facts: FactsBundle;
  /** "entity:id" → the exact standard ids found for that subject; {} means nothing may be flagged. */
  expected: Record<string, string[]>;
}

export const bundle = (p: Partial<FactsBundle>): FactsBundle => ({ acts: [], detentions: [], persons: [], charges: [], complaints: [], ...p });

export const event = (p: EventFacts): EventFacts => ({ country: 'KZ', ...p });

export function person(id: string, roles: (string | RoleFacts)[], more: Partial<PersonFacts> = {}): PersonFacts {
  return { id, countingUnit: 'individual', roles: roles.map((r) => (typeof r === 'string' ? { role: r } : r)), ...more };
}

export const group = (id: string, size: number, roles: (string | RoleFacts)[]): PersonFacts => person(id, roles, { countingUnit: 'group', groupSize: size });

export const step = (type: string, at: string, more: Partial<StepFacts> = {}): StepFacts => ({ type, at, precision: 'exact', ...more });

export const detention = (p: Omit<DetentionFacts, 'steps' | 'legalBasis'> & Partial<Pick<DetentionFacts, 'steps' | 'legalBasis'>>): DetentionFacts => ({
  legalBasis: 'unknown',
  jurisdiction: 'KZ',
  steps: [],
  ...p,
});

export const act = (p: ActFacts): ActFacts => ({ methods: [], consequences: [], conditions: [], perpetrators: [], ...p });

/** A perpetrator entry naming a person or group record (e.g. the people who attacked officers). */
export const by = (personId: string) => ({ personId, involvement: 'direct' });

export const charge = (p: ChargeFacts): ChargeFacts => ({ outcome: 'pending', ...p });

export const complaint = (p: ComplaintFacts): ComplaintFacts => p;
