/** Stored findings of the standards engine (issue 5): recompute, reconcile by key, review. */
export * from './types.js';
export { FindingService, type FindingActor, type FindingServiceOptions, type RecomputeResult } from './finding.service.js';
export { markFindingsStale } from './stale.js';
export { FindingCountFilter, FindingFilter, FindingIdParams, RecomputeInput, ReviewInput } from './schemas.js';
export { presentCatalogue, presentDetail, presentFinding, presentStandard, type CatalogueView, type FindingDetail, type FindingView, type StandardView } from './present.js';
export { applyReview, reconcile as reconcileFindings, SYSTEM_ACTOR, type Computed, type FindingWrite, type ReconcileSummary, type Reviewer } from './reconcile.js';
export { bundleOf, eventGroup, factsDiff, factsHash, ownerOf, personGroup, PROTECTED_FACT_FIELDS, PROTECTED_MARK, redactFacts } from './facts.js';
