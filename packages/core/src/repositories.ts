import { type Role } from './auth/roles.js';
import { type AuditStore } from './audit/ports.js';
import { type HistoryEntry } from './records/common.schema.js';
import { type PublishStore } from './publish/store.js';
import { type OpenDataStore } from './publish/export-store.js';
import { type EntityName } from './records/entities.js';
import { type BlobStore, type EvidenceStore, type MediaAnalyzer } from './evidence/ports.js';
import { type FindingStore } from './findings/types.js';
import { type ImportFileStore, type ImportStore } from './import/ports.js';

/** A record as stored: every schema field present (absent optionals as null) plus metadata. */
export type StoredRecord = Record<string, unknown> & { id: string; version: number; deletedAt: string | null };

export interface ListPage {
  items: StoredRecord[];
  nextCursor: string | null;
}

export interface HistoryWrite {
  entity: EntityName;
  recordId: string;
  version: number;
  action: HistoryEntry['action'];
  actor: string;
  at: string;
  changes: HistoryEntry['changes'];
  snapshot: Record<string, unknown>;
}

/** Storage of every documented record; each call writes record, children and history atomically. */
export interface RecordStore {
  get(entity: EntityName, id: string): Promise<StoredRecord | null>;
  getMany(entity: EntityName, ids: string[]): Promise<StoredRecord[]>;
  /** Which of these ids exist and are not deleted. */
  existingIds(entity: EntityName, ids: string[]): Promise<Set<string>>;
  list(entity: EntityName, filter: Record<string, unknown>): Promise<ListPage>;
  insert(entity: EntityName, record: StoredRecord, history: HistoryWrite): Promise<void>;
  /** New records of one entity with their history, as `insert` writes them, in multi-row inserts. */
  insertMany(entity: EntityName, items: { record: StoredRecord; history: HistoryWrite }[]): Promise<void>;
  /** Throws VERSION_CONFLICT when the stored version is not `expectedVersion`. */
  update(entity: EntityName, record: StoredRecord, expectedVersion: number, history: HistoryWrite): Promise<void>;
  history(entity: EntityName, id: string): Promise<HistoryEntry[]>;
  count(entity: EntityName): Promise<number>;
}

export interface VocabularyTerm {
  vocabulary: string;
  code: string;
  labels: Record<string, string>;
  position: number;
  deprecated: boolean;
}

export interface VocabularyStore {
  all(): Promise<VocabularyTerm[]>;
}

export interface CustodyStore {
  /** Detentions held or unaccounted for, not deleted, with activity since `since`, with their steps. */
  open(limit: number, since: string): Promise<StoredRecord[]>;
  /** How many open cases have had no activity since `since` (incomplete records, to update or close). */
  countStale(since: string): Promise<number>;
}

/** Whole-database, lossless transfer between instances and engines. */
export interface DumpStore {
  exportAll(write: (chunk: string) => Promise<void> | void): Promise<void>;
  importAll(dump: unknown): Promise<Record<string, number>>;
  isEmpty(): Promise<boolean>;
  tableCounts(): Promise<Record<string, number>>;
}

export interface SchemaStore {
  migrate(): Promise<string[]>;
  status(): Promise<{ name: string; appliedAt: string | null }[]>;
  engine: 'sqlite' | 'postgres';
  describe: string;
}

export interface StoredUser {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  passwordHash: string;
  totpSecret: string | null;
  totpEnabled: boolean;
  mfaRequired: boolean;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface StoredSession {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  address: string | null;
  userAgent: string | null;
}

/** Users, sessions and lawyers' client assignments. Secrets (TOTP) are encrypted by the store. */
export interface AccountStore {
  countUsers(): Promise<number>;
  insertUser(user: StoredUser): Promise<void>;
  updateUser(id: string, changes: Partial<StoredUser>): Promise<void>;
  userById(id: string): Promise<StoredUser | null>;
  userByUsername(username: string): Promise<StoredUser | null>;
  listUsers(): Promise<StoredUser[]>;
  insertSession(session: StoredSession): Promise<void>;
  sessionByHash(tokenHash: string): Promise<StoredSession | null>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(userId: string): Promise<void>;
  clientsOf(userId: string): Promise<string[]>;
  assignClient(userId: string, personId: string, by: string, at: string): Promise<void>;
  unassignClient(userId: string, personId: string): Promise<void>;
  hasGrant(entity: string, recordId: string, userId: string): Promise<boolean>;
  grant(entity: string, recordId: string, userId: string, by: string, at: string): Promise<void>;
  revoke(entity: string, recordId: string, userId: string): Promise<void>;
  grantsOn(entity: string, recordId: string): Promise<{ userId: string; grantedBy: string; grantedAt: string }[]>;
}

/** argon2id, implemented outside core (native code). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface Repositories {
  records: RecordStore;
  vocabularies: VocabularyStore;
  custody: CustodyStore;
  dump: DumpStore;
  schema: SchemaStore;
  /** Evidence vault rows, stored originals (local disk or S3) and the media tools. */
  evidence: EvidenceStore;
  evidenceFiles: BlobStore;
  media: MediaAnalyzer;
  accounts: AccountStore;
  passwords: PasswordHasher;
  /** Aggregate statistics, scoped reads and published reports (issue 8). */
  publish: PublishStore;
  /** The open-data export's page reads: only the columns its rows and redaction need. */
  openData: OpenDataStore;
  /** The append-only, hash-chained audit trail; append in the same transaction as the audited write. */
  audit: AuditStore;
  /** Standards findings, their review history and recompute bookkeeping (issue 5). */
  findings: FindingStore;
  /** Bulk intake: runs, row source keys, saved mappings, blinded person match keys, merge decisions (issue 6). */
  imports: ImportStore;
  /** Uploaded lists staged between the import wizard's steps (encrypted on disk). */
  importFiles: ImportFileStore;
  /** Runs `fn` in one transaction; nested calls join the outer one. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
