/**
 * Records → table rows exactly as Vigil's record store writes them, with its own mapper (columns,
 * JSON, encryption of protected fields, blind name tokens, citations, encrypted history). Row keys
 * are the database's snake_case column names, ready for a raw driver.
 */
import { type EntityName, type StoredRecord } from '@vigil/core';
import { personKeys } from '../../packages/core/src/matching/index.js';
import { type FieldCipher } from '../../packages/db/src/crypto/field-cipher.js';
import { childRows, toRow } from '../../packages/db/src/repositories/record-mapper.js';
import { personTokens, TABLES } from '../../packages/db/src/repositories/table-specs.js';
import { createChanges } from './records.js';

export type Row = Record<string, unknown>;
/** Rows per table, in the order they must be inserted (parents first). */
export type TableRows = Map<string, Row[]>;

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const snakeRow = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [snake(k), v]));

/** Every table a record write touches, parents before children (foreign keys are on). */
export const LOAD_ORDER = [
  'sources', 'events', 'persons', 'person_names', 'person_roles', 'person_name_tokens', 'person_match_keys', 'person_match_state', 'detentions', 'custody_steps',
  'citations', 'record_history',
];

export function emptyTableRows(): TableRows {
  return new Map(LOAD_ORDER.map((t) => [t, []]));
}

function push(rows: TableRows, table: string, row: Row): void {
  const list = rows.get(table);
  if (!list) throw new Error(`table ${table} is not in LOAD_ORDER`);
  list.push(snakeRow(row));
}

/** Adds one created record (and everything written beside it) to `rows`. */
export function encodeRecord(rows: TableRows, entity: EntityName, record: StoredRecord, cipher: FieldCipher): void {
  const spec = TABLES[entity];
  push(rows, spec.table, toRow(spec, record, cipher));
  for (const child of spec.children ?? []) for (const row of childRows(child, record, cipher)) push(rows, child.table, row);
  if (entity === 'person') {
    for (const token of personTokens(record, cipher)) push(rows, 'person_name_tokens', { token, personId: record.id });
    // The blinded blocking keys merge review looks people up by (what the import's matching stores).
    const keys = personKeys({ names: record.names as { value: string }[], birthYear: record.birthYear as number | null, roles: record.roles as { eventId: string | null }[] }).blocking;
    for (const key of new Set(keys.map((k) => cipher.blind(`b:${k}`)))) push(rows, 'person_match_keys', { key, personId: record.id });
    push(rows, 'person_match_state', { personId: record.id, version: record.version, keyId: cipher.currentKeyId });
  }
  const sourceIds = (record.sourceIds as string[] | null | undefined) ?? [];
  [...new Set(sourceIds)].forEach((sourceId, position) => push(rows, 'citations', { id: `${record.id}:${position}`, entity, recordId: record.id, sourceId, position }));
  push(rows, 'record_history', {
    id: `${record.id}:1`, entity, recordId: record.id, version: 1, action: 'create', actor: record.createdBy, at: record.createdAt,
    changes: cipher.encrypt(JSON.stringify(createChanges(record))),
    snapshot: cipher.encrypt(JSON.stringify(record)),
  });
}

export function countRows(rows: TableRows): number {
  let n = 0;
  for (const list of rows.values()) n += list.length;
  return n;
}
