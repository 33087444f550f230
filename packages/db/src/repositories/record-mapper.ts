import { newId, type StoredRecord } from '@vigil/core';
import { type FieldCipher } from '../crypto/field-cipher.js';
import { type ChildSpec, type TableSpec } from './table-specs.js';

export const META_COLUMNS = ['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'deletedBy', 'confidentiality'];

type Row = Record<string, unknown>;

interface ColumnKinds {
  json?: string[] | undefined;
  booleans?: string[] | undefined;
  encrypted?: string[] | undefined;
}

function encode(key: string, value: unknown, kinds: ColumnKinds, cipher: FieldCipher): unknown {
  if (kinds.json?.includes(key)) return JSON.stringify(value ?? []);
  if (kinds.booleans?.includes(key)) return value ? 1 : 0;
  if (kinds.encrypted?.includes(key) && typeof value === 'string') return cipher.encrypt(value);
  return value ?? null;
}

function decode(key: string, value: unknown, kinds: ColumnKinds, cipher: FieldCipher): unknown {
  if (kinds.json?.includes(key)) return typeof value === 'string' ? JSON.parse(value) : value;
  if (kinds.booleans?.includes(key)) return value === 1 || value === true;
  if (kinds.encrypted?.includes(key) && typeof value === 'string') return cipher.decrypt(value);
  return value ?? null;
}

/** The main-table row of a record (children and citations go elsewhere). */
export function toRow(spec: TableSpec, record: StoredRecord, cipher: FieldCipher): Row {
  const row: Row = {};
  for (const key of META_COLUMNS) row[key] = record[key] ?? null;
  for (const key of spec.columns) row[key] = encode(key, record[key], spec, cipher);
  if (spec.searchText) row.searchText = spec.searchText(record);
  return row;
}

/** The rows of one child collection, in order, with fresh ids. */
export function childRows(child: ChildSpec, record: StoredRecord, cipher: FieldCipher): Row[] {
  const items = (record[child.field] as Row[] | null) ?? [];
  return items.map((item, position) => {
    const row: Row = { id: newId(), [child.parentKey]: record.id, position };
    for (const key of child.columns) row[key] = encode(key, item[key], child, cipher);
    return row;
  });
}

/** Rebuilds a record from its row, its children's rows and its cited source ids. */
export function fromRow(spec: TableSpec, row: Row, children: Record<string, Row[]>, sourceIds: string[], cipher: FieldCipher): StoredRecord {
  const record: Row = {};
  for (const key of META_COLUMNS) record[key] = row[key] ?? null;
  for (const key of spec.columns) record[key] = decode(key, row[key], spec, cipher);
  for (const child of spec.children ?? []) {
    record[child.field] = (children[child.field] ?? []).map((childRow) => {
      const item: Row = {};
      for (const key of child.columns) item[key] = decode(key, childRow[key], child, cipher);
      return item;
    });
  }
  if (spec.entity !== 'source') record.sourceIds = sourceIds;
  return record as StoredRecord;
}
