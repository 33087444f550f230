import { nameTokens } from '@vigil/core';
import { type Connection, type Db } from '../connect.js';
import { TABLES } from '../repositories/table-specs.js';
import { FINDING_SEALED_COLUMNS } from '../findings/finding.store.js';
import { resealImportTables } from '../import/rotate.js';
import { withTransaction } from '../repositories/write.js';
import { blindPrefixes, FieldCipher } from './field-cipher.js';
import { addKeyToFile, loadKeyring, retireOldKeys } from './keyring.js';

const PAGE = 1000;

/** Every (table, key column, encrypted columns) that holds sealed values. */
function sealedColumns(): { table: string; key: string; columns: string[] }[] {
  const list: { table: string; key: string; columns: string[] }[] = [];
  for (const spec of Object.values(TABLES)) {
    if (spec.encrypted?.length) list.push({ table: spec.table, key: 'id', columns: spec.encrypted });
    for (const child of spec.children ?? []) if (child.encrypted?.length) list.push({ table: child.table, key: 'id', columns: child.encrypted });
  }
  list.push({ table: 'record_history', key: 'id', columns: ['changes', 'snapshot'] });
  list.push({ table: 'users', key: 'id', columns: ['totpSecret'] });
  list.push(...FINDING_SEALED_COLUMNS);
  return list;
}

async function reseal(db: Db, cipher: FieldCipher, table: string, key: string, columns: string[]): Promise<number> {
  let after = '';
  let changed = 0;
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
    if (rows.length < PAGE) return changed;
    after = String(rows[rows.length - 1]?.[key]);
  }
}

/** Blind indexes depend on the current key: rebuild every person's name tokens. */
async function rebuildNameTokens(db: Db, cipher: FieldCipher): Promise<void> {
  await db.deleteFrom('person_name_tokens').execute();
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('person_names').select(['id', 'personId', 'value']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    const tokens = new Map<string, { token: string; personId: string }>();
    for (const row of rows) {
      for (const word of nameTokens(cipher.decrypt(String(row.value)))) {
        for (const token of blindPrefixes(cipher, word)) tokens.set(`${token}/${String(row.personId)}`, { token, personId: String(row.personId) });
      }
    }
    // A person's names may straddle two pages: the same token twice is not an error.
    const list = [...tokens.values()];
    for (let i = 0; i < list.length; i += 500) {
      await db.insertInto('person_name_tokens').values(list.slice(i, i + 500)).onConflict((oc) => oc.columns(['token', 'personId']).doNothing()).execute();
    }
    if (rows.length < PAGE) return;
    after = String(rows[rows.length - 1]?.id);
  }
}

export interface RotationResult {
  newKeyId: string;
  resealedRows: number;
  retiredKeys: string[];
}

/**
 * Key rotation: a new key goes to the top of the key file, every sealed value is re-encrypted
 * with it and the blind indexes rebuilt in one transaction, then the old keys are retired.
 */
export async function rotateKeys(connection: Connection): Promise<RotationResult> {
  const file = connection.keys.file;
  if (!file) throw new Error('Keys come from VIGIL_KEY: put a new key first in that variable (id:base64), restart, then run rotation to re-encrypt');
  const newKeyId = addKeyToFile(file);
  const cipher = new FieldCipher(loadKeyring(connection.config.dataDir, { VIGIL_KEY_FILE: file }).keyring);
  let resealedRows = 0;
  await withTransaction(connection.db, async (trx) => {
    for (const { table, key, columns } of sealedColumns()) resealedRows += await reseal(trx, cipher, table, key, columns);
    await rebuildNameTokens(trx, cipher);
    await resealImportTables(trx, cipher);
  });
  // Audit entries are hash-chained over their sealed details, so they cannot be re-encrypted:
  // while any is sealed with an old key, that key stays (decrypt-only) in the key file.
  const auditSealed = await connection.db.selectFrom('audit_log').select('protectedDetails').where('protectedDetails', 'is not', null).execute();
  const stillNeeded = auditSealed.some((r) => cipher.isStale(String(r.protectedDetails)));
  return { newKeyId, resealedRows, retiredKeys: stillNeeded ? [] : retireOldKeys(file) };
}
