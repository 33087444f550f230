import { describe, expect, it } from 'vitest';
import { profileFor } from '../custody/index.js';
import { CATALOGUE, CatalogueError, loadCatalogue, standardById, thresholdOf } from './catalogue.js';
import builtIn from './catalogue/standards.json' with { type: 'json' };
import { RULES, MAPPED_ALERT_CODES } from './rules/index.js';

/** A deep copy of the built-in data to break on purpose. */
type Raw = { standards: Record<string, unknown>[] } & Record<string, unknown>;
const copy = (): Raw => JSON.parse(JSON.stringify(builtIn)) as Raw;
const failure = (data: unknown): CatalogueError => {
  try {
    loadCatalogue(data);
  } catch (e) {
    if (e instanceof CatalogueError) return e;
    throw e;
  }
  throw new Error('expected the catalogue to be rejected');
};

// Every entry of shared/product/STANDARDS.md (GC35 shares a row with ICCPR-9.3-4 there).
const STANDARDS_MD_IDS = [
  'ICCPR-7', 'ICCPR-9.1-2', 'ICCPR-9.3-4', 'GC35', 'ICCPR-14.3', 'ICCPR-19-21', 'GC37-17', 'GC37-30', 'GC37-70-72', 'GC37-78', 'GC37-82',
  'GC37-84', 'GC37-85', 'GC37-86-87', 'GC37-88', 'GC37-90', 'GC37-94', 'BPUFF-4', 'BPUFF-5', 'BPUFF-9', 'BPUFF-12-14', 'BPUFF-22-24',
  'BPRL-1-8', 'BPRL-16', 'CAT-1-2', 'CAT-12-13', 'BOP-12', 'BOP-16', 'BOP-15-18-24', 'HRD-DECL', 'MINN', 'ODIHR-G3', 'OSCE-HB',
  'KZ-LPA', 'KZ-KoAP-488', 'KZ-KoAP-788-789', 'KZ-KoAP-748-750', 'KZ-CPC-128-129', 'KZ-CPC-131', 'KZ-CPC-133', 'KZ-CPC-64-66-135',
  'KZ-CC-414', 'KZ-CC-146', 'KZ-CC-158', 'KZ-CC-CHARGES', 'KZ-CCNR-2-2012',
];

describe('built-in catalogue', () => {
  it('loads and holds exactly the entries of STANDARDS.md', () => {
    expect(CATALOGUE.standards.map((s) => s.id).sort()).toEqual([...STANDARDS_MD_IDS].sort());
  });

  it('carries the verification status and jurisdiction of each entry', () => {
    expect(standardById('ICCPR-7')).toMatchObject({ status: 'checked', jurisdiction: 'international' });
    expect(standardById('GC37-84')).toMatchObject({ status: 'to_check' });
    expect(standardById('BPRL-1-8')).toMatchObject({ status: 'partly', statusNote: expect.stringMatching(/principle 8/) as unknown });
    expect(standardById('KZ-KoAP-488')?.jurisdiction).toBe('KZ');
    expect(standardById('NOPE')).toBeUndefined();
  });

  it('labels every threshold with its origin, the 3 h family flag as a convention', () => {
    expect(thresholdOf(CATALOGUE, 'KZ-CPC-64-66-135', 'family_flag')).toMatchObject({ value: 3, unit: 'hours', origin: 'CONV' });
    expect(thresholdOf(CATALOGUE, 'KZ-LPA', 'notification_reply')).toMatchObject({ value: 3, unit: 'working_days', origin: 'LAW' });
    expect(thresholdOf(CATALOGUE, 'ICCPR-9.3-4', 'judge')).toMatchObject({ value: 48, origin: 'STD' });
    expect(() => thresholdOf(CATALOGUE, 'ICCPR-7', 'judge')).toThrow(/no threshold judge on ICCPR-7/);
  });
});

describe('loadCatalogue refuses bad data, naming the entry and the field', () => {
  it('an unknown field', () => {
    const data = copy();
    (data.standards[3] as Record<string, unknown>).severity = 'high';
    expect(failure(data).message).toContain('standards[3] (GC35), field severity: is not a known field');
  });

  it('an unknown field inside a threshold', () => {
    const data = copy();
    const entry = data.standards.find((s) => s.id === 'GC37-84') as { thresholds: Record<string, unknown>[] };
    (entry.thresholds[0] as Record<string, unknown>).hours = 1;
    expect(failure(data).message).toMatch(/standards\[\d+\] \(GC37-84\), field thresholds\.0\.hours: is not a known field/);
  });

  it('a duplicate id', () => {
    const data = copy();
    data.standards.push(structuredClone(data.standards[0]) as Record<string, unknown>);
    const e = failure(data);
    expect(e.message).toContain(`standards[${data.standards.length - 1}] (ICCPR-7), field id: duplicates standards[0]`);
    expect(e.problems).toEqual([{ index: data.standards.length - 1, id: 'ICCPR-7', field: 'id', problem: 'duplicates standards[0]' }]);
  });

  it('a missing citation', () => {
    const data = copy();
    delete (data.standards[5] as Record<string, unknown>).citation;
    expect(failure(data).message).toContain('standards[5] (ICCPR-19-21), field citation: is required');
  });

  it('a bad origin or status, and an entry without an id', () => {
    const data = copy();
    const entry = data.standards.find((s) => s.id === 'KZ-CPC-131') as { thresholds: Record<string, unknown>[] };
    (entry.thresholds[0] as Record<string, unknown>).origin = 'LAWISH';
    (data.standards[0] as Record<string, unknown>).status = 'V';
    delete (data.standards[1] as Record<string, unknown>).id;
    const message = failure(data).message;
    expect(message).toMatch(/\(KZ-CPC-131\), field thresholds\.0\.origin:/);
    expect(message).toMatch(/standards\[0\] \(ICCPR-7\), field status:/);
    expect(message).toContain('standards[1], field id: is required');
  });

  it('not a catalogue at all', () => {
    expect(failure(null).message).toMatch(/invalid standards catalogue: field \(root\)/);
    expect(failure({ version: '1', standards: [] }).message).toContain('field standards: must list at least one standard');
  });
});

describe('rules and catalogue agree', () => {
  it('every standard id any rule may cite is in the catalogue', () => {
    const cited = RULES.flatMap((r) => r.standardIds);
    expect(cited.length).toBeGreaterThan(30);
    expect(cited.filter((id) => !standardById(id))).toEqual([]);
  });

  it('every citation of the KZ custody profile is in the catalogue (clock findings cite them)', () => {
    const kz = profileFor('KZ');
    const cited = [kz.disappearance.citation, kz.protocolGap.citation, ...kz.deadlines.map((d) => d.citation)];
    expect(cited.filter((id) => !standardById(id))).toEqual([]);
  });

  it('every KZ custody alert is reported by a named rule, so the catch-all never fires for KZ', () => {
    const codes = profileFor('KZ').deadlines.map((d) => d.code);
    expect(codes.filter((c) => !MAPPED_ALERT_CODES.has(c))).toEqual([]);
  });

  it('rule ids are unique', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
