/**
 * Gathers what an output needs through the repository interfaces (no SQL here) and builds its
 * redactor: every person in scope, and every person whose name resembles a capitalised word of
 * the free text that will be published, so uncleared names can be scrubbed from that text.
 */
import { nameTokens } from '../names/index.js';
import { type EntityName } from '../records/entities.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { createRedactor, type Redactor } from './redact.js';

const CHUNK = 500;

/** Loads records by id in chunks; missing ids are skipped. */
export async function loadMany(repos: Repositories, entity: EntityName, ids: Iterable<string>): Promise<StoredRecord[]> {
  const unique = [...new Set(ids)];
  const out: StoredRecord[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await repos.records.getMany(entity, unique.slice(i, i + CHUNK))));
  return out;
}

const CAPITALISED = /\p{Lu}[\p{L}\p{M}'’ʼ-]{2,}/gu;

/** Search prefixes for the capitalised words of some texts: a stem short enough to catch inflections. */
export function nameStems(texts: (string | null | undefined)[]): string[] {
  const stems = new Set<string>();
  for (const text of texts) {
    for (const [word] of (text ?? '').matchAll(CAPITALISED)) {
      for (const token of nameTokens(word)) if (token.length >= 3) stems.add(token.length >= 5 ? token.slice(0, Math.max(4, token.length - 3)) : token);
    }
  }
  return [...stems];
}

/** Persons (deleted ones too) whose names start like any of these stems, via the record store's name search. */
export async function personsResembling(repos: Repositories, texts: (string | null | undefined)[]): Promise<StoredRecord[]> {
  const found = new Map<string, StoredRecord>();
  for (const stem of nameStems(texts)) {
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result = await repos.records.list('person', { q: stem, limit: 500, includeDeleted: true, ...(cursor ? { cursor } : {}) });
      for (const p of result.items) found.set(p.id, p);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
  }
  return [...found.values()];
}

/** Texts of events, places, organisations, sources and figures that an output may publish. */
export function publishableTexts(records: readonly Record<string, unknown>[]): string[] {
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string' && v) out.push(v);
  };
  for (const r of records) {
    for (const key of ['title', 'summary', 'name', 'address', 'author', 'outlet', 'issuer', 'measure', 'scope', 'region']) push(r[key]);
    for (const est of (r.estimates as Record<string, unknown>[] | null | undefined) ?? []) {
      push(est.measure);
      push(est.claimedBy);
      push(est.note);
    }
    for (const alias of (r.aliases as string[] | null | undefined) ?? []) push(alias);
  }
  return out;
}

/** A redactor that knows the persons in scope and everyone the published text may name. */
export async function redactorFor(
  repos: Repositories,
  input: { persons: StoredRecord[]; places: StoredRecord[]; organisations: StoredRecord[]; texts: (string | null | undefined)[] },
): Promise<Redactor> {
  const organisations = new Map(input.organisations.map((o) => [o.id, String(o.name)]));
  const redactor = createRedactor({ persons: input.persons, organisations, places: input.places });
  redactor.know(await personsResembling(repos, [...input.texts, ...organisations.values()]));
  return redactor;
}
