import { describe, expect, it } from 'vitest';
import { type StoredRecord } from '../repositories.js';
import { createRedactor, identityCleared, NAME_WITHHELD, WITHHELD } from './redact.js';

const person = (over: Record<string, unknown>): StoredRecord => ({
  id: 'p1', version: 1, deletedAt: null, confidentiality: 'restricted', consent: 'granted', countingUnit: 'individual', groupSize: null, pseudonym: null,
  contact: '+7 701 555 12 34', birthYear: 1990, notes: 'lives at ул. Абая 150',
  names: [{ value: 'Жанара Балгабаева', script: 'cyrl', kind: 'full' }, { value: 'Zhanara Balgabayeva', script: 'latn', kind: 'full' }],
  roles: [{ role: 'journalist', eventId: null, organisationId: 'o1', organisationName: null }],
  ...over,
});
const place = (over: Record<string, unknown>): StoredRecord => ({ id: 'pl', version: 1, deletedAt: null, name: 'Republic Square', kind: 'square', city: 'Almaty', address: 'Satpayev St 1', lat: 43.23891, lon: 76.94512, geoPrecision: 'exact', confidentiality: 'public', ...over });
const orgs = new Map([['o1', 'Vlast.kz']]);

describe('redaction', () => {
  it('publishes names only with consent granted and a record that is not confidential', () => {
    expect(identityCleared({ consent: 'granted', confidentiality: 'restricted' })).toBe(true);
    expect(identityCleared({ consent: 'granted', confidentiality: 'confidential' })).toBe(false);
    expect(identityCleared({ consent: 'unknown', confidentiality: 'public' })).toBe(false);
    expect(identityCleared({ consent: 'withheld', confidentiality: 'public' })).toBe(false);
    expect(identityCleared({ consent: 'granted', confidentiality: 'public', deletedAt: '2022-01-01' })).toBe(false);
  });

  it('shows a cleared person with Latin and Cyrillic names, and never contact, notes or birth year', () => {
    const out = createRedactor({ organisations: orgs }).person(person({}));
    expect(out).toEqual({
      cleared: true, displayName: 'Zhanara Balgabayeva (Жанара Балгабаева)', countingUnit: 'individual', groupSize: null,
      names: [{ value: 'Жанара Балгабаева', script: 'cyrl' }, { value: 'Zhanara Balgabayeva', script: 'latn' }],
      roles: [{ role: 'journalist', eventId: null, organisation: 'Vlast.kz' }],
    });
    expect(JSON.stringify(out)).not.toMatch(/701|Абая|1990/);
  });

  it('shows the pseudonym, else "Name withheld"; withheld consent hides the outlet too', () => {
    const r = createRedactor({ organisations: orgs });
    expect(r.person(person({ consent: 'withheld', pseudonym: 'Witness A' }))).toMatchObject({ cleared: false, displayName: 'Witness A', names: [], roles: [{ organisation: null }] });
    expect(r.person(person({ consent: 'unknown' }))).toMatchObject({ displayName: NAME_WITHHELD, roles: [{ organisation: 'Vlast.kz' }] });
    expect(r.person(person({ consent: 'granted', confidentiality: 'confidential' }))).toBeNull();
  });

  it('shows a description ("Unidentified journalist") unless consent is withheld', () => {
    const described = { names: [{ value: 'Unidentified journalist (Megapolis)', kind: 'description' }] };
    expect(createRedactor().person(person({ consent: 'unknown', ...described }))?.displayName).toBe('Unidentified journalist (Megapolis)');
    expect(createRedactor().person(person({ consent: 'withheld', ...described }))?.displayName).toBe(NAME_WITHHELD);
  });

  it('reduces homes and offices to the city, drops the address of restricted places and rounds their position', () => {
    const r = createRedactor();
    expect(r.place(place({ kind: 'home', name: 'Home of Balgabayeva' }))).toEqual({ name: 'a private home', kind: 'home', city: 'Almaty', region: null, country: null, address: null, lat: null, lon: null, geoPrecision: 'locality' });
    expect(r.place(place({ confidentiality: 'restricted' }))).toMatchObject({ name: 'Republic Square', address: null, lat: 43.24, lon: 76.95, geoPrecision: 'locality' });
    expect(r.place(place({}))).toMatchObject({ address: 'Satpayev St 1', lat: 43.23891, lon: 76.94512 });
    expect(r.place(place({ confidentiality: 'confidential' }))).toBeNull();
  });

  it('scrubs uncleared names (any script, inflected), contacts, e-mails and private addresses from free text, and spares dates', () => {
    const r = createRedactor({ persons: [person({ consent: 'withheld' })], places: [place({ kind: 'home', address: 'ул. Абая 150, кв. 12' })] });
    const text = 'Балгабаеву задержали у дома (ул. Абая 150, кв. 12) 2022-01-05; Balgabayeva wrote to z.b@example.org, call 8 701 555 1234. Zhanara Balgabaeva\'s lawyer came.';
    const out = r.text(text) ?? '';
    expect(out).not.toMatch(/Балгабаев|Balgabay|Balgabaev|Zhanara|Абая 150|example\.org|555/);
    expect(out).toContain('2022-01-05');
    expect(out).toContain(WITHHELD);
    expect(r.text('Police detained dozens at Republic Square')).toBe('Police detained dozens at Republic Square');
    expect(r.text('call +7 701 555 12 34 2022-01-05')).toBe(`call ${WITHHELD} 2022-01-05`);
  });

  it('leaves a cleared person\'s name in text alone', () => {
    const r = createRedactor({ persons: [person({})] });
    expect(r.text('Zhanara Balgabayeva was detained')).toBe('Zhanara Balgabayeva was detained');
  });

  it('publishes only a kind for protected or unpublished sources', () => {
    const r = createRedactor();
    const src = { id: 's', version: 1, deletedAt: null, kind: 'testimony', title: 'Interview with A.B.', author: 'A.B.', url: 'https://x', confidentiality: 'public', protectedIdentity: true };
    expect(r.source(src)).toEqual({ id: 's', kind: 'testimony', title: 'Unpublished source (testimony)', author: null, outlet: null, url: null, publishedAt: null });
  });
});

describe('redactRecord (any entity, for viewer responses)', () => {
  it('keeps only identity-free fields of a detention and drops step notes and wording', async () => {
    const { redactRecord } = await import('./redact.js');
    const detention = {
      id: 'd', version: 1, deletedAt: null, confidentiality: 'restricted', personId: 'p', apprehendedAt: '2022-01-05T04:00:00.000Z', apprehendedPrecision: 'exact',
      apprehendedTimeOriginal: 'when Aigerim left home', notes: 'call +7 701', legalBasis: 'administrative', legalArticle: 'KoAP 488', custodyState: 'released',
      steps: [{ type: 'released', at: '2022-01-05T08:00:00.000Z', precision: 'exact', placeId: null, note: 'her brother Arman came', timeOriginal: 'around 2pm' }],
    };
    const out = redactRecord('detention', detention);
    expect(JSON.stringify(out)).not.toMatch(/Aigerim|701|Arman|2pm/);
    expect(out).toMatchObject({ legalArticle: 'KoAP 488', steps: [{ type: 'released', precision: 'exact' }] });
    expect(redactRecord('complaint', { ...detention, confidentiality: 'confidential' })).toBeNull();
    expect(redactRecord('person', person({ consent: 'withheld' }))).toMatchObject({ displayName: NAME_WITHHELD, names: [] });
  });
});
