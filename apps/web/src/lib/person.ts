/** What every person-shaped value has (a PersonRecord, a board entry's person). */
export interface PersonLike {
  id: string;
  pseudonym?: string | null;
  names?: readonly { value: string }[];
}

/** A short, stable reference for a person without a pseudonym: the tail of the id (UUIDv7 heads are timestamps). */
export const personRef = (id: string): string => `#${id.replace(/-/g, '').slice(-6).toUpperCase()}`;

/** The real name to show once revealed: the first recorded spelling. */
export const realNameOf = (person: PersonLike): string | null => person.names?.[0]?.value ?? null;
