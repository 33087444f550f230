import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.js';
import { assessFacts } from './engine.js';
import { type FactsBundle } from './facts.js';
import { type Finding } from './finding.js';
import { RULES } from './rules/index.js';
import { proportionateForce, SCENARIOS, SOURCED, type Scenario } from './scenarios/index.js';

const run = (facts: FactsBundle, now: string) => assessFacts(facts, { now, catalogue: CATALOGUE });

/** "entity:id" → sorted union of the standard ids found for that subject. */
function bySubject(findings: readonly Finding[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const f of findings) {
    const k = `${f.subject.entity}:${f.subject.id}`;
    f.standardIds.forEach((id) => (out[k] ??= new Set()).add(id));
  }
  return Object.fromEntries(Object.entries(out).map(([k, ids]) => [k, [...ids].sort()]));
}
const sorted = (expected: Scenario['expected']) => Object.fromEntries(Object.entries(expected).map(([k, ids]) => [k, [...ids].sort()]));

describe('scenarios: each produces exactly its standard ids per subject, no more, no fewer', () => {
  it('has at least 15 scenarios from the source reports and the three negatives', () => {
    expect(SOURCED.length).toBeGreaterThanOrEqual(15);
    expect(SCENARIOS.filter((s) => s.name.startsWith('Negative')).length).toBe(3);
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
  });

  it.each(SCENARIOS)('$name', (s) => {
    expect(bySubject(run(s.facts, s.now))).toEqual(sorted(s.expected));
  });
});

describe('every finding the scenarios produce', () => {
  const all = SCENARIOS.flatMap((s) => run(s.facts, s.now).map((f) => ({ s, f })));

  it('cites only ids its rule declares, names the fields that triggered it, explains itself in en and ru', () => {
    for (const { f } of all) {
      const rule = RULES.find((r) => r.id === f.ruleId);
      expect(rule, f.ruleId).toBeDefined();
      expect(f.standardIds.filter((id) => !rule?.standardIds.includes(id)), f.key).toEqual([]);
      expect(f.facts.length, f.key).toBeGreaterThan(0);
      expect(f.explanation.en.length * f.explanation.ru.length, f.key).toBeGreaterThan(0);
      expect(f.key).toBe(`${f.ruleId}|${f.subject.entity}:${f.subject.id}|${[...f.standardIds].sort().join(',')}`);
    }
  });

  it('points its facts at records that exist in the bundle', () => {
    for (const { s, f } of all) {
      const ids = new Set([s.facts.event?.id, ...Object.values(s.facts).flatMap((v: unknown) => (Array.isArray(v) ? v.map((r: { id: string }) => r.id) : []))]);
      expect(f.facts.filter((x) => !ids.has(x.id)), f.key).toEqual([]);
    }
  });

  it('names the exact record fields that triggered it', () => {
    const get = (scenario: string, ruleId: string) => all.find(({ s, f }) => s.name.startsWith(scenario) && f.ruleId === ruleId)?.f.facts;
    expect(get('Constructed: a notified', 'custody-protocol-gap')).toContainEqual({ entity: 'detention', id: 'd-kettled-1', field: 'steps.2.type', value: 'protocol' });
    expect(get('Maryam', 'counsel-of-choice-denied')).toContainEqual({ entity: 'detention', id: 'd-maryam', field: 'steps.2.type', value: 'lawyer_refused' });
    expect(get('Incident one', 'force-without-warning')).toEqual(
      expect.arrayContaining([
        { entity: 'act', id: 'a-republic-dispersal', field: 'statedReason', value: null },
        { entity: 'act', id: 'a-republic-stones', field: 'perpetrators', value: [{ personId: 'stone-throwers', involvement: 'direct' }] },
      ]),
    );
    expect(get('Ashat', 'ill-treatment-not-investigated')).toContainEqual({ entity: 'complaint', id: 'cmp-ashat', field: 'status', value: 'filed' });
  });

  it('shows each threshold with its origin, conventions included', () => {
    const shown = all.flatMap(({ f }) => f.thresholds ?? []);
    expect(new Set(shown.map((t) => t.origin))).toEqual(new Set(['LAW', 'STD', 'CONV']));
    const family = all.find(({ f }) => f.ruleId === 'family-not-told')?.f;
    expect(family?.thresholds).toEqual([{ value: 3, unit: 'hours', origin: 'CONV', standardId: 'KZ-CPC-64-66-135', code: 'family_not_notified' }]);
    expect(family?.explanation.en).toMatch(/CONV: monitors' convention, a setting, not law/);
  });
});

describe('recomputation', () => {
  const shuffle = <T>(xs: readonly T[]): T[] => [...xs].reverse();

  it('gives the same findings in the same order whatever order the records come in', () => {
    for (const s of SCENARIOS) {
      const f = s.facts;
      const reversed = { ...f, acts: shuffle(f.acts), detentions: shuffle(f.detentions), persons: shuffle(f.persons), charges: shuffle(f.charges) };
      expect(run(reversed, s.now)).toEqual(run(f, s.now));
    }
  });

  it('keeps a breach under the same key when a later fact changes its numbers', () => {
    const urnaliev = SCENARIOS.find((s) => s.name.startsWith('Urnaliev')) as Scenario;
    const d = urnaliev.facts.detentions[0];
    if (!d) throw new Error('scenario lost its detention');
    const later = { ...d, steps: d.steps.map((st) => (st.type === 'released' ? { ...st, at: '2016-05-21T15:00:00.000Z' } : st)) };
    const before = run(urnaliev.facts, urnaliev.now).map((f) => f.key);
    const after = run({ ...urnaliev.facts, detentions: [later] }, urnaliev.now).map((f) => f.key);
    expect(after).toEqual(before);
  });

  it('drops national standards for a detention in a country the catalogue does not cover', () => {
    const shormanbaev = SCENARIOS.find((s) => s.name.startsWith('Shormanbaev')) as Scenario;
    const facts = { ...shormanbaev.facts, detentions: shormanbaev.facts.detentions.map((d) => ({ ...d, jurisdiction: 'KG' })) };
    expect(bySubject(run(facts, shormanbaev.now))).toEqual({ 'detention:d-shormanbaev': ['GC37-30', 'HRD-DECL', 'ICCPR-9.1-2'] });
  });
});

describe('negative scenario 3 is not vacuous: each element is what keeps it silent', () => {
  const now = '2022-04-02T06:00:00.000Z';
  const [attack, response] = proportionateForce.acts;
  if (!attack || !response) throw new Error('scenario lost its acts');

  it('without the attack on officers and without the warning, the same force is flagged', () => {
    const facts = { ...proportionateForce, acts: [{ ...response, statedReason: null }] };
    expect(bySubject(run(facts, now))).toEqual({ 'act:a-response': ['BPUFF-12-14', 'BPUFF-4', 'GC37-78'] });
  });

  it('live ammunition against attackers who only caused injuries is flagged: no threat to life', () => {
    const facts = { ...proportionateForce, acts: [attack, { ...response, methods: ['live_ammunition'] }] };
    expect(bySubject(run(facts, now))).toEqual({ 'act:a-response': ['BPUFF-9', 'GC37-88'] });
  });

  it('live ammunition against attackers who seriously injured officers is not', () => {
    const facts = { ...proportionateForce, acts: [{ ...attack, consequences: ['serious_injury'] }, { ...response, methods: ['live_ammunition'] }] };
    expect(run(facts, now)).toEqual([]);
  });

  it('... unless they were fleeing when shot at', () => {
    const fleeing = { ...response, methods: ['live_ammunition'], conditions: ['fleeing'] };
    const facts = { ...proportionateForce, acts: [{ ...attack, consequences: ['serious_injury'] }, fleeing] };
    expect(bySubject(run(facts, now))).toEqual({ 'act:a-response': ['BPUFF-9', 'GC37-88'] });
  });
});
