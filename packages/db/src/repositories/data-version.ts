import { sql } from 'kysely';
import { type Db } from '../connect.js';

/**
 * A counter of committed record writes, one row in `data_version`: moved in the transaction of
 * every record insert or update (and of a whole-database import), so any process can tell in one
 * indexed read whether records changed since it last looked. The statistics cache keys on it.
 */
export async function bumpDataVersion(db: Db): Promise<void> {
  await db.updateTable('data_version').set({ n: sql`n + 1` }).where('id', '=', 1).execute();
}

export async function readDataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('data_version').select('n').where('id', '=', 1).executeTakeFirst();
  return Number(row?.n ?? 0);
}
