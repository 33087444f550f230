import { type CustodyStore, type RecordStore, type StoredRecord } from '@vigil/core';
import { type Db } from '../connect.js';
import { type DialectHelpers } from '../dialect.js';

const OPEN = ['held', 'unknown'];

/** Who is in custody or unaccounted for now: an indexed range on (custody state, last activity). */
export class KyselyCustodyStore implements CustodyStore {
  constructor(
    private readonly db: Db,
    private readonly records: RecordStore,
    private readonly dialect: DialectHelpers,
  ) {}

  async open(limit: number, since: string): Promise<StoredRecord[]> {
    const rows = await this.db
      .selectFrom('detentions')
      .select('id')
      .where('custodyState', 'in', OPEN)
      .where('lastActivityAt', '>=', since)
      .where('deletedAt', 'is', null)
      .orderBy('lastActivityAt', 'desc')
      .limit(limit)
      .execute();
    return this.records.getMany('detention', rows.map((r) => String(r.id)));
  }

  async countStale(since: string): Promise<number> {
    const row = await this.db
      .selectFrom('detentions')
      .select(this.dialect.countAll().as('n'))
      .where('custodyState', 'in', OPEN)
      .where('lastActivityAt', '<', since)
      .where('deletedAt', 'is', null)
      .executeTakeFirstOrThrow();
    return this.dialect.toNumber(row.n);
  }
}
