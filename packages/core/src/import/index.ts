// Bulk intake (issue 6): mappings, row → records, import runs, and the merge review of persons.
export { IMPORT_TARGETS, IMPORT_FIELDS, importCatalogue, type ImportTarget, type ImportField, type FieldKind } from './fields.js';
export {
  ImportMapping, FieldSpec, CellSpec, ConstantSpec, TemplateSpec, NameSpec, RoleSpec, EstimateSpec, SourcesSpec, FileOptions,
  SavedMappingInput, SavedMappingPatch, mappedColumns, fillTemplate, templateColumns, type ImportMappingInput,
} from './mapping.schema.js';
export { mapRow, columnOf, splitUrls, integer, type RowPlan, type MapResult } from './map-row.js';
export { problemsCsv } from './report.js';
export {
  ImportService, MAX_STORED_PROBLEMS, type ImportActor, type ImportProgress, type RunOptions, type Preview, type PreviewRow, type UploadSummary,
} from './import.service.js';
export {
  MergeService, MergeFilter, MergeIdParams, AcceptMergeInput, RejectMergeInput, UnmergeInput, ScanInput, MERGE_STATUSES, PERSON_REFERENCES, mergedFields,
  type MergeViewer, type MergeView, type MergeDetail, type PersonBrief,
} from './merge.service.js';
export type * from './ports.js';
