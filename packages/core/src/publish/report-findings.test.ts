import { describe, expect, it } from 'vitest';
import { type StoredRecord } from '../repositories.js';
import { CATALOGUE } from '../standards/index.js';
import { createRedactor } from './redact.js';
import { buildReportFindings, citationLine } from './report-findings.js';
import { type ConfirmedFinding } from './store.js';

const rec = (id: string, over: Record<string, unknown>): StoredRecord => ({ id, version: 1, deletedAt: null, confidentiality: 'restricted', ...over });
const WITHHELD_NAME = 'Айгерим Сулейменова';
const event = rec('e1', { title: 'Picket', startAt: '2022-01-05T03:00:00Z', startPrecision: 'exact', timezone: 'Asia/Almaty', city: 'Almaty', confidentiality: 'public', estimates: [] });
const withheld = rec('p1', { names: [{ value: WITHHELD_NAME, kind: 'full' }], pseudonym: 'Journalist A', consent: 'withheld', roles: [{ role: 'journalist', eventId: 'e1' }] });
const cleared = rec('p2', { names: [{ value: 'Marat Bekov', kind: 'full', script: 'latn' }], consent: 'granted', roles: [] });
const secret = rec('p3', { names: [{ value: 'Салтанат Жумабекова', kind: 'full' }], consent: 'granted', confidentiality: 'confidential', roles: [] });
const detention = rec('d1', { personId: 'p1', eventId: 'e1', apprehendedAt: '2022-01-05T04:00:00Z', apprehendedPrecision: 'approximate', city: 'Almaty' });
const secretDetention = rec('d2', { personId: 'p3', eventId: 'e1', apprehendedAt: '2022-01-05T04:10:00Z', apprehendedPrecision: 'exact', city: 'Almaty' });
const hiddenDetention = rec('d3', { personId: 'p2', eventId: 'e1', apprehendedAt: '2022-01-05T04:20:00Z', apprehendedPrecision: 'exact', city: 'Almaty', confidentiality: 'confidential' });
const charge = rec('c1', { personId: 'p2', detentionId: null, code: 'kz_koap', article: '488', filedOn: '2022-01-06' });
const chargeOfHidden = rec('c2', { personId: 'p2', detentionId: 'd3', code: 'kz_koap', article: '488', filedOn: '2022-01-06' });
const beating = rec('a1', { type: 'beating', eventId: 'e1', victimPersonId: 'p1', startAt: '2022-01-05T04:05:00Z', startPrecision: 'minutes' });
const beatingOfSecret = rec('a2', { type: 'beating', eventId: 'e1', victimPersonId: 'p3', startAt: '2022-01-05T04:05:00Z', startPrecision: 'minutes' });

const finding = (id: string, subjectEntity: ConfirmedFinding['subjectEntity'], subjectId: string, over: Partial<ConfirmedFinding> = {}): ConfirmedFinding => ({
  id, ruleId: 'press-or-monitor-detained', standardIds: ['GC37-30', 'KZ-CC-158'], subjectEntity, subjectId, eventId: 'e1', confidentiality: 'restricted',
  explanation: { en: 'A journalist was detained at the event they were covering or monitoring.', ru: '…' }, severity: 'warning', reviewedAt: '2022-02-01T10:00:00Z', ...over,
});

function build(findings: ConfirmedFinding[]) {
  const records = new Map<string, StoredRecord>();
  for (const [entity, list] of [
    ['event', [event]], ['person', [withheld, cleared, secret]], ['detention', [detention, secretDetention, hiddenDetention]], ['charge', [charge, chargeOfHidden]], ['act', [beating, beatingOfSecret]],
  ] as const) list.forEach((r) => records.set(`${entity}:${r.id}`, r));
  const redactor = createRedactor({ persons: [withheld, cleared, secret] });
  const labels = (vocabulary: string, code: string) => `${vocabulary}:${code}`;
  return buildReportFindings({ findings, records, events: new Map([['e1', event]]), redactor, labels, catalogue: CATALOGUE });
}

describe('the findings section of a report', () => {
  it('describes each kind of subject through the redactor, with the local time and the standards as catalogued', () => {
    const out = build([
      finding('f1', 'detention', 'd1'),
      finding('f2', 'charge', 'c1', { severity: 'critical', standardIds: ['KZ-CC-CHARGES'] }),
      finding('f3', 'act', 'a1', { standardIds: ['ICCPR-7'] }),
      finding('f4', 'event', 'e1', { standardIds: ['GC37-84'], severity: 'info' }),
      finding('f5', 'person', 'p2', { standardIds: ['NO-SUCH-ID'], severity: 'info' }),
    ]);
    expect(out.notListed).toBe(0);
    // Most severe first, then in time order; a subject with no date last.
    expect(out.items.map((f) => [f.subject, f.when, f.city])).toEqual([
      ['Charge against Marat Bekov: legal_code:kz_koap art. 488', '2022-01-06', null],
      ['Detention of Journalist A (role:journalist)', '2022-01-05 ~10:00', 'Almaty'],
      ['act_type:beating — against Journalist A', '2022-01-05 10:05', 'Almaty'],
      ['Picket', '2022-01-05 09:00', 'Almaty'],
      ['Marat Bekov', null, null],
    ]);
    const first = out.items.find((f) => f.subject.startsWith('Detention'));
    expect(first?.standards.map(citationLine)).toEqual([
      'GC37 para. 30 [R] — UN Human Rights Committee, General Comment No. 37 (2020) on the right of peaceful assembly',
      'CC art. 158 [V] — Criminal Code of the Republic of Kazakhstan (2014)',
    ]);
    expect(first?.confirmedOn).toBe('2022-02-01');
    expect(out.items.find((f) => f.subject === 'Marat Bekov')?.standards).toEqual([{ id: 'NO-SUCH-ID', instrument: 'NO-SUCH-ID', citation: 'NO-SUCH-ID', mark: '', verification: 'not in the catalogue' }]);
  });

  it('counts but never describes a finding about a confidential person, record or finding', () => {
    const out = build([
      finding('f1', 'detention', 'd2'),
      finding('f2', 'detention', 'd3'),
      finding('f3', 'charge', 'c2'),
      finding('f4', 'act', 'a2'),
      finding('f5', 'person', 'p3'),
      finding('f6', 'detention', 'd1', { confidentiality: 'confidential' }),
      finding('f7', 'detention', 'no-such-detention'),
    ]);
    expect(out).toEqual({ items: [], notListed: 7 });
  });

  it('scrubs the explanation like any published text', () => {
    const out = build([finding('f1', 'detention', 'd1', { explanation: { en: `Сулейменовой was held without a protocol.`, ru: '' } })]);
    expect(out.items[0]?.finding).toBe('[withheld] was held without a protocol.');
    expect(JSON.stringify(out)).not.toMatch(/Сулейменов|Айгерим|Жумабеков/);
  });
});
