import {
  type ExportCharge, type ExportDetention, type ExportName, type ExportOrganisation, type ExportPage, type ExportPerson, type ExportPlace,
  type ExportRole, type ExportStep, type NamedPerson, type OpenDataStore, type PublishScope, type RecordStore,
} from '@vigil/core';
import { sql } from 'kysely';
import { type Db } from '../connect.js';
import { type FieldCipher } from '../crypto/field-cipher.js';
import { type DialectHelpers } from '../dialect.js';
import { personIdsMatching } from '../repositories/filters.js';
import { scopedDetentions, statsSqlFor } from './scope-sql.js';

type Row = Record<string, unknown>;

const CHUNK = 500;

/**
 * The ids in first-seen order, in chunks of 500 each sorted by id: the order in which the generic
 * record reads (`id in (…)` per chunk of 500) used to return them on SQLite, so the redactor
 * learns names and addresses in the same order as before.
 */
function chunkedIds(ids: Iterable<string>): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(unique.slice(i, i + CHUNK).sort());
  return out;
}

function grouped<T>(rows: Row[], key: string, map: (row: Row) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const id = String(row[key]);
    const list = out.get(id);
    if (list) list.push(map(row));
    else out.set(id, [map(row)]);
  }
  return out;
}

const orNull = <T>(v: unknown): T | null => (v ?? null) as T | null;

const DETENTION_COLUMNS = ['id', 'person_id', 'event_id', 'apprehended_at', 'apprehended_precision', 'apprehended_place_id', 'city', 'legal_basis', 'legal_article', 'custody_state', 'released_at', 'confidentiality']
  .map((c) => `d.${c} as ${c}`).join(', ');
/** The person's own columns, joined once per page (the scope joins live persons anyway). */
const PERSON_COLUMNS = ['confidentiality', 'consent', 'pseudonym', 'counting_unit', 'group_size', 'contact'].map((c) => `p.${c} as p_${c}`).join(', ');

/**
 * Kysely implementation of the open-data export's reads. One page is a keyset query over the
 * scoped detentions joined with their persons, and one query each for names, roles, custody
 * steps, citation counts, charges, events, places and organisations — only the columns the CSV
 * and its redaction need; of the protected fields only names, contacts and addresses are decrypted.
 * On PostgreSQL the queries of a page run side by side.
 */
export class KyselyOpenDataStore implements OpenDataStore {
  private readonly stats;

  constructor(
    private readonly db: Db,
    dialect: DialectHelpers,
    private readonly cipher: FieldCipher,
    private readonly records: RecordStore,
  ) {
    this.stats = statsSqlFor(dialect);
  }

  private clear(value: unknown): string | null {
    return typeof value === 'string' ? this.cipher.decrypt(value) : orNull(value);
  }

  async *detentionPages(scope: PublishScope, limit: number): AsyncGenerator<ExportPage> {
    // Built once: it asks for the range of apprehension times, a full scan on SQLite (min and max together).
    const s = await scopedDetentions(this.db, this.stats, scope);
    let after: { at: unknown; id: unknown } | null = null;
    for (;;) {
      // A row value, so both engines seek the (apprehended_at, id) index to the page's start; an
      // OR of the two comparisons makes PostgreSQL scan the index from its beginning on every page.
      const where = after ? sql`${s.where} and (d.apprehended_at, d.id) > (${after.at}, ${after.id})` : s.where;
      const rows = (await sql<Row>`select ${sql.raw(DETENTION_COLUMNS)}, ${sql.raw(PERSON_COLUMNS)}
        from ${s.from} where ${where} order by d.apprehended_at, d.id limit ${limit}`.execute(this.db)).rows;
      if (rows.length === 0) return;
      yield await this.page(rows);
      if (rows.length < limit) return;
      const last = rows[rows.length - 1] as Row;
      after = { at: last.apprehendedAt, id: last.id };
    }
  }

  private async page(rows: Row[]): Promise<ExportPage> {
    const detentionIds = rows.map((r) => String(r.id));
    const personIds = chunkedIds(rows.map((r) => String(r.personId))).flat();
    const eventIds = [...new Set(rows.map((r) => r.eventId).filter((x): x is string => typeof x === 'string'))];
    const [steps, sources, charges, names, roles, events] = await Promise.all([
      this.steps(detentionIds), this.citationCounts(detentionIds), this.charges(detentionIds), this.names(personIds), this.roles(personIds), this.records.getMany('event', eventIds),
    ]);
    const detentions: ExportDetention[] = rows.map((r) => ({
      id: String(r.id), personId: String(r.personId), eventId: r.eventId ?? null, apprehendedAt: r.apprehendedAt ?? null, apprehendedPrecision: r.apprehendedPrecision ?? null,
      apprehendedPlaceId: r.apprehendedPlaceId ?? null, city: r.city ?? null, legalBasis: r.legalBasis ?? null, legalArticle: r.legalArticle ?? null,
      custodyState: r.custodyState ?? null, releasedAt: r.releasedAt ?? null, confidentiality: r.confidentiality ?? null,
      steps: steps.get(String(r.id)) ?? [], sources: sources.get(String(r.id)) ?? 0,
    }));
    const personRows = new Map(rows.map((r) => [String(r.personId), r]));
    const persons = personIds.map((id): ExportPerson => {
      const r = personRows.get(id) as Row;
      return {
        id, confidentiality: r.pConfidentiality ?? null, deletedAt: null, consent: r.pConsent ?? null, pseudonym: r.pPseudonym ?? null, countingUnit: r.pCountingUnit ?? null,
        groupSize: r.pGroupSize ?? null, contact: this.clear(r.pContact), names: names.get(id) ?? [], roles: roles.get(id) ?? [],
      };
    });
    const placeIds = detentions.flatMap((d) => [d.apprehendedPlaceId, ...d.steps.map((st) => st.placeId)]).filter((x): x is string => typeof x === 'string');
    const organisationIds = persons.flatMap((p) => p.roles.map((r) => r.organisationId)).filter((x): x is string => !!x);
    const [places, organisations] = await Promise.all([this.places(placeIds), this.organisations(organisationIds)]);
    return { detentions, events: events.filter((e) => !e.deletedAt), persons, places, organisations, charges };
  }

  async personsNamed(stem: string, limit: number): Promise<NamedPerson[]> {
    const found = await this.db.selectFrom('persons').select(['id', 'consent', 'confidentiality', 'deletedAt', 'contact'])
      .where((eb) => personIdsMatching(eb, 'persons.id', stem, this.cipher)).orderBy('id', 'desc').limit(limit).execute();
    const names = new Map<string, NamedPerson['names']>();
    for (const part of chunkedIds(found.map((p) => String(p.id)))) {
      // Descriptions are never scrubbed from text, so they are not read (nor decrypted).
      const rows = await this.db.selectFrom('person_names').select(['personId', 'value', 'kind']).where('personId', 'in', part)
        .where('kind', '!=', 'description').orderBy('personId').orderBy('position').execute();
      for (const [id, list] of grouped(rows, 'personId', (r) => ({ value: String(this.clear(r.value)), kind: r.kind ?? null }))) names.set(id, list);
    }
    return found.map((p) => ({
      id: String(p.id), confidentiality: p.confidentiality ?? null, deletedAt: orNull(p.deletedAt), consent: p.consent ?? null,
      contact: this.clear(p.contact), names: names.get(String(p.id)) ?? [],
    }));
  }

  private async names(personIds: string[]): Promise<Map<string, ExportName[]>> {
    const rows = await this.db.selectFrom('person_names').select(['personId', 'value', 'script', 'kind']).where('personId', 'in', personIds).orderBy('personId').orderBy('position').execute();
    return grouped(rows, 'personId', (r): ExportName => ({ value: String(this.clear(r.value)), script: r.script ?? null, kind: r.kind ?? null }));
  }

  private async roles(personIds: string[]): Promise<Map<string, ExportRole[]>> {
    const rows = await this.db.selectFrom('person_roles').select(['personId', 'role', 'eventId', 'organisationId', 'organisationName']).where('personId', 'in', personIds)
      .orderBy('personId').orderBy('position').execute();
    return grouped(rows, 'personId', (r): ExportRole => ({ role: String(r.role), eventId: orNull(r.eventId), organisationId: orNull(r.organisationId), organisationName: orNull(r.organisationName) }));
  }

  private async steps(detentionIds: string[]): Promise<Map<string, ExportStep[]>> {
    const rows = await this.db.selectFrom('custody_steps').select(['detentionId', 'type', 'at', 'precision', 'placeId']).where('detentionId', 'in', detentionIds)
      .orderBy('detentionId').orderBy('position').execute();
    return grouped(rows, 'detentionId', (r): ExportStep => ({ type: String(r.type), at: String(r.at), precision: String(r.precision), placeId: orNull(r.placeId) }));
  }

  private async citationCounts(detentionIds: string[]): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('citations').select(['recordId', sql<number>`count(*)`.as('n')]).where('entity', '=', 'detention').where('recordId', 'in', detentionIds)
      .groupBy('recordId').execute();
    return new Map(rows.map((r) => [String(r.recordId), Number(r.n)]));
  }

  private async charges(detentionIds: string[]): Promise<ExportCharge[]> {
    const rows = await this.db.selectFrom('charges').select(['detentionId', 'code', 'article', 'outcome', 'sentenceKind', 'sentenceDays'])
      .where('deletedAt', 'is', null).where('detentionId', 'in', detentionIds).orderBy('id').execute();
    return rows.map((r) => ({
      detentionId: String(r.detentionId), code: r.code ?? null, article: r.article ?? null, outcome: r.outcome ?? null, sentenceKind: r.sentenceKind ?? null, sentenceDays: r.sentenceDays ?? null,
    }));
  }

  private async places(ids: string[]): Promise<ExportPlace[]> {
    const out: ExportPlace[] = [];
    for (const part of chunkedIds(ids)) {
      const rows = await this.db.selectFrom('places')
        .select(['id', 'deletedAt', 'confidentiality', 'name', 'kind', 'city', 'region', 'country', 'address', 'lat', 'lon', 'geoPrecision']).where('id', 'in', part).orderBy('id').execute();
      for (const r of rows) {
        out.push({
          id: String(r.id), deletedAt: orNull(r.deletedAt), confidentiality: r.confidentiality ?? null, name: r.name ?? null, kind: r.kind ?? null, city: r.city ?? null,
          region: r.region ?? null, country: r.country ?? null, address: this.clear(r.address), lat: r.lat ?? null, lon: r.lon ?? null, geoPrecision: r.geoPrecision ?? null,
        });
      }
    }
    return out;
  }

  private async organisations(ids: string[]): Promise<ExportOrganisation[]> {
    const out: ExportOrganisation[] = [];
    for (const part of chunkedIds(ids)) {
      const rows = await this.db.selectFrom('organisations').select(['id', 'name', 'aliases']).where('id', 'in', part).orderBy('id').execute();
      for (const r of rows) out.push({ id: String(r.id), name: r.name ?? null, aliases: typeof r.aliases === 'string' ? (JSON.parse(r.aliases) as unknown) : (r.aliases ?? null) });
    }
    return out;
  }
}
