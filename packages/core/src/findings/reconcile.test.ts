import { describe, expect, it } from 'vitest';
import { type FactRef, type Finding } from '../standards/index.js';
import { factsHash, PROTECTED_MARK, redactFacts } from './facts.js';
import { applyReview, type Computed, reconcile } from './reconcile.js';
import { type StoredFinding } from './types.js';

const group = { key: 'event:e1', eventId: 'e1', personId: null };
const ctx = (now: string) => ({ group, now, catalogueVersion: 'test' });
const REVIEWER = { id: 'u1', name: 'analyst' };

const fact = (field: string, value: unknown): FactRef => ({ entity: 'detention', id: 'd1', field, value });
function computed(facts: FactRef[], key = 'rule|detention:d1|X'): Computed {
  const finding: Finding = {
    ruleId: 'rule', standardIds: ['X'], subject: { entity: 'detention', id: 'd1' }, facts, explanation: { en: 'e', ru: 'r' }, severity: 'warning', key,
  };
  return { finding, confidentiality: 'restricted', personId: 'p1' };
}

/** Runs one recomputation and returns the stored state after it. */
function step(stored: StoredFinding[], produced: Computed[], now: string): StoredFinding[] {
  const { writes } = reconcile(stored, produced, ctx(now));
  const byId = new Map(stored.map((s) => [s.id, s]));
  for (const w of writes) byId.set(w.finding.id, w.finding);
  return [...byId.values()];
}

const A = [fact('steps.2.at', '09:50')];
const B = [fact('steps.2.at', '09:40')];

describe('reconcile: the finding status machine', () => {
  it('a new key is suggested; the same facts again write nothing', () => {
    const [s] = step([], [computed(A)], 't1');
    expect(s).toMatchObject({ status: 'suggested', produced: true, version: 1, factsHash: factsHash(A) });
    const again = reconcile([s as StoredFinding], [computed(A)], ctx('t2'));
    expect(again.writes).toEqual([]);
    expect(again.summary.unchanged).toBe(1);
  });

  it('a suggestion follows its facts, and becomes obsolete (not deleted) when no longer produced', () => {
    let st = step([], [computed(A)], 't1');
    st = step(st, [computed(B)], 't2');
    expect(st[0]).toMatchObject({ status: 'suggested', facts: B, version: 2 });
    st = step(st, [], 't3');
    expect(st).toHaveLength(1);
    expect(st[0]).toMatchObject({ status: 'obsolete', produced: false });
    st = step(st, [computed(A)], 't4');
    expect(st[0]).toMatchObject({ status: 'suggested', produced: true });
  });

  it('confirmed + changed facts → needs_review with the reviewed facts kept; back to the reviewed facts → confirmed', () => {
    let st = step([], [computed(A)], 't1');
    st = [applyReview(st[0] as StoredFinding, 'confirm', null, REVIEWER, 't2').finding];
    st = step(st, [computed(B)], 't3');
    expect(st[0]).toMatchObject({ status: 'needs_review', reviewReason: 'facts_changed', decision: 'confirm', facts: B, reviewedFacts: A });
    st = step(st, [computed(A)], 't4');
    expect(st[0]).toMatchObject({ status: 'confirmed', reviewReason: null, facts: A });
  });

  it('confirmed + no longer produced → needs_review; a person confirming it then is final', () => {
    let st = step([], [computed(A)], 't1');
    st = [applyReview(st[0] as StoredFinding, 'confirm', null, REVIEWER, 't2').finding];
    st = step(st, [], 't3');
    expect(st[0]).toMatchObject({ status: 'needs_review', reviewReason: 'no_longer_produced', produced: false });
    st = [applyReview(st[0] as StoredFinding, 'confirm', 'stands', REVIEWER, 't4').finding];
    expect(reconcile(st, [], ctx('t5')).writes).toEqual([]);
  });

  it('rejected + no longer produced → obsolete with the decision kept; produced again with other facts → needs_review', () => {
    let st = step([], [computed(A)], 't1');
    st = [applyReview(st[0] as StoredFinding, 'reject', 'not a breach', REVIEWER, 't2').finding];
    st = step(st, [], 't3');
    expect(st[0]).toMatchObject({ status: 'obsolete', decision: 'reject', reviewNote: 'not a breach' });
    expect(() => applyReview(st[0] as StoredFinding, 'confirm', null, REVIEWER, 't4')).toThrow(/obsolete/);
    st = step(st, [computed(B)], 't5');
    expect(st[0]).toMatchObject({ status: 'needs_review', reviewReason: 'facts_changed', reviewedFacts: A });
  });

  it('leaves findings filed under another group alone unless this group produces their key', () => {
    const other = { ...(step([], [computed(A)], 't1')[0] as StoredFinding), groupKey: 'event:e2' };
    expect(reconcile([other], [], ctx('t2')).writes).toEqual([]);
    const [moved] = step([other], [computed(A)], 't3');
    expect(moved).toMatchObject({ groupKey: 'event:e1', status: 'suggested' });
  });
});

describe('facts', () => {
  it('hash as a set: order does not matter, values do', () => {
    const x = [fact('a', 1), fact('b', { q: 1, p: [2] })];
    expect(factsHash(x)).toBe(factsHash([...x].reverse()));
    expect(factsHash(x)).toBe(factsHash([fact('a', 1), fact('b', { p: [2], q: 1 })]));
    expect(factsHash(x)).not.toBe(factsHash([fact('a', 2), fact('b', { q: 1, p: [2] })]));
  });

  it('never copies protected free text into stored facts (absent values stay as they are)', () => {
    const facts: FactRef[] = [
      { entity: 'act', id: 'a1', field: 'statedReason', value: 'Named officer X said…' },
      { entity: 'act', id: 'a2', field: 'statedReason', value: null },
      { entity: 'act', id: 'a3', field: 'methods', value: ['baton'] },
    ];
    expect(redactFacts(facts).map((f) => f.value)).toEqual([PROTECTED_MARK, null, ['baton']]);
  });
});
