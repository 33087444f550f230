import { type ReadScope } from '../auth/visibility.js';
import { isVigilError, notFound, validationError } from '../errors.js';
import { Id } from '../records/common.schema.js';
import { parseInput } from '../records/validate.js';
import { type Repositories } from '../repositories.js';
import { addHours } from '../time.js';
import { assessFacts, CATALOGUE, type Catalogue } from '../standards/index.js';
import { bundleOf, confidentialityOf, eventGroup, parseGroupKey, personOfSubject, recordIndex } from './facts.js';
import { type FindingDetail, type FindingView, presentCatalogue, presentDetail, presentFinding } from './present.js';
import { applyReview, reconcile, type ReconcileSummary, type Reviewer } from './reconcile.js';
import { FindingCountFilter, FindingFilter, RecomputeInput, ReviewInput } from './schemas.js';
import { type FindingGroup, type FindingStatus, QUEUE_STATUSES, type StoredFinding } from './types.js';

export interface FindingServiceOptions {
  catalogue?: Catalogue;
  /** Groups recomputed at most per read (the rest wait for the next read or `recompute`). */
  refreshLimit?: number;
  /** Groups with someone in custody are recomputed on read when older than this (findings move with the clock). */
  liveMinutes?: number;
}

/** Who acts, for the history and the audit trail. */
export interface FindingActor extends Reviewer {
  address?: string | null | undefined;
}

export interface RecomputeResult extends ReconcileSummary {
  groups: number;
  /** Groups still waiting (a plain recompute is bounded; run it again, or it happens on read). */
  pending: number;
}

const EMPTY: ReconcileSummary = { created: 0, updated: 0, needsReview: 0, obsoleted: 0, restored: 0, unchanged: 0 };
const add = (a: ReconcileSummary, b: ReconcileSummary): ReconcileSummary => ({
  created: a.created + b.created, updated: a.updated + b.updated, needsReview: a.needsReview + b.needsReview,
  obsoleted: a.obsoleted + b.obsoleted, restored: a.restored + b.restored, unchanged: a.unchanged + b.unchanged,
});

const visible = (f: StoredFinding, scope?: ReadScope): boolean =>
  !scope || (scope.confidentiality.includes(f.confidentiality) && (!scope.personIds || (f.personId !== null && scope.personIds.includes(f.personId))));

/**
 * Findings: the standards engine run over stored facts, reconciled with what analysts already
 * decided. Record writes only mark groups dirty (markFindingsStale); this service recomputes a
 * group in one transaction when its findings are read, reviewed, or on `recompute`.
 */
export class FindingService {
  private readonly catalogue: Catalogue;
  private readonly refreshLimit: number;
  private readonly liveHours: number;

  constructor(
    private readonly repos: Repositories,
    private readonly now: () => string,
    options: FindingServiceOptions = {},
  ) {
    this.catalogue = options.catalogue ?? CATALOGUE;
    this.refreshLimit = options.refreshLimit ?? 50;
    this.liveHours = (options.liveMinutes ?? 10) / 60;
  }

  /** The standards catalogue with verification status, thresholds and their origins, and the rules. */
  standards() {
    return presentCatalogue(this.catalogue);
  }

  async list(raw: unknown, scope?: ReadScope): Promise<{ items: FindingView[]; nextCursor: string | null; pending: number }> {
    const filter = parseInput(FindingFilter, raw ?? {});
    const { remaining } = await this.refresh(filter.eventId ? [eventGroup(filter.eventId).key] : undefined);
    const page = await this.repos.findings.list({
      statuses: filter.status, severities: filter.severity, eventId: filter.eventId, subjectId: filter.subjectId, personId: filter.personId,
      standardId: filter.standardId, ruleId: filter.ruleId, limit: filter.limit, cursor: filter.cursor, scope,
    });
    return { items: page.items.map(presentFinding), nextCursor: page.nextCursor, pending: remaining };
  }

  /** How many findings match the filters, per status (the queue's tabs), brought up to date like a list. */
  async counts(raw: unknown, scope?: ReadScope): Promise<{ byStatus: Record<FindingStatus, number>; queue: number; total: number; pending: number }> {
    const filter = parseInput(FindingCountFilter, raw ?? {});
    const { remaining } = await this.refresh(filter.eventId ? [eventGroup(filter.eventId).key] : undefined);
    const byStatus = await this.repos.findings.countByStatus({
      severities: filter.severity, eventId: filter.eventId, subjectId: filter.subjectId, personId: filter.personId, standardId: filter.standardId,
      ruleId: filter.ruleId, scope,
    });
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    return { byStatus, queue: QUEUE_STATUSES.reduce((n, s) => n + byStatus[s], 0), total, pending: remaining };
  }

  async get(rawId: string, scope?: ReadScope): Promise<FindingDetail> {
    const finding = await this.current(rawId, scope);
    return presentDetail(finding, this.catalogue, await this.repos.findings.history(finding.id));
  }

  /** Confirm or reject, with a note (required to reject); the facts decided on are kept with the decision. */
  async review(rawId: string, raw: unknown, actor: FindingActor, scope?: ReadScope): Promise<FindingDetail> {
    const input = parseInput(ReviewInput, raw ?? {});
    const note = input.note ? input.note : null;
    if (input.decision === 'reject' && !note) throw validationError([{ path: 'note', problem: 'is required to reject: say why the suggestion does not hold' }]);
    const seen = await this.current(rawId, scope);
    const at = this.now();
    await this.repos.transaction(async (tx) => {
      const stored = await tx.findings.get(seen.id);
      if (!stored) throw notFound('finding', seen.id);
      const expected = input.version ?? stored.version;
      const { finding, entry } = applyReview(stored, input.decision, note, actor, at);
      await tx.findings.update(finding, expected, entry);
      await tx.audit.append({
        at, actor: actor.id, actorName: actor.name, address: actor.address ?? null, action: 'finding-review', entity: 'finding', recordId: finding.id,
        details: { decision: input.decision, from: stored.status, to: finding.status, key: finding.key, factsHash: finding.factsHash, withNote: note !== null },
      });
    });
    return this.get(seen.id, scope);
  }

  /**
   * `{eventId}`: that event now. `{all: true}`: every group. `{}`: the groups marked dirty by
   * record writes (and live custody groups due for their clock update).
   */
  async recompute(raw: unknown, actor: FindingActor): Promise<RecomputeResult> {
    const input = parseInput(RecomputeInput, raw ?? {});
    if (input.eventId && input.all) throw validationError([{ path: 'all', problem: 'give eventId or all, not both' }]);
    let result: RecomputeResult;
    if (input.eventId) {
      const event = await this.repos.records.get('event', input.eventId);
      if (!event) throw notFound('event', input.eventId);
      result = await this.computeMany([eventGroup(event.id)], true);
    } else if (input.all) {
      result = await this.computeMany(await this.repos.findings.allGroups(), true);
    } else {
      const { groups } = await this.repos.findings.pendingGroups({ staleBefore: this.staleBefore(this.now()), limit: 100_000 });
      result = await this.computeMany(groups, false);
    }
    await this.repos.audit.append({
      at: this.now(), actor: actor.id, actorName: actor.name, address: actor.address ?? null, action: 'findings-recompute',
      details: { eventId: input.eventId ?? null, all: Boolean(input.all), groups: result.groups, created: result.created, needsReview: result.needsReview, obsoleted: result.obsoleted },
    });
    return result;
  }

  /** Recomputes groups waiting for it (all of them, or these keys), up to the per-read limit. */
  async refresh(keys?: string[]): Promise<{ processed: number; remaining: number }> {
    const { groups, remaining } = await this.repos.findings.pendingGroups({ staleBefore: this.staleBefore(this.now()), limit: this.refreshLimit, ...(keys ? { keys } : {}) });
    let processed = 0;
    for (const group of groups) {
      try {
        if (await this.computeGroup(group, false)) processed++;
      } catch (e) {
        // A concurrent recomputation or review won this group; it stays dirty and is picked up next time.
        if (!isVigilError(e) || (e.code !== 'CONFLICT' && e.code !== 'VERSION_CONFLICT')) throw e;
      }
    }
    return { processed, remaining };
  }

  private staleBefore(at: string): string {
    return addHours(at, -this.liveHours);
  }

  private async computeMany(groups: FindingGroup[], force: boolean): Promise<RecomputeResult> {
    let summary = EMPTY;
    let done = 0;
    for (const group of groups) {
      const s = await this.computeGroup(group, force);
      if (s) {
        summary = add(summary, s);
        done++;
      }
    }
    const { remaining } = await this.repos.findings.pendingGroups({ staleBefore: this.staleBefore(this.now()), limit: 0 });
    return { groups: done, ...summary, pending: remaining };
  }

  /** One group, one transaction: claim, load its facts, run the engine, reconcile, write. */
  private async computeGroup(group: FindingGroup, force: boolean): Promise<ReconcileSummary | null> {
    const at = this.now();
    return this.repos.transaction(async (tx) => {
      if (!(await tx.findings.claim(group, at, { force, staleBefore: this.staleBefore(at) }))) return null;
      const records = await tx.findings.recordsOf(group);
      const produced = assessFacts(bundleOf(records), { now: at, catalogue: this.catalogue });
      const index = recordIndex(records);
      const computed = produced.map((finding) => ({ finding, confidentiality: confidentialityOf(finding, index) ?? 'restricted', personId: personOfSubject(finding, index) }));
      const stored = await tx.findings.forReconcile(group.key, produced.map((f) => f.key));
      const { writes, summary } = reconcile(stored, computed, {
        group, now: at, catalogueVersion: this.catalogue.version,
        confidentialityOf: (f) => confidentialityOf({ subject: { entity: f.subjectEntity, id: f.subjectId }, facts: f.facts }, index),
      });
      for (const w of writes) {
        if (w.kind === 'insert') await tx.findings.insert(w.finding, w.entry);
        else await tx.findings.update(w.finding, w.expectedVersion, w.entry);
      }
      return summary;
    });
  }

  /** A finding in scope, with its group brought up to date first (a reviewer decides on today's facts). */
  private async current(rawId: string, scope?: ReadScope): Promise<StoredFinding> {
    const parsed = Id.safeParse(rawId);
    if (!parsed.success) throw validationError([{ path: 'id', problem: 'must be a UUID' }]);
    const first = await this.repos.findings.get(parsed.data);
    if (!first || !visible(first, scope)) throw notFound('finding', parsed.data);
    const group = parseGroupKey(first.groupKey);
    if (group) await this.refresh([group.key]);
    const finding = await this.repos.findings.get(parsed.data);
    if (!finding || !visible(finding, scope)) throw notFound('finding', parsed.data);
    return finding;
  }
}

