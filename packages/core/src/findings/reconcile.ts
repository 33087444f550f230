import { VigilError } from '../errors.js';
import { newId } from '../ids.js';
import { type Finding } from '../standards/index.js';
import { factsHash, redactFacts } from './facts.js';
import {
  type FindingConfidentiality as Confidentiality, type FindingAction, type FindingGroup, type FindingHistoryEntry, type FindingStatus, type ReviewDecision, type StoredFinding,
} from './types.js';

/**
 * Reconciliation of a group's freshly computed findings with the stored ones, matched by key. Pure:
 * it returns the writes, the service performs them in one transaction. The rules (docs/FINDINGS.md):
 *
 * - a new key → `suggested`;
 * - still produced: a suggestion follows the facts; a decision (confirmed/rejected) stays only while
 *   the facts are exactly the reviewed ones, otherwise → `needs_review`, the reviewed facts kept; a
 *   finding waiting for re-review whose facts return to the reviewed ones gets its decision back;
 * - no longer produced: a suggestion → `obsolete`; a confirmed breach → `needs_review`
 *   (`no_longer_produced`), since a confirmed finding is never dropped silently; a rejected one →
 *   `obsolete` (the engine now agrees with the reviewer), its decision kept;
 * - rows are never deleted; every status change is written to the history with the facts.
 */

export const SYSTEM_ACTOR = 'system:findings';

const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 } as const;
export const severityRank = (s: keyof typeof SEVERITY_RANK): number => SEVERITY_RANK[s];

export const statusOf = (d: ReviewDecision): FindingStatus => (d === 'confirm' ? 'confirmed' : 'rejected');

/** A finding as computed now, with everything the stored row needs besides its review state. */
export interface Computed {
  finding: Finding;
  confidentiality: Confidentiality;
  personId: string | null;
}

export interface ReconcileContext {
  group: FindingGroup;
  now: string;
  catalogueVersion: string;
  /** Who may read a stored finding today (its records' confidentiality may have changed); null if none is loaded. */
  confidentialityOf?: (f: StoredFinding) => Confidentiality | null;
}

export type FindingWrite =
  | { kind: 'insert'; finding: StoredFinding; entry: FindingHistoryEntry }
  | { kind: 'update'; finding: StoredFinding; expectedVersion: number; entry: FindingHistoryEntry | null };

export interface ReconcileSummary {
  created: number;
  updated: number;
  needsReview: number;
  obsoleted: number;
  restored: number;
  unchanged: number;
}

function entryOf(f: StoredFinding, action: FindingAction, from: FindingStatus | null, at: string, actor = SYSTEM_ACTOR, actorId: string | null = null, note: string | null = null): FindingHistoryEntry {
  return { id: newId(), findingId: f.id, at, actor, actorId, action, fromStatus: from, toStatus: f.status, note, factsHash: f.factsHash, facts: f.facts };
}

/** The computed side of a stored row: what recomputation may set. */
function computedFields(c: Computed, ctx: ReconcileContext) {
  const facts = redactFacts(c.finding.facts);
  return {
    ruleId: c.finding.ruleId,
    standardIds: [...c.finding.standardIds],
    subjectEntity: c.finding.subject.entity,
    subjectId: c.finding.subject.id,
    eventId: ctx.group.eventId,
    personId: c.personId,
    groupKey: ctx.group.key,
    confidentiality: c.confidentiality,
    facts,
    factsHash: factsHash(facts),
    explanation: c.finding.explanation,
    severity: c.finding.severity,
    thresholds: c.finding.thresholds ?? [],
    catalogueVersion: ctx.catalogueVersion,
    produced: true,
  };
}

/** Who may read it and where it is filed: updated without a review, since no fact changed. */
function placement(c: Computed, ctx: ReconcileContext) {
  return { eventId: ctx.group.eventId, personId: c.personId, groupKey: ctx.group.key, confidentiality: c.confidentiality, produced: true };
}

const CONTENT_IGNORED = new Set(['version', 'updatedAt', 'computedAt']);
function sameContent(a: StoredFinding, b: StoredFinding): boolean {
  const strip = (f: StoredFinding) => JSON.stringify(Object.fromEntries(Object.entries(f).filter(([k]) => !CONTENT_IGNORED.has(k))));
  return strip(a) === strip(b);
}

export function reconcile(stored: readonly StoredFinding[], computed: readonly Computed[], ctx: ReconcileContext): { writes: FindingWrite[]; summary: ReconcileSummary } {
  const { now } = ctx;
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const writes: FindingWrite[] = [];
  const summary: ReconcileSummary = { created: 0, updated: 0, needsReview: 0, obsoleted: 0, restored: 0, unchanged: 0 };

  const update = (s: StoredFinding, next: StoredFinding, action: FindingAction | null) => {
    if (action === null && sameContent(s, next)) {
      summary.unchanged++;
      return;
    }
    const finding = { ...next, version: s.version + 1, updatedAt: now, computedAt: now };
    writes.push({ kind: 'update', finding, expectedVersion: s.version, entry: action ? entryOf(finding, action, s.status, now) : null });
    if (finding.status === 'needs_review' && s.status !== 'needs_review') summary.needsReview++;
    else if (finding.status === 'obsolete' && s.status !== 'obsolete') summary.obsoleted++;
    else if (action === 'restored') summary.restored++;
    else summary.updated++;
  };

  for (const c of computed) {
    const fields = computedFields(c, ctx);
    const s = byKey.get(c.finding.key);
    if (!s) {
      const finding: StoredFinding = {
        id: newId(), key: c.finding.key, version: 1, ...fields, status: 'suggested', reviewReason: null, decision: null, reviewer: null,
        reviewerId: null, reviewNote: null, reviewedAt: null, reviewedFacts: null, reviewedFactsHash: null, createdAt: now, updatedAt: now, computedAt: now,
      };
      writes.push({ kind: 'insert', finding, entry: entryOf(finding, 'suggested', null, now) });
      summary.created++;
      continue;
    }
    const matchesReview = s.reviewedFactsHash !== null && fields.factsHash === s.reviewedFactsHash;
    switch (s.status) {
      case 'suggested':
        update(s, { ...s, ...fields }, null);
        break;
      case 'confirmed':
      case 'rejected':
        if (fields.factsHash === s.factsHash) update(s, { ...s, ...placement(c, ctx) }, null);
        else update(s, { ...s, ...fields, status: 'needs_review', reviewReason: 'facts_changed' }, 'facts_changed');
        break;
      case 'needs_review':
        if (matchesReview && s.decision) update(s, { ...s, ...fields, status: statusOf(s.decision), reviewReason: null }, 'restored');
        else if (s.reviewReason === 'no_longer_produced') update(s, { ...s, ...fields, reviewReason: 'facts_changed' }, 'reappeared');
        else update(s, { ...s, ...fields }, null);
        break;
      case 'obsolete':
        if (!s.decision) update(s, { ...s, ...fields, status: 'suggested', reviewReason: null }, 'reappeared');
        else if (matchesReview) update(s, { ...s, ...fields, status: statusOf(s.decision), reviewReason: null }, 'restored');
        else update(s, { ...s, ...fields, status: 'needs_review', reviewReason: 'facts_changed' }, 'reappeared');
        break;
    }
  }

  const produced = new Set(computed.map((c) => c.finding.key));
  for (const s of stored) {
    if (produced.has(s.key) || s.groupKey !== ctx.group.key) continue;
    // Not produced, but still filed here: who may read it follows its records.
    const kept = { ...s, confidentiality: ctx.confidentialityOf?.(s) ?? s.confidentiality };
    const gone = { produced: false };
    switch (s.status) {
      case 'suggested':
      case 'rejected':
        update(s, { ...kept, ...gone, status: 'obsolete', reviewReason: null }, 'obsoleted');
        break;
      case 'confirmed':
        // Confirmed by a person while it was already not produced: their decision stands.
        if (!s.produced) update(s, kept, null);
        else update(s, { ...kept, ...gone, status: 'needs_review', reviewReason: 'no_longer_produced' }, 'no_longer_produced');
        break;
      case 'needs_review':
        if (s.decision === 'reject') update(s, { ...kept, ...gone, status: 'obsolete', reviewReason: null }, 'obsoleted');
        else if (s.reviewReason !== 'no_longer_produced') update(s, { ...kept, ...gone, reviewReason: 'no_longer_produced' }, 'no_longer_produced');
        else update(s, kept, null);
        break;
      case 'obsolete':
        update(s, kept, null);
        break;
    }
  }
  return { writes, summary };
}

export interface Reviewer {
  id: string;
  name: string;
}

/** A person's decision on a finding: the facts it is taken on are kept with it. */
export function applyReview(s: StoredFinding, decision: ReviewDecision, note: string | null, reviewer: Reviewer, now: string): { finding: StoredFinding; entry: FindingHistoryEntry } {
  if (s.status === 'obsolete') {
    throw new VigilError('CONFLICT', 'This finding is obsolete: the engine no longer produces it from the recorded facts, so there is nothing to review');
  }
  const finding: StoredFinding = {
    ...s,
    version: s.version + 1,
    status: statusOf(decision),
    reviewReason: null,
    decision,
    reviewer: reviewer.name,
    reviewerId: reviewer.id,
    reviewNote: note,
    reviewedAt: now,
    reviewedFacts: s.facts,
    reviewedFactsHash: s.factsHash,
    updatedAt: now,
  };
  return { finding, entry: entryOf(finding, decision === 'confirm' ? 'confirmed' : 'rejected', s.status, now, reviewer.name, reviewer.id, note) };
}
