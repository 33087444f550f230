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
