/** Custody clock: where one detention stands against the legal clock, with rules held as data. */
export { assessCustody, compareUrgency, deriveCustodyState, urgency, DISAPPEARANCE_CODE, PROTOCOL_GAP_CODE } from './clock.js';
export type { AssessOptions, CustodyAssessment, CustodyInput } from './clock.js';
export type { Alert } from './deadlines.js';
export { citesArticle, deadlineApplies } from './deadlines.js';
export { builtInJurisdictions, Deadline, JurisdictionProfile, Label, Origin, parseProfile, profileFor, Severity } from './profile.js';
export { PLACING_STEPS, RELEASING_STEPS } from './steps.js';
export type { CustodyState, StepInput, Whereabouts } from './steps.js';
