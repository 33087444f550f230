import { type Label } from '../custody/index.js';
import { ENTITIES, type EntityName } from '../records/entities.js';
import { type Catalogue, RULES, type Standard, type VerificationStatus } from '../standards/index.js';
import { originWords } from '../standards/finding.js';
import { factsDiff } from './facts.js';
import { type FindingHistoryEntry, type StoredFinding } from './types.js';

/** How findings and the catalogue are shown to reviewers: citation, how firm it is, origins spelt out. */

const VERIFICATION: Record<VerificationStatus, Label> = {
  checked: { en: '[V] checked against the text', ru: '[V] сверено с текстом' },
  partly: { en: '[P] partly checked', ru: '[P] сверено частично' },
  to_check: { en: '[R] from secondary sources: check before publication', ru: '[R] по вторичным источникам: проверить до публикации' },
};

export const hrefOf = (entity: EntityName, id: string): string => `/api/v1/${ENTITIES[entity].plural}/${id}`;

export function presentStandard(s: Standard) {
  return {
    id: s.id,
    instrument: s.instrument,
    citation: s.citation,
    verification: { status: s.status, label: VERIFICATION[s.status], ...(s.statusNote ? { note: s.statusNote } : {}) },
    jurisdiction: s.jurisdiction,
    paraphrase: s.paraphrase,
    breachIndicators: s.breachIndicators,
    thresholds: s.thresholds.map((t) => ({ ...t, originLabel: originWords(t.origin) })),
  };
}
export type StandardView = ReturnType<typeof presentStandard>;

export function presentCatalogue(catalogue: Catalogue) {
  return {
    version: catalogue.version,
    origins: { LAW: originWords('LAW'), STD: originWords('STD'), CONV: originWords('CONV') },
    standards: catalogue.standards.map(presentStandard),
    rules: RULES.map((r) => ({ id: r.id, title: r.title, standardIds: [...r.standardIds] })),
  };
}
export type CatalogueView = ReturnType<typeof presentCatalogue>;

const ruleTitle = (id: string): string | null => RULES.find((r) => r.id === id)?.title ?? null;

/** Whether the facts differ from the ones the last decision was taken on. */
const factsChanged = (f: StoredFinding): boolean => f.reviewedFacts !== null && f.reviewedFactsHash !== f.factsHash;

/** A finding as listed: everything but the reviewed facts and the history; `changes` says what moved since the decision. */
export function presentFinding(f: StoredFinding) {
  return {
    id: f.id,
    key: f.key,
    version: f.version,
    status: f.status,
    produced: f.produced,
    reviewReason: f.reviewReason,
    severity: f.severity,
    rule: { id: f.ruleId, title: ruleTitle(f.ruleId) },
    standardIds: f.standardIds,
    subject: { entity: f.subjectEntity, id: f.subjectId, href: hrefOf(f.subjectEntity, f.subjectId) },
    eventId: f.eventId,
    personId: f.personId,
    confidentiality: f.confidentiality,
    explanation: f.explanation,
    facts: f.facts,
    thresholds: f.thresholds.map((t) => ({ ...t, originLabel: originWords(t.origin) })),
    decision: f.decision,
    reviewer: f.reviewer,
    reviewNote: f.reviewNote,
    reviewedAt: f.reviewedAt,
    changes: factsChanged(f) ? factsDiff(f.reviewedFacts ?? [], f.facts) : null,
    catalogueVersion: f.catalogueVersion,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}
export type FindingView = ReturnType<typeof presentFinding>;

/** One finding in full: its standards as catalogued, links to the records, what changed since review, history. */
export function presentDetail(f: StoredFinding, catalogue: Catalogue, history: FindingHistoryEntry[]) {
  const cited = new Map<string, { entity: EntityName; id: string; fields: string[] }>();
  for (const x of [{ entity: f.subjectEntity, id: f.subjectId, field: '' }, ...f.facts]) {
    const k = `${x.entity}:${x.id}`;
    const entry = cited.get(k) ?? { entity: x.entity, id: x.id, fields: [] };
    if (x.field && !entry.fields.includes(x.field)) entry.fields.push(x.field);
    cited.set(k, entry);
  }
  const changed = factsChanged(f);
  return {
    ...presentFinding(f),
    standards: f.standardIds.map((id) => {
      const s = catalogue.byId.get(id);
      return s ? presentStandard(s) : { id, missing: true as const };
    }),
    records: [...cited.values()].map((r) => ({ ...r, href: hrefOf(r.entity, r.id) })),
    /** The facts the last decision was taken on (when today's differ; `changes` has the difference). */
    previousFacts: changed ? f.reviewedFacts : null,
    history: history.map((h) => ({ at: h.at, actor: h.actor, action: h.action, fromStatus: h.fromStatus, toStatus: h.toStatus, note: h.note, factsHash: h.factsHash, facts: h.facts })),
  };
}
export type FindingDetail = ReturnType<typeof presentDetail>;
