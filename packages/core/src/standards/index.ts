/** Standards engine: a catalogue of standards as data, and pure rules that suggest findings for review. */
export { CATALOGUE, CatalogueError, loadCatalogue, standardById, thresholdOf, Standard, Threshold, ThresholdUnit, VerificationStatus } from './catalogue.js';
export type { Catalogue, CatalogueProblem } from './catalogue.js';
export { assessFacts } from './engine.js';
export type { ActFacts, ChargeFacts, ComplaintFacts, DetentionFacts, EventFacts, FactsBundle, PersonFacts, RoleFacts, StepFacts } from './facts.js';
export { findingKey } from './finding.js';
export type { FactEntity, FactRef, Finding, FindingThreshold, Rule, RuleContext, SubjectEntity } from './finding.js';
export { RULES } from './rules/index.js';
