import { type Label, type Origin, type Severity } from '../custody/index.js';
import { type Catalogue, type Threshold, type ThresholdUnit } from './catalogue.js';
import { type FactsBundle } from './facts.js';

/**
 * A finding is a SUGGESTION for an analyst: it cites standards, names the exact record fields that
 * triggered it and shows each threshold with its origin. Its `key` is stable across recomputation,
 * so a confirmed finding can be matched to its recomputed self and re-reviewed if its facts changed.
 */

export type SubjectEntity = 'event' | 'act' | 'detention' | 'person' | 'charge';
export type FactEntity = SubjectEntity | 'complaint';

/** One record field that triggered a finding; `field` is a dotted path (`steps.2.type`). */
export interface FactRef {
  entity: FactEntity;
  id: string;
  field: string;
  value: unknown;
}

export interface FindingThreshold {
  value: number;
  unit: ThresholdUnit;
  /** LAW, STD or CONV: a monitors' convention is a setting, not law, and is shown as such. */
  origin: Origin;
  standardId: string;
  code: string;
}

export interface Finding {
  ruleId: string;
  standardIds: string[];
  subject: { entity: SubjectEntity; id: string };
  facts: FactRef[];
  explanation: Label;
  severity: Severity;
  thresholds?: FindingThreshold[];
  /** ruleId + subject + standard ids: the same breach recomputed keeps the same key. */
  key: string;
}

export interface RuleContext {
  /** The moment of assessment (ISO); the custody clock ignores steps after it. */
  now: string;
  catalogue: Catalogue;
}

export interface Rule {
  id: string;
  /** One line for the README and the review screen: what the rule looks for. */
  title: string;
  /** Every standard id the rule may cite; a test checks each exists in the catalogue. */
  standardIds: readonly string[];
  assess: (facts: FactsBundle, ctx: RuleContext) => Finding[];
}

export function findingKey(ruleId: string, subject: Finding['subject'], standardIds: readonly string[]): string {
  return `${ruleId}|${subject.entity}:${subject.id}|${[...standardIds].sort().join(',')}`;
}

type Draft = Omit<Finding, 'key' | 'standardIds' | 'thresholds'> & { standardIds: readonly string[]; thresholds?: FindingThreshold[] };

/** Builds a finding: de-duplicates the ids, drops an empty threshold list, computes the key. */
export function finding(d: Draft): Finding {
  const standardIds = [...new Set(d.standardIds)];
  const { thresholds, ...rest } = d;
  return { ...rest, standardIds, ...(thresholds?.length ? { thresholds } : {}), key: findingKey(d.ruleId, d.subject, standardIds) };
}

export const fact = (entity: FactEntity, id: string, field: string, value: unknown): FactRef => ({ entity, id, field, value });

export const shown = (t: Threshold & { standardId: string }): FindingThreshold => ({
  value: t.value,
  unit: t.unit,
  origin: t.origin,
  standardId: t.standardId,
  code: t.code,
});

/** How each origin is spelt out in explanations, so a convention never reads as law. */
const ORIGIN_WORDS: Record<Origin, Label> = {
  LAW: { en: 'LAW: binding national law', ru: 'ЗАКОН: обязательная норма национального права' },
  STD: { en: 'STD: international standard', ru: 'СТАНДАРТ: международный стандарт' },
  CONV: { en: "CONV: monitors' convention, a setting, not law", ru: 'ПРАКТИКА: договорённость мониторов, настройка, а не закон' },
};

export const originWords = (origin: Origin): Label => ORIGIN_WORDS[origin];

export const round1 = (h: number): number => Math.round(h * 10) / 10;

/** "(limit 3 h — CONV: monitors' convention, a setting, not law)" in both languages. */
export function limitText(hours: number, origin: Origin): Label {
  return {
    en: `(limit ${round1(hours)} h — ${ORIGIN_WORDS[origin].en})`,
    ru: `(порог ${round1(hours)} ч — ${ORIGIN_WORDS[origin].ru})`,
  };
}
