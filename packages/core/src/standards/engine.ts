import { toUtcIso } from '../time.js';
import { type FactsBundle } from './facts.js';
import { findingKey, type Finding, type Rule, type RuleContext } from './finding.js';
import { RULES } from './rules/index.js';

/**
 * Runs every rule over one bundle of facts. Pure: the same facts, `now` and catalogue give the same
 * findings in the same order, whatever order the records came in, so recomputation can be diffed.
 */

const RANK = { info: 0, warning: 1, critical: 2 } as const;

/** The country whose law applies to a finding's subject (records default to KZ, as the schemas do). */
function jurisdictionOf(facts: FactsBundle, f: Finding): string {
  if (f.subject.entity === 'detention') return facts.detentions.find((d) => d.id === f.subject.id)?.jurisdiction ?? 'KZ';
  if (f.subject.entity === 'charge') {
    const code = facts.charges.find((c) => c.id === f.subject.id)?.code ?? '';
    if (code.startsWith('kz_')) return 'KZ';
  }
  return facts.event?.country ?? 'KZ';
}

/**
 * Keeps only standards that apply where the subject is: international ones everywhere, national
 * ones in their country. Fails loudly on an id the catalogue lacks: a rule citing a missing
 * standard is a bug, and a report must never print a citation nobody can look up.
 */
function applicable(f: Finding, rule: Rule, ctx: RuleContext, facts: FactsBundle): Finding | null {
  const here = jurisdictionOf(facts, f);
  const ids = f.standardIds.filter((id) => {
    const s = ctx.catalogue.byId.get(id);
    if (!s) throw new Error(`rule ${rule.id} cites ${id}, which is not in standards catalogue ${ctx.catalogue.version}`);
    return s.jurisdiction === 'international' || s.jurisdiction === here;
  });
  if (ids.length === 0) return null;
  return ids.length === f.standardIds.length ? f : { ...f, standardIds: ids, key: findingKey(f.ruleId, f.subject, ids) };
}

/** Two findings with one key are one breach: keep the first, add the other's facts, keep the worse severity. */
function merge(a: Finding, b: Finding): Finding {
  const seen = new Set(a.facts.map((x) => JSON.stringify(x)));
  const facts = [...a.facts, ...b.facts.filter((x) => !seen.has(JSON.stringify(x)))];
  return { ...a, facts, severity: RANK[b.severity] > RANK[a.severity] ? b.severity : a.severity };
}

/** All findings for a bundle: de-duplicated by key, ordered by rule, then subject, then key. */
export function assessFacts(facts: FactsBundle, ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  const context = { ...ctx, now: toUtcIso(ctx.now) };
  const byKey = new Map<string, { finding: Finding; order: number }>();
  rules.forEach((rule, order) => {
    for (const raw of rule.assess(facts, context)) {
      const f = applicable(raw, rule, context, facts);
      if (!f) continue;
      const prev = byKey.get(f.key);
      byKey.set(f.key, prev ? { ...prev, finding: merge(prev.finding, f) } : { finding: f, order });
    }
  });
  const subject = (f: Finding) => `${f.subject.entity}:${f.subject.id}`;
  return [...byKey.values()]
    .sort((a, b) => a.order - b.order || subject(a.finding).localeCompare(subject(b.finding)) || a.finding.key.localeCompare(b.finding.key))
    .map((x) => x.finding);
}
