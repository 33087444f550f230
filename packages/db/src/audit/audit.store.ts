import {
  AuditChainVerifier, type AuditEntry, type AuditHead, type AuditListFilter, type AuditListPage, type AuditSealer, type AuditStore,
  type AuditVerification, type AuditVerifyOptions, GENESIS_HASH, prepareAuditEntry, sealEntry, type StoredAuditRow,
} from '@vigil/core';
import { sql } from 'kysely';
import { type Db } from '../connect.js';
import { type FieldCipher } from '../crypto/field-cipher.js';
import { inReadSnapshot } from './snapshot.js';

type Row = Record<string, unknown>;
const PAGE = 2000;
const HEAD_ID = 1;
/** Entries per group commit at most (a burst of reads is spread over several). */
const GROUP_COMMIT_MAX = 256;

type AppendInput = Parameters<AuditStore['append']>[0];
interface Pending {
  input: AppendInput;
  resolve: (entry: AuditEntry) => void;
  reject: (error: unknown) => void;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** A database row as the chain sees it (integers may arrive as strings from some drivers). */
function toStored(row: Row): StoredAuditRow {
  return {
    seq: Number(row.seq),
    at: String(row.at),
    actor: String(row.actor),
    actorName: text(row.actorName),
    address: text(row.address),
    action: String(row.action),
    entity: text(row.entity),
    recordId: text(row.recordId),
    details: String(row.details),
    protectedDetails: text(row.protectedDetails),
    prevHash: String(row.prevHash),
    hash: String(row.hash),
    keyId: String(row.keyId),
    seal: String(row.seal),
  };
}

/** Details as stored; text that is no longer JSON (someone edited the row) is shown as it is. */
function parseDetails(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { unparseable: text };
  }
}

/** Kysely implementation of the audit log; see AuditStore for the guarantees. */
export class KyselyAuditStore implements AuditStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly sealer: AuditSealer,
  ) {}

  async append(input: AppendInput): Promise<AuditEntry> {
    // Inside a caller's transaction (a record write) the entry lands with it.
    if (this.db.isTransaction) return this.appendOn(this.db, input);
    // On its own (an audited read) it waits for the next group commit, see flush().
    return new Promise<AuditEntry>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.flushing ??= this.flush().finally(() => {
        this.flushing = null;
      });
    });
  }

  private readonly queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  /**
   * Group commit: entries that arrive while a commit is under way are appended together, in
   * arrival order, in one transaction, so concurrent audited reads share one fsync instead of
   * queueing for one each (every read of a protected record is audited). An entry is still
   * durable before its caller goes on. If a batch fails, its entries are retried one by one, so
   * one bad entry does not fail the others.
   */
  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, GROUP_COMMIT_MAX);
      try {
        const entries = await this.db.transaction().execute(async (trx) => {
          const out: AuditEntry[] = [];
          for (const item of batch) out.push(await this.appendOn(trx, item.input));
          return out;
        });
        batch.forEach((item, i) => item.resolve(entries[i] as AuditEntry));
      } catch {
        for (const item of batch) {
          await this.db.transaction().execute((trx) => this.appendOn(trx, item.input)).then(item.resolve, item.reject);
        }
      }
    }
  }

  private async appendOn(trx: Db, input: AppendInput): Promise<AuditEntry> {
    const entry = prepareAuditEntry(input, () => new Date().toISOString());
    const protectedDetails = entry.protectedDetails === null ? null : this.cipher.encrypt(entry.protectedDetails);
    const head = await this.advanceHead(trx);
    const row = sealEntry(this.sealer, { ...entry, protectedDetails, seq: head.seq, prevHash: head.hash });
    await trx.insertInto('audit_log').values({ ...row }).execute();
    await trx.updateTable('audit_head').set({ hash: row.hash }).where('id', '=', HEAD_ID).execute();
    return this.present(row, false);
  }

  /**
   * Takes the next sequence number and the previous hash. The UPDATE comes first so it takes
   * the head row's write lock: on PostgreSQL a concurrent append waits here until this
   * transaction ends, then re-reads the committed head (READ COMMITTED); SQLite serialises
   * writers anyway. Both engines support UPDATE … RETURNING, so there is no dialect branch.
   */
  private async advanceHead(trx: Db): Promise<AuditHead> {
    const bump = () => trx.updateTable('audit_head').set({ seq: sql`seq + 1` }).where('id', '=', HEAD_ID).returning(['seq', 'hash']).executeTakeFirst();
    let head = await bump();
    if (!head) {
      // First append ever (or after an import without a head): start from the last entry.
      const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      await trx.insertInto('audit_head').values({ id: HEAD_ID, seq: last ? Number(last.seq) : 0, hash: last ? String(last.hash) : GENESIS_HASH })
        .onConflict((oc) => oc.column('id').doNothing()).execute();
      head = await bump();
    }
    if (!head) throw new Error('audit head row could not be created');
    return { seq: Number(head.seq), hash: String(head.hash) };
  }

  async list(filter: AuditListFilter): Promise<AuditListPage> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
    if (filter.recordId !== undefined) query = query.where('recordId', '=', filter.recordId);
    if (filter.from !== undefined) query = query.where('at', '>=', new Date(filter.from).toISOString());
    if (filter.to !== undefined) query = query.where('at', '<', new Date(filter.to).toISOString());
    if (filter.after !== undefined) query = query.where('seq', filter.order === 'desc' ? '<' : '>', filter.after);
    const rows = await query.orderBy('seq', filter.order).limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit).map(toStored);
    const last = page[page.length - 1];
    return { items: page.map((r) => this.present(r, filter.reveal)), nextCursor: rows.length > filter.limit && last ? last.seq : null };
  }

  async verify(options: AuditVerifyOptions = {}): Promise<AuditVerification> {
    return inReadSnapshot(this.db, async (trx) => {
      const verifier = new AuditChainVerifier(this.sealer, options);
      let after = 0;
      for (;;) {
        const rows = await trx.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq', 'asc').limit(PAGE).execute();
        for (const row of rows) verifier.add(toStored(row));
        if (rows.length < PAGE) break;
        after = Number(rows[rows.length - 1]?.seq);
      }
      return verifier.finish(await this.headOn(trx));
    });
  }

  head(): Promise<AuditHead | null> {
    return this.headOn(this.db);
  }

  private async headOn(db: Db): Promise<AuditHead | null> {
    const row = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', HEAD_ID).executeTakeFirst();
    return row ? { seq: Number(row.seq), hash: String(row.hash) } : null;
  }

  /** Protected details in clear; a value sealed with a retired key is reported, not thrown, so the list still shows. */
  private reveal(sealed: string): Record<string, unknown> {
    try {
      return JSON.parse(this.cipher.decrypt(sealed)) as Record<string, unknown>;
    } catch (e) {
      return { unreadable: e instanceof Error ? e.message : String(e) };
    }
  }

  private present(row: StoredAuditRow, reveal: boolean): AuditEntry {
    return {
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      actorName: row.actorName,
      address: row.address,
      action: row.action,
      entity: row.entity,
      recordId: row.recordId,
      details: parseDetails(row.details),
      protectedDetails: reveal && row.protectedDetails !== null ? this.reveal(row.protectedDetails) : null,
      hasProtectedDetails: row.protectedDetails !== null,
      prevHash: row.prevHash,
      hash: row.hash,
    };
  }
}
