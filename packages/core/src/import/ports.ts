/**
 * What the import and merge services need from outside core: readers of partners' files
 * (implemented in packages/db/src/import with csv-parse, exceljs and a streaming JSON reader),
 * a staging area for uploads, and storage of runs, row keys, mappings, match keys and merges.
 */
import { type EntityName } from '../records/entities.js';
import { type ImportTarget } from './fields.js';

export type TableFormat = 'csv' | 'xlsx' | 'json';

/** A problem with one row (row null: the whole file); `row` counts as a spreadsheet does (header = 1). */
export interface RowProblem {
  row: number | null;
  column: string | null;
  problem: string;
}

export interface ReadOptions {
  format?: TableFormat | undefined;
  encoding: string;
  delimiter?: string | undefined;
  sheet?: string | undefined;
  maxCellLength: number;
}

/** One data row: cells by column name, and what the reader found wrong with it (a cell too long…). */
export interface TableRow {
  row: number;
  cells: Record<string, string>;
  problems: { column: string | null; problem: string }[];
}

export interface TableStream {
  format: TableFormat;
  /** How the bytes were decoded (CSV and JSON): utf-8, utf-8 (BOM), windows-1251… */
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  /** The header, as made unique ("name", "name (2)"); null for JSON, whose keys vary per object. */
  columns: string[] | null;
  /**
   * The rows, read as they are consumed (never the whole file). A problem with the file itself
   * (not UTF-8, a quote never closed, a row over the size limit) is thrown as VALIDATION_FAILED.
   */
  rows: AsyncIterable<TableRow>;
}

/** A file that can be read more than once (the import reads it twice: check, then write). */
export interface TableSource {
  name: string;
  size: number | null;
  /** Throws VALIDATION_FAILED for a file that cannot be read at all (empty, unknown format, encoding). */
  open(options: ReadOptions): Promise<TableStream>;
}

export interface StagedUpload {
  id: string;
  name: string;
  size: number;
  /** SHA-256 of the bytes as uploaded. */
  sha256: string;
  createdAt: string;
}

/** Uploads kept between the wizard's steps (encrypted on disk, removed after use or a day). */
export interface ImportFileStore {
  save(content: AsyncIterable<Uint8Array>, name: string, maxBytes: number): Promise<StagedUpload>;
  /** Throws RECORD_NOT_FOUND for an unknown or expired upload. */
  source(id: string): Promise<TableSource>;
  remove(id: string): Promise<void>;
  /** A file on this machine (the CLI's `vigil import FILE`; never reachable over HTTP). */
  localFile(path: string): TableSource;
}

/**
 * `interrupted`: the process running it stopped (restart, crash) before it finished; rows written
 * until then stay, and importing the same file again adds only the rest (source keys).
 */
export type ImportRunStatus = 'queued' | 'running' | 'done' | 'refused' | 'failed' | 'interrupted';

export interface ImportCounts {
  total: number;
  done: number;
  imported: number;
  /** Already imported (same source key), by an earlier run or earlier in this file. */
  skipped: number;
  failed: number;
}

export interface StoredImportRun {
  id: string;
  status: ImportRunStatus;
  dryRun: boolean;
  target: ImportTarget;
  mappingId: string | null;
  mapping: unknown;
  fileName: string;
  fileSize: number | null;
  format: TableFormat | null;
  encoding: string | null;
  rows: ImportCounts;
  /** Records created (or that would be, in a dry run) by entity. */
  created: Partial<Record<EntityName, number>>;
  candidates: number;
  problemCount: number;
  /** The first problems (up to the store's cap), in file order. */
  problems: RowProblem[];
  message: string | null;
  actor: string;
  startedAt: string;
  finishedAt: string | null;
  /** Refreshed every few seconds while a process works on the run; a stale one means that process is gone. */
  heartbeatAt: string | null;
}

export interface SavedMapping {
  id: string;
  name: string;
  target: ImportTarget;
  mapping: unknown;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A row already imported: found by its key material (the store keeps only a keyed hash of it). */
export interface RowKeyHit {
  runId: string;
  records: { entity: EntityName; id: string }[];
  /** Whether the row's content hash equals the stored one (false: the row changed since). */
  sameContent: boolean;
}

export interface RowKeyWrite {
  material: string;
  contentMaterial: string;
  runId: string;
  records: { entity: EntityName; id: string }[];
  at: string;
}

export type MergeStatus = 'pending' | 'accepted' | 'rejected' | 'unmerged';

export interface StoredMergeCandidate {
  id: string;
  /** Ordered so personA < personB: one row per pair, ever. */
  personA: string;
  personB: string;
  score: number;
  reasons: string[];
  status: MergeStatus;
  version: number;
  runId: string | null;
  foundAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
  survivorId: string | null;
  mergedId: string | null;
  /** What unmerge needs to restore both persons exactly (encrypted at rest). */
  snapshot: MergeSnapshot | null;
}

export interface MergeSnapshot {
  survivorBefore: Record<string, unknown>;
  survivorAfterVersion: number;
  mergedBefore: Record<string, unknown>;
  /** Records whose person reference the merge moved to the survivor, and which paths. */
  repointed: { entity: EntityName; id: string; paths: string[] }[];
  /** Lawyers' assignments of the merged person (the merge gave them the survivor instead). */
  clients: ClientAssignment[];
  /** Users who had the survivor as a client before the merge. */
  survivorClients: string[];
}

export interface ClientAssignment {
  userId: string;
  personId: string;
  assignedBy: string;
  assignedAt: string;
}

export interface MergeDecisionEntry {
  id: string;
  candidateId: string;
  action: 'found' | 'accepted' | 'rejected' | 'unmerged';
  actor: string;
  at: string;
  note: string | null;
}

export interface MergeQuery {
  status?: MergeStatus | undefined;
  personId?: string | undefined;
  runId?: string | undefined;
  /** Only pairs whose two persons are both live (the review queue). */
  liveOnly?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * What matching reads of a person (keys, scoring): its names, birth year and roles, nothing else,
 * so matching a batch against its neighbours loads and decrypts only these.
 */
export interface MatchProfile {
  id: string;
  version: number;
  birthYear: number | null;
  /** In the record's order. */
  names: { value: string; kind: string | null }[];
  roles: { eventId: string | null; organisationName: string | null }[];
}

/** Per person: what detentions say about where and at which events they were. */
export interface PersonFacts {
  personId: string;
  cities: string[];
  eventIds: string[];
}

export interface ImportStore {
  // Runs
  insertRun(run: StoredImportRun): Promise<void>;
  updateRun(run: StoredImportRun): Promise<void>;
  /** Status and counters only (the problems are written with updateRun, at the end). */
  saveProgress(run: StoredImportRun): Promise<void>;
  getRun(id: string): Promise<StoredImportRun | null>;
  listRuns(limit: number, cursor?: string): Promise<{ items: StoredImportRun[]; nextCursor: string | null }>;
  /** Refreshes the heartbeat of runs this process is working on. */
  touchRuns(ids: string[], at: string): Promise<void>;
  /** Queued or running runs whose heartbeat is older than `before` (or missing). */
  staleRuns(before: string): Promise<StoredImportRun[]>;
  /**
   * Marks one stale run interrupted, unless it moved on meanwhile (finished, or its heartbeat was
   * refreshed after `before`); returns whether it did.
   */
  interruptRun(id: string, before: string, message: string, at: string): Promise<boolean>;
  // Source keys of imported rows
  findRowKeys(rows: { material: string; contentMaterial: string }[]): Promise<Map<string, RowKeyHit>>;
  insertRowKeys(rows: RowKeyWrite[]): Promise<void>;
  /** Live sources by URL (linked sources are shared, not duplicated). */
  sourcesByUrl(urls: string[]): Promise<Map<string, string>>;
  // Saved mappings
  listMappings(): Promise<SavedMapping[]>;
  getMapping(idOrName: string): Promise<SavedMapping | null>;
  insertMapping(m: SavedMapping): Promise<void>;
  /** Throws VERSION_CONFLICT on a stale version. */
  updateMapping(m: SavedMapping, expectedVersion: number): Promise<void>;
  deleteMapping(id: string): Promise<void>;
  // Person match keys (blinded)
  /** Live persons whose stored keys are missing or older than the record (or the blind key). */
  staleMatchPersons(limit: number): Promise<string[]>;
  replaceMatchKeys(persons: { personId: string; version: number; keys: string[] }[]): Promise<void>;
  /** The live persons among these ids, ordered by id, as matching reads them. */
  matchProfiles(personIds: string[]): Promise<MatchProfile[]>;
  /** The live persons among these ids and their versions (to tell which cached profiles still hold). */
  liveVersions(personIds: string[]): Promise<Map<string, number>>;
  /** Live persons sharing one of these (clear) keys, skipping keys shared by more than maxBlock persons. */
  personsSharingKeys(keys: string[], maxBlock: number): Promise<string[]>;
  /** Share of live persons having the 1:<phonetic> key, for rarity weighting; null under minPeople persons. */
  phoneticShares(phoneticKeys: string[], minPeople: number): Promise<Map<string, number> | null>;
  personFacts(personIds: string[]): Promise<PersonFacts[]>;
  /** Live persons by page (for a whole-database scan). */
  personIdsAfter(after: string | null, limit: number): Promise<string[]>;
  // Merge candidates
  existingPairs(pairKeys: string[]): Promise<Map<string, StoredMergeCandidate>>;
  /** New pairs, with multi-row inserts (one statement per chunk, not one per pair). */
  insertCandidates(cs: StoredMergeCandidate[]): Promise<void>;
  updateCandidate(c: StoredMergeCandidate, expectedVersion: number): Promise<void>;
  getCandidate(id: string): Promise<StoredMergeCandidate | null>;
  listCandidates(q: MergeQuery): Promise<{ items: StoredMergeCandidate[]; nextCursor: string | null }>;
  insertDecision(d: MergeDecisionEntry): Promise<void>;
  decisions(candidateId: string): Promise<MergeDecisionEntry[]>;
  /** Records (deleted ones too) that point at the person, by entity. */
  recordsReferencing(personId: string): Promise<{ entity: EntityName; id: string }[]>;
  /** Users who have the person as a client (lawyers' assignments). */
  clientsOf(personId: string): Promise<ClientAssignment[]>;
  /** Adds assignments, leaving existing ones as they are. */
  assignClients(rows: ClientAssignment[]): Promise<void>;
  unassignClients(userIds: string[], personId: string): Promise<void>;
}
