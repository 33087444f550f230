import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditChainVerifier, canonicalEntry, canonicalJson, GENESIS_HASH, prepareAuditEntry, sealEntry, type AuditSealer, type StoredAuditRow } from './chain.js';

function sealer(keys: Record<string, string>, currentKeyId = Object.keys(keys)[0] ?? ''): AuditSealer {
  return {
    currentKeyId,
    digest: (text) => createHash('sha256').update(text).digest('hex'),
    seal: (keyId, hash) => (keys[keyId] === undefined ? null : createHmac('sha256', keys[keyId]).update(hash).digest('hex')),
  };
}

const NOW = () => '2026-11-22T10:00:00.000Z';

function chain(s: AuditSealer, n: number, start: StoredAuditRow[] = []): StoredAuditRow[] {
  const rows = [...start];
  for (let i = 0; i < n; i++) {
    const prev = rows[rows.length - 1];
    const entry = prepareAuditEntry({ actor: `user-${i}`, action: 'update', entity: 'person', recordId: `p${i}`, details: { fields: ['pseudonym'], version: i + 2 } }, NOW);
    rows.push(sealEntry(s, { ...entry, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH }));
  }
  return rows;
}

function verify(s: AuditSealer, rows: StoredAuditRow[], head = rows[rows.length - 1], anchor?: { seq: number; hash: string }) {
  const v = new AuditChainVerifier(s, { anchor });
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) v.add(row);
  return v.finish(head ? { seq: head.seq, hash: head.hash } : null);
}

describe('audit hash chain', () => {
  const s = sealer({ k1: 'key one' });

  it('encodes an entry canonically: fixed field order, sorted detail keys, the previous hash included', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    const [row] = chain(s, 1);
    expect(canonicalEntry(row as StoredAuditRow)).toBe(`["vigil-audit/1",1,"2026-11-22T10:00:00.000Z","user-0",null,null,"update","person","p0","{\\"fields\\":[\\"pseudonym\\"],\\"version\\":2}",null,"${GENESIS_HASH}"]`);
  });

  it('verifies an intact chain and reports its head', () => {
    const rows = chain(s, 5);
    expect(verify(s, rows)).toEqual({ ok: true, entries: 5, head: { seq: 5, hash: rows[4]?.hash }, sealsVouched: 0, problems: [], firstProblem: null });
    expect(verify(s, [], undefined)).toMatchObject({ ok: true, entries: 0, head: null });
  });

  it('names an entry whose details were edited', () => {
    const rows = chain(s, 5);
    rows[2] = { ...(rows[2] as StoredAuditRow), details: '{"fields":["names"]}' };
    expect(verify(s, rows).firstProblem).toMatchObject({ seq: 3, kind: 'altered' });
    expect(verify(s, rows).problems).toHaveLength(1);
  });

  it('names a deleted entry, in the middle, at the start and at the end', () => {
    const rows = chain(s, 5);
    expect(verify(s, rows.filter((r) => r.seq !== 3)).firstProblem).toMatchObject({ seq: 3, kind: 'missing' });
    expect(verify(s, rows.filter((r) => r.seq !== 1)).firstProblem).toMatchObject({ seq: 1, kind: 'missing' });
    expect(verify(s, rows.slice(0, 4), rows[4]).firstProblem).toMatchObject({ seq: 5, kind: 'truncated' });
  });

  it('names entries whose sequence numbers were swapped', () => {
    const rows = chain(s, 5);
    const [b, c] = [rows[1] as StoredAuditRow, rows[2] as StoredAuditRow];
    const swapped = rows.map((r) => (r === b ? { ...b, seq: 3 } : r === c ? { ...c, seq: 2 } : r));
    expect(verify(s, swapped).firstProblem).toMatchObject({ seq: 2, kind: 'reordered' });
  });

  it('detects a chain recomputed after an edit, because the seal needs the key', () => {
    const rows = chain(s, 4);
    const forger = sealer({ k1: 'a guess' });
    const edited = { ...(rows[1] as StoredAuditRow), details: '{}' };
    const resealed = sealEntry(forger, edited);
    rows[1] = resealed;
    for (let i = 2; i < rows.length; i++) rows[i] = sealEntry(forger, { ...(rows[i] as StoredAuditRow), prevHash: (rows[i - 1] as StoredAuditRow).hash });
    const result = verify(s, rows);
    expect(result.firstProblem).toMatchObject({ seq: 2, kind: 'forged' });
    expect(new Set(result.problems.map((p) => p.kind))).toEqual(new Set(['forged']));
  });

  it('accepts entries sealed with a retired key when a later seal vouches for them, and not otherwise', () => {
    const old = chain(sealer({ k1: 'old' }), 3);
    const rotated = sealer({ k2: 'new' });
    expect(verify(rotated, old).firstProblem).toMatchObject({ seq: 1, kind: 'unverifiable' });
    const continued = chain(rotated, 2, old);
    expect(verify(rotated, continued)).toMatchObject({ ok: true, sealsVouched: 3 });
  });

  it('checks an anchor taken earlier, so a rewritten or truncated log is caught even with the key', () => {
    const rows = chain(s, 4);
    const anchor = { seq: 4, hash: (rows[3] as StoredAuditRow).hash };
    expect(verify(s, rows, rows[3], anchor).ok).toBe(true);
    expect(verify(s, rows.slice(0, 2), rows[1], anchor).firstProblem).toMatchObject({ seq: 4, kind: 'truncated' });
  });

  it('refuses details that look like protected identities and bad actions, naming the field', () => {
    expect(() => prepareAuditEntry({ actor: 'u', action: 'update', details: { person: { contact: '+7 701' } } }, NOW)).toThrow(/audit\.details\.person\.contact: looks like a protected identity/);
    expect(() => prepareAuditEntry({ actor: 'u', action: 'Update!' }, NOW)).toThrow(/audit\.action/);
    expect(() => prepareAuditEntry({ action: 'update' }, NOW)).toThrow(/audit\.actor: is required/);
    expect(prepareAuditEntry({ actor: 'u', action: 'read-protected', protectedDetails: { names: ['X'] }, at: '2022-01-05T10:00:00+06:00' }, NOW)).toMatchObject({ at: '2022-01-05T04:00:00.000Z', details: '{}', protectedDetails: '{"names":["X"]}' });
  });
});
