import { validationError } from '../errors.js';
import { zodProblems } from '../records/validate.js';
import {
  AuditEntryInput, type AuditHead, type AuditProblem, type AuditVerification, type AuditVerifyOptions,
} from './audit.schema.js';

/** `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
const DOMAIN = 'vigil-audit/1';
const MAX_DETAILS = 64 * 1024;

/**
 * The cryptography the chain needs, injected so core stays free of I/O and key handling:
 * `digest` is SHA-256 (hex); `seal` is an HMAC-SHA-256 of an entry's hash with a key derived
 * from the master key `keyId`, or null when that key is not in the keyring.
 */
export interface AuditSealer {
  readonly currentKeyId: string;
  digest(text: string): string;
  seal(keyId: string, hash: string): string | null;
}

/** An entry as stored: the fields the hash covers, plus the hash, the seal and its key. */
export interface StoredAuditRow {
  seq: number;
  at: string;
  actor: string;
  actorName: string | null;
  address: string | null;
  action: string;
  entity: string | null;
  recordId: string | null;
  /** Canonical JSON text of the clear details. */
  details: string;
  /** Ciphertext of the protected details (hashed as stored, so verifying needs no decryption). */
  protectedDetails: string | null;
  prevHash: string;
  hash: string;
  keyId: string;
  seal: string;
}

export type UnsealedAuditRow = Omit<StoredAuditRow, 'hash' | 'keyId' | 'seal'>;

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

/**
 * The exact text an entry's hash is computed over: a JSON array of every field in a fixed
 * order, including the sequence number and the previous hash, under a domain tag.
 */
export function canonicalEntry(row: UnsealedAuditRow): string {
  return JSON.stringify([
    DOMAIN, row.seq, row.at, row.actor, row.actorName, row.address, row.action,
    row.entity, row.recordId, row.details, row.protectedDetails, row.prevHash,
  ]);
}

/** Hashes and seals the next entry of the chain. */
export function sealEntry(sealer: AuditSealer, row: UnsealedAuditRow): StoredAuditRow {
  const hash = sealer.digest(canonicalEntry(row));
  const seal = sealer.seal(sealer.currentKeyId, hash);
  if (seal === null) throw new Error(`the current key ${sealer.currentKeyId} cannot seal audit entries`);
  return { ...row, hash, keyId: sealer.currentKeyId, seal };
}

// Field names whose values are protected identities; details must carry ids, not these.
const PROTECTED_KEY = /^(names?|real_?names?|full_?names?|first_?names?|last_?names?|surnames?|contacts?|phones?|phone_?numbers?|emails?|address(es)?|id_?numbers?|passports?|iin)$/i;

function protectedKeys(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => protectedKeys(v, `${path}.${i}`));
  return Object.entries(value).flatMap(([k, v]) => [...(PROTECTED_KEY.test(k) ? [`${path}.${k}`] : []), ...protectedKeys(v, `${path}.${k}`)]);
}

export interface PreparedAuditEntry {
  at: string;
  actor: string;
  actorName: string | null;
  address: string | null;
  action: string;
  entity: string | null;
  recordId: string | null;
  /** Canonical JSON text. */
  details: string;
  /** Canonical JSON text to encrypt, or null. */
  protectedDetails: string | null;
}

/**
 * Validates an entry before it is written: VALIDATION_FAILED naming the field for bad input,
 * including details whose keys look like protected identities (put those in `protectedDetails`).
 */
export function prepareAuditEntry(raw: unknown, now: () => string): PreparedAuditEntry {
  const parsed = AuditEntryInput.safeParse(raw ?? {});
  if (!parsed.success) throw validationError(zodProblems(parsed.error, 'audit'));
  const input = parsed.data;
  const leaks = protectedKeys(input.details ?? {}, 'audit.details');
  if (leaks.length > 0) throw validationError(leaks.map((path) => ({ path, problem: 'looks like a protected identity; audit details hold ids only (use protectedDetails, which is encrypted)' })));
  const details = canonicalJson(input.details ?? {});
  const protectedDetails = input.protectedDetails ? canonicalJson(input.protectedDetails) : null;
  for (const [path, text] of [['audit.details', details], ['audit.protectedDetails', protectedDetails ?? '']] as const) {
    if (text.length > MAX_DETAILS) throw validationError([{ path, problem: `is larger than ${MAX_DETAILS} characters as JSON` }]);
  }
  return {
    at: new Date(input.at ?? now()).toISOString(),
    actor: input.actor,
    actorName: input.actorName ?? null,
    address: input.address ?? null,
    action: input.action,
    entity: input.entity ?? null,
    recordId: input.recordId ?? null,
    details,
    protectedDetails,
  };
}

/**
 * Walks the log in sequence order and names what is wrong. Each row is checked on its own
 * (content against hash, link to the row before, keyed seal), so one altered row is reported
 * once and the rows after it are still checked.
 *
 * A seal whose key is no longer in the keyring (retired after a rotation) cannot be checked;
 * a later valid seal still vouches for it, because every hash covers all entries before it.
 */
export class AuditChainVerifier {
  private readonly problems: AuditProblem[] = [];
  private entries = 0;
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private last: AuditHead | null = null;
  private unvouchedFrom: number | null = null;
  private unvouchedKeys = new Set<string>();
  private vouched = 0;
  private pendingUnvouched = 0;
  private anchorSeen = false;

  constructor(
    private readonly sealer: AuditSealer,
    private readonly options: AuditVerifyOptions = {},
    private readonly maxProblems = 50,
  ) {}

  /** Checks the next row (rows must come in ascending `seq`). */
  add(row: StoredAuditRow): void {
    this.entries++;
    if (row.seq > this.expectedSeq) {
      const gap = row.seq - this.expectedSeq;
      this.report(this.expectedSeq, 'missing', gap === 1
        ? `entry #${this.expectedSeq} is missing: it was deleted`
        : `entries #${this.expectedSeq}–#${row.seq - 1} are missing: they were deleted`);
    }
    const contentOk = this.sealer.digest(canonicalEntry(row)) === row.hash;
    const linked = row.prevHash === this.prevHash;
    if (!contentOk && !linked && row.seq === this.expectedSeq) {
      this.report(row.seq, 'reordered', `entry #${row.seq} is not the entry written at #${row.seq}: entries were moved or their sequence numbers swapped`);
    } else if (!contentOk) {
      this.report(row.seq, 'altered', `entry #${row.seq} was altered: its content no longer matches its hash`);
    } else if (!linked && row.seq === this.expectedSeq) {
      this.report(row.seq, 'unlinked', `entry #${row.seq} does not follow entry #${row.seq - 1}: an entry before it was removed or replaced`);
    }
    if (contentOk) this.checkSeal(row);
    if (this.options.anchor && row.seq === this.options.anchor.seq) {
      this.anchorSeen = true;
      if (row.hash !== this.options.anchor.hash) this.report(row.seq, 'altered', `entry #${row.seq} does not have the anchored hash ${this.options.anchor.hash}: the log was rewritten since the anchor was taken`);
    }
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
    this.last = { seq: row.seq, hash: row.hash };
  }

  private checkSeal(row: StoredAuditRow): void {
    const expected = this.sealer.seal(row.keyId, row.hash);
    if (expected === null) {
      this.unvouchedFrom ??= row.seq;
      this.unvouchedKeys.add(row.keyId);
      this.pendingUnvouched++;
      return;
    }
    if (expected !== row.seal) {
      this.report(row.seq, 'forged', `entry #${row.seq} has a valid hash but a wrong seal: the chain was recomputed without the key (or this is not the master key it was sealed with)`);
      return;
    }
    this.vouched += this.pendingUnvouched;
    this.pendingUnvouched = 0;
    this.unvouchedFrom = null;
    this.unvouchedKeys.clear();
  }

  /** The result; `head` is the stored head row, which must agree with the last entry. */
  finish(head: AuditHead | null): AuditVerification {
    if (this.unvouchedFrom !== null) {
      this.report(this.unvouchedFrom, 'unverifiable', `entries from #${this.unvouchedFrom} are sealed with key(s) ${[...this.unvouchedKeys].join(', ')}, which are not in the keyring: restore the key to verify them`);
    }
    const last = this.last;
    if (head && (!last || head.seq > last.seq)) {
      this.report((last?.seq ?? 0) + 1, 'truncated', `the log ends at #${last?.seq ?? 0} but its head records #${head.seq}: the last entries were deleted`);
    } else if (head && last && (head.seq !== last.seq || head.hash !== last.hash)) {
      this.report(Math.min(head.seq, last.seq), 'head', `the head records #${head.seq} ${head.hash.slice(0, 12)}… but the last entry is #${last.seq} ${last.hash.slice(0, 12)}…`);
    } else if (!head && last) {
      this.report(last.seq, 'head', 'the head row is missing although the log holds entries');
    }
    const anchor = this.options.anchor;
    if (anchor && !this.anchorSeen) {
      this.report(anchor.seq, 'truncated', `the anchored entry #${anchor.seq} is not in the log (it ends at #${last?.seq ?? 0}): entries were deleted`);
    }
    const problems = [...this.problems].sort((a, b) => a.seq - b.seq);
    return { ok: problems.length === 0, entries: this.entries, head: last, sealsVouched: this.vouched, problems, firstProblem: problems[0] ?? null };
  }

  private report(seq: number, kind: AuditProblem['kind'], message: string): void {
    if (this.problems.length < this.maxProblems) this.problems.push({ seq, kind, message });
  }
}
