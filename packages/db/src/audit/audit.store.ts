import {
  AuditChainVerifier, type AuditEntry, type AuditHead, type AuditListFilter, type AuditListPage, type AuditSealer, type AuditStore,
  type AuditVerification, type AuditVerifyOptions, GENESIS_HASH, type PreparedAuditEntry, prepareAuditEntry, sealEntry, type StoredAuditRow,
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
/** Rows per INSERT: 14 columns each, well under SQLite's and PostgreSQL's limits on bound values. */
const INSERT_CHUNK = 64;

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

  async appendMany(inputs: AppendInput[]): Promise<AuditEntry[]> {
    if (inputs.length === 0) return [];
    const entries = inputs.map((input) => this.prepare(input));
    if (this.db.isTransaction) return this.appendPrepared(this.db, entries);
    return this.db.transaction().execute((trx) => this.appendPrepared(trx, entries));
  }

  private readonly queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  /**
   * Group commit: entries that arrive while a commit is under way, or while the requests being
   * handled now reach their audit step, are appended together, in arrival order, in one
   * transaction, so concurrent audited reads share one fsync instead of queueing for one each
   * (every read of a protected record is audited). An entry is still durable before its caller
   * goes on. An entry that fails validation fails alone, before any write; if a batch's write
   * fails, its entries are retried one by one, so one bad entry does not fail the others.
   */
  private async flush(): Promise<void> {
    // SQLite's driver is synchronous: requests being handled now run to their audit step within
    // this turn of the event loop. Starting the commit on the next turn lets them join it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch: (Pending & { entry: PreparedAuditEntry })[] = [];
      for (const item of this.queue.splice(0, GROUP_COMMIT_MAX)) {
        try {
          batch.push({ ...item, entry: this.prepare(item.input) });
        } catch (error) {
          item.reject(error);
        }
      }
      if (batch.length === 0) continue;
      try {
        const entries = await this.db.transaction().execute((trx) => this.appendPrepared(trx, batch.map((item) => item.entry)));
        batch.forEach((item, i) => item.resolve(entries[i] as AuditEntry));
      } catch {
        for (const item of batch) {
          await this.db.transaction().execute(async (trx) => (await this.appendPrepared(trx, [item.entry]))[0] as AuditEntry).then(item.resolve, item.reject);
        }
      }
    }
  }

  /** Validates an entry and encrypts its protected details (no database work). */
  private prepare(input: AppendInput): PreparedAuditEntry {
    const entry = prepareAuditEntry(input, () => new Date().toISOString());
    return { ...entry, protectedDetails: entry.protectedDetails === null ? null : this.cipher.encrypt(entry.protectedDetails) };
  }

  private async appendOn(trx: Db, input: AppendInput): Promise<AuditEntry> {
    return (await this.appendPrepared(trx, [this.prepare(input)]))[0] as AuditEntry;
  }

  /**
   * Chains prepared entries onto the head in order: the head moves once for all of them, the
   * rows go in with one INSERT per chunk, and the head's hash is set to the last one — three
   * statements for a group instead of three per entry.
   */
  private async appendPrepared(trx: Db, entries: PreparedAuditEntry[]): Promise<AuditEntry[]> {
    const head = await this.advanceHead(trx, entries.length);
    const rows: StoredAuditRow[] = [];
    let prevHash = head.hash;
    let seq = head.seq - entries.length;
    for (const entry of entries) {
      const row = sealEntry(this.sealer, { ...entry, seq: ++seq, prevHash });
      rows.push(row);
      prevHash = row.hash;
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('audit_log').values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r }))).execute();
    await trx.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', HEAD_ID).execute();
    return rows.map((r) => this.present(r, false));
  }

  /**
   * Takes `count` sequence numbers: returns the last of them and the hash before the first (the
   * head's hash is set once the entries are written). The UPDATE comes first so it takes
   * the head row's write lock: on PostgreSQL a concurrent append waits here until this
   * transaction ends, then re-reads the committed head (READ COMMITTED); SQLite serialises
   * writers anyway. Both engines support UPDATE … RETURNING, so there is no dialect branch.
   */
  private async advanceHead(trx: Db, count: number): Promise<AuditHead> {
    const bump = () => trx.updateTable('audit_head').set({ seq: sql`seq + ${count}` }).where('id', '=', HEAD_ID).returning(['seq', 'hash']).executeTakeFirst();
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
