import {
  type AuditEntry, type AuditEntryInput, type AuditHead, type AuditListFilter, type AuditListPage, type AuditVerification, type AuditVerifyOptions,
} from './audit.schema.js';

/**
 * The append-only, hash-chained audit log. `append` writes in the caller's transaction when
 * called on transaction-bound repositories (`repos.transaction(async (tx) => tx.audit.append(…))`),
 * so the entry lands if and only if the audited change does. Appends are serialised: two
 * concurrent appends never fork the chain.
 */
export interface AuditStore {
  /** Validates, numbers, hashes, seals and writes one entry; VALIDATION_FAILED for bad input. */
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Several entries, chained in the order given, written together (a batch of record writes); all or none. */
  appendMany(entries: AuditEntryInput[]): Promise<AuditEntry[]>;
  list(filter: AuditListFilter): Promise<AuditListPage>;
  /** Walks the whole chain (in one read snapshot) and names the first altered, deleted or reordered entry. */
  verify(options?: AuditVerifyOptions): Promise<AuditVerification>;
  head(): Promise<AuditHead | null>;
}
