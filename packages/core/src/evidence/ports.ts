import { type HistoryEntry } from '../records/common.schema.js';
import {
  type ChronolocationRecord, type CommentRecord, type CustodyEntry, type EvidenceItem, type GeolocationRecord, type NormalisedMetadata,
  type IncidentRecord, type ProvenanceRecord, type ToolReport, type VerificationStatus,
} from './evidence.schema.js';

/** A file streamed to temporary storage and hashed on the way; nothing is kept until `commit`. */
export interface StagedBlob {
  sha256: string;
  size: number;
  /** The first bytes, for content sniffing. */
  head: Uint8Array;
  /** Where the staged bytes can be read by local tools (exiftool, ffprobe); opaque to core. */
  localPath: string;
  /** Moves the bytes into content-addressed storage, read-only; false when they were already there. */
  commit(): Promise<boolean>;
  /** Removes the temporary file; safe to call twice and after commit. */
  discard(): Promise<void>;
}

/** Content-addressed storage of originals (local disk or S3-compatible), plus their viewing copies. */
export interface BlobStore {
  readonly kind: string;
  /** Upload limit from configuration (bytes). */
  readonly maxBytes: number;
  /**
   * Streams `source` to a temporary file, hashing as it goes, in constant memory. Refuses with
   * PAYLOAD_TOO_LARGE past `limit`; on any error the temporary file is removed.
   */
  stage(source: AsyncIterable<Uint8Array>, limit: number): Promise<StagedBlob>;
  has(sha256: string): Promise<boolean>;
  /** The stored bytes; throws RECORD_NOT_FOUND when the file is gone. */
  read(sha256: string): AsyncIterable<Uint8Array>;
  /** Re-reads the stored file and hashes it; null when it is missing. */
  rehash(sha256: string): Promise<{ sha256: string; size: number } | null>;
  /** Removes a just-committed original whose record could not be written (rollback only). */
  forget(sha256: string): Promise<void>;
  putDerived(sha256: string, name: string, bytes: Uint8Array): Promise<void>;
  readDerived(sha256: string, name: string): Promise<Uint8Array | null>;
}

export interface DerivedCopy {
  kind: 'thumbnail' | 'poster';
  mediaType: string;
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** What the media tools found in one file. */
export interface MediaAnalysis {
  /** Raw outputs by tool (exiftool, ffprobe), verbatim. */
  raw: Record<string, unknown>;
  tools: ToolReport[];
  copies: DerivedCopy[];
  /** 64-bit difference hash as 16 hex digits (a video's poster frame), for near-duplicate detection. */
  phash: string | null;
  /** The picture's hash, or a video's poster and key-frame hashes (blank frames left out). */
  frameHashes: string[];
}

/** Runs exiftool, ffprobe and image tools over a staged file; never throws for a missing tool. */
export interface MediaAnalyzer {
  analyze(file: StagedBlob, mediaType: string): Promise<MediaAnalysis>;
}

export interface EvidenceHistoryWrite {
  entity: 'evidence_item' | 'evidence_geolocation' | 'evidence_chronolocation' | 'evidence_incident';
  recordId: string;
  version: number;
  action: HistoryEntry['action'];
  actor: string;
  at: string;
  changes: HistoryEntry['changes'];
  snapshot: Record<string, unknown>;
}

export interface EvidenceListFilter {
  limit: number;
  cursor?: string | undefined;
  includeDeleted: boolean;
  status?: VerificationStatus | undefined;
  eventId?: string | undefined;
  sha256?: string | undefined;
  mediaType?: string | undefined;
}

export interface EvidenceParts {
  provenance: ProvenanceRecord[];
  custody: CustodyEntry[];
  geolocations: GeolocationRecord[];
  chronolocations: ChronolocationRecord[];
  comments: CommentRecord[];
  metadataRaw: Record<string, unknown>;
}

export type ClaimKind = 'geolocation' | 'chronolocation';
export type ClaimRecord = GeolocationRecord | ChronolocationRecord;

/** Rows of the vault: items, provenance, custody log, claims and comments. */
export interface EvidenceStore {
  get(id: string): Promise<EvidenceItem | null>;
  getBySha(sha256: string): Promise<EvidenceItem | null>;
  parts(id: string): Promise<EvidenceParts>;
  list(filter: EvidenceListFilter): Promise<{ items: EvidenceItem[]; nextCursor: string | null }>;
  /** Item, raw metadata, first provenance, ingest custody entry and history: one transaction. */
  insertItem(item: EvidenceItem, metadataRaw: Record<string, unknown>, provenance: ProvenanceRecord, custody: CustodyEntry, history: EvidenceHistoryWrite): Promise<void>;
  /** Throws VERSION_CONFLICT when the stored version is not `expectedVersion`. */
  updateItem(item: EvidenceItem, expectedVersion: number, history: EvidenceHistoryWrite): Promise<void>;
  addProvenance(provenance: ProvenanceRecord): Promise<void>;
  addCustody(entries: CustodyEntry[]): Promise<void>;
  addComment(comment: CommentRecord): Promise<void>;
  getClaim(kind: ClaimKind, id: string): Promise<ClaimRecord | null>;
  insertClaim(kind: ClaimKind, claim: ClaimRecord, history: EvidenceHistoryWrite): Promise<void>;
  updateClaim(kind: ClaimKind, claim: ClaimRecord, history: EvidenceHistoryWrite): Promise<void>;
  history(entity: EvidenceHistoryWrite['entity'], id: string): Promise<HistoryEntry[]>;
  /** Every item (deleted ones too), in id order, a page at a time: for the integrity audit. */
  page(afterId: string | null, limit: number): Promise<{ id: string; sha256: string }[]>;
  /** Live items that have a perceptual hash, other than `exceptId`, with every frame hash they have. */
  withPhash(exceptId: string | null): Promise<{ id: string; hashes: string[] }[]>;
  getIncident(id: string): Promise<IncidentRecord | null>;
  incidents(eventId: string, includeDeleted: boolean): Promise<IncidentRecord[]>;
  insertIncident(incident: IncidentRecord, history: EvidenceHistoryWrite): Promise<void>;
  /** Throws VERSION_CONFLICT when the stored version is not `expectedVersion`. */
  updateIncident(incident: IncidentRecord, expectedVersion: number, history: EvidenceHistoryWrite): Promise<void>;
  /** Items by id (deleted ones too), for incident summaries and checks. */
  itemsById(ids: string[]): Promise<EvidenceItem[]>;
  /** Metadata of items linked to an event, with their claims, for the chronology. */
  forEvent(eventId: string): Promise<{ item: EvidenceItem; chronolocations: ChronolocationRecord[]; provenance: ProvenanceRecord[] }[]>;
}

export type { NormalisedMetadata };
