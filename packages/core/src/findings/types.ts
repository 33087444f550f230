import { type ReadScope } from '../auth/visibility.js';
import { type Label, type Severity } from '../custody/index.js';
import { type StoredRecord } from '../repositories.js';
import { type FactRef, type FindingThreshold, type SubjectEntity } from '../standards/index.js';

/**
 * Stored findings: the standards engine's suggestions, kept for analysts to confirm or reject.
 *
 * Status machine (see docs/FINDINGS.md):
 * - suggested     new, nobody has looked at it;
 * - confirmed     a reviewer says the breach stands, for exactly the facts in `reviewedFacts`;
 * - rejected      a reviewer says it does not, for exactly those facts;
 * - needs_review  reviewed once, but the facts now differ from the reviewed ones (`facts_changed`),
 *                 or a confirmed breach is no longer produced (`no_longer_produced`);
 * - obsolete      no longer produced and nothing to re-review (a suggestion nobody reviewed, or a
 *                 rejection the facts now agree with). Rows are never deleted.
 */
export const FINDING_STATUSES = ['suggested', 'confirmed', 'rejected', 'needs_review', 'obsolete'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** The review queue: what still needs a person. */
export const QUEUE_STATUSES: readonly FindingStatus[] = ['suggested', 'needs_review'];

export const REVIEW_DECISIONS = ['confirm', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export type ReviewReason = 'facts_changed' | 'no_longer_produced';

export type FindingConfidentiality = 'public' | 'restricted' | 'confidential';

export interface StoredFinding {
  id: string;
  /** The engine's stable key (rule | subject | standard ids): how a recomputed finding finds its stored self. */
  key: string;
  /** Bumped on every change; a review may send it to refuse acting on a stale copy. */
  version: number;
  ruleId: string;
  standardIds: string[];
  subjectEntity: SubjectEntity;
  subjectId: string;
  /** The event the facts belong to (null for a custody case with no event). */
  eventId: string | null;
  /** The person the subject concerns (detainee, charged person, victim), for person pages and lawyers' scope. */
  personId: string | null;
  /** `event:<id>` or `person:<id>`: the bundle of facts the finding was computed from. */
  groupKey: string;
  /** The most restrictive confidentiality among the records it cites: who may read it. */
  confidentiality: FindingConfidentiality;
  facts: FactRef[];
  factsHash: string;
  explanation: Label;
  severity: Severity;
  thresholds: FindingThreshold[];
  status: FindingStatus;
  /** Whether the latest recomputation produced it (false for obsolete ones and breaches no longer produced). */
  produced: boolean;
  /** Why a reviewed finding waits for re-review (null otherwise). */
  reviewReason: ReviewReason | null;
  /** The last decision a person took (kept while the finding waits for re-review). */
  decision: ReviewDecision | null;
  reviewer: string | null;
  reviewerId: string | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  /** The facts as they were when the decision was taken: compared with `facts` when they differ. */
  reviewedFacts: FactRef[] | null;
  reviewedFactsHash: string | null;
  catalogueVersion: string;
  createdAt: string;
  updatedAt: string;
  /** Last time the engine produced it. */
  computedAt: string;
}

export type FindingAction =
  | 'suggested'
  | 'confirmed'
  | 'rejected'
  | 'facts_changed'
  | 'no_longer_produced'
  | 'obsoleted'
  | 'reappeared'
  | 'restored';

/** One entry of a finding's history: every status change, by a person or by recomputation. */
export interface FindingHistoryEntry {
  id: string;
  findingId: string;
  at: string;
  actor: string;
  actorId: string | null;
  action: FindingAction;
  fromStatus: FindingStatus | null;
  toStatus: FindingStatus;
  note: string | null;
  factsHash: string;
  facts: FactRef[];
}

/** Facts are assessed per group: everything linked to one event, or one person's records outside any event. */
export interface FindingGroup {
  key: string;
  eventId: string | null;
  personId: string | null;
}

/** The stored records of one group, as the bundle is built from them (deleted ones left out). */
export interface FactRecords {
  event: StoredRecord | null;
  acts: StoredRecord[];
  detentions: StoredRecord[];
  persons: StoredRecord[];
  charges: StoredRecord[];
  complaints: StoredRecord[];
}

export interface FindingQuery {
  statuses?: FindingStatus[] | undefined;
  severities?: Severity[] | undefined;
  eventId?: string | undefined;
  subjectId?: string | undefined;
  personId?: string | undefined;
  standardId?: string | undefined;
  ruleId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  scope?: ReadScope | undefined;
}

export interface FindingPage {
  items: StoredFinding[];
  nextCursor: string | null;
}

/** The filters of a list without its status, page size and cursor: what the queue counts by status. */
export type FindingCountQuery = Omit<FindingQuery, 'statuses' | 'limit' | 'cursor'>;

/** Storage of findings, their history and the recompute bookkeeping (packages/db/src/findings). */
export interface FindingStore {
  /** The live records of a group, loaded with a fixed number of queries whatever its size. */
  recordsOf(group: FindingGroup): Promise<FactRecords>;
  /**
   * Groups a change to a person (or a complaint about them) may affect: the events they are linked to
   * (roles, detentions, acts as victim or perpetrator, charges, complaints), and their own group when
   * they have detentions, acts or charges outside any event.
   */
  groupsOfPerson(personId: string): Promise<FindingGroup[]>;
  /** Marks groups for recomputation (multi-row upserts; the write path stays cheap). */
  markStale(groups: FindingGroup[], at: string): Promise<void>;
  /**
   * Takes a group for recomputation: true when it was dirty, never computed, or (for groups with
   * someone in custody, whose findings move with the clock) computed before `staleBefore`. With
   * `force`, always. Two concurrent recomputations of a group: one gets it, the other skips.
   */
  claim(group: FindingGroup, at: string, options: { force: boolean; staleBefore: string }): Promise<boolean>;
  /** Groups waiting for recomputation (dirty, or with open custody computed before `staleBefore`). */
  pendingGroups(options: { staleBefore: string; limit: number; keys?: string[] }): Promise<{ groups: FindingGroup[]; remaining: number }>;
  /** Every group that has facts or findings: for a full recomputation. */
  allGroups(): Promise<FindingGroup[]>;
  /** Stored findings of a group, plus any stored under one of these keys elsewhere (a record that changed group). */
  forReconcile(groupKey: string, keys: string[]): Promise<StoredFinding[]>;
  insert(finding: StoredFinding, entry: FindingHistoryEntry): Promise<void>;
  /** Throws VERSION_CONFLICT when the stored version is not `expectedVersion`. */
  update(finding: StoredFinding, expectedVersion: number, entry: FindingHistoryEntry | null): Promise<void>;
  get(id: string): Promise<StoredFinding | null>;
  list(query: FindingQuery): Promise<FindingPage>;
  /** How many findings match, per status (every status present, zero when none). */
  countByStatus(query: FindingCountQuery): Promise<Record<FindingStatus, number>>;
  history(findingId: string): Promise<FindingHistoryEntry[]>;
}
