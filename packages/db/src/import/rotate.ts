import { type Db } from '../connect.js';
import { type FieldCipher } from '../crypto/field-cipher.js';

const PAGE = 500;

/** Sealed columns of the import and merge tables (key column, columns). */
export const IMPORT_SEALED_COLUMNS: { table: string; key: string; columns: string[] }[] = [
  { table: 'import_runs', key: 'id', columns: ['fileName', 'problems'] },
  { table: 'merge_candidates', key: 'id', columns: ['reasons', 'note', 'snapshot'] },
  { table: 'merge_decisions', key: 'id', columns: ['note'] },
];

/**
 * Key rotation for the import and merge tables: re-encrypts their sealed values with the current
 * key, re-blinds the row source keys from their sealed digests, and drops the person match keys
 * (rebuilt with the new blind key by the next matching). Call it inside the rotation transaction,
 * while the old key is still in the keyring: `await resealImportTables(trx, cipher)` in
 * packages/db/src/crypto/rotate.ts, next to rebuildNameTokens.
 */
export async function resealImportTables(db: Db, cipher: FieldCipher): Promise<number> {
  let changed = 0;
  for (const { table, key, columns } of IMPORT_SEALED_COLUMNS) {
    let after = '';
    for (;;) {
      const rows = await db.selectFrom(table).select([key, ...columns]).where(key, '>', after).orderBy(key).limit(PAGE).execute();
      for (const row of rows) {
        const set: Record<string, unknown> = {};
        for (const column of columns) {
          const value = row[column];
          if (typeof value === 'string' && cipher.isStale(value)) set[column] = cipher.encrypt(cipher.decrypt(value));
        }
        if (Object.keys(set).length) {
          await db.updateTable(table).set(set).where(key, '=', row[key]).execute();
          changed++;
        }
      }
      if (rows.length < PAGE) break;
      after = String(rows[rows.length - 1]?.[key]);
    }
  }
  // Row keys: re-blind from the sealed digests (the stored key itself cannot be re-keyed).
  for (;;) {
    const rows = await db.selectFrom('import_row_keys').select(['key', 'sealed']).where('keyId', '<>', cipher.currentKeyId).limit(PAGE).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const [digest, content] = JSON.parse(cipher.decrypt(String(row.sealed))) as [string, string];
      await db.updateTable('import_row_keys')
        .set({ key: cipher.blind(`k:${digest}`), contentHash: cipher.blind(`c:${content}`), sealed: cipher.encrypt(JSON.stringify([digest, content])), keyId: cipher.currentKeyId })
        .where('key', '=', row.key).execute();
      changed++;
    }
  }
  await db.deleteFrom('person_match_keys').execute();
  await db.deleteFrom('person_match_state').execute();
  return changed;
}
