// Bulk intake (issue 6): mappings, row → records, import runs, and the merge review of persons.
export { IMPORT_TARGETS, IMPORT_FIELDS, importCatalogue, type ImportTarget, type ImportField, type FieldKind, type ImportCatalogue } from './fields.js';
export {
  ImportMapping, FieldSpec, CellSpec, ConstantSpec, TemplateSpec, NameSpec, RoleSpec, EstimateSpec, SourcesSpec, FileOptions,
  SavedMappingInput, SavedMappingPatch, mappedColumns, fillTemplate, templateColumns, type ImportMappingInput,
} from './mapping.schema.js';
export { mapRow, columnOf, splitUrls, integer, type RowPlan, type MapResult } from './map-row.js';
export { problemsCsv } from './report.js';
export {
  ImportService, MAX_STORED_PROBLEMS, HEARTBEAT_MS, STALE_RUN_MS, interruptedMessage, type ImportActor, type ImportProgress, type RunOptions, type Preview, type PreviewRow, type UploadSummary,
} from './import.service.js';
export { MergeService, PERSON_REFERENCES, mergedFields, type MergeViewer } from './merge.service.js';
export { MatchCache, matchEntry, matchNames, type MatchEntry } from './match-cache.js';
export {
  MergeFilter, MergeIdParams, AcceptMergeInput, RejectMergeInput, UnmergeInput, ScanInput, MERGE_STATUSES, type MergeView, type MergeDetail, type PersonBrief,
} from './merge.schema.js';
export type * from './ports.js';
