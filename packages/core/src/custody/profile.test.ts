import { describe, expect, it } from 'vitest';
import { parseProfile, profileFor } from './profile.js';

// Every id in the tables of shared/product/STANDARDS.md (GC35 is the second id of the ICCPR-9.3-4 row).
const STANDARD_IDS = new Set([
  'ICCPR-7', 'ICCPR-9.1-2', 'ICCPR-9.3-4', 'GC35', 'ICCPR-14.3', 'ICCPR-19-21',
  'GC37-17', 'GC37-30', 'GC37-70-72', 'GC37-78', 'GC37-82', 'GC37-84', 'GC37-85', 'GC37-86-87',
  'GC37-88', 'GC37-90', 'GC37-94', 'BPUFF-4', 'BPUFF-5', 'BPUFF-9', 'BPUFF-12-14', 'BPUFF-22-24',
  'BPRL-1-8', 'BPRL-16', 'CAT-1-2', 'CAT-12-13', 'BOP-12', 'BOP-16', 'BOP-15-18-24', 'HRD-DECL',
  'MINN', 'ODIHR-G3', 'OSCE-HB', 'KZ-LPA', 'KZ-KoAP-488', 'KZ-KoAP-788-789', 'KZ-KoAP-748-750',
  'KZ-CPC-128-129', 'KZ-CPC-131', 'KZ-CPC-133', 'KZ-CPC-64-66-135', 'KZ-CC-414', 'KZ-CC-146',
  'KZ-CC-158', 'KZ-CC-CHARGES', 'KZ-CCNR-2-2012',
]);

const CUSTODY_STEPS = new Set([
  'taken_to', 'transferred', 'protocol', 'family_notified', 'family_notification_requested', 'lawyer_requested',
  'lawyer_admitted', 'lawyer_refused', 'duty_lawyer_imposed', 'phone_confiscated', 'fingerprinted', 'interrogated',
  'medical_exam', 'court_order', 'hearing', 'sentence', 'released', 'house_arrest', 'whereabouts_unknown',
  'whereabouts_confirmed',
]);
const LEGAL_BASES = new Set(['unknown', 'none', 'administrative', 'criminal']);

describe('Kazakhstan custody profile', () => {
  const kz = profileFor('KZ');

  it('labels every alert in English, Russian and Kazakh (the languages of its users)', () => {
    const labels = [kz.disappearance.label, kz.protocolGap.label, ...kz.deadlines.map((d) => d.label)];
    for (const label of labels) expect(Object.keys(label).sort()).toEqual(['en', 'kk', 'ru']);
  });

  it('is found by jurisdiction code, in any case', () => {
    expect(kz.jurisdiction).toBe('KZ');
    expect(kz.timezone).toBe('Asia/Almaty');
    expect(profileFor('kz')).toBe(kz);
  });

  it('throws a clear error for a jurisdiction without a profile', () => {
    expect(() => profileFor('RU')).toThrow(/no custody profile for jurisdiction "RU"; known: KZ/);
  });

  it('cites only standards that exist in STANDARDS.md', () => {
    const cited = [kz.disappearance.citation, kz.protocolGap.citation, ...kz.deadlines.map((d) => d.citation)];
    for (const id of cited) expect(STANDARD_IDS, id).toContain(id);
  });

  it('uses only custody_step and legal_basis codes from the vocabulary', () => {
    for (const d of kz.deadlines) {
      for (const s of d.satisfiedBy) expect(CUSTODY_STEPS, `${d.code}.satisfiedBy`).toContain(s);
      if (d.from !== 'restriction') expect(CUSTODY_STEPS, `${d.code}.from`).toContain(d.from);
      for (const b of d.legalBases) expect(LEGAL_BASES, `${d.code}.legalBases`).toContain(b);
    }
  });

  it('holds the thresholds the law sets, with their origin', () => {
    const by = Object.fromEntries(kz.deadlines.map((d) => [d.code, d]));
    expect(by.protocol_overdue).toMatchObject({ hours: 3, origin: 'LAW', citation: 'KZ-CPC-131', satisfiedBy: ['protocol'] });
    expect(by.protocol_overdue?.legalBases).toEqual(expect.arrayContaining(['administrative', 'criminal', 'unknown']));
    expect(by.admin_detention_over_3h).toMatchObject({ hours: 3, exceptArticles: ['488'] });
    expect(by.admin_488_over_24h).toMatchObject({ hours: 24, articles: ['488'] });
    expect(by.criminal_no_court_order_48h).toMatchObject({ hours: 48, origin: 'LAW' });
    expect(by.criminal_over_72h_absolute).toMatchObject({ hours: 72, origin: 'LAW', citation: 'KZ-CPC-128-129' });
    expect(by.family_not_notified).toMatchObject({ hours: 3, origin: 'CONV', citation: 'KZ-CPC-64-66-135' });
    expect(by.lawyer_not_admitted_3h).toMatchObject({ hours: 3, from: 'lawyer_requested', citation: 'KZ-KoAP-748-750' });
    expect(kz.disappearance).toMatchObject({ hours: 6, origin: 'CONV' });
  });

  it('labels every rule in English and Russian', () => {
    for (const d of kz.deadlines) expect(d.label.en && d.label.ru, d.code).toBeTruthy();
  });
});

describe('parseProfile', () => {
  const valid = () => structuredClone(profileFor('KZ')) as unknown as Record<string, unknown>;

  it('rejects a profile with a bad field, naming it', () => {
    const p = valid();
    (p.deadlines as Record<string, unknown>[])[0]!.origin = 'MAYBE';
    expect(() => parseProfile(p, 'test')).toThrow(/invalid jurisdiction profile test: deadlines\.0\.origin/);
  });

  it('rejects two deadlines with the same code', () => {
    const p = valid();
    const ds = p.deadlines as unknown[];
    ds.push(ds[0]);
    expect(() => parseProfile(p)).toThrow(/duplicate deadline code protocol_overdue/);
  });

  it('defaults a deadline to count from the restriction of liberty', () => {
    const p = valid();
    delete (p.deadlines as Record<string, unknown>[])[0]!.from;
    expect(parseProfile(p).deadlines[0]?.from).toBe('restriction');
  });
});
