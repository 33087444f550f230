// Input builders for tests: valid by default, overridable field by field.
let counter = 0;
const next = () => ++counter;

export function buildEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: `Assembly ${next()}`, type: 'peaceful_protest', startAt: '2022-01-05T10:00:00+06:00', city: 'Almaty', ...over };
}

export function buildPerson(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { names: [{ value: `Test Person ${next()}` }], pseudonym: `P-${next()}`, ...over };
}

export function buildDetention(personId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { personId, apprehendedAt: '2022-01-05T10:00:00+06:00', city: 'Almaty', legalBasis: 'administrative', ...over };
}

export function buildPlace(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: `Place ${next()}`, kind: 'square', city: 'Almaty', lat: 43.238, lon: 76.945, geoPrecision: 'vicinity', ...over };
}

export function buildSource(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'testimony', title: `Interview ${next()}`, ...over };
}
