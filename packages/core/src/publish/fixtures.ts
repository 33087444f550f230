/**
 * Test support: seeds people whose identities must never be published (consent withheld or not
 * asked, a confidential record) with real-looking names in Cyrillic and Latin, contacts and exact
 * addresses, plus cleared people whose names carry markup and spreadsheet formulas. Tests scan
 * every output for `SECRETS`. Goes through the normal services, like any user's data.
 */
import { type Services } from '../services/index.js';

/** Strings that must appear in no published output, in any format, in any letter case. */
export const SECRETS = [
  'Айгерим Сулейменова', 'Aigerim Suleimenova', 'Сулейменова', 'Сулейменовой', 'Suleimenova', 'Айгерим', 'Aigerim',
  'Ержан Тлеубердиев', 'Yerzhan Tleuberdiyev', 'Тлеубердиев', 'Tleuberdiyev', 'Ержан', 'Yerzhan',
  'Салтанат Жумабекова', 'Saltanat Zhumabekova', 'Жумабекова', 'Zhumabekova', 'Салтанат', 'Saltanat',
  '+7 701 555 12 34', '701 555 12 34', 'aigerim.s@example.org', 'ertl@mail.kz', '+77015559999',
  'ул. Абая 150', 'кв. 12', 'пр. Назарбаева 240', '76.8897', '43.2389', '76.9012', '43.2511',
];

export const HOSTILE_NAME = `<script>alert("x")</script><img src=x onerror=alert(1)> Marat`;
export const FORMULA_NAME = `=HYPERLINK("http://evil.example","click") Zhanar`;

export interface SeededPublishFixture {
  eventId: string;
  withheldId: string;
  hostileId: string;
  formulaId: string;
  /** Findings confirmed by the fixture's reviewer: every press finding, and one about the confidential activist. */
  confirmed: number;
  /** Of those, about a confidential person: counted in the report, never described. */
  confirmedConfidential: number;
}

/** Seeds one Almaty event of 5 January 2022 with withheld, unknown-consent, confidential and hostile-named people. */
export async function seedRedactionFixture(services: Services, actor = 'fixture'): Promise<SeededPublishFixture> {
  const create = async (entity: Parameters<Services['records']['create']>[0], input: Record<string, unknown>) => (await services.records.create(entity, input, actor)).id;
  const source = await create('source', { kind: 'testimony', title: 'Interview with Aigerim Suleimenova', author: 'Aigerim Suleimenova', contact: '+7 701 555 12 34', confidentiality: 'public' });
  const home = await create('place', { name: 'Home of Айгерим Сулейменова', kind: 'home', city: 'Almaty', address: 'ул. Абая 150, кв. 12', lat: 43.2389, lon: 76.8897, geoPrecision: 'exact', confidentiality: 'public' });
  const square = await create('place', { name: 'Republic Square', kind: 'square', city: 'Almaty', address: 'пр. Назарбаева 240', lat: 43.2511, lon: 76.9012, geoPrecision: 'exact', confidentiality: 'restricted' });
  const outlet = await create('organisation', { name: 'Radio Azattyq', kind: 'media_outlet', confidentiality: 'public' });
  const eventId = await create('event', {
    title: 'Picket at Republic Square <b>bold</b>', type: 'protest_with_intervention', startAt: '2022-01-05T09:00:00+06:00', city: 'Almaty', confidentiality: 'public',
    placeIds: [square, home], sourceIds: [source],
    summary: 'Айгерим Сулейменова was detained at her home, ул. Абая 150, кв. 12 (call +7 701 555 12 34 or aigerim.s@example.org). Police questioned Сулейменовой for hours; Tleuberdiyev\'s lawyer was refused.',
    estimates: [
      { measure: 'journalists detained', min: 12, claimedBy: 'Aigerim Suleimenova (eyewitness)' },
      { measure: 'people detained', min: 40, max: 60, claimedBy: 'Yerzhan Tleuberdiyev', note: 'Counted by Ержан at the square' },
    ],
  });
  const withheldId = await create('person', {
    names: [{ value: 'Айгерим Сулейменова', kind: 'full' }, { value: 'Aigerim Suleimenova', kind: 'full' }],
    pseudonym: 'Journalist A', consent: 'withheld', contact: '+7 701 555 12 34, aigerim.s@example.org', birthYear: 1994, sex: 'female',
    notes: 'Lives at ул. Абая 150, кв. 12', roles: [{ role: 'journalist', eventId, organisationId: outlet }],
  });
  const unknownId = await create('person', {
    names: [{ value: 'Ержан Тлеубердиев', kind: 'full' }, { value: 'Yerzhan Tleuberdiyev', kind: 'full' }],
    consent: 'unknown', contact: 'ertl@mail.kz', roles: [{ role: 'human_rights_defender', eventId, organisationName: 'Kazakhstan Bureau' }],
  });
  const confidentialId = await create('person', {
    names: [{ value: 'Салтанат Жумабекова', kind: 'full' }, { value: 'Saltanat Zhumabekova', kind: 'full' }],
    consent: 'granted', confidentiality: 'confidential', contact: '+77015559999', roles: [{ role: 'activist', eventId }],
  });
  const hostileId = await create('person', { names: [{ value: HOSTILE_NAME, kind: 'full' }], consent: 'granted', roles: [{ role: 'journalist', eventId, organisationName: '<i>Vlast</i>' }] });
  const formulaId = await create('person', { names: [{ value: FORMULA_NAME, kind: 'full' }], consent: 'granted', roles: [{ role: 'activist', eventId }] });
  const detain = (personId: string, at: string, extra: Record<string, unknown> = {}) =>
    create('detention', { personId, eventId, apprehendedAt: at, legalBasis: 'administrative', legalArticle: 'KoAP 488', sourceIds: [source], notes: 'Contact: +7 701 555 12 34', ...extra });
  await detain(withheldId, '2022-01-05T10:00:00+06:00', {
    apprehendedPlaceId: home, apprehendedTimeOriginal: 'when Aigerim Suleimenova left home',
    steps: [{ type: 'taken_to', at: '2022-01-05T10:30:00+06:00', placeId: square, note: 'Сулейменова called +7 701 555 12 34' }, { type: 'released', at: '2022-01-05T14:30:00+06:00' }],
  });
  await detain(withheldId, '2022-01-05T17:00:00+06:00', { apprehendedPlaceId: square });
  await detain(unknownId, '2022-01-05T11:00:00+06:00', { apprehendedPlaceId: square });
  await detain(confidentialId, '2022-01-05T11:15:00+06:00', { apprehendedPlaceId: square });
  await detain(hostileId, '2022-01-05T11:20:00+06:00', { apprehendedPlaceId: square });
  await detain(formulaId, '2022-01-05T11:25:00+06:00', { apprehendedPlaceId: square });
  await create('officialFigure', { issuer: 'Almaty police', issuedOn: '2022-01-06', measure: 'people detained', value: 7, eventId, scope: 'including Suleimenova', notes: 'Aigerim Suleimenova named in the statement' });
  // Findings: reviewers confirm the press findings (the withheld journalist's among them) and one about
  // the confidential activist, and reject one; their notes name the withheld person. Reports publish
  // confirmed findings only, describe their subjects through the redactor, and never print notes.
  const reviewer = { id: actor, name: actor };
  await services.findings.recompute({ eventId }, reviewer);
  let confirmed = 0;
  let confirmedConfidential = 0;
  for (const f of (await services.findings.list({ eventId, limit: 200 })).items) {
    if (f.rule.id === 'press-or-monitor-detained' || (f.rule.id === 'custody-protocol-overdue' && f.personId === confidentialId)) {
      await services.findings.review(f.id, { decision: 'confirm', note: 'Confirmed in the interview with Aigerim Suleimenova, +7 701 555 12 34' }, reviewer);
      confirmed += 1;
      if (f.personId === confidentialId) confirmedConfidential += 1;
    } else if (f.rule.id === 'family-not-told' && f.personId === withheldId) {
      await services.findings.review(f.id, { decision: 'reject', note: 'Сулейменова called her sister at 10:40' }, reviewer);
    }
  }
  return { eventId, withheldId, hostileId, formulaId, confirmed, confirmedConfidential };
}

/** Every secret found in a text (case-insensitive); empty means the output is clean. */
export function secretsIn(text: string): string[] {
  const lower = text.toLowerCase();
  return SECRETS.filter((s) => lower.includes(s.toLowerCase()));
}
