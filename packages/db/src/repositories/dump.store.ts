import { type DumpStore, validationError, VigilError } from '@vigil/core';
import { type Db } from '../connect.js';
import { type DialectHelpers } from '../dialect.js';
import { latestSchemaVersion } from '../migrate.js';
import { bumpDataVersion } from './data-version.js';
import { insertBatched, withTransaction } from './write.js';

/** Every table, parents before children, with the key it is exported in order of. */
export const DUMP_TABLES: { table: string; key: string[] }[] = [
  { table: 'vocabulary_terms', key: ['vocabulary', 'code'] },
  { table: 'users', key: ['id'] },
  { table: 'sources', key: ['id'] },
  { table: 'places', key: ['id'] },
  { table: 'organisations', key: ['id'] },
  { table: 'events', key: ['id'] },
  { table: 'persons', key: ['id'] },
  { table: 'person_names', key: ['id'] },
  { table: 'person_name_tokens', key: ['token', 'personId'] },
  { table: 'person_roles', key: ['id'] },
  { table: 'detentions', key: ['id'] },
  { table: 'custody_steps', key: ['id'] },
  { table: 'acts', key: ['id'] },
  { table: 'charges', key: ['id'] },
  { table: 'official_figures', key: ['id'] },
  { table: 'complaints', key: ['id'] },
  { table: 'citations', key: ['id'] },
  { table: 'published_reports', key: ['id'] },
  { table: 'client_assignments', key: ['userId', 'personId'] },
  { table: 'record_grants', key: ['entity', 'recordId', 'userId'] },
  { table: 'evidence_items', key: ['id'] },
  { table: 'evidence_links', key: ['id'] },
  { table: 'evidence_provenance', key: ['id'] },
  { table: 'evidence_custody', key: ['id'] },
  { table: 'evidence_comments', key: ['id'] },
  { table: 'evidence_geolocations', key: ['id'] },
  { table: 'evidence_chronolocations', key: ['id'] },
  { table: 'evidence_incidents', key: ['id'] },
  { table: 'record_history', key: ['id'] },
  { table: 'audit_log', key: ['seq'] },
  { table: 'audit_head', key: ['id'] },
  { table: 'findings', key: ['id'] },
  { table: 'finding_reviews', key: ['id'] },
  { table: 'finding_groups', key: ['groupKey'] },
  { table: 'import_mappings', key: ['id'] },
  { table: 'import_runs', key: ['id'] },
  { table: 'import_row_keys', key: ['key'] },
  { table: 'person_match_keys', key: ['key', 'personId'] },
  { table: 'person_match_state', key: ['personId'] },
  { table: 'merge_candidates', key: ['id'] },
  { table: 'merge_decisions', key: ['id'] },
];
/** Tables that hold documented records; accounts and vocabularies do not make a database "non-empty". */
const RECORD_TABLES = DUMP_TABLES.filter((t) => !['vocabulary_terms', 'users', 'client_assignments', 'record_grants'].includes(t.table));
const PAGE = 2000;

type Row = Record<string, unknown>;

/** Keys sorted, so the same data prints the same bytes on either engine. */
function canonical(row: Row): string {
  return JSON.stringify(Object.fromEntries(Object.keys(row).sort().map((k) => [k, row[k] ?? null])));
}

const binary = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const keyOf = (row: Row, key: string[]): string => key.map((k) => String(row[k])).join('\u0000');

export class KyselyDumpStore implements DumpStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectHelpers,
  ) {}

  /** Streams `{format, schemaVersion, tables:{name:[rows]}}` table by table, page by page. */
  async exportAll(write: (chunk: string) => Promise<void> | void): Promise<void> {
    await write(`{"format":"vigil-export","formatVersion":1,"schemaVersion":${JSON.stringify(latestSchemaVersion())},"tables":{`);
    for (const [t, { table, key }] of DUMP_TABLES.entries()) {
      await write(`${t === 0 ? '' : ','}\n${JSON.stringify(table)}:[`);
      let first = true;
      for await (const rows of this.pages(table, key)) {
        for (const row of rows) {
          await write(`${first ? '' : ','}\n${canonical(row)}`);
          first = false;
        }
      }
      await write(']');
    }
    await write('\n}}\n');
  }

  /**
   * Pages in binary key order. Ids are UUIDs and tokens are [a-z], which every collation orders
   * alike; vocabulary codes are not, so that small table is sorted here.
   */
  private async *pages(table: string, key: string[]): AsyncGenerator<Row[]> {
    if (table === 'vocabulary_terms') {
      const rows = await this.db.selectFrom(table).selectAll().execute();
      yield rows.sort((a, b) => binary(keyOf(a, key), keyOf(b, key)));
      return;
    }
    let after: Row | null = null;
    for (;;) {
      let query = this.db.selectFrom(table).selectAll();
      if (after) {
        const last: Row = after;
        query = key.length === 1
          ? query.where(key[0] as string, '>', last[key[0] as string])
          : query.where((eb) => eb.or([eb(key[0] as string, '>', last[key[0] as string]), eb.and([eb(key[0] as string, '=', last[key[0] as string]), eb(key[1] as string, '>', last[key[1] as string])])]));
      }
      for (const k of key) query = query.orderBy(k, 'asc');
      const rows = await query.limit(PAGE).execute();
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1] ?? null;
    }
  }

  async isEmpty(): Promise<boolean> {
    const counts = await this.tableCounts();
    return RECORD_TABLES.every(({ table }) => counts[table] === 0);
  }

  async tableCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { table } of DUMP_TABLES) {
      const row = await this.db.selectFrom(table).select(this.dialect.countAll().as('n')).executeTakeFirstOrThrow();
      counts[table] = this.dialect.toNumber(row.n);
    }
    return counts;
  }

  /** Loads a whole export into an empty database in one transaction; vocabularies are replaced. */
  async importAll(dump: unknown): Promise<Record<string, number>> {
    const tables = checkDump(dump);
    return withTransaction(this.db, async (trx) => {
      const store = new KyselyDumpStore(trx, this.dialect);
      if (!(await store.isEmpty())) throw new VigilError('DATABASE_NOT_EMPTY', 'import json loads into an empty database only; this one already holds records');
      if ((tables.users ?? []).length > 0 && (await store.tableCounts()).users !== 0) {
        throw new VigilError('DATABASE_NOT_EMPTY', 'this export carries accounts and the database already has some; import into a database without accounts');
      }
      await trx.deleteFrom('vocabulary_terms').execute();
      const loaded: Record<string, number> = {};
      for (const { table } of DUMP_TABLES) {
        const rows = tables[table] ?? [];
        await insertBatched(trx, table, rows, this.dialect);
        loaded[table] = rows.length;
      }
      await bumpDataVersion(trx);
      return loaded;
    });
  }
}

function checkDump(dump: unknown): Record<string, Row[]> {
  const d = dump as { format?: unknown; schemaVersion?: unknown; tables?: unknown } | null;
  if (!d || typeof d !== 'object' || d.format !== 'vigil-export') throw validationError([{ path: 'format', problem: 'is not a Vigil export (expected "vigil-export")' }]);
  if (d.schemaVersion !== latestSchemaVersion()) {
    throw validationError([{ path: 'schemaVersion', problem: `export is schema ${String(d.schemaVersion)}, this Vigil is ${latestSchemaVersion()}; use the same version` }]);
  }
  if (!d.tables || typeof d.tables !== 'object') throw validationError([{ path: 'tables', problem: 'is required' }]);
  const known = new Set(DUMP_TABLES.map((t) => t.table));
  const tables = d.tables as Record<string, unknown>;
  const problems = Object.entries(tables).flatMap(([name, rows]) => {
    if (!known.has(name)) return [{ path: `tables.${name}`, problem: 'is not a Vigil table' }];
    if (!Array.isArray(rows) || rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) return [{ path: `tables.${name}`, problem: 'must be an array of row objects' }];
    return [];
  });
  if (problems.length > 0) throw validationError(problems);
  return tables as Record<string, Row[]>;
}
