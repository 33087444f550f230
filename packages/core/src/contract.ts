// Browser-safe part of core for the web app: schemas, types and error codes, nothing that does I/O.
export * from './errors.js';
export * from './records/common.schema.js';
export * from './records/event.schema.js';
export * from './records/place.schema.js';
export * from './records/organisation.schema.js';
export * from './records/source.schema.js';
export * from './records/person.schema.js';
export * from './records/detention.schema.js';
export * from './records/act.schema.js';
export * from './records/charge.schema.js';
export * from './records/official-figure.schema.js';
export * from './records/complaint.schema.js';
export * from './records/intake.schema.js';
export type { CustodyAssessment, Alert } from './custody/index.js';
// The evidence vault: schemas and types, the workflow's allowed moves, the chronology's shape (all pure).
export * from './evidence/evidence.schema.js';
export { TRANSITIONS } from './evidence/workflow.js';
export { Chronology, ChronologyEntry } from './evidence/chronology.js';
// Bulk intake and merge review (issue 6): mapping schema, field catalogue, runs, pairs.
export { IMPORT_TARGETS, IMPORT_FIELDS, type ImportTarget, type ImportField, type FieldKind, type ImportCatalogue } from './import/fields.js';
export {
  ImportMapping, FieldSpec, CellSpec, ConstantSpec, TemplateSpec, NameSpec, RoleSpec, EstimateSpec, SourcesSpec, FileOptions, SavedMappingInput, type ImportMappingInput,
} from './import/mapping.schema.js';
export * from './import/merge.schema.js';
export type {
  StoredImportRun, ImportRunStatus, ImportCounts, RowProblem, SavedMapping, StagedUpload, TableFormat, MergeStatus, MergeDecisionEntry,
} from './import/ports.js';
export type { UploadSummary, Preview, PreviewRow } from './import/import.service.js';
// Standards findings (issue 5): the views the findings API returns, and the statuses (types and plain constants only).
export type { CatalogueView, FindingDetail, FindingView, StandardView } from './findings/present.js';
export { FINDING_STATUSES, QUEUE_STATUSES, REVIEW_DECISIONS, type FindingStatus, type ReviewDecision, type ReviewReason } from './findings/types.js';
// Statistics and reports (issue 8): the report form's schema, and the shapes the stats and reports APIs return (types only).
export { ReportInput, REPORT_FORMATS, type ReportFormat } from './publish/report-input.js';
export type { StatsOverview, StatsMap, MapPoint, BreakdownRow, Reconciliation, ReconciliationRow, ClaimCell, OfficialCell, PublicOfficialFigure, PublishedReport, PublishScope } from './publish/index.js';
